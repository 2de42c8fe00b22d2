"""The headless commands: ``closeout terminal|close|history|resolve|report|settings``. No Qt here.

Exit codes: 0 every selected terminal closed or skipped; 1 any failed and none in doubt;
3 any in doubt; 2 bad usage, bad configuration or no credential store (nothing sent);
130 interrupted (Ctrl+C) at a prompt or before anything was sent.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import signal
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from app import __version__
from app.core import home as home_mod
from app.core import logs
from app.core import i18n as core_i18n
from app.core.i18n import _ as _t  # the CLI's words in the system locale's language (catalogs: resources/locale)
from app.core.i18n import ngettext
from app.core import settings as settings_mod
from app.core.days import business_day, day_start
from app.core.history import History, HistoryError
from app.core.home import HomeError
from app.core.outcomes import EXIT_FAILED, EXIT_OK, EXIT_USAGE, outcome_word
from app.core.secrets import KeyringStore, SecretStore, SecretStoreError
from app.core.states import CloseStatus, Step
from app.core.terminal import Terminal
from app.core.text import CleanStream
from app.core.validation import ValidationError

# The providers, the engine and its HTTP client, and the chain are imported by the commands that use
# them, so that reading the history ('closeout history', 'report') starts without them.
if TYPE_CHECKING:
    from app.core import chain, providers
    from app.core.credentials import CredentialCheck
    from app.core.engine import CloseEngine, CloseEvent, Outcome, RetryPolicy
    from app.core.workspace import Workspace

log = logging.getLogger(__name__)

EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl+C
PROGRESS_EVERY = 0.1  # seconds: progress lines of a close run are written together at most this often

EPILOG = """\
exit codes:
  0    every selected terminal closed or was skipped (or the command did what it says)
  1    a close failed (none in doubt), or a file could not be written
  2    bad usage or configuration, no OS credential store, or the PC clock looks wrong:
       nothing was sent for the terminals concerned
  3    a close is in doubt: it may have gone through; run 'closeout resolve'
  130  interrupted with Ctrl+C before anything was sent

