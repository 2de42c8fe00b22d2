"""The headless commands: ``closeout terminal|close|history|resolve|report|settings``. No Qt here.

Exit codes: 0 every selected terminal closed or skipped; 1 any failed and none in doubt;
3 any in doubt; 2 bad usage, bad configuration or no credential store (nothing sent);
130 interrupted (Ctrl+C) at a prompt or before anything was sent.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import sys
from datetime import datetime
from typing import Iterable, Sequence

from app import __version__
from app.core import home as home_mod
from app.core import logs, providers
from app.core import settings as settings_mod
from app.core.csvfile import write_csv
from app.core.engine import CloseEngine, CloseEvent, Outcome, RetryPolicy
from app.core.history import History, HistoryError
from app.core.home import HomeError
from app.core.http import make_client
from app.core.providers.base import Terminal
from app.core.secrets import KeyringStore, SecretStore, SecretStoreError
from app.core.terminals import display_id, environment, new_terminal, remove_terminal, save_terminal
from app.core.text import CleanStream
from app.core.validation import ValidationError

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_IN_DOUBT = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl+C

EPILOG = """\
exit codes:
  0    every selected terminal closed or was skipped (or the command did what it says)
  1    a close failed (none in doubt), or a file could not be written
  2    bad usage or configuration, or no OS credential store: nothing was sent
  3    a close is in doubt: it may have gone through; run 'closeout resolve'
  130  interrupted with Ctrl+C before anything was sent

