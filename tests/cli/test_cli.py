"""The headless CLI end to end: real loopback simulator, real SQLite home, keyring backend in memory."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.simulator import Fault

SP_PASSWORD = "cli-saferpay-pw-7"
SB_KEY = "sk_test_cli_4eC39HqLyjWDarjtT1zdp7dc"
FAST = ["--retry-delay", "0.01", "--timeout", "5"]


def run(argv, capsys, monkeypatch, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def shop(sim_server, home, capsys, monkeypatch):
    """Two terminals added through the CLI itself."""
    sim, url = sim_server
    sim.add(
        "saferpay", customer_id="401234", terminal_id="12345678", username="API_401234_12345678", password=SP_PASSWORD
    )
    sim.add(
        "sunbay",
        app_id="app_123456",
        merchant_id="mch_789012",
        terminal_sn="T1234567890",
        channel_code="TSYS",
        api_key=SB_KEY,
    )
    code, _, err = run(
        [
            "terminal",
            "add",
            "saferpay",
            "Counter 1",
            "--customer-id",
            "401234",
            "--terminal-id",
            "12345678",
            "--username",
            "API_401234_12345678",
            "--environment",
            "test",
            "--base-url",
            f"{url}/saferpay/api",
            "--password-stdin",
        ],
        capsys,
        monkeypatch,
        SP_PASSWORD + "\n",
    )
    assert code == 0, err
    code, _, err = run(
        [
            "terminal",
            "add",
            "sunbay",
            "Bar",
            "--app-id",
            "app_123456",
            "--merchant-id",
            "mch_789012",
            "--terminal-sn",
            "T1234567890",
            "--channel-code",
            "TSYS",
            "--base-url",
            f"{url}/sunbay",
            "--api-key-stdin",
        ],
        capsys,
        monkeypatch,
        SB_KEY + "\n",
    )
    assert code == 0, err
    # Each add asked its provider, read-only, whether the credentials are right: one GET each, no close.
    assert [r.method for r in sim.requests] == ["GET", "GET"] and sim.total_closes() == 0
    sim.clear_requests()
    return sim, url


def test_version(capsys):
    from app.__main__ import main as entry

    assert entry(["--version"]) == 0
    assert capsys.readouterr().out.strip() == "Closeout 0.1.0"


def test_terminal_list_json_has_settings_and_no_secret(shop, capsys, monkeypatch, memory_keyring):
    code, out, _ = run(["terminal", "list", "--json"], capsys, monkeypatch)
    assert code == 0
    items = json.loads(out)
    assert [(i["name"], i["provider"], i["environment"]) for i in items] == [
        ("Counter 1", "saferpay", "test"),
        ("Bar", "sunbay", "test"),
    ]
    assert items[0]["settings"]["terminal_id"] == "12345678"
    assert SP_PASSWORD not in out and SB_KEY not in out
    # The secrets are in the credential store under the terminals' stable ids.
    assert memory_keyring.values[("Closeout", items[0]["id"])] == SP_PASSWORD
    assert memory_keyring.values[("Closeout", items[1]["id"])] == SB_KEY


def test_close_all_json_then_skipped_today(shop, capsys, monkeypatch):
    sim, _ = shop
    code, out, err = run(["close", "--all", "--yes", "--json", *FAST], capsys, monkeypatch)
    assert code == 0, err
    result = json.loads(out)
    assert [(r["name"], r["provider"], r["outcome"], r["attempts"]) for r in result] == [
        ("Counter 1", "saferpay", "closed", 1),
        ("Bar", "sunbay", "closed", 1),
    ]
    assert all(r["request_id"] and r["message"] for r in result)
    assert "Counter 1: sending (attempt 1)" in err  # live progress on stderr
    assert sim.total_closes() == 2
    code, out, _ = run(["close", "--all", "--yes", "--json", *FAST], capsys, monkeypatch)
    assert code == 0
    assert [r["outcome"] for r in json.loads(out)] == ["skipped", "skipped"]
    assert sim.total_closes() == 2


def test_close_failure_exit_1_with_provider_reason(shop, capsys, monkeypatch):
    sim, _ = shop
    sim.script("T1234567890", [Fault.sunbay_code("C17", "channelCode is invalid")])
    code, out, _ = run(["close", "Bar", "--yes", *FAST], capsys, monkeypatch)
    assert code == 1
    assert "failed" in out and "channelCode is invalid" in out and "C17" in out


def test_close_in_doubt_exit_3_then_resolve_exit_0_one_close(shop, capsys, monkeypatch):
    sim, _ = shop
    sim.script("12345678", [Fault.lost_after()] * 2)
    code, out, _ = run(["close", "Counter 1", "--yes", "--max-attempts", "2", *FAST], capsys, monkeypatch)
    assert code == 3
    assert "in doubt" in out and "closeout resolve" in out
    code, out, err = run(["resolve", "--yes", "--json", *FAST], capsys, monkeypatch)
    assert code == 0, err
    [item] = json.loads(out)
    assert item["outcome"] == "closed" and item["attempts"] == 3
    assert sim.close_count("12345678") == 1
    code, _, err = run(["resolve", "--yes"], capsys, monkeypatch)
    assert code == 0 and "No close is in doubt" in err


def test_close_without_yes_and_no_tty_refuses_exit_2(shop, capsys, monkeypatch):
    sim, _ = shop
    code, _, err = run(["close", "--all"], capsys, monkeypatch)
    assert code == 2 and "--yes" in err
    assert sim.requests == []


def test_close_unknown_name_exit_2(shop, capsys, monkeypatch):
    code, _, err = run(["close", "Nope", "--yes"], capsys, monkeypatch)
    assert code == 2 and "No terminal named 'Nope'" in err


@pytest.mark.parametrize(
    "args, flag",
    [
        (["--terminal-id", "1234567"], "--terminal-id"),
        (["--terminal-id", "1234567a"], "--terminal-id"),
        (["--customer-id", "123456789"], "--customer-id"),
        (["--base-url", "http://saferpay.example.com/api"], "--base-url"),
        (["--base-url", "ftp://x"], "--base-url"),
        (["--spec-version", "one"], "--spec-version"),
    ],
)
def test_terminal_add_refuses_bad_fields_naming_them(home, capsys, monkeypatch, memory_keyring, args, flag):
    base = {"--customer-id": "401234", "--terminal-id": "12345678", "--username": "API_1", "--environment": "test"}
    for k, v in zip(args[::2], args[1::2]):
        base[k] = v
    argv = ["terminal", "add", "saferpay", "Counter 1", *[x for kv in base.items() for x in kv], "--password-stdin"]
    code, _, err = run(argv, capsys, monkeypatch, "pw-123456\n")
    assert code == 2
    assert flag in err and "Nothing was stored" in err
    assert memory_keyring.values == {}
    code, out, _ = run(["terminal", "list", "--json"], capsys, monkeypatch)
    assert json.loads(out) == []


def test_terminal_add_refuses_duplicate_name(shop, capsys, monkeypatch, memory_keyring):
    before = dict(memory_keyring.values)
    code, _, err = run(
        [
            "terminal",
            "add",
            "sunbay",
            "bar",
            "--app-id",
            "a",
            "--merchant-id",
            "m",
            "--terminal-sn",
            "S",
            "--channel-code",
            "C",
            "--api-key-stdin",
        ],
        capsys,
        monkeypatch,
        "sk_test_x1\n",
    )
    assert code == 2 and "already exists" in err
    assert memory_keyring.values == before


def test_terminal_add_without_stdin_flag_and_no_tty_refuses(home, capsys, monkeypatch):
    code, _, err = run(
        [
            "terminal",
            "add",
            "sunbay",
            "Bar",
            "--app-id",
            "a",
            "--merchant-id",
            "m",
            "--terminal-sn",
            "S",
            "--channel-code",
            "C",
        ],
        capsys,
        monkeypatch,
    )
    assert code == 2 and "--api-key-stdin" in err


def test_terminal_remove_deletes_the_secret_keeps_history(shop, capsys, monkeypatch, memory_keyring):
    run(["close", "--all", "--yes", *FAST], capsys, monkeypatch)
    code, _, err = run(["terminal", "remove", "Counter 1"], capsys, monkeypatch)
    assert code == 2 and "--yes" in err  # no console to ask on: refused, nothing removed
    assert SP_PASSWORD in memory_keyring.values.values()
    code, _, err = run(["terminal", "remove", "Counter 1", "--yes"], capsys, monkeypatch)
    assert code == 0
    assert SP_PASSWORD not in memory_keyring.values.values()
    code, out, _ = run(["history", "--json", "--terminal", "Counter 1"], capsys, monkeypatch)
    assert [r["outcome"] for r in json.loads(out)] == ["closed"]


def test_history_json_csv_and_filters(shop, capsys, monkeypatch):
    sim, _ = shop
    sim.script("T1234567890", [Fault.sunbay_code("C17", "bad")])
    run(["close", "--all", "--yes", *FAST], capsys, monkeypatch)
    code, out, _ = run(["history", "--json"], capsys, monkeypatch)
    rows = json.loads(out)
    assert code == 0 and len(rows) == 2
    for key in ("name", "provider", "outcome", "started_at", "finished_at", "attempts", "request_id", "message"):
        assert all(key in r for r in rows)
    assert rows[0]["started_at"] >= rows[1]["started_at"]  # newest first
    code, out, _ = run(["history", "--csv", "--terminal", "Bar"], capsys, monkeypatch)
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert [(r["terminal"], r["outcome"], r["provider_code"]) for r in parsed] == [("Bar", "failed", "C17")]
    from app.core.exports import CSV_FIELDS  # the window's "Export CSV" writes the same columns

    assert tuple(parsed[0]) == CSV_FIELDS and parsed[0]["id"] == str(
        rows[0]["id"] if rows[0]["name"] == "Bar" else rows[1]["id"]
    )
    code, out, _ = run(["history", "--json", "--since", "2999-01-01"], capsys, monkeypatch)
    assert json.loads(out) == []
    code, _, err = run(["history", "--since", "yesterday"], capsys, monkeypatch)
    assert code == 2


def test_no_credential_store_exit_2_nothing_sent(shop, capsys, monkeypatch):
    import keyring
    from keyring.backends import fail

    sim, _ = shop
    keyring.set_keyring(fail.Keyring())
    code, _, err = run(["close", "--all", "--yes"], capsys, monkeypatch)
    assert code == 2 and "No OS credential store" in err and "Nothing was sent" in err
    assert sim.requests == []


def test_no_secret_in_database_or_log(shop, capsys, monkeypatch, home):
    sim, _ = shop
    sim.script("12345678", [Fault.saferpay_error(401, "AUTHENTICATION_FAILED", "DO_NOT_RETRY", "bad login")])
    run(["close", "--all", "--yes", *FAST], capsys, monkeypatch)
    run(["history", "--json"], capsys, monkeypatch)
    for path in Path(home.root).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SP_PASSWORD.encode() not in data and SB_KEY.encode() not in data, path
    db = sqlite3.connect(home.db_path)
    dump = "\n".join(db.iterdump())
    assert SP_PASSWORD not in dump and SB_KEY not in dump


def test_cli_subprocess_on_real_socket_exit_codes(sim_server, tmp_path):
    """The installed entry point in its own process: usage errors, an empty home."""
    env = {
        "CLOSEOUT_HOME": str(tmp_path / "h"),
        "PATH": "/usr/bin:/bin",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    done = subprocess.run(
        [sys.executable, "-m", "app", "close", "--all", "--yes"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        timeout=60,
    )
    assert done.returncode == 2 and "No terminals are configured" in done.stderr
    assert "Traceback" not in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "app", "close"],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        timeout=60,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", [["history"], ["terminal", "list"], ["settings", "show"]])
def test_a_damaged_settings_file_is_said_once_moved_aside_and_the_command_goes_on(
    home, capsys, monkeypatch, memory_keyring, command
):
    # The file is read once per command: the read that moves it aside is the one that says so.
    home.settings_path.write_text('{"business_day_end": "25:99", "language": ', encoding="utf-8")
    code, _out, err = run(command, capsys, monkeypatch)
    assert code == 0, err
    assert err.count("The settings file was damaged and has been moved aside to settings.json.damaged-") == 1
    assert "choose yours again in Settings" in err and "Traceback" not in err
    assert not home.settings_path.exists()
    assert len(list(home.root.glob("settings.json.damaged-*"))) == 1  # moved aside, never deleted