environment:
  CLOSEOUT_HOME  the folder for Closeout's terminals, history, settings and logs
                 (default: the user's data folder, e.g. ~/.local/share/Closeout)

without a command, 'closeout' opens the window; 'closeout --demo' opens it on the
built-in simulator (throwaway folder, no real terminals, money or passwords)."""


class UsageError(Exception):
    """Bad usage or configuration: exit 2, nothing sent."""


# -- parser ---------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """Every command's help ends with the exit codes, CLOSEOUT_HOME and --demo."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("epilog", EPILOG)
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


# Commands whose parsing needs no provider's flags (everything but 'terminal', --help and a mistyped command).
WITHOUT_PROVIDER_FLAGS = {"close", "history", "resolve", "settle", "report", "self-test", "settings", "chain"}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (``command`` given) enough of it to parse that command."""
    parser = _Parser(
        prog="closeout",
        description="Close the day's card-terminal batches. Without a command, opens the window.",
    )
    parser.add_argument(
        "--version", action="version", version=f"Closeout {__version__}", help="print Closeout's version and exit"
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the window on the built-in simulator (nothing real is touched)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    if command not in WITHOUT_PROVIDER_FLAGS:  # the providers' flags: their modules load only when needed
        _terminal_parser(sub)
    close = sub.add_parser("close", help="close batches", description="Close the batches of some or all terminals.")
    which = close.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every configured terminal")
    which.add_argument("names", nargs="*", default=[], metavar="NAME", help="the terminals to close, by name")
    close.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    close.add_argument("--force", action="store_true", help="close even terminals already closed this business day")
    close.add_argument(
        "--unnumbered",
        action="store_true",
        help="for terminals whose closes name a batch number (a provider with numbered batches) when Closeout "
        "does not know the open one yet: close whatever batch is open, once; such a close is never retried "
        "automatically",
    )
    close.add_argument("--json", action="store_true", help="print one JSON array on stdout")
    close.add_argument("--concurrency", type=_positive_int, default=8, help="closes in parallel (default 8)")
    close.add_argument("--timeout", type=_positive_float, default=100.0, help="seconds per request (default 100)")
    _retry_options(close)

    hist = sub.add_parser(
        "history", help="show past closes, newest first", description="Show past closes, newest first."
    )
    hist.add_argument("--since", type=_date, help="only closes from this business day on (YYYY-MM-DD)")
    hist.add_argument("--terminal", metavar="NAME", help="only this terminal's closes (also a removed one's)")
    fmt = hist.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print one JSON array")
    fmt.add_argument("--csv", action="store_true", help="print CSV, one row per close")

    res = sub.add_parser(
        "resolve",
        help="re-send closes in doubt with their original id",
        description="Re-send closes in doubt with their original id: they cannot close twice.",
    )
    res.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    res.add_argument("--json", action="store_true", help="print one JSON array on stdout")
    res.add_argument("--timeout", type=_positive_float, default=100.0, help="seconds per request (default 100)")
    _retry_options(res)

    st = sub.add_parser(
        "settle",
        help="mark a close in doubt as closed or not closed, after checking with the "
        "provider (who and when are recorded)",
    )
    st.add_argument("close_id", type=int, metavar="CLOSE_ID", help="the close's number, as 'closeout history' shows")
    verdict = st.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--closed", action="store_true", help="the provider shows this batch as closed")
    verdict.add_argument("--not-closed", action="store_true", help="the provider shows this batch still open")
    st.add_argument("--note", default="", help="what you checked, e.g. 'Saferpay Backoffice, batch of 21:03'")
    st.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    rep = sub.add_parser(
        "report",
        help="write a day's closing report as PDF and/or CSV",
        description="Write a day's closing report as PDF and/or CSV.",
    )
    rep.add_argument(
        "--date",
        type=_date,
        help="YYYY-MM-DD, the business day (default: the current one: at 01:00 still the evening before)",
    )
    rep.add_argument("--pdf", metavar="FILE", help="write the report as an A4 PDF (replaces FILE)")
    rep.add_argument("--csv", metavar="FILE", help="write the report as CSV, one row per terminal (replaces FILE)")

    sub.add_parser(
        "self-test",
        help="close the demo terminals offscreen and check the results",
        description="Close the demo terminals offscreen through the real window and engine, and check "
        "every outcome (exit 0 only if all hold).",
    )

    st = sub.add_parser(
        "settings",
        help="show or change the shop's settings",
        description="Show or change the shop's settings (the window's Settings dialog).",
    )
    ssub = st.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    show = ssub.add_parser(
        "show",
        help="print every setting and what it means",
        description="Print every setting, its value and what it means.",
    )
    show.add_argument("--json", action="store_true", help="print one JSON object")
    keys = "\n".join(f"  {k:20} {d}" for k, d in settings_mod.DESCRIPTIONS.items())
    put = ssub.add_parser(
        "set", help="change one setting", description="Change one setting.", epilog=f"settings:\n{keys}\n\n{EPILOG}"
    )
    put.add_argument("key", metavar="KEY", help="the setting's name (listed below)")
    put.add_argument("value", metavar="VALUE", help="its new value; '' empties a text setting")
    _chain_parser(sub)
    return parser


def _terminal_parser(sub) -> None:
    from app.core import providers

    term = sub.add_parser(
        "terminal", help="add, list or remove terminals", description="Add, list or remove terminals."
    )
    tsub = term.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    add = tsub.add_parser(
        "add", help="add a terminal", description="Add a terminal; its secret goes to the OS credential store."
    )
    psub = add.add_subparsers(dest="provider", metavar="PROVIDER", required=True, parser_class=_Parser)

    for provider in providers.PROVIDERS.values():
        _add_parser_from_fields(psub, provider)

    ls = tsub.add_parser("list", help="list terminals", description="List the terminals and their last close.")
    ls.add_argument("--json", action="store_true", help="print one JSON array (settings, never secrets)")
    rm = tsub.add_parser(
        "remove",
        help="remove a terminal and its stored secret",
        description="Remove a terminal and its stored secret; its past closes stay in the history.",
    )
    rm.add_argument("name", help="the terminal's name, as 'closeout terminal list' shows it")
    rm.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    _edit_parser(tsub)


def _chain_parser(sub) -> None:
    chain = sub.add_parser(
        "chain",
        help="connect this PC to a chain's PostgreSQL, or see every shop's closes",
        description="Chains: every shop's closes in one PostgreSQL, and two PCs never close the "
        "same terminal (README: Chains).",
    )
    csub = chain.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    con = csub.add_parser(
        "connect",
        help="connect this PC to the chain (creates or migrates the chain schema)",
        description="Connect this PC to the chain's PostgreSQL: the password goes to the OS "
        "credential store, the chain schema is created or migrated, and every terminal "
        "and close of this PC is sent.",
    )
    con.add_argument("url", metavar="URL", help="postgresql://user@host:5432/database (no password in it)")
    con.add_argument("--shop", required=True, help="this shop's name in the chain, e.g. 'Bern Bahnhof'")
    con.add_argument("--pc", help="this PC's name in the chain (default: the computer's name)")
    con.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the role's password from standard input (one line) instead of asking",
    )
    csub.add_parser(
        "disconnect",
        help="stop sending to the chain and forget its password",
        description="Stop sending to the chain and forget its password; the chain keeps what it has.",
    )
    csub.add_parser(
        "sync",
        help="send what is waiting now and say how the link stands",
        description="Send every waiting close and terminal to the chain now.",
    )
    cst = csub.add_parser(
        "status",
        help="every shop and terminal of one business day (head office)",
        description="Every shop x terminal with the business day's state. Exit 0 every terminal "
        "closed, 1 some failed or not closed yet, 3 some in doubt.",
    )
    cst.add_argument("--date", type=_date, help="YYYY-MM-DD, the business day (default: the current one)")
    fmt = cst.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print one JSON object")
    fmt.add_argument("--csv", action="store_true", help="print CSV, one row per shop and terminal")
    only = cst.add_mutually_exclusive_group()
    only.add_argument(
        "--not-closed",
        dest="only",
        action="store_const",
        const="not_closed",
        default="all",
        help="show only the terminals not closed yet (the exit code stays the whole day's)",
    )
    only.add_argument(
        "--problems",
        dest="only",
        action="store_const",
        const="problems",
        help="show only the terminals that failed, are in doubt or are not closed yet",
    )


def _add_parser_from_fields(psub, provider: providers.Provider) -> None:
    """``terminal add <provider>``, built from the provider's fields: a new provider needs no CLI code."""
    sub = psub.add_parser(
        provider.NAME,
        help=provider.ADD_HELP or f"a {provider.LABEL} terminal",
        description=f"Add {provider.ADD_HELP or f'a {provider.LABEL} terminal'}. {provider.HELP}".strip(),
    )
    sub.add_argument("name", help="the terminal's name in Closeout, e.g. 'Counter 1'")
    for field in provider.FIELDS:
        required = field.flag_required if field.flag_required is not None else field.required and field.default is None
        default = f" (default {field.default})" if field.default else ""
        sub.add_argument(
            field.cli_flag,
            dest=field.key,
            required=required,
            metavar=None if field.choices else field.key.upper(),
            choices=field.choices or None,
            help=field.flag_help or f"{field.label}: {field.help or ''}{default}".rstrip(": "),
        )
    sub.add_argument(
        provider.SECRET_FLAG,
        dest="secret_stdin",
        action="store_true",
        help=f"read the {provider.SECRET_LABEL} from standard input (one line) instead of asking",
    )
    sub.add_argument(
        "--no-check",
        action="store_true",
        help=f"store without first asking {provider.LABEL} (read-only) whether {provider.CHECKED} are right",
    )


def _flag(key: str, provider: providers.Provider | None = None) -> str:
    """The command-line flag of a setting (``key``), as the user typed it: the field's own when it has one."""
    from app.core import providers

    for module in (provider,) if provider is not None else providers.PROVIDERS.values():
        for field in module.FIELDS:
            if field.key == key:
                return field.cli_flag
    return "--" + key.replace("_", "-")


def _field_flag(exc: ValidationError, provider: providers.Provider) -> str:
    """How the user named the setting a ValidationError is about: its flag, or the word itself (the name)."""
    if any(field.key == exc.field for field in provider.FIELDS):
        return _flag(exc.field, provider)
    return exc.field


def _secret_flags() -> dict[str, list[providers.Provider]]:
    """Each provider's secret flag (``--password-stdin``, ``--api-key-stdin``) and the providers that read it."""
    from app.core import providers

    flags: dict[str, list[providers.Provider]] = {}
    for module in providers.PROVIDERS.values():
        flags.setdefault(module.SECRET_FLAG, []).append(module)
    return flags


def _secret_dest(flag: str) -> str:
    return "secret_" + flag.lstrip("-").replace("-", "_")


def _edit_parser(tsub) -> None:
    """``terminal edit NAME``: the flags of every provider's fields (only the terminal's own are accepted)."""
    edit = tsub.add_parser("edit", help="change a terminal's name, settings or secret (same checks as add)")
    edit.add_argument("name", help="the terminal to change")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help="a new name")
    from app.core import providers

    seen: set[str] = set()
    for module in providers.PROVIDERS.values():
        for field in module.FIELDS:
            if field.key in seen:
                continue
            seen.add(field.key)
            edit.add_argument(
                field.cli_flag,
                dest=f"set_{field.key}",
                metavar="VALUE",
                help=f"new {field.label}; an empty value clears an optional setting",
            )
    for flag, readers in _secret_flags().items():
        secrets = " or ".join(f"{m.LABEL} {m.SECRET_LABEL}" for m in readers)
        edit.add_argument(
            flag, dest=_secret_dest(flag), action="store_true", help=f"read a new {secrets} from standard input"
        )