environment:
  CLOSEOUT_HOME  the folder for Closeout's terminals, history, settings and logs
                 (default: the user's data folder, e.g. ~/.local/share/Closeout)

without a command, 'closeout' opens the window; 'closeout --demo' opens it on the
built-in simulator (throwaway folder, no real terminals, money or passwords)."""

# CLI flag for each provider setting, so errors name what the user typed.
FLAGS = {
    "customer_id": "--customer-id", "terminal_id": "--terminal-id", "username": "--username",
    "environment": "--environment", "base_url": "--base-url", "spec_version": "--spec-version",
    "app_id": "--app-id", "merchant_id": "--merchant-id", "terminal_sn": "--terminal-sn",
    "channel_code": "--channel-code",
}


class UsageError(Exception):
    """Bad usage or configuration: exit 2, nothing sent."""


# -- parser ---------------------------------------------------------------------------------------

class _Parser(argparse.ArgumentParser):
    """Every command's help ends with the exit codes, CLOSEOUT_HOME and --demo."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("epilog", EPILOG)
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="closeout",
        description="Close the day's card-terminal batches. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"Closeout {__version__}",
                        help="print Closeout's version and exit")
    parser.add_argument("--demo", action="store_true",
                        help="open the window on the built-in simulator (nothing real is touched)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    term = sub.add_parser("terminal", help="add, list or remove terminals",
                          description="Add, list or remove terminals.")
    tsub = term.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    add = tsub.add_parser("add", help="add a terminal", description="Add a terminal; its secret goes to the OS "
                          "credential store.")
    psub = add.add_subparsers(dest="provider", metavar="PROVIDER", required=True, parser_class=_Parser)

    sp = psub.add_parser("saferpay", help="a Saferpay terminal (JSON API user and password)",
                         description="Add a Saferpay terminal (JSON API user and password).")
    sp.add_argument("name", help="the terminal's name in Closeout, e.g. 'Counter 1'")
    sp.add_argument("--customer-id", required=True, help="Saferpay customer ID (1-8 digits)")
    sp.add_argument("--terminal-id", required=True, help="Saferpay terminal ID (8 digits)")
    sp.add_argument("--username", required=True, help="JSON API user from the Saferpay Backoffice")
    sp.add_argument("--environment", required=True, choices=("test", "live"),
                    help="test for Saferpay's test system, live for real money")
    sp.add_argument("--base-url", help="override the Saferpay address (https://, or http:// to this PC)")
    sp.add_argument("--spec-version", help=f"Saferpay SpecVersion (default {providers.saferpay.SPEC_VERSION})")
    sp.add_argument("--password-stdin", action="store_true",
                    help="read the password from standard input (one line) instead of asking")

    sb = psub.add_parser("sunbay", help="a SUNBAY terminal (API key)", description="Add a SUNBAY terminal (API key).")
    sb.add_argument("name", help="the terminal's name in Closeout, e.g. 'Bar'")
    sb.add_argument("--app-id", required=True, help="the app id SUNBAY gave you")
    sb.add_argument("--merchant-id", required=True, help="the merchant id SUNBAY gave you")
    sb.add_argument("--terminal-sn", required=True, help="terminal serial number")
    sb.add_argument("--channel-code", required=True, help="payment channel code, e.g. TSYS")
    sb.add_argument("--environment", choices=("test", "live"),
                    help="default: live for SUNBAY production, test for any other base URL")
    sb.add_argument("--base-url", help="override the SUNBAY address (sandbox hosts are given by SUNBAY)")
    sb.add_argument("--api-key-stdin", action="store_true",
                    help="read the API key from standard input (one line) instead of asking")

    ls = tsub.add_parser("list", help="list terminals", description="List the terminals and their last close.")
    ls.add_argument("--json", action="store_true", help="print one JSON array (settings, never secrets)")
    rm = tsub.add_parser("remove", help="remove a terminal and its stored secret",
                         description="Remove a terminal and its stored secret; its past closes stay in the history.")
    rm.add_argument("name", help="the terminal's name, as 'closeout terminal list' shows it")

    close = sub.add_parser("close", help="close batches", description="Close the batches of some or all terminals.")
    which = close.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every configured terminal")
    which.add_argument("names", nargs="*", default=[], metavar="NAME", help="the terminals to close, by name")
    close.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    close.add_argument("--force", action="store_true", help="close even terminals already closed this business day")
    close.add_argument("--json", action="store_true", help="print one JSON array on stdout")
    close.add_argument("--concurrency", type=_positive_int, default=8, help="closes in parallel (default 8)")
    close.add_argument("--timeout", type=_positive_float, default=100.0, help="seconds per request (default 100)")
    _retry_options(close)

    hist = sub.add_parser("history", help="show past closes, newest first",
                          description="Show past closes, newest first.")
    hist.add_argument("--since", type=_date, help="only closes from this local day on (YYYY-MM-DD)")
    hist.add_argument("--terminal", metavar="NAME", help="only this terminal's closes (also a removed one's)")
    fmt = hist.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print one JSON array")
    fmt.add_argument("--csv", action="store_true", help="print CSV, one row per close")

    res = sub.add_parser("resolve", help="re-send closes in doubt with their original id",
                         description="Re-send closes in doubt with their original id: they cannot close twice.")
    res.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    res.add_argument("--json", action="store_true", help="print one JSON array on stdout")
    res.add_argument("--timeout", type=_positive_float, default=100.0, help="seconds per request (default 100)")
    _retry_options(res)

    rep = sub.add_parser("report", help="write a day's closing report as PDF and/or CSV",
                         description="Write a day's closing report as PDF and/or CSV.")
    rep.add_argument("--date", type=_date, help="YYYY-MM-DD, the local day (default: today)")
    rep.add_argument("--pdf", metavar="FILE", help="write the report as an A4 PDF (replaces FILE)")
    rep.add_argument("--csv", metavar="FILE", help="write the report as CSV, one row per terminal (replaces FILE)")

    sub.add_parser("self-test", help="close the demo terminals offscreen and check the results",
                   description="Close the demo terminals offscreen through the real window and engine, and check "
                               "every outcome (exit 0 only if all hold).")

    st = sub.add_parser("settings", help="show or change the shop's settings",
                        description="Show or change the shop's settings (the window's Settings dialog).")
    ssub = st.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=_Parser)
    show = ssub.add_parser("show", help="print every setting and what it means",
                           description="Print every setting, its value and what it means.")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    keys = "\n".join(f"  {k:20} {d}" for k, d in settings_mod.DESCRIPTIONS.items())
    put = ssub.add_parser("set", help="change one setting", description="Change one setting.",
                          epilog=f"settings:\n{keys}\n\n{EPILOG}")
    put.add_argument("key", metavar="KEY", help="the setting's name (listed below)")
    put.add_argument("value", metavar="VALUE", help="its new value; '' empties a text setting")
    return parser


