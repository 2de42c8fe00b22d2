"""`closeout terminal add` asks the provider (read-only) whether the credentials are right."""

from __future__ import annotations

import io
import sys

import pytest

from app.cli import main


def run(argv, capsys, monkeypatch, stdin):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    return code, *capsys.readouterr()


def saferpay_add(url, *extra):
    return [
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
        *extra,
    ]


def sunbay_add(url, *extra):
    return [
        "terminal",
        "add",
        "sunbay",
        "Bar",
        "--app-id",
        "app_1",
        "--merchant-id",
        "mch_1",
        "--terminal-sn",
        "T100",
        "--channel-code",
        "TSYS",
        "--base-url",
        f"{url}/sunbay",
        "--api-key-stdin",
        *extra,
    ]


@pytest.fixture
def accounts(sim_server):
    sim, url = sim_server
    sim.add("saferpay", "401234", "12345678", "API_401234_12345678", "right-password-1")
    sim.add(
        "sunbay",
        app_id="app_1",
        merchant_id="mch_1",
        terminal_sn="T100",
        channel_code="TSYS",
        api_key="sk_test_right_key_1",
    )
    return sim, url


def test_a_wrong_password_is_refused_at_once_and_nothing_stored(accounts, home, capsys, monkeypatch, memory_keyring):
    sim, url = accounts
    code, _, err = run(saferpay_add(url), capsys, monkeypatch, "wrong-password-1\n")
    assert code == 2
    assert "Saferpay refused the credentials" in err and "Nothing was stored" in err
    assert memory_keyring.values == {} and sim.total_closes() == 0
    assert main(["terminal", "list", "--json"]) == 0 and capsys.readouterr().out.strip() == "[]"


def test_a_wrong_api_key_is_refused(accounts, home, capsys, monkeypatch, memory_keyring):
    sim, url = accounts
    code, _, err = run(sunbay_add(url), capsys, monkeypatch, "sk_test_wrong_key_1\n")
    assert code == 2 and "SUNBAY refused the credentials" in err and "API key" in err
    assert memory_keyring.values == {}


def test_right_credentials_are_checked_then_stored(accounts, home, capsys, monkeypatch, memory_keyring):
    sim, url = accounts
    code, _, err = run(sunbay_add(url), capsys, monkeypatch, "sk_test_right_key_1\n")
    assert code == 0, err
    assert "SUNBAY accepted the API key" in err
    assert [r.method for r in sim.requests] == ["GET"] and sim.total_closes() == 0


def test_no_check_sends_nothing(accounts, home, capsys, monkeypatch, memory_keyring):
    sim, url = accounts
    code, _, err = run(saferpay_add(url, "--no-check"), capsys, monkeypatch, "wrong-password-1\n")
    assert code == 0, err
    assert sim.requests == [] and len(memory_keyring.values) == 1


def test_unreachable_provider_is_said_and_a_script_still_stores(home, capsys, monkeypatch, memory_keyring, unused_port):
    code, _, err = run(saferpay_add(f"http://127.0.0.1:{unused_port}"), capsys, monkeypatch, "pw-123456\n")
    assert code == 0, err
    assert "could not be reached" in err and "Saved anyway, unchecked" in err
    assert len(memory_keyring.values) == 1