def _retry_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-attempts", type=_positive_int, default=4, help="attempts per close in this run (default 4)"
    )
    parser.add_argument(
        "--retry-delay",
        type=_positive_float,
        default=2.0,
        help="first retry delay in seconds, doubled each retry (default 2)",
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError("must be between 1 and 64")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 3600")
    return value


def _date(text: str) -> datetime:
    try:
        day = datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-21") from None
    return day.astimezone()  # local midnight of that day


# -- entry ----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None, *, secrets: SecretStore | None = None) -> int:
    # Whatever a provider or an old database row says, no escape sequence or bidi override reaches
    # the user's terminal: everything printed goes through app.core.text.clean_lines.
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (CleanStream(s) if s is not None else None for s in saved)
    try:
        return _main(argv, secrets=secrets)
    except KeyboardInterrupt:  # Ctrl+C outside a close run (that one explains itself): nothing was sent
        _err("\n" + _t("Interrupted. Nothing was sent."))
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader stopped early ('closeout history | head'): no traceback, no more output
        if saved[0] is not None:
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), saved[0].fileno())  # the flush at exit writes nowhere
            except (OSError, ValueError):
                pass
        return EXIT_FAILED
    finally:
        sys.stdout, sys.stderr = saved
        logs.flush()  # every line of this command is in the log file when it returns


def _main(argv: Sequence[str] | None = None, *, secrets: SecretStore | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv and not argv[0].startswith("-") else None)
    core_i18n.set_language(core_i18n.system_language())  # until Settings are read: the system locale's language
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2), already explained on stderr
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.demo:
        return _error(_t("--demo opens the window: run 'closeout --demo' on its own."))
    try:
        home = home_mod.resolve().ensure()
    except HomeError as exc:
        return _error(str(exc))
    logs.setup(home.log_dir)
    log.info("closeout %s: %s", __version__, args.command)
    # The settings are read once per command, here; every command uses ``args.settings``. A damaged file is
    # moved aside by the read, so this is the one place that can say so.
    args.settings, notice = settings_mod.load(home.settings_path)
    # The core's sentences and numbers: the language chosen in Settings, else the system locale's.
    core_i18n.set_language(args.settings.language or core_i18n.system_language())
    if notice:
        _err(f"closeout: {notice}")
    if args.command == "self-test":
        from app.selftest import run_self_test

        return run_self_test()
    if args.command == "settings":
        return _settings(args, home)
    store = secrets or KeyringStore()
    try:
        history = History(home.db_path, home.lock_dir)
    except HistoryError as exc:
        return _error(str(exc))
    try:
        if history.notice:
            _err(f"closeout: {history.notice}")
        handler = {
            "terminal": _terminal,
            "close": _close,
            "history": _history,
            "resolve": _resolve,
            "settle": _settle,
            "report": _report_command,
            "chain": _chain,
        }[args.command]
        code = handler(args, history, store)
        if args.command != "chain":
            _drain(history, store, args.settings)  # CLI runs send what waits for the chain too
        return code
    except UsageError as exc:
        return _error(str(exc))
    except SecretStoreError as exc:
        return _error(_t("{error} Nothing was sent.").format(error=exc))
    except HistoryError as exc:
        return _error(str(exc))
    finally:
        history.close()


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _error(text: str) -> int:
    _err(f"closeout: {text}")
    return EXIT_USAGE


# -- terminal -------------------------------------------------------------------------------------


def _terminal(args, history: History, store: SecretStore) -> int:
    if args.action == "list":
        return _terminal_list(args, history)
    if args.action == "remove":
        return _terminal_remove(args, history, store)
    if args.action == "edit":
        return _terminal_edit(args, history, store)
    return _terminal_add(args, history, store)


def _terminal_remove(args, history: History, store: SecretStore) -> int:
    from app.core import providers, service
    from app.core.terminals import remove_terminal

    terminal = _find(history, args.name)
    doubts = service.terminals_with_doubt(history, terminal) if providers.known(terminal.provider) else []
    if doubts:
        _err(
            ngettext(
                "'{name}' has {n} close in doubt (number {ids}): it may have gone through. Removing the "
                "terminal keeps it in the history; settle it with 'closeout settle ID --closed|--not-closed' "
                "after checking with the provider.",
                "'{name}' has {n} closes in doubt (numbers {ids}): they may have gone through. Removing the "
                "terminal keeps them in the history; settle them with 'closeout settle ID "
                "--closed|--not-closed' after checking with the provider.",
                len(doubts),
            ).format(name=terminal.name, n=len(doubts), ids=", ".join(str(d.id) for d in doubts))
        )
    if not _confirm(_t("Remove '{name}' and its stored secret?").format(name=terminal.name), args.yes, what="remove"):
        _err(_t("Nothing was removed."))
        return EXIT_OK
    remove_terminal(history, store, terminal)
    _err(_t("Removed '{name}' and its stored secret. Its past closes stay in the history.").format(name=terminal.name))
    return EXIT_OK