def _retry_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-attempts", type=_positive_int, default=4,
                        help="attempts per close in this run (default 4)")
    parser.add_argument("--retry-delay", type=_positive_float, default=2.0,
                        help="first retry delay in seconds, doubled each retry (default 2)")


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
        _err("\nInterrupted. Nothing was sent.")
        return EXIT_INTERRUPTED
    finally:
        sys.stdout, sys.stderr = saved


def _main(argv: Sequence[str] | None = None, *, secrets: SecretStore | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2), already explained on stderr
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.demo:
        return _error("--demo opens the window: run 'closeout --demo' on its own.")
    try:
        home = home_mod.resolve().ensure()
    except HomeError as exc:
        return _error(str(exc))
    logs.setup(home.log_dir)
    log.info("closeout %s: %s", __version__, args.command)
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
        handler = {"terminal": _terminal, "close": _close, "history": _history, "resolve": _resolve,
                   "report": _report_command}[args.command]
        return handler(args, history, store)
    except UsageError as exc:
        return _error(str(exc))
    except SecretStoreError as exc:
        return _error(f"{exc} Nothing was sent.")
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
        terminal = _find(history, args.name)
        remove_terminal(history, store, terminal)
        _err(f"Removed '{terminal.name}' and its stored secret. Its past closes stay in the history.")
        return EXIT_OK
    return _terminal_add(args, history, store)


def _terminal_add(args, history: History, store: SecretStore) -> int:
    module = providers.get(args.provider)
    settings = {f.key: getattr(args, f.key, None) for f in module.FIELDS}
    try:
        terminal = new_terminal(args.name, args.provider, settings)
    except ValidationError as exc:
        flag = FLAGS.get(exc.field, exc.field)
        raise UsageError(f"{flag} {exc.message} Nothing was stored.") from None
    if history.terminal_by_name(terminal.name):
        raise UsageError(f"A terminal named '{terminal.name}' already exists; choose another name. Nothing was stored.")
    store.check()  # before asking for the secret: say early that there is no credential store
    from_stdin = args.password_stdin if args.provider == "saferpay" else args.api_key_stdin
    flag = "--password-stdin" if args.provider == "saferpay" else "--api-key-stdin"
    value = _read_secret(module.SECRET_LABEL, from_stdin, flag)
    try:
        module.validate_secret(value)
    except ValidationError as exc:
        raise UsageError(f"The {module.SECRET_LABEL} {exc.message} Nothing was stored.") from None
    try:
        save_terminal(history, store, terminal, value, new=True)
    except HistoryError as exc:  # DuplicateName included: another process added the name meanwhile
        raise UsageError(f"{exc} Nothing was stored.") from None
    _err(f"Added {module.LABEL} terminal '{terminal.name}' ({environment(terminal)}); "
         f"its {module.SECRET_LABEL} is in the OS credential store ({store.description}).")
    return EXIT_OK


