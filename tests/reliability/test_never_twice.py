"""Never twice, by design: the nine ways a shop owner or an IT person used to get a terminal closed twice,
or a close forgotten, each replayed through the CLI against the simulator on a real loopback socket.

The simulator counts closes that really happened (a replayed retry of the same id is not a new close):
per physical terminal and business day it must count at most one, and every business day gets its close.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from datetime import datetime, timedelta, timezone

import pytest
import time_machine

from app.core.history import History
from app.simulator import Fault
from reliability_kit import (
    add_terminals_directly,
    add_to_simulator,
    cli_add_args,
    closeout,
    settings_for,
    subprocess_env,
)

SP = "never-twice-sp-pw-1"
SB = "sk_test_never_twice_2b"
FAST = ["--retry-delay", "0.01", "--timeout", "5"]
CLOSE = ["close", "--all", "--yes", *FAST]
ONE = ["close", "--yes", *FAST]  # + the terminal's name
ZURICH = "Europe/Zurich"


@pytest.fixture
def local_tz(monkeypatch):
    """Run in a real shop's time zone (with DST), whatever the CI machine's zone is."""
    monkeypatch.setenv("TZ", ZURICH)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def shop(sim_server, cli, home):
    """A Saferpay and a SUNBAY terminal at the simulator, added through the CLI."""
    sim, url = sim_server
    added = {}
    for n, provider in enumerate(("saferpay", "sunbay")):
        key = add_to_simulator(sim, provider, n, password=SP, api_key=SB)
        if provider == "sunbay":
            sim.add_transactions(key)  # an open batch with sales (an empty one is "nothing to close")
        settings = settings_for(provider, key, url)
        name = "Counter" if provider == "saferpay" else "Bar"
        done = cli(*cli_add_args(provider, name, settings), stdin=(SP if provider == "saferpay" else SB) + "\n")
        assert done.code == 0, done.text
        added[name] = (provider, key, settings)
    return sim, url, added


def rows(home) -> list[dict]:
    db = sqlite3.connect(home.db_path)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM closes ORDER BY id")]
    finally:
        db.close()


# -- 1. the same physical terminal under two names ---------------------------------------------------


def test_1_a_second_entry_of_the_same_terminal_is_refused_and_an_old_duplicate_closes_once(
    shop, cli, home, memory_keyring
):
    sim, url, added = shop
    provider, key, settings = added["Counter"]
    before = dict(memory_keyring.values)
    again = cli(*cli_add_args(provider, "Counter by import", settings), stdin=SP + "\n")
    assert again.code == 2 and "already set up as 'Counter'" in again.err and "Nothing was stored" in again.err
    assert memory_keyring.values == before  # no secret stored for the refused entry
    # Only the host, customer and terminal make the identity: another address of the same host is the same.
    same = dict(settings, base_url=settings["base_url"] + "/")
    assert cli(*cli_add_args(provider, "Counter 2", same), stdin=SP + "\n").code == 2

    # A history from before identities may already hold a duplicate: it is kept and shown, and closes once.
    history = History(home.db_path, home.lock_dir)
    db = sqlite3.connect(home.db_path)
    db.execute(
        "INSERT INTO terminals (id, name, provider, settings, position, created_at) "
        "SELECT 'dup-1', 'Counter (old)', provider, settings, 9, created_at FROM terminals WHERE name = 'Counter'"
    )
    db.commit()
    db.close()
    history.close()
    listed = cli("terminal", "list")
    assert listed.code == 0 and "same terminal as 'Counter': remove one" in listed.out
    assert "'Counter' = 'Counter (old)'" in listed.err
    assert json.loads(cli("terminal", "list", "--json").out)[2]["duplicate_of"] == "Counter"
    done = cli(*CLOSE, "--json")
    assert done.code == 0, done.text
    outcomes = {o["name"]: o for o in json.loads(done.out)}
    assert outcomes["Counter"]["outcome"] == "closed"
    assert outcomes["Counter (old)"]["outcome"] == "skipped" and outcomes["Counter (old)"]["reason"] == "same_terminal"
    assert sim.close_count(key) == 1


# -- 2. remove + add keeps the terminal's history ----------------------------------------------------


def test_2_remove_and_add_again_picks_up_the_close_in_doubt_and_the_business_day(shop, cli, home):
    sim, url, added = shop
    provider, key, settings = added["Counter"]
    sim.script(key, [Fault.lost_after()] * 4)  # the close happens; every answer is lost
    assert cli(*ONE, "Counter").code == 3
    [doubt] = [r for r in rows(home) if r["outcome"] == "in_doubt"]
    assert sim.close_count(key) == 1
    removed = cli("terminal", "remove", "Counter", "--yes")
    assert removed.code == 0 and "in doubt" in removed.err and "settle" in removed.err
    assert cli(*cli_add_args(provider, "Counter new", settings), stdin=SP + "\n").code == 0
    done = cli(*CLOSE, "--json")
    outcomes = {o["name"]: o for o in json.loads(done.out)}
    # The earlier close is re-sent first with its own id, and settles as closed: no new close.
    assert outcomes["Counter new"]["outcome"] == "closed"
    assert outcomes["Counter new"]["request_id"] == doubt["request_id"]
    assert sim.close_count(key) == 1
    # Remove + add once more: already closed this business day, whatever the entry is called.
    assert cli("terminal", "remove", "Counter new", "--yes").code == 0
    assert cli(*cli_add_args(provider, "Counter", settings), stdin=SP + "\n").code == 0
    again = json.loads(cli(*ONE, "--json", "Counter").out)
    assert again[0]["outcome"] == "skipped" and again[0]["reason"] == "already_closed"
    assert sim.close_count(key) == 1


# -- 3. a close across midnight belongs to the evening it started --------------------------------------


def test_3_a_close_started_at_2359_and_answered_after_midnight_counts_for_that_evening(local_tz, shop, cli, home):
    sim, url, added = shop
    _, sp_key, _ = added["Counter"]
    _, sb_key, _ = added["Bar"]
    evening = datetime(2026, 12, 1, 23, 59, 30).astimezone()
    sim.set_latency(sp_key, 1.0)
    sim.set_latency(sb_key, 1.0)
    with time_machine.travel(evening, tick=True):
        assert cli(*CLOSE).code == 0
    assert all(r["outcome"] == "closed" for r in rows(home))
    with time_machine.travel(evening + timedelta(minutes=2), tick=True):  # 00:01:30: the same business day
        early = json.loads(cli(*CLOSE, "--json").out)
    assert [o["reason"] for o in early] == ["already_closed", "already_closed"]
    sim.add_transactions(sb_key)
    with time_machine.travel(datetime(2026, 12, 2, 22, 0).astimezone(), tick=True):  # the next evening
        late = json.loads(cli(*CLOSE, "--json").out)
    assert [o["outcome"] for o in late] == ["closed", "closed"]
    assert sim.close_count(sp_key) == 2 and sim.close_count(sb_key) == 2  # one per business day


def test_3b_business_day_end_setting_moves_the_day(local_tz, shop, cli, home):
    from app.core import settings as settings_mod

    sim, url, added = shop
    _, sp_key, _ = added["Counter"]
    with time_machine.travel(datetime(2026, 12, 1, 23, 59).astimezone(), tick=True):
        assert cli(*ONE, "Counter").code == 0
    settings_mod.save(home.settings_path, settings_mod.Settings(business_day_end="00:00"))
    with time_machine.travel(datetime(2026, 12, 2, 0, 5).astimezone(), tick=True):
        done = json.loads(cli(*ONE, "--json", "Counter").out)
    assert done[0]["outcome"] == "closed" and sim.close_count(sp_key) == 2


# -- 4. a re-send is built from the frozen request ---------------------------------------------------


def test_4_an_in_doubt_close_is_resent_from_its_frozen_request_and_the_target_cannot_change(shop, cli, home):
    sim, url, added = shop
    provider, key, settings = added["Counter"]
    other = add_to_simulator(sim, "saferpay", 7, password=SP, api_key=SB)
    sim.script(key, [Fault.lost_after()] * 4)
    assert cli(*ONE, "Counter").code == 3
    # Correcting the Terminal ID while its close is in doubt is refused, with what to do.
    edit = cli("terminal", "edit", "Counter", "--terminal-id", other)
    assert edit.code == 2 and "in doubt" in edit.err and "settle" in edit.err.lower()
    # Renaming and rotating the password stay allowed.
    assert cli("terminal", "edit", "Counter", "--name", "Front desk", "--password-stdin", stdin=SP + "\n").code == 0
    # Even if the settings changed behind Closeout's back (an older version), the re-send goes where the
    # first close went, with the same id.
    db = sqlite3.connect(home.db_path)
    db.execute(
        "UPDATE terminals SET settings = ? WHERE name = 'Front desk'", (json.dumps(dict(settings, terminal_id=other)),)
    )
    db.commit()
    db.close()
    [doubt] = [r for r in rows(home) if r["outcome"] == "in_doubt"]
    assert json.loads(doubt["request"])["settings"]["terminal_id"] == key
    sim.clear_requests()
    settled = cli("resolve", "--yes", *FAST)
    assert settled.code == 3  # the entry now names another terminal: the close stays in doubt, nothing sent blindly
    assert not [r for r in sim.requests if other in str(r)]
    db = sqlite3.connect(home.db_path)
    db.execute("UPDATE terminals SET settings = ? WHERE name = 'Front desk'", (json.dumps(settings),))
    db.commit()
    db.close()
    assert cli("resolve", "--yes", *FAST).code == 0
    assert sim.close_count(key) == 1 and sim.close_count(other) == 0


# -- 5. a PC clock behind the newest close -------------------------------------------------------------


def test_5_a_clock_behind_the_newest_close_stops_that_terminal_with_a_clear_message(shop, cli, home):
    sim, url, added = shop
    _, sp_key, _ = added["Counter"]
    _, sb_key, _ = added["Bar"]
    with time_machine.travel(datetime.now(timezone.utc) + timedelta(days=3), tick=True):
        assert cli(*ONE, "Counter").code == 0  # the clock was ahead then (or is behind now)
    done = cli(*CLOSE, "--json")
    assert done.code == 2, done.text
    outcomes = {o["name"]: o for o in json.loads(done.out)}
    assert outcomes["Counter"]["reason"] == "clock" and "clock looks wrong" in outcomes["Counter"]["message"]
    assert outcomes["Bar"]["outcome"] == "closed"  # every other terminal still closes
    assert "clock looks wrong" in done.err
    assert sim.close_count(sp_key) == 1 and sim.close_count(sb_key) == 1


# -- 6. settling a close in doubt from the CLI ---------------------------------------------------------


def test_6_settle_from_the_cli_after_saferpays_ten_attempts_and_after_removal(shop, cli, home):
    sim, url, added = shop
    provider, key, settings = added["Counter"]
    sim.script(key, [Fault.lost_after()] * 12)
    assert cli(*ONE, "Counter", "--max-attempts", "10").code == 3
    assert cli("resolve", "--yes", *FAST).code == 3  # ten RetryIndicators used: only a person can settle it
    [doubt] = [r for r in rows(home) if r["outcome"] == "in_doubt"]
    listed = cli("history")
    assert str(doubt["id"]) in listed.out and "ID" in listed.out
    assert json.loads(cli("history", "--json").out)[0]["id"] == doubt["id"]
    assert cli("settle", "999999", "--closed", "--yes").code == 2
    done = cli("settle", str(doubt["id"]), "--closed", "--note", "Backoffice shows batch 21:03", "--yes")
    assert done.code == 0, done.text
    row = [r for r in rows(home) if r["id"] == doubt["id"]][0]
    assert row["outcome"] == "closed" and row["settled_by"] and row["note"] == "Backoffice shows batch 21:03"
    assert cli("settle", str(doubt["id"]), "--not-closed", "--yes").code == 2  # not in doubt any more
    assert cli("resolve", "--yes").code == 0
    skipped = json.loads(cli(*ONE, "--json", "Counter").out)
    assert skipped[0]["reason"] == "already_closed" and sim.close_count(key) == 1

    # A close in doubt of a removed terminal: resolve says how to settle it; settle works; no terminal blocked.
    _, sb_key, sb_settings = added["Bar"]
    sim.script(sb_key, [Fault.lost_after()] * 4)
    assert cli(*ONE, "Bar").code == 3
    assert cli("terminal", "remove", "Bar").code == 2  # asks, and there is no console to ask on
    assert cli("terminal", "remove", "Bar", "--yes").code == 0
    stuck = cli("resolve", "--yes", *FAST)
    assert stuck.code == 3 and "closeout settle" in stuck.out
    [bar_doubt] = [r for r in rows(home) if r["outcome"] == "in_doubt"]
    assert cli("settle", str(bar_doubt["id"]), "--not-closed", "--yes").code == 0
    assert cli("resolve", "--yes").code == 0 and "No close is in doubt" in cli("resolve", "--yes").err


# -- 7. Ctrl+C and SIGTERM ---------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_7_interrupt_skips_what_is_unsent_records_what_is_on_its_way_and_prints_the_summary(
    sim_server, tmp_path, cross_keyring, sig
):
    sim, url = sim_server
    home = tmp_path / "home"
    history = History(home / "history.db", home / "locks")
    items = []
    for n in range(6):
        key = add_to_simulator(sim, "saferpay", 40 + n, password=SP, api_key=SB, latency=3.0)
        items.append((f"Till {n}", "saferpay", settings_for("saferpay", key, url), SP))
    add_terminals_directly(history, cross_keyring, items)
    history.close()
    proc = subprocess.Popen(
        closeout("close", "--all", "--yes", "--concurrency", "2", "--timeout", "20"),
        env=subprocess_env(home, cross_keyring),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and sum(sim.max_in_flight(k) for k in sim.terminal_keys()) < 2:
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 3, out + err
    assert "Summary:" in out and "in doubt" in out and "Traceback" not in err
    found = rows(type("H", (), {"db_path": home / "history.db"}))
    assert not [r for r in found if r["outcome"] == "sending"]
    assert len([r for r in found if r["outcome"] == "in_doubt"]) == 2  # the two on their way
    assert len(found) == 2  # the four queued ones were never started
    time.sleep(3.5)
    assert sim.total_closes() <= 2


# -- 8. SUNBAY code "0" under a non-2xx status ----------------------------------------------------------


def test_8_sunbay_code_0_under_an_error_status_is_resent_not_failed(shop, cli, home):
    sim, url, added = shop
    _, sb_key, _ = added["Bar"]
    body = json.dumps({"code": "0", "msg": "success", "traceId": "T-0", "data": {}})
    sim.script(sb_key, [Fault.http(400, body, "application/json")])
    done = json.loads(cli(*ONE, "--json", "Bar").out)
    assert done[0]["outcome"] == "closed" and done[0]["attempts"] == 2
    assert sim.close_count(sb_key) == 1
    assert cli(*ONE, "Bar", "--force").code == 0  # a forced close is a new one, by the owner's choice


# -- 9. a terminal of a provider this version does not know ----------------------------------------------


def test_9_an_unknown_provider_is_shown_and_skipped_and_every_other_terminal_closes(shop, cli, home, tmp_path):
    sim, url, added = shop
    db = sqlite3.connect(home.db_path)
    db.execute(
        "INSERT INTO terminals (id, name, provider, settings, position, created_at) VALUES "
        "('future-1', 'Kiosk', 'nexgen', '{\"device\": \"X1\"}', 5, '2026-11-01T08:00:00+00:00')"
    )
    db.commit()
    db.close()
    listed = cli("terminal", "list")
    assert listed.code == 0 and "Kiosk" in listed.out and "unknown provider" in listed.out
    done = cli(*CLOSE, "--json")
    outcomes = {o["name"]: o for o in json.loads(done.out)}
    assert outcomes["Kiosk"]["outcome"] == "skipped" and "does not know" in outcomes["Kiosk"]["message"]
    assert outcomes["Counter"]["outcome"] == outcomes["Bar"]["outcome"] == "closed"
    assert done.code == 0
    report = cli("report", "--csv", str(tmp_path / "day.csv"))
    assert report.code == 0, report.text
    assert cli("history").code == 0