def _terminal_edit(args, history: History, store: SecretStore) -> int:
    from app.core import providers
    from app.core.terminals import save_terminal, validate_name, validate_settings

    terminal = _find(history, args.name)
    if not providers.known(terminal.provider):
        raise UsageError(str(providers.get_error(terminal)))
    module = providers.get(terminal.provider)
    own = {f.key for f in module.FIELDS}
    changes = {key[4:]: value for key, value in vars(args).items() if key.startswith("set_") and value is not None}
    foreign = sorted(k for k in changes if k not in own)
    if foreign:
        raise UsageError(
            _t("{flag} is not a setting of {provider} terminals. Nothing was changed.").format(
                flag=_flag(foreign[0]), provider=module.LABEL
            )
        )
    secret_flag = module.SECRET_FLAG
    for other_flag in _secret_flags():
        if other_flag != secret_flag and getattr(args, _secret_dest(other_flag), False):
            raise UsageError(
                _t("{flag} is not for {provider} terminals; use {other}. Nothing was changed.").format(
                    flag=other_flag, provider=module.LABEL, other=secret_flag
                )
            )
    settings = {**terminal.settings, **changes}
    try:
        name = validate_name(args.new_name) if args.new_name is not None else terminal.name
        edited = Terminal(terminal.id, name, terminal.provider, validate_settings(terminal.provider, settings))
    except ValidationError as exc:
        raise UsageError(
            _t("{flag} {problem} Nothing was changed.").format(flag=_flag(exc.field, module), problem=exc.message)
        ) from None
    secret = None
    if getattr(args, _secret_dest(secret_flag), False):
        store.check()
        secret = _read_secret(module.SECRET_LABEL, True, secret_flag)
        try:
            module.validate_secret(secret)
        except ValidationError as exc:
            raise UsageError(
                _t("The {secret} {problem} Nothing was changed.").format(
                    secret=_t(module.SECRET_LABEL), problem=exc.message
                )
            ) from None
    if edited == terminal and secret is None:
        _err(
            _t("Nothing to change for '{name}': give a new value, --name or {flag}.").format(
                name=terminal.name, flag=secret_flag
            )
        )
        return EXIT_OK
    try:
        save_terminal(history, store, edited, secret, new=False)
    except HistoryError as exc:  # the same terminal as another entry, the name taken, a close in doubt
        raise UsageError(_t("{error} Nothing was changed.").format(error=exc)) from None
    if secret:
        _err(
            _t("Saved '{name}' and its new {secret} is in the OS credential store.").format(
                name=edited.name, secret=_t(module.SECRET_LABEL)
            )
        )
    else:
        _err(_t("Saved '{name}'.").format(name=edited.name))
    return EXIT_OK


def _terminal_add(args, history: History, store: SecretStore) -> int:
    from app.core import providers
    from app.core.terminals import check_can_save, environment, new_terminal, save_terminal

    module = providers.get(args.provider)
    settings = {f.key: getattr(args, f.key, None) for f in module.FIELDS}
    try:
        terminal = new_terminal(args.name, args.provider, settings)
    except ValidationError as exc:
        flag = _field_flag(exc, module)
        raise UsageError(_t("{flag} {problem} Nothing was stored.").format(flag=flag, problem=exc.message)) from None
    try:  # the name or the physical terminal taken: said before the secret is asked for (core's one rule)
        check_can_save(history, terminal, new=True)
    except HistoryError as exc:
        raise UsageError(_t("{error} Nothing was stored.").format(error=exc)) from None
    store.check()  # before asking for the secret: say early that there is no credential store
    flag = module.SECRET_FLAG
    from_stdin = bool(args.secret_stdin)
    value = _read_secret(module.SECRET_LABEL, from_stdin, flag)
    try:
        module.validate_secret(value)
    except ValidationError as exc:
        raise UsageError(
            _t("The {secret} {problem} Nothing was stored.").format(secret=_t(module.SECRET_LABEL), problem=exc.message)
        ) from None
    if not args.no_check:
        _check_before_saving(module, terminal, value, can_ask=not from_stdin)
    try:
        save_terminal(history, store, terminal, value, new=True)
    except HistoryError as exc:  # the same physical terminal, or the name taken (also by another process)
        raise UsageError(_t("{error} Nothing was stored.").format(error=exc)) from None
    _err(
        _t(
            "Added {provider} terminal '{name}' ({environment}); its {secret} is in the OS credential store ({store})."
        ).format(
            provider=module.LABEL,
            name=terminal.name,
            environment=environment(terminal),
            secret=_t(module.SECRET_LABEL),
            store=store.description,
        )
    )
    return EXIT_OK


def _check_before_saving(module, terminal: Terminal, secret: str, *, can_ask: bool) -> None:
    """Ask the provider (read-only, never a close) whether the credentials are right; raise UsageError
    when they are refused. When it cannot tell, ask on a terminal, or say so and go on (scripts)."""
    import asyncio

    from app.core.credentials import Verdict, check_credentials
    from app.core.http import make_client

    async def ask() -> CredentialCheck:
        async with make_client() as client:
            return await check_credentials(client, terminal, secret)

    _err(
        _t("Checking the credentials with {provider} (a read-only query; nothing is closed)...").format(
            provider=module.LABEL
        )
    )
    try:
        result = asyncio.run(ask())
    except ValidationError as exc:
        flag = _field_flag(exc, module)
        raise UsageError(_t("{flag} {problem} Nothing was stored.").format(flag=flag, problem=exc.message)) from None
    if result.verdict == Verdict.ACCEPTED:
        _err(f"  {result.message}")
        return
    if result.verdict == Verdict.REFUSED:
        raise UsageError(
            _t(
                "{provider} refused the credentials: {message} Nothing was stored. Correct them and add "
                "the terminal again (--no-check stores them without asking)."
            ).format(provider=module.LABEL, message=result.message)
        )
    why = (
        _t("{provider} could not be reached: {message}")
        if result.verdict == Verdict.UNREACHABLE
        else _t("{provider} neither accepted nor refused the credentials: {message}")
    ).format(provider=module.LABEL, message=result.message)
    if can_ask and sys.stdin is not None and sys.stdin.isatty():
        _err(why)
        if not _confirm(_t("Save the terminal anyway?"), False):
            raise UsageError(_t("Not saved. Nothing was stored."))
        return
    _err(
        _t(
            "{why} Saved anyway, unchecked (a script cannot be asked): if the password or key is wrong, the first "
            "close of this terminal will say so."
        ).format(why=why)
    )