def _read_secret(label: str, from_stdin: bool, flag: str) -> str:
    if from_stdin:
        if sys.stdin is None:
            raise UsageError(f"There is no standard input to read the {label} from (use closeout-cli on "
                             "Windows). Nothing was stored.")
        raw = sys.stdin.buffer.readline() if hasattr(sys.stdin, "buffer") else sys.stdin.readline()
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise UsageError(f"The {label} on standard input is not UTF-8 text; send it as UTF-8. "
                                 "Nothing was stored.") from None
        line = raw[:-1] if raw.endswith("\n") else raw
        return line[:-1] if line.endswith("\r") else line
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError(f"No terminal to ask for the {label} on: pass {flag} and send it on standard input. "
                         "Nothing was stored.")
    try:
        first = getpass.getpass(f"{label}: ")
        second = getpass.getpass(f"{label} again: ")
    except (EOFError, KeyboardInterrupt):
        raise UsageError(f"No {label} given (cancelled). Nothing was stored.") from None
    except UnicodeDecodeError:
        raise UsageError(f"The {label} typed is not UTF-8 text. Nothing was stored.") from None
    if first != second:
        raise UsageError(f"The two {label}s differ. Nothing was stored.")
    return first


def _terminal_list(args, history: History) -> int:
    terminals = history.terminals()
    rows = []
    for t in terminals:
        last = history.last_close(t.id)
        rows.append({
            "name": t.name, "id": t.id, "provider": t.provider, "environment": environment(t),
            "terminal": display_id(t), "settings": dict(t.settings),
            "last_close": last.as_dict() if last else None,
        })
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    if not rows:
        _err("No terminals yet. Add one with 'closeout terminal add saferpay|sunbay NAME ...'.")
        return EXIT_OK
    table = [("NAME", "PROVIDER", "ENV", "TERMINAL", "LAST CLOSE")]
    for r in rows:
        last = r["last_close"]
        when = (f"{_local(last['started_at'])} {last['outcome'].replace('_', ' ')}" if last else "never")
        table.append((r["name"], providers.get(r["provider"]).LABEL, r["environment"], r["terminal"], when))
    _print_table(table)
    return EXIT_OK


def _find(history: History, name: str) -> Terminal:
    terminal = history.terminal_by_name(name)
    if terminal is None:
        raise UsageError(f"No terminal named '{name}'. See 'closeout terminal list'.")
    return terminal


# -- close / resolve ------------------------------------------------------------------------------

def _policy(args, concurrency: int = 8) -> RetryPolicy:
    return RetryPolicy(concurrency=concurrency, timeout=args.timeout, max_attempts=args.max_attempts,
                       backoff_base=args.retry_delay)


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        raise UsageError("No terminal to ask for confirmation on: pass --yes to close without asking.")
    try:
        answer = input(f"{question} [y/N] ").strip().lower()
    except (EOFError, KeyboardInterrupt, UnicodeDecodeError):  # Ctrl+D, Ctrl+C or garbage: that is a no
        _err("")
        return False
    return answer in ("y", "yes")


def _close(args, history: History, store: SecretStore) -> int:
    if args.all:
        terminals = history.terminals()
        if not terminals:
            raise UsageError("No terminals are configured. Add one with 'closeout terminal add'.")
    else:
        terminals = [_find(history, n) for n in args.names]
    store.check()
    _err(f"Closing {len(terminals)} terminal(s). A batch close cannot be undone.")
    for t in terminals:
        live = " LIVE" if environment(t) == "live" else " (test)"
        _err(f"  {t.name}: {providers.get(t.provider).LABEL}{live}, {display_id(t)}")
    if not _confirm(f"Close {len(terminals)} batch(es) now?", args.yes):
        _err("Nothing was closed.")
        return EXIT_OK
    outcomes = _run_engine(history, store, _policy(args, args.concurrency),
                           lambda engine, listener: engine.close(terminals, force=args.force, on_event=listener))
    return _report(outcomes, args.json)


