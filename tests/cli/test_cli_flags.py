"""`closeout terminal add <provider>` and `terminal edit` flags come from the providers' fields: every field
is a flag, the spellings people and scripts use keep working, and a field may name its own flag."""

from __future__ import annotations

import dataclasses
import io
import sys

import pytest

from app.cli import build_parser, main
from app.core import providers
from app.core.providers.sunbay import SunbayProvider
from app.core.terminals import new_terminal


def parse(*argv: str):
    return build_parser().parse_args(list(argv))


def _add_actions(name: str) -> dict[str, object]:
    parser = build_parser()
    [term] = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    terminal = term.choices["terminal"]
    [actions] = [a for a in terminal._actions if a.__class__.__name__ == "_SubParsersAction"]
    [psub] = [a for a in actions.choices["add"]._actions if a.__class__.__name__ == "_SubParsersAction"]
    return {o: a for a in psub.choices[name]._actions for o in a.option_strings}


@pytest.mark.parametrize("name", sorted(providers.PROVIDERS))
def test_every_field_and_the_secret_flag_are_flags_of_add_and_edit(name):
    provider = providers.get(name)
    flags = _add_actions(name)
    for field in provider.FIELDS:
        action = flags[field.cli_flag]
        assert action.dest == field.key and action.help and len(action.help) > 8
        assert tuple(action.choices or ()) == field.choices
    assert provider.SECRET_FLAG in flags and "--no-check" in flags
    edited = parse("terminal", "edit", "X", *(a for f in provider.FIELDS for a in (f.cli_flag, "v")))
    assert all(getattr(edited, f"set_{f.key}") == "v" for f in provider.FIELDS)


def test_the_spellings_of_the_readme_keep_working():
    sp = parse(
        "terminal", "add", "saferpay", "Counter 1", "--customer-id", "401234", "--terminal-id", "12345678",
        "--username", "API_401234_1", "--environment", "live", "--base-url", "https://x.example/api",
        "--spec-version", "1.40", "--password-stdin", "--no-check",
    )  # fmt: skip
    assert (sp.provider, sp.name, sp.customer_id, sp.terminal_id, sp.username) == (
        "saferpay",
        "Counter 1",
        "401234",
        "12345678",
        "API_401234_1",
    )
    assert (sp.environment, sp.base_url, sp.spec_version, sp.secret_stdin, sp.no_check) == (
        "live",
        "https://x.example/api",
        "1.40",
        True,
        True,
    )
    sb = parse(
        "terminal", "add", "sunbay", "Bar", "--app-id", "app_1", "--merchant-id", "mch_2", "--terminal-sn", "T1",
        "--channel-code", "TSYS", "--api-key-stdin",
    )  # fmt: skip
    assert (sb.app_id, sb.merchant_id, sb.terminal_sn, sb.channel_code, sb.secret_stdin) == (
        "app_1",
        "mch_2",
        "T1",
        "TSYS",
        True,
    )
    # Left out: no value on the command line, the provider's own default when the terminal is made.
    assert sb.environment is None and sb.base_url is None and not sb.no_check
    made = new_terminal(
        "Bar", "sunbay", {k: getattr(sb, k) for k in ("app_id", "merchant_id", "terminal_sn", "channel_code")}
    )
    assert made.get("environment") in (None, "live")
    minimal = parse(
        "terminal", "add", "saferpay", "C", "--customer-id", "1", "--terminal-id", "12345678", "--username", "u",
        "--environment", "test",
    )  # fmt: skip
    assert minimal.spec_version is None and not minimal.secret_stdin
    made = new_terminal(
        "C", "saferpay", {"customer_id": "1", "terminal_id": "12345678", "username": "u", "environment": "test"}
    )
    assert made.get("spec_version") in (None, providers.saferpay.SPEC_VERSION)
    edit = parse("terminal", "edit", "Bar", "--name", "Bar 2", "--channel-code", "FISERV", "--api-key-stdin")
    assert edit.new_name == "Bar 2" and edit.set_channel_code == "FISERV"
    assert parse("terminal", "edit", "Counter 1", "--password-stdin", "--terminal-id", "87654321").set_terminal_id


def test_saferpay_still_wants_the_environment_typed(capsys):
    with pytest.raises(SystemExit) as exit_:
        parse("terminal", "add", "saferpay", "C", "--customer-id", "1", "--terminal-id", "12345678", "--username", "u")
    assert exit_.value.code == 2 and "--environment" in capsys.readouterr().err


def test_the_help_of_saferpay_and_sunbay_is_their_own():
    sp, sb = _add_actions("saferpay"), _add_actions("sunbay")
    assert sp["--customer-id"].help == "Saferpay customer ID (1-8 digits)"
    assert sp["--spec-version"].help == f"Saferpay SpecVersion (default {providers.saferpay.SPEC_VERSION})"
    assert "whether user and password are right" in sp["--no-check"].help
    assert sb["--environment"].help == "default: live for SUNBAY production, test for any other base URL"
    assert "whether the API key and terminal are right" in sb["--no-check"].help


@pytest.fixture
def serial_flag():
    """A copy of SUNBAY whose serial-number field names its own flag."""

    class Renamed(SunbayProvider):
        NAME = "sunbay_serial"
        LABEL = "SUNBAY (serial)"
        SECRET_FLAG = "--key-stdin"
        FIELDS = tuple(
            dataclasses.replace(f, flag="--serial") if f.key == "terminal_sn" else f for f in SunbayProvider.FIELDS
        )

    providers.register(Renamed())
    try:
        yield
    finally:
        providers.unregister(Renamed.NAME)


def test_a_field_may_name_its_own_flag(serial_flag, home, capsys, monkeypatch):
    args = parse(
        "terminal", "add", "sunbay_serial", "B", "--app-id", "a", "--merchant-id", "m", "--serial", "T9",
        "--channel-code", "TSYS", "--key-stdin",
    )  # fmt: skip
    assert args.terminal_sn == "T9" and args.secret_stdin
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(
        ["terminal", "add", "sunbay_serial", "B", "--app-id", "a", "--merchant-id", "m", "--serial", "T 9",
         "--channel-code", "TSYS", "--key-stdin"]
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "--serial 'T 9' is not valid" in err and "Nothing was stored" in err