def _read_secret(label: str, from_stdin: bool, flag: str) -> str:
    label = _t(label)
    if from_stdin:
        if sys.stdin is None:
            raise UsageError(
                _t(
                    "There is no standard input to read the {secret} from (use closeout-cli on "
                    "Windows). Nothing was stored."
                ).format(secret=label)
            )
        raw = sys.stdin.buffer.readline() if hasattr(sys.stdin, "buffer") else sys.stdin.readline()
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise UsageError(
                    _t(
                        "The {secret} on standard input is not UTF-8 text; send it as UTF-8. Nothing was stored."
                    ).format(secret=label)
                ) from None
        line = raw[:-1] if raw.endswith("\n") else raw
        return line[:-1] if line.endswith("\r") else line
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(
            _t(
                "No terminal to ask for the {secret} on: pass {flag} and send it on standard input. Nothing was stored."
            ).format(secret=label, flag=flag)
        )
    try:
        first = getpass.getpass(f"{label}: ")
        second = getpass.getpass(_t("{secret} again: ").format(secret=label))
    except (EOFError, KeyboardInterrupt):
        raise UsageError(_t("No {secret} given (cancelled). Nothing was stored.").format(secret=label)) from None
    except UnicodeDecodeError:
        raise UsageError(_t("The {secret} typed is not UTF-8 text. Nothing was stored.").format(secret=label)) from None
    if first != second:
        raise UsageError(_t("The two {secret} entries differ. Nothing was stored.").format(secret=label))
    return first


def _terminal_list(args, history: History) -> int:
    from app.core import providers, service
    from app.core.terminals import display_id, environment

    terminals = history.terminals()
    twins = service.duplicate_of(terminals)
    rows = []
    for t in terminals:
        last = history.last_close(t.id)
        rows.append(
            {
                "name": t.name,
                "id": t.id,
                "provider": t.provider,
                "environment": environment(t),
                "terminal": display_id(t),
                "settings": dict(t.settings),
                "last_close": last.as_dict() if last else None,
                "known_provider": providers.known(t.provider),
                "duplicate_of": twins.get(t.id),
            }
        )
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    if not rows:
        _err(
            _t("No terminals yet. Add one with 'closeout terminal add {providers} NAME ...'.").format(
                providers="|".join(providers.PROVIDERS)
            )
        )
        return EXIT_OK
    table = [(_t("NAME"), _t("PROVIDER"), _t("ENV"), _t("TERMINAL"), _t("LAST CLOSE"), _t("NOTE"))]
    for r in rows:
        last = r["last_close"]
        when = f"{_local(last['started_at'])} {service.outcome_word(last['outcome'])}" if last else _t("never")
        note = ""
        if not r["known_provider"]:
            note = _t("unknown provider: update Closeout")
        elif r["duplicate_of"]:
            note = _t("same terminal as '{name}': remove one").format(name=r["duplicate_of"])
        table.append((r["name"], providers.label(r["provider"]), r["environment"], r["terminal"], when, note))
    _print_table(table)
    notice = service.duplicates_notice(terminals)
    if notice:
        _err(notice)
    return EXIT_OK


def _find(history: History, name: str) -> Terminal:
    terminal = history.terminal_by_name(name)
    if terminal is None:
        raise UsageError(_t("No terminal named '{name}'. See 'closeout terminal list'.").format(name=name))
    return terminal


# -- close / resolve ------------------------------------------------------------------------------


def _policy(args, concurrency: int = 8) -> RetryPolicy:
    from app.core.engine import RetryPolicy

    return RetryPolicy(
        concurrency=concurrency, timeout=args.timeout, max_attempts=args.max_attempts, backoff_base=args.retry_delay
    )


def _confirm(question: str, yes: bool, *, what: str = "close") -> bool:
    if yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(
            {
                "close": _t("No terminal to ask for confirmation on: pass --yes to close without asking."),
                "remove": _t("No terminal to ask for confirmation on: pass --yes to remove without asking."),
                "re-send": _t("No terminal to ask for confirmation on: pass --yes to re-send without asking."),
                "settle": _t("No terminal to ask for confirmation on: pass --yes to settle without asking."),
            }[what]
        )
    try:
        # TRANSLATORS: the answers the confirmation accepts: first letters of yes and no, default no
        answers = _t("[y/N]")
        answer = input(f"{question} {answers} ").strip().lower()
    except (EOFError, KeyboardInterrupt, UnicodeDecodeError):  # Ctrl+D, Ctrl+C or garbage: that is a no
        _err("")
        return False
    # TRANSLATORS: the words for yes a confirmation accepts, besides y and yes, separated by |
    return answer in ("y", "yes", *_t("y|yes").lower().split("|"))


def _select(history: History, args) -> list[Terminal]:
    if args.all:
        terminals = history.terminals()
        if not terminals:
            raise UsageError(_t("No terminals are configured. Add one with 'closeout terminal add'."))
        return terminals
    return [_find(history, n) for n in args.names]


def _close(args, history: History, store: SecretStore) -> int:
    from app.core import providers, service
    from app.core.terminals import display_id, environment

    terminals = _select(history, args)
    if args.unnumbered:
        if args.all:
            raise UsageError(
                _t(
                    "--unnumbered closes whatever batch is open: name the terminals it is for, not "
                    "--all. Nothing was sent."
                )
            )
        numbered = [t for t in terminals if providers.can(t.provider, providers.Capability.NUMBERED_BATCH)]
        if not numbered:
            raise UsageError(
                _t(
                    "--unnumbered is only for terminals whose closes name a batch number ({providers}). Nothing was sent."
                ).format(
                    providers=", ".join(
                        p.LABEL for p in providers.PROVIDERS.values() if p.can(providers.Capability.NUMBERED_BATCH)
                    )
                )
            )
        _err(
            _t(
                "Without a batch number, the provider closes whatever batch is open now. If the answer is lost, "
                "Closeout cannot ask about it or send it again: it stays in doubt until you settle it by hand."
            )
        )
    workspace = _workspace(history, store, _policy(args, args.concurrency))
    workspace.prepare()  # the HTTP client (TLS through the OS trust store) is built meanwhile, off this thread
    settings = args.settings
    plan = service.plan_close(history, terminals, force=args.force, day_end=settings.day_end())
    store.check()  # say at once when there is no credential store, even if this run sends nothing
    n = len(plan.send)
    lines = [
        ngettext(
            "Closing {n} terminal. A batch close cannot be undone.",
            "Closing {n} terminals. A batch close cannot be undone.",
            n,
        ).format(n=n)
        if plan.send
        else _t("Nothing to close: no request is sent.")
    ]
    resend_first = {t.id for t in plan.resend_first}
    for t in plan.send:
        live = " " + _t("LIVE") if environment(t) == "live" else " " + _t("(test)")
        again = " " + _t("(an earlier close in doubt is re-sent first)") if t.id in resend_first else ""
        lines.append(f"  {t.name}: {providers.label(t.provider)}{live}, {display_id(t)}{again}")
    if plan.skip:
        lines.append(_t("Skipped, nothing is sent ({n}):").format(n=len(plan.skip)))
        lines += [f"  {skip.terminal.name}: {skip.message}" for skip in plan.skip]
    _err("\n".join(lines))  # one write for the whole list
    if plan.clock_problem:
        _err(
            _t(
                "This PC's clock looks wrong: a recorded close lies in the future. Set the date and time of this PC "
                "(turn on automatic time), then close again. Terminals with that problem are not closed."
            )
        )
    question = ngettext("Close {n} batch now?", "Close {n} batches now?", len(plan.send)).format(n=len(plan.send))
    if plan.send and not _confirm(question, args.yes):
        _err(_t("Nothing was closed."))
        return EXIT_OK
    outcomes = _run_engine(
        workspace,
        lambda engine, listener: engine.close(
            terminals, force=args.force, unnumbered=args.unnumbered, on_event=listener
        ),
    )
    return _report(outcomes, args.json)