def _resolve(args, history: History, store: SecretStore) -> int:
    doubts = history.in_doubt()
    if not doubts:
        _err("No close is in doubt.")
        if args.json:
            print("[]")
        return EXIT_OK
    store.check()
    _err(f"{len(doubts)} close(s) in doubt; each is re-sent with its original id, so it cannot close twice:")
    for row in doubts:
        _err(f"  {row.terminal_name}: started {_local(row.started_at.isoformat())}, request {row.request_id}")
    if not _confirm("Re-send them now?", args.yes):
        _err("Nothing was sent.")
        return EXIT_OK
    outcomes = _run_engine(history, store, _policy(args),
                           lambda engine, listener: engine.resolve(on_event=listener))
    return _report(outcomes, args.json)


def _run_engine(history: History, store: SecretStore, policy: RetryPolicy, start) -> list[Outcome]:
    started = {}

    def listener(event: CloseEvent) -> None:
        if event.status == "queued":
            started[event.terminal_id] = event.at
            return
        elapsed = event.at - started.get(event.terminal_id, event.at)
        text = {
            "resolving": "re-sending an earlier close that is in doubt",
            "sending": f"sending (attempt {event.attempt})",
            "retrying": f"retrying in {event.delay:.1f} s: {event.message}",
        }.get(event.status, f"{event.status.replace('_', ' ')}: {event.message}")
        _err(f"[{elapsed:5.1f}s] {event.name}: {text}")

    async def run() -> list[Outcome]:
        async with make_client(max_connections=max(8, policy.concurrency)) as client:
            engine = CloseEngine(history, store, client, policy=policy)
            try:
                return await start(engine, listener)
            finally:
                engine.shutdown()

    try:
        return asyncio.run(run())
    except KeyboardInterrupt:
        _err("Interrupted. Closes that were on their way are recorded as in doubt: run 'closeout resolve'.")
        raise SystemExit(EXIT_IN_DOUBT if history.in_doubt() else EXIT_FAILED) from None


def _report(outcomes: list[Outcome], as_json: bool) -> int:
    if as_json:
        print(json.dumps([o.as_dict() for o in outcomes], indent=2))
    counts = {k: sum(1 for o in outcomes if o.outcome == k) for k in ("closed", "skipped", "failed", "in_doubt")}
    lines = [f"Summary: {counts['closed']} closed, {counts['skipped']} skipped, {counts['failed']} failed, "
             f"{counts['in_doubt']} in doubt."]
    for o in outcomes:
        if o.outcome != "closed":
            lines.append(f"  {o.name}: {o.outcome.replace('_', ' ')}: {o.message}")
    if counts["in_doubt"]:
        lines.append("In doubt means the close may have gone through. Do not close those terminals again by "
                     "other means; run 'closeout resolve' to re-send them safely.")
    out = sys.stderr if as_json else sys.stdout
    print("\n".join(lines), file=out, flush=True)
    if counts["in_doubt"]:
        return EXIT_IN_DOUBT
    if counts["failed"]:
        return EXIT_FAILED
    return EXIT_OK


# -- history --------------------------------------------------------------------------------------

HISTORY_FIELDS = ("started_at", "finished_at", "name", "provider", "environment", "outcome", "attempts",
                  "request_id", "http_status", "provider_code", "provider_message", "trace_id", "message")


def _history(args, history: History, store: SecretStore) -> int:
    terminal_id = None
    name_filter = None
    if args.terminal:
        terminal = history.terminal_by_name(args.terminal)
        if terminal is not None:
            terminal_id = terminal.id
        else:
            name_filter = args.terminal.strip().lower()  # a removed terminal's closes stay findable
    rows = [r.as_dict() for r in history.closes(since=args.since, terminal_id=terminal_id)]
    if name_filter:
        rows = [r for r in rows if r["name"].lower() == name_filter]
        if not rows:
            raise UsageError(f"No terminal named '{args.terminal}' and no closes under that name.")
    if args.json:
        print(json.dumps(rows, indent=2))
    elif args.csv:
        if sys.stdout is None:
            raise UsageError("There is no standard output to write to (use closeout-cli on Windows).")
        write_csv(sys.stdout, HISTORY_FIELDS, rows, lineterminator="\n")
    elif not rows:
        _err("No closes recorded yet." if not (args.since or args.terminal) else "No closes match.")
    else:
        table = [("STARTED", "TERMINAL", "OUTCOME", "TRIES", "MESSAGE")]
        for r in rows:
            table.append((_local(r["started_at"]), r["name"], r["outcome"].replace("_", " "), str(r["attempts"]),
                          (r["message"] or "")[:80]))
        _print_table(table)
    return EXIT_OK


def _local(iso: str | None) -> str:
    if not iso:
        return ""
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


def _print_table(rows: Iterable[tuple[str, ...]]) -> None:
    rows = list(rows)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())


# -- report ---------------------------------------------------------------------------------------

def _report_command(args, history: History, store: SecretStore) -> int:
    """The closing report of a day to PDF and/or CSV. Qt is imported only for --pdf."""
    from pathlib import Path

    from app.core import report as report_mod
    from app.core import settings as settings_mod

    if not args.pdf and not args.csv:
        raise UsageError("Say where to write the report: --pdf FILE, --csv FILE, or both. Nothing was written.")
    targets = [(kind, Path(name).expanduser()) for kind, name in (("CSV", args.csv), ("PDF", args.pdf)) if name]
    if len(targets) == 2 and targets[0][1].absolute() == targets[1][1].absolute():
        raise UsageError("--pdf and --csv name the same file; give each its own. Nothing was written.")
    for _, path in targets:
        if path.is_dir():
            raise UsageError(f"{path} is a folder; give a file name. Nothing was written.")
        if not path.absolute().parent.is_dir():
            raise UsageError(f"The folder {path.absolute().parent} does not exist. Nothing was written.")
    settings, notice = settings_mod.load(home_mod.resolve().settings_path)
    if notice:
        _err(f"closeout: {notice}")
    day = args.date.date() if args.date else datetime.now().date()
    report = report_mod.build_report(history, settings, day)
    for kind, path in targets:
        try:
            if kind == "CSV":
                written = report_mod.render_csv(report, path)
            else:
                from app.ui.report_render import ensure_gui_app, write_pdf

                ensure_gui_app()
                written = write_pdf(report, path)
        except OSError as exc:
            _err(f"closeout: the {kind} could not be written to {path} ({exc.strerror or exc}).")
            return EXIT_FAILED
        _err(f"Closing report for {day.isoformat()}: {kind} written to {written}")
    _err(report_mod.summary(report))
    return EXIT_OK


# -- settings -------------------------------------------------------------------------------------

def _settings(args, home: home_mod.Home) -> int:
    settings, notice = settings_mod.load(home.settings_path)
    if notice:
        _err(f"closeout: {notice}")
    if args.action == "show":
        if args.json:
            print(json.dumps({k: getattr(settings, k) for k in settings_mod.KEYS}, indent=2, ensure_ascii=False))
            return EXIT_OK
        table = [("SETTING", "VALUE", "MEANING")]
        table += [(key, f"'{settings_mod.value_text(settings, key)}'", settings_mod.DESCRIPTIONS[key])
                  for key in settings_mod.KEYS]
        _print_table(table)
        _err(f"Stored in {home.settings_path}. Change one with 'closeout settings set KEY VALUE'.")
        return EXIT_OK
    try:
        changed = settings_mod.with_value(settings, args.key, args.value)
    except ValidationError as exc:
        return _error(f"{exc.field} {exc.message} Nothing was changed.")
    try:
        settings_mod.save(home.settings_path, changed)
    except OSError as exc:
        return _error(f"The settings could not be saved to {home.settings_path} ({exc.strerror or exc}). "
                      "Nothing was changed.")
    _err(f"{args.key} is now '{settings_mod.value_text(changed, args.key)}'. A running window reads it when its "
         "Settings are next opened or it is restarted.")
    return EXIT_OK