def _resolve(args, history: History, store: SecretStore) -> int:
    doubts = history.in_doubt()
    if not doubts:
        _err(_t("No close is in doubt."))
        if args.json:
            print("[]")
        return EXIT_OK
    store.check()
    _err(
        ngettext(
            "{n} close in doubt; it is re-sent with its original id and request, so it cannot close twice:",
            "{n} closes in doubt; each is re-sent with its original id and request, so it cannot close twice:",
            len(doubts),
        ).format(n=len(doubts))
    )
    for row in doubts:
        _err(
            "  "
            + _t("{name}: close {id}, started {at}, request {request}").format(
                name=row.terminal_name, id=row.id, at=_local(row.started_at.isoformat()), request=row.request_id
            )
        )
    if not _confirm(ngettext("Re-send it now?", "Re-send them now?", len(doubts)), args.yes, what="re-send"):
        _err(_t("Nothing was sent."))
        return EXIT_OK
    outcomes = _run_engine(
        _workspace(history, store, _policy(args)), lambda engine, listener: engine.resolve(on_event=listener)
    )
    return _report(outcomes, args.json)


def _settle(args, history: History, store: SecretStore) -> int:
    from app.core import service

    row = history.close_row(args.close_id)
    if row is None or row.outcome != CloseStatus.IN_DOUBT:  # said before anything is asked
        raise UsageError(service.settle_refusal(args.close_id, row))
    _err(
        ngettext(
            "Close {id}: {name}, started {at}, request {request}, {n} attempt, in doubt.",
            "Close {id}: {name}, started {at}, request {request}, {n} attempts, in doubt.",
            row.attempts,
        ).format(
            id=row.id,
            name=row.terminal_name,
            at=_local(row.started_at.isoformat()),
            request=row.request_id,
            n=row.attempts,
        )
    )
    question = (
        _t("Record that the provider shows this batch as closed?")
        if args.closed
        else _t("Record that the provider shows this batch as NOT closed?")
    )
    if not _confirm(question, args.yes, what="settle"):
        _err(_t("Nothing was changed."))
        return EXIT_OK
    try:
        settled = service.settle(history, args.close_id, closed=args.closed, note=args.note)
    except service.SettleError as exc:
        raise UsageError(str(exc)) from None
    _err(
        _t("Close {id} is now {outcome} ({message})").format(
            id=settled.id, outcome=service.outcome_word(settled.outcome), message=settled.message
        )
    )
    return EXIT_OK


def _workspace(history: History, store: SecretStore, policy: RetryPolicy) -> Workspace:
    """The same assembly as the window's (app/core/workspace.py): HTTP client, engine, business day."""
    from app.core.workspace import Workspace

    return Workspace(home=home_mod.resolve(), history=history, secrets=store, policy=policy)


def _run_engine(workspace: Workspace, start) -> list[Outcome]:
    """Run the engine until done. Ctrl+C or SIGTERM stops the run: queued closes are skipped, requests on
    their way are cut off and recorded as in doubt, and the run's outcomes are still reported."""
    import asyncio

    started = {}
    pending: list[str] = []  # progress lines not yet written

    def flush() -> None:
        if pending:
            _err("\n".join(pending))
            pending.clear()

    def listener(event: CloseEvent) -> None:
        if event.status == Step.QUEUED:
            started[event.terminal_id] = event.at
            return
        elapsed = event.at - started.get(event.terminal_id, event.at)
        if event.status == Step.SENDING:
            text = _t("sending (attempt {n})").format(n=event.attempt)
        elif event.status == Step.RESOLVING:
            text = _t("re-sending an earlier close that is in doubt")
        elif event.status == Step.RETRYING:
            text = _t("retrying in {seconds} s: {message}").format(
                seconds=core_i18n.format_decimal(event.delay or 0.0, 1), message=event.message
            )
        else:
            text = f"{outcome_word(event.status)}: {event.message}"
        if not pending:
            # The lines of a tenth of a second go out in one write, not one write each (1,000 terminals).
            asyncio.get_running_loop().call_later(PROGRESS_EVERY, flush)
        pending.append(f"[{elapsed:5.1f}s] {event.name}: {text}")

    async def run() -> list[Outcome]:
        engine = workspace.engine()
        stop = _StopOnSignal(engine, before=flush)
        try:
            return await start(engine, listener)
        finally:
            flush()
            stop.restore()
            await workspace.aclose()

    outcomes = asyncio.run(run())
    try:
        workspace.history.finish_unfinished()  # anything this process left "sending" is recorded before it ends
    except HistoryError as exc:  # such rows read as in doubt (or as not sent) once this process is gone
        log.error("could not record unfinished closes: %s", exc)
    return outcomes


class _StopOnSignal:
    """SIGINT (Ctrl+C) and SIGTERM abort the engine's run instead of killing the process mid-request."""

    def __init__(self, engine: CloseEngine, *, before: Callable[[], None] = lambda: None) -> None:
        import asyncio

        self.engine = engine
        self.before = before  # writes the progress lines said so far
        self.loop = asyncio.get_running_loop()
        self.installed: list[int] = []
        self.previous: dict[int, object] = {}
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self.loop.add_signal_handler(sig, self._stop)
                self.installed.append(sig)
            except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
                try:
                    self.previous[sig] = signal.signal(sig, lambda *_: self.loop.call_soon_threadsafe(self._stop))
                except (ValueError, OSError):
                    pass

    def _stop(self) -> None:
        self.before()
        _err(_t("Stopping: closes not yet sent are skipped; closes on their way are recorded as in doubt."))
        self.engine.abort()

    def restore(self) -> None:
        for sig in self.installed:
            self.loop.remove_signal_handler(sig)
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]


def _report(outcomes: list[Outcome], as_json: bool) -> int:
    from app.core import service

    if as_json:
        print(json.dumps([o.as_dict() for o in outcomes], indent=2))
    summary = service.RunSummary.of(outcomes)
    lines = [_t("Summary: {counts}").format(counts=summary.counts_line)]
    for o in summary.problems:
        lines.append(f"  {o.name}: {service.outcome_word(o.outcome)}: {o.message}")
    if summary.in_doubt:
        lines.append(service.in_doubt_advice())
    out = sys.stderr if as_json else sys.stdout
    print("\n".join(lines), file=out, flush=True)
    return summary.exit_code


# -- history --------------------------------------------------------------------------------------


def _history(args, history: History, store: SecretStore) -> int:
    terminal_id = None
    name_filter = None
    if args.terminal:
        terminal = history.terminal_by_name(args.terminal)
        if terminal is not None:
            terminal_id = terminal.id
        else:
            name_filter = args.terminal.strip().lower()  # a removed terminal's closes stay findable
    # --since names a business day: it starts at the "business day ends at" time, as in the window.
    since = day_start(args.since.date(), args.settings.day_end()) if args.since else None
    closes = history.closes(since=since, terminal_id=terminal_id)
    if name_filter:
        closes = [c for c in closes if c.terminal_name.lower() == name_filter]
        if not closes:
            raise UsageError(_t("No terminal named '{name}' and no closes under that name.").format(name=args.terminal))
    if args.json:
        print(json.dumps([c.as_dict() for c in closes], indent=2))
    elif args.csv:
        if sys.stdout is None:
            raise UsageError(_t("There is no standard output to write to (use closeout-cli on Windows)."))
        from app.core.csvfile import write_csv  # late: the close path does not need the CSV and report code
        from app.core.exports import CSV_FIELDS, csv_row

        write_csv(sys.stdout, CSV_FIELDS, (csv_row(c) for c in closes), lineterminator="\n")
    elif not closes:
        _err(_t("No closes recorded yet.") if not (args.since or args.terminal) else _t("No closes match."))
    else:
        table = [(_t("ID"), _t("STARTED"), _t("TERMINAL"), _t("OUTCOME"), _t("TRIES"), _t("MESSAGE"))]
        for c in closes:
            table.append(
                (
                    str(c.id),
                    _when(c.started_at),
                    c.terminal_name,
                    outcome_word(c.outcome),
                    str(c.attempts),
                    (c.message or "")[:80],
                )
            )
        _print_table(table)
    return EXIT_OK


def _local(iso: str | None) -> str:
    return _when(datetime.fromisoformat(iso)) if iso else ""


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    return core_i18n.format_date(local) + local.strftime(" %H:%M")  # 2026-12-01 21:03, German 01.12.2026 21:03


def _print_table(rows: Iterable[tuple[str, ...]]) -> None:
    rows = list(rows)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    # One write for the whole table: thousands of history lines print at once.
    print("\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows))


# -- report ---------------------------------------------------------------------------------------


def _report_command(args, history: History, store: SecretStore) -> int:
    """The closing report of a day to PDF and/or CSV. Qt is imported only for --pdf."""
    from pathlib import Path

    from app.core import report as report_mod

    if not args.pdf and not args.csv:
        raise UsageError(_t("Say where to write the report: --pdf FILE, --csv FILE, or both. Nothing was written."))
    targets = [(kind, Path(name).expanduser()) for kind, name in (("CSV", args.csv), ("PDF", args.pdf)) if name]
    if len(targets) == 2 and targets[0][1].absolute() == targets[1][1].absolute():
        raise UsageError(_t("--pdf and --csv name the same file; give each its own. Nothing was written."))
    for _, path in targets:
        if path.is_dir():
            raise UsageError(_t("{path} is a folder; give a file name. Nothing was written.").format(path=path))
        if not path.absolute().parent.is_dir():
            raise UsageError(
                _t("The folder {path} does not exist. Nothing was written.").format(path=path.absolute().parent)
            )
    settings = args.settings
    day = args.date.date() if args.date else business_day(datetime.now().astimezone(), settings.day_end())
    report = report_mod.build_report(history, settings, day)
    summary_tr: report_mod.Tr | None = None  # the report's words are Qt's: translated once --pdf loaded Qt
    for kind, path in targets:
        try:
            if kind == "CSV":
                written = report_mod.render_csv(report, path)
            else:
                from app.ui.report_render import ensure_gui_app, report_tr, write_pdf

                ensure_gui_app()
                summary_tr = report_tr(core_i18n.language())
                written = write_pdf(report, path, summary_tr)
        except OSError as exc:
            _err(
                "closeout: "
                + _t("the {kind} could not be written to {path} ({why}).").format(
                    kind=kind, path=path, why=exc.strerror or exc
                )
            )
            return EXIT_FAILED
        _err(
            _t("Closing report for {day}: {kind} written to {path}").format(
                day=core_i18n.format_date(day), kind=kind, path=written
            )
        )
    _err(report_mod.summary(report) if summary_tr is None else report_mod.summary(report, summary_tr))
    return EXIT_OK


# -- settings -------------------------------------------------------------------------------------


def _settings(args, home: home_mod.Home) -> int:
    settings = args.settings
    if args.action == "show":
        if args.json:
            print(json.dumps({k: getattr(settings, k) for k in settings_mod.KEYS}, indent=2, ensure_ascii=False))
            return EXIT_OK
        table = [(_t("SETTING"), _t("VALUE"), _t("MEANING"))]
        table += [
            (key, f"'{settings_mod.value_text(settings, key)}'", settings_mod.DESCRIPTIONS[key])
            for key in settings_mod.KEYS
        ]
        _print_table(table)
        _err(_t("Stored in {path}. Change one with 'closeout settings set KEY VALUE'.").format(path=home.settings_path))
        return EXIT_OK
    try:
        changed = settings_mod.with_value(settings, args.key, args.value)
    except ValidationError as exc:
        return _error(_t("{flag} {problem} Nothing was changed.").format(flag=exc.field, problem=exc.message))
    try:
        settings_mod.save(home.settings_path, changed)
    except OSError as exc:
        return _error(
            _t("The settings could not be saved to {path} ({why}). Nothing was changed.").format(
                path=home.settings_path, why=exc.strerror or exc
            )
        )
    _err(
        _t(
            "{key} is now '{value}'. A running window reads it when its Settings are next opened or it is restarted."
        ).format(key=args.key, value=settings_mod.value_text(changed, args.key))
    )
    return EXIT_OK


# -- chain ----------------------------------------------------------------------------------------

CHAIN_CSV_FIELDS = ("shop", "terminal", "provider", "state", "at", "pc", "batch_no", "message", "last_heard")


def _drain(
    history: History, store: SecretStore, settings: settings_mod.Settings, *, seconds: float = 20.0
) -> chain.DrainResult | None:
    """Send what waits for the chain (a few seconds at most); say so when the chain cannot be reached."""
    try:
        if history.chain_link() is None:
            return None
    except HistoryError as exc:
        _err(f"closeout: the chain was not updated: {exc}")
        return None
    import time as clock

    from app.core import chain

    try:
        result = chain.Replicator(history, store, day_end=settings.day_end).drain(deadline=clock.monotonic() + seconds)
    except (HistoryError, SecretStoreError, chain.ChainError) as exc:
        _err(f"closeout: the chain was not updated: {exc}")
        return None
    if result.error:
        _err(
            f"closeout: the chain was not updated ({result.error}); {result.waiting} change(s) wait on this PC "
            f"and go with the next run."
        )
    return result


def _chain(args, history: History, store: SecretStore) -> int:
    from app.core import chain

    if args.action == "connect":
        password = _read_secret("chain password", args.password_stdin, "--password-stdin")
        store.check()
        try:
            link, (before, after) = chain.connect(history, store, args.url, args.shop, password, pc_name=args.pc)
        except chain.ChainError as exc:
            return _error(f"{exc} This PC was not connected.")
        schema = (
            f"created the chain schema (version {after})"
            if before == 0
            else f"migrated the chain schema from version {before} to {after}"
            if before < after
            else f"chain schema version {after}"
        )
        _err(
            f"Connected to {chain.describe(link.url)} as shop '{link.shop}', PC '{link.pc_name}' ({schema}). "
            f"The password is in the OS credential store."
        )
        result = _drain(history, store, args.settings, seconds=600.0)
        if result is not None and not result.error:
            _err(f"Sent {result.sent} close(s); {chain.status_line(history)}.")
        return EXIT_OK
    if args.action == "disconnect":
        link = chain.disconnect(history, store)
        if link is None:
            _err("This PC is not connected to a chain; nothing changed.")
        else:
            _err(
                f"Disconnected from {chain.describe(link.url)}: nothing more is sent, and the password was removed "
                f"from the credential store. The chain keeps what it already has."
            )
        return EXIT_OK
    if args.action == "sync":
        if history.chain_link() is None:
            return _error("This PC is not connected to a chain (closeout chain connect URL --shop NAME).")
        result = _drain(history, store, args.settings, seconds=600.0)
        _err(f"{chain.status_line(history)}.")
        return EXIT_OK if result is not None and not result.error else EXIT_FAILED
    return _chain_status(args, history, store)


def _chain_status(args, history: History, store: SecretStore) -> int:
    from app.core import chain

    settings = args.settings
    day = args.date.date() if args.date else business_day(datetime.now().astimezone(), settings.day_end())
    _drain(history, store, settings)
    try:
        status = chain.fetch_status(history, store, day)
    except chain.ChainError as exc:
        return _error(str(exc))
    heard = {s.shop: s.last_heard for s in status.shops}
    status = status.only(args.only)
    if args.json:
        print(
            json.dumps(
                {
                    "business_day": day.isoformat(),
                    "exit_code": status.exit_code,
                    "shops": [
                        {
                            "shop": s.shop,
                            "last_heard": s.last_heard.isoformat() if s.last_heard else None,
                            "totals": chain.shop_totals(s),
                            "terminals": [t.as_dict() for t in s.terminals],
                        }
                        for s in status.shops
                    ],
                },
                indent=2,
            )
        )
    elif args.csv:
        from app.core.csvfile import write_csv

        write_csv(
            sys.stdout,
            CHAIN_CSV_FIELDS,
            (
                {
                    "shop": t.shop,
                    "terminal": t.terminal,
                    "provider": t.provider,
                    "state": t.state,
                    "at": t.at.isoformat() if t.at else "",
                    "pc": t.pc_name or "",
                    "batch_no": t.batch_no or "",
                    "message": t.message or "",
                    "last_heard": heard[t.shop].isoformat() if heard.get(t.shop) else "",
                }
                for t in status.rows
            ),
            lineterminator="\n",
        )
    else:
        rows = [("SHOP", "TERMINAL", "STATE", "AT", "PC", "BATCH", "LAST HEARD")]
        for s in status.shops:
            last = _local(s.last_heard.isoformat()) if s.last_heard else "never"
            for t in s.terminals:
                at = t.at.astimezone().strftime("%H:%M") if t.at else ""
                rows.append(
                    (s.shop, t.terminal, t.state.replace("_", " "), at, t.pc_name or "", t.batch_no or "", last)
                )
            if not s.terminals:
                rows.append((s.shop, "(no terminals)", "", "", "", "", last))
        if len(rows) > 1:
            _print_table(rows)
        else:
            print(
                {
                    "not_closed": "Every terminal of the chain is closed for this business day.",
                    "problems": "No terminal failed, is in doubt or is not closed yet.",
                }.get(args.only, "The chain has no shops yet.")
            )
        totals = _chain_totals(status)
        if totals:
            print()
            _print_table([("SHOP", "TOTALS (NET)")] + totals)
        every = [t for s in status.shops for t in s.all_terminals]
        counts = {state: sum(1 for t in every if t.state == state) for state in chain.STATES}
        _err(
            f"Business day {day.isoformat()}: "
            + ", ".join(f"{n} {state.replace('_', ' ')}" for state, n in counts.items())
            + "."
        )
    return status.exit_code


def _chain_totals(status: chain.ChainStatus) -> list[tuple[str, str]]:
    """One row per shop with closed batches: net totals per currency (test money apart)."""
    from app.core import chain
    from app.core.report import format_amount

    rows = []
    for shop in status.shops:
        parts = [
            f"{currency} {format_amount(net, currency)}" for currency, net in sorted(chain.shop_totals(shop).items())
        ]
        parts += [
            f"{currency} {format_amount(net, currency)} (test)"
            for currency, net in sorted(chain.shop_totals(shop, "test").items())
        ]
        if parts:
            rows.append((shop.shop, ", ".join(parts)))
    return rows
