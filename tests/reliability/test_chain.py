"""Chains against a real PostgreSQL (tests/pgcluster.py): connecting, the outbox, two PCs sharing one
terminal, outages, SIGKILL during replication, older chain schemas, and head office's status.

"Two PCs" are two homes (two histories, two lock folders, two chain links) closing the same physical
terminal at the simulator; only the chain's advisory lock and its record of closes stand between them.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import subprocess
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import psycopg
import pytest
import time_machine

from app.core import chain, providers
from app.core.engine import CloseEngine, Reason, RetryPolicy
from app.core.history import History
from app.core.http import make_client
from app.core.secrets import MemoryStore
from reliability_kit import add_terminals_directly, add_to_simulator, closeout, settings_for, subprocess_env


SP = "chain-sp-pw-1"


def figure(name: str, text: str) -> None:
    """A figure for docs/reliability.md ("Chains"): printed with ``pytest -s``."""
    print(f"\nchain figure: {name}: {text}")


FAST = RetryPolicy(concurrency=4, timeout=5.0, max_attempts=2, backoff_base=0.01, jitter=0.0)


class PC:
    """One back-office PC: its own home (history, locks), credential store and link to the chain."""

    def __init__(self, root: Path, name: str) -> None:
        self.name = name
        self.history = History(root / "history.db", root / "locks")
        self.store = MemoryStore()
        self.lock_required = False

    def connect(self, url: str, password: str, shop: str = "Bern") -> None:
        chain.connect(self.history, self.store, url, shop, password, pc_name=self.name)

    def add(self, terminal_settings: dict, provider: str = "saferpay", name: str = "Counter"):
        return add_terminals_directly(self.history, self.store, [(name, provider, terminal_settings, SP)])[0]

    def replicator(self) -> chain.Replicator:
        return chain.Replicator(self.history, self.store)

    async def close(self, terminals, *, force: bool = False):
        gate = chain.ChainGate(self.history, self.replicator(), lock_required=lambda: self.lock_required)
        async with make_client() as client:
            engine = CloseEngine(self.history, self.store, client, policy=FAST, gate=gate)
            try:
                return await engine.close(terminals, force=force)
            finally:
                engine.shutdown()


@pytest.fixture
def pcs(tmp_path):
    made = [PC(tmp_path / "office", "Office PC"), PC(tmp_path / "bar", "Bar PC")]
    yield made
    for pc in made:
        pc.history.close()


def admin(chain_db):
    return psycopg.connect(chain_db[2], autocommit=True)


def chain_closes(chain_db) -> list[tuple]:
    with admin(chain_db) as conn:
        return conn.execute(
            "SELECT c.close_id, p.pc_name, c.outcome, c.request_id FROM closeout.closes c "
            "JOIN closeout.pcs p USING (pc_id) ORDER BY p.pc_name, c.close_id"
        ).fetchall()


def chain_count(chain_db) -> int:
    with admin(chain_db) as conn:
        return conn.execute("SELECT count(*) FROM closeout.closes").fetchone()[0]


# -- connecting --------------------------------------------------------------------------------------


def test_connect_keeps_the_password_in_the_credential_store_and_creates_the_schema(cli, home, chain_db, memory_keyring):
    url, password, _, _ = chain_db
    done = cli(
        "chain",
        "connect",
        url,
        "--shop",
        "Bern Bahnhof",
        "--pc",
        "Office PC",
        "--password-stdin",
        stdin=password + "\n",
    )
    assert done.code == 0, done.text
    assert "created the chain schema (version 2)" in done.err
    assert memory_keyring.values[("Closeout", chain.SECRET_KEY)] == password
    raw = home.db_path.read_bytes() + b"".join(p.read_bytes() for p in home.root.rglob("*") if p.is_file())
    assert password.encode() not in raw  # not in the history, settings, logs
    db = sqlite3.connect(home.db_path)
    assert db.execute("SELECT url, shop, pc_name FROM chain_link").fetchone() == (url, "Bern Bahnhof", "Office PC")
    with admin(chain_db) as conn:
        assert conn.execute("SELECT version FROM closeout.schema_version").fetchone()[0] + 1 == chain.CHAIN_VERSION
        assert conn.execute("SELECT shop, pc_name FROM closeout.pcs").fetchall() == [("Bern Bahnhof", "Office PC")]

    again = cli("chain", "connect", url, "--shop", "Bern Bahnhof", "--password-stdin", stdin=password + "\n")
    assert again.code == 0 and "chain schema version 2" in again.err  # already current: nothing migrated

    gone = cli("chain", "disconnect")
    assert gone.code == 0 and ("Closeout", chain.SECRET_KEY) not in memory_keyring.values
    assert db.execute("SELECT count(*) FROM chain_link").fetchone()[0] == 0


def test_a_wrong_password_or_an_unsafe_address_connects_nothing(cli, home, chain_db, memory_keyring):
    url, password, _, _ = chain_db
    wrong = cli("chain", "connect", url, "--shop", "Bern", "--password-stdin", stdin="nope\n")
    assert wrong.code == 2 and "refused the password" in wrong.err and "not connected" in wrong.err
    assert ("Closeout", chain.SECRET_KEY) not in memory_keyring.values
    inline = cli(
        "chain", "connect", url.replace("@", ":secret@"), "--shop", "Bern", "--password-stdin", stdin=password + "\n"
    )
    assert inline.code == 2 and "contains a password" in inline.err and "secret" not in inline.err
    plain = cli(
        "chain",
        "connect",
        "postgresql://shop@db.example.com/chain?sslmode=require",
        "--shop",
        "Bern",
        "--password-stdin",
        stdin=password + "\n",
    )
    assert plain.code == 2 and "verify-full" in plain.err


def test_addresses_keep_no_password_and_use_verify_full_beyond_this_pc():
    assert (
        chain.normalize_url("postgresql://shop@db.example.com:5432/chain")
        == "postgresql://shop@db.example.com:5432/chain?sslmode=verify-full"
    )
    assert chain.normalize_url("postgres://shop@127.0.0.1:5433/chain") == "postgresql://shop@127.0.0.1:5433/chain"
    assert chain.normalize_url("postgresql://shop@[::1]/chain") == "postgresql://shop@[::1]/chain"
    for bad in (
        "http://x/y",
        "postgresql://shop:pw@h/db",
        "postgresql://h/db",
        "postgresql://u@h/db?password=x",
        "postgresql://u@h/db?sslmode=disable",
    ):
        with pytest.raises(chain.ChainError):
            chain.normalize_url(bad)


def test_an_older_chain_schema_is_migrated_keeping_its_rows(chain_db, pcs, sim_server):
    url, password, _, _ = chain_db
    with psycopg.connect(url, password=password, autocommit=True) as conn:
        assert chain.migrate(conn, upto=1) == (0, 1)  # a chain set up by the first chain-capable Closeout
        conn.execute(
            "INSERT INTO closeout.pcs (pc_id, shop, pc_name) VALUES "
            "('00000000-0000-0000-0000-000000000001', 'Thun', 'Old PC')"
        )
        conn.execute(
            "INSERT INTO closeout.closes VALUES ('00000000-0000-0000-0000-000000000001', 1, 'Thun', 't', "
            "'Till', 'saferpay', 'live', 'id|x', 'r1', '2026-11-30', now(), now(), 1, 'closed', 'ok', "
            "200, NULL, 1)"
        )
    office = pcs[0]
    office.connect(url, password)
    with admin(chain_db) as conn:
        assert conn.execute("SELECT version FROM closeout.schema_version").fetchone()[0] + 1 == 2
        assert conn.execute("SELECT terminal_name, batch_no FROM closeout.closes").fetchall() == [("Till", None)]
        assert conn.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'closes_by_day'").fetchone()[0] == 1


# -- the outbox ----------------------------------------------------------------------------------------


def test_every_change_is_queued_in_its_own_transaction_and_resent_without_duplicates(chain_db, pcs, sim_server):
    sim, root = sim_server
    url, password, _, _ = chain_db
    office = pcs[0]
    key = add_to_simulator(sim, "saferpay", 1, password=SP, api_key="")
    terminal = office.add(settings_for("saferpay", key, root))
    assert office.history.outbox_waiting() == 0  # not linked: nothing is queued
    office.connect(url, password)
    assert office.history.outbox_waiting() == 1  # the terminal list, queued at connect
    close_id = office.history.start_close(terminal, "test", "req-a", identity=providers.identity(terminal))
    office.history.record_attempt(close_id, 1)
    with pytest.raises(Exception):  # a change that fails rolls its outbox entry back with it
        office.history.add_terminal(terminal)
    assert office.history.outbox_waiting() == 2
    first = office.replicator().drain()
    assert (first.sent, first.waiting, first.error) == (1, 0, None)
    office.history.finish_close(close_id, "closed", message="Batch closed.")
    # A crash after PostgreSQL committed but before the outbox entry was dropped: the same state goes again.
    items = office.history.outbox_batch()
    with psycopg.connect(url, password=password, autocommit=True) as conn:
        chain.send_items(conn, office.history.chain_link(), items, chain.DEFAULT_DAY_END)
    assert office.replicator().drain().waiting == 0
    rows = chain_closes(chain_db)
    assert rows == [(close_id, "Office PC", "closed", "req-a")]
    # An older state sent late (another drain of the same PC) never overwrites a newer one.
    stale = [chain.OutboxItem(i.kind, i.ref, 1, close=i.close) for i in items]
    with psycopg.connect(url, password=password, autocommit=True) as conn:
        stale_close = stale[0].close.__class__(**{**stale[0].close.__dict__, "outcome": "sending"})
        chain.send_items(
            conn,
            office.history.chain_link(),
            [chain.OutboxItem("close", str(close_id), 1, close=stale_close)],
            chain.DEFAULT_DAY_END,
        )
    assert chain_closes(chain_db) == rows
    office.history.remove_terminal(terminal.id)
    office.replicator().drain()
    with admin(chain_db) as conn:
        assert conn.execute("SELECT removed FROM closeout.terminals").fetchall() == [(True,)]


def test_postgresql_stopped_mid_run_then_started_every_close_arrives_once(chain_db, pcs, sim_server):
    sim, root = sim_server
    url, password, _, cluster = chain_db
    office = pcs[0]
    office.connect(url, password)
    terminals = [
        office.add(
            settings_for("saferpay", add_to_simulator(sim, "saferpay", n, password=SP, api_key=""), root),
            name=f"Till {n}",
        )
        for n in range(6)
    ]
    replicator = office.replicator()
    for n, terminal in enumerate(terminals[:3]):  # closes made while the chain answers
        office.history.start_close(terminal, "test", f"before-{n}")
    assert replicator.drain().error is None
    cluster.stop("immediate")
    stopped_at = time.monotonic()
    try:
        outcomes = asyncio.run(office.close(terminals))  # head office is down: the shop still closes
        assert [o.outcome for o in outcomes] == ["closed"] * 6
        assert all("Closed without the chain's lock" in o.message for o in outcomes)
        down = replicator.drain()
        assert down.error and down.waiting >= 6
        assert chain.status_line(office.history).startswith("chain: unreachable since ")
    finally:
        cluster.start()
    outage = time.monotonic() - stopped_at
    started = time.monotonic()
    back = replicator.drain()
    catch_up = time.monotonic() - started
    assert back.error is None and back.waiting == 0
    assert chain.status_line(office.history) == "chain: up to date"
    local = sqlite3.connect(office.history.path).execute("SELECT id, outcome, request_id FROM closes ORDER BY id")
    assert [(r[0], "Office PC", r[1], r[2]) for r in local] == chain_closes(chain_db)  # each once, final state
    figure(
        "PostgreSQL stopped mid-run, then started",
        (
            f"6 closes made while it was down (each with the visible 'without the chain's lock' warning), "
            f"{len(chain_closes(chain_db))} local closes in the chain once each after {catch_up * 1000:.0f} ms "
            f"of catching up (outage {outage:.1f} s)"
        ),
    )


def test_sigkill_during_replication_loses_and_doubles_nothing(chain_db, tmp_path, cross_keyring):
    url, password, _, _ = chain_db
    root = tmp_path / "home"
    history = History(root / "history.db", root / "locks")
    store = MemoryStore()
    chain.connect(history, store, url, "Bern", password, pc_name="Office PC")
    cross_keyring.set(chain.SECRET_KEY, password)
    terminal = add_terminals_directly(
        history,
        store,
        [
            (
                "Counter",
                "saferpay",
                {
                    "customer_id": "401234",
                    "terminal_id": "12345678",
                    "username": "API_401234_12345678",
                    "environment": "test",
                },
                SP,
            )
        ],
    )[0]
    db = sqlite3.connect(history.path, isolation_level=None)  # 20,000 closes waiting (fast, in one transaction)
    db.execute("BEGIN")
    now = datetime.now(timezone.utc)
    db.executemany(
        "INSERT INTO closes (terminal_id, terminal_name, provider, environment, request_id, started_at, "
        "finished_at, attempts, outcome, identity) VALUES (?, 'Counter', 'saferpay', 'test', ?, ?, ?, 1, "
        "'closed', ?)",
        [
            (
                terminal.id,
                f"r{n}",
                (now - timedelta(minutes=n)).isoformat(),
                now.isoformat(),
                providers.identity(terminal),
            )
            for n in range(20_000)
        ],
    )
    db.execute("COMMIT")
    history.close()
    kills = 0
    for _ in range(3):
        proc = subprocess.Popen(
            closeout("chain", "sync"),
            env=subprocess_env(root, cross_keyring),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:  # kill it once some but not all arrived
            if 0 < chain_count(chain_db) < 20_000:
                break
            time.sleep(0.02)
        assert proc.poll() is None, proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        kills += 1
    finish = subprocess.run(
        closeout("chain", "sync"), env=subprocess_env(root, cross_keyring), capture_output=True, text=True, timeout=120
    )
    assert finish.returncode == 0, finish.stderr
    assert "chain: up to date" in finish.stderr
    with admin(chain_db) as conn:
        count, distinct = conn.execute("SELECT count(*), count(DISTINCT request_id) FROM closeout.closes").fetchone()
    assert count == distinct == 20_001 - 1  # 20,000 closes, each once
    figure(
        "SIGKILL during replication",
        f"{kills} kills mid-sync of 20,000 closes: {count} in the chain, 0 lost, 0 doubled",
    )


# -- two PCs, one terminal ------------------------------------------------------------------------------


def test_two_pcs_closing_one_terminal_at_the_same_moment_close_it_once_per_business_day(chain_db, pcs, sim_server):
    sim, root = sim_server
    url, password, _, _ = chain_db
    key = add_to_simulator(sim, "saferpay", 7, password=SP, api_key="")
    office, bar = pcs
    for pc in pcs:
        pc.connect(url, password)
    entries = [pc.add(settings_for("saferpay", key, root)) for pc in pcs]
    days = 8
    start = datetime(2026, 12, 1, 21, 30, tzinfo=timezone.utc)
    words = []
    for day in range(days):
        with time_machine.travel(start + timedelta(days=day), tick=True):

            async def both():
                return await asyncio.gather(office.close([entries[0]]), bar.close([entries[1]]))

            results = [o[0] for o in asyncio.run(both())]
            outcomes = sorted(o.outcome for o in results)
            assert outcomes == ["closed", "skipped"], [o.message for o in results]
            skipped = next(o for o in results if o.outcome == "skipped")
            assert skipped.reason in (Reason.ALREADY_CLOSED, Reason.BUSY)
            words.append(skipped.message)
            # A second round the same evening, one after the other: the chain says it is done.
            late = asyncio.run(bar.close([entries[1]]))[0]
            assert late.outcome == "skipped"
            assert late.message.startswith("Closed at ") or late.message.startswith("Already closed")
    assert sim.close_count(key) == days
    assert any("from 'Office PC'" in w or "from 'Bar PC'" in w or "is closing this terminal" in w for w in words)
    figure(
        "Two PCs, one terminal, same moment",
        (
            f"{days} business days, both PCs closing at once (plus a later try): {sim.close_count(key)} closes at "
            f"the simulator, one per business day"
        ),
    )


def test_another_pcs_close_in_doubt_is_shown_and_never_resent_blindly(chain_db, pcs, sim_server):
    sim, root = sim_server
    url, password, _, _ = chain_db
    key = add_to_simulator(sim, "saferpay", 8, password=SP, api_key="")
    office, bar = pcs
    for pc in pcs:
        pc.connect(url, password)
    entries = [pc.add(settings_for("saferpay", key, root)) for pc in pcs]
    cid = office.history.start_close(entries[0], "test", "doubt-1", identity=providers.identity(entries[0]))
    office.history.record_attempt(cid, 1)
    office.history.finish_close(cid, "in_doubt", message="No answer")
    office.replicator().drain()
    outcome = asyncio.run(bar.close([entries[1]]))[0]
    assert outcome.outcome == "skipped" and outcome.reason == Reason.IN_DOUBT_ELSEWHERE
    assert "'Office PC' has a close of this terminal" in outcome.message and "in doubt" in outcome.message
    forced = asyncio.run(bar.close([entries[1]], force=True))[0]
    assert forced.outcome == "skipped" and forced.reason == Reason.IN_DOUBT_ELSEWHERE  # not even with --force
    assert sim.close_count(key) == 0


def test_with_the_lock_required_an_unreachable_chain_skips_the_terminal(pcs, sim_server, unused_port):
    sim, root = sim_server
    office = pcs[0]
    key = add_to_simulator(sim, "saferpay", 9, password=SP, api_key="")
    terminal = office.add(settings_for("saferpay", key, root))
    office.history.link_chain(
        f"postgresql://shop@127.0.0.1:{unused_port}/chain", "Bern", "0" * 8 + "-0000-0000-0000-" + "0" * 12, "Office PC"
    )
    office.store.set(chain.SECRET_KEY, "pw")
    office.lock_required = True
    outcome = asyncio.run(office.close([terminal]))[0]
    assert outcome.outcome == "skipped" and outcome.reason == Reason.CHAIN_UNREACHABLE
    assert "only close with the chain's lock" in outcome.message and sim.close_count(key) == 0
    office.lock_required = False
    outcome = asyncio.run(office.close([terminal]))[0]
    assert outcome.outcome == "closed" and "Closed without the chain's lock" in outcome.message
    assert sim.close_count(key) == 1


# -- head office ------------------------------------------------------------------------------------------


def test_chain_status_shows_every_shop_and_terminal_with_exit_codes(chain_db, pcs, sim_server, cli, home):
    sim, root = sim_server
    url, password, _, _ = chain_db
    office, bar = pcs
    office.connect(url, password, shop="Bern")
    bar.connect(url, password, shop="Thun")
    bern = [
        office.add(
            settings_for("saferpay", add_to_simulator(sim, "saferpay", 20 + n, password=SP, api_key=""), root),
            name=f"Till {n}",
        )
        for n in range(2)
    ]
    thun = bar.add(settings_for("saferpay", add_to_simulator(sim, "saferpay", 30, password=SP, api_key=""), root))
    asyncio.run(office.close(bern[:1]))
    for pc in pcs:  # the background drain of each PC (the window's, or a CLI run's)
        pc.replicator().drain()
    # Head office's own PC reads the chain with the same role.
    assert cli("chain", "connect", url, "--shop", "Head office", "--password-stdin", stdin=password + "\n").code == 0
    shown = cli("chain", "status", "--json")
    assert shown.code == 1, shown.text  # Till 1 and Thun's Counter are not closed yet
    data = json.loads(shown.out)
    states = {(s["shop"], t["terminal"]): t["state"] for s in data["shops"] for t in s["terminals"]}
    assert states == {("Bern", "Till 0"): "closed", ("Bern", "Till 1"): "not_closed", ("Thun", "Counter"): "not_closed"}
    assert all(s["last_heard"] for s in data["shops"] if s["shop"] in ("Bern", "Thun"))
    asyncio.run(office.close(bern[1:]))
    asyncio.run(bar.close([thun]))
    assert cli("chain", "status").code == 0
    csv_text = cli("chain", "status", "--csv").out
    assert csv_text.splitlines()[0] == ",".join(
        f'"{c}' + '"'
        for c in ("shop", "terminal", "provider", "state", "at", "pc", "batch_no", "message", "last_heard")
    )
    cid = bar.history.start_close(thun, "test", "doubt-2", identity=providers.identity(thun))
    bar.history.record_attempt(cid, 1)
    bar.history.finish_close(cid, "in_doubt", message="No answer")
    bar.replicator().drain()
    assert cli("chain", "status").code == 0  # Thun closed today: a later close in doubt does not undo that
    with admin(chain_db) as conn:
        conn.execute("UPDATE closeout.closes SET outcome = 'failed' WHERE outcome = 'closed' AND shop = 'Thun'")
    assert cli("chain", "status").code == 3


def test_chain_status_filters_not_closed_and_problems_and_totals_per_currency_per_shop(
    chain_db, pcs, sim_server, cli, home
):
    sim, root = sim_server
    url, password, _, _ = chain_db
    office, bar = pcs
    office.connect(url, password, shop="Bern")
    bar.connect(url, password, shop="Thun")
    bern = [
        office.add(
            settings_for("saferpay", add_to_simulator(sim, "saferpay", 40 + n, password=SP, api_key=""), root),
            name=f"Till {n}",
        )
        for n in range(3)
    ]
    thun = bar.add(settings_for("saferpay", add_to_simulator(sim, "saferpay", 50, password=SP, api_key=""), root))
    asyncio.run(office.close(bern[:2]))
    asyncio.run(bar.close([thun]))
    cid = office.history.start_close(bern[1], "test", "doubt-f", identity=providers.identity(bern[1]))
    office.history.record_attempt(cid, 1)
    office.history.finish_close(cid, "in_doubt", message="No answer")
    for pc in pcs:
        pc.replicator().drain()
    with admin(chain_db) as conn:  # Till 1's close failed; the closed batches report their totals
        conn.execute(
            "UPDATE closeout.closes SET outcome = 'failed', message = 'Declined' "
            "WHERE terminal_name = 'Till 1' AND outcome = 'closed'"
        )
        conn.execute("""UPDATE closeout.closes SET environment = 'live', totals = CASE shop
                        WHEN 'Bern' THEN '{"currency": "CHF", "count": 3, "net": 123450}'::jsonb
                        ELSE '{"currency": "EUR", "count": 1, "net": 995}'::jsonb END WHERE outcome = 'closed'""")
        conn.execute("""UPDATE closeout.closes SET outcome = 'failed' WHERE outcome = 'in_doubt'""")
    assert cli("chain", "connect", url, "--shop", "Head office", "--password-stdin", stdin=password + "\n").code == 0

    every = cli("chain", "status")
    assert every.code == 1, every.text
    lines = every.out.splitlines()
    assert any(line.split()[:2] == ["Bern", "CHF"] and "1,234.50" in line for line in lines), every.out
    assert any(line.split()[:2] == ["Thun", "EUR"] and "9.95" in line for line in lines), every.out
    assert "1 failed" in every.err and "1 not closed" in every.err

    not_closed = cli("chain", "status", "--not-closed", "--json")
    assert not_closed.code == 1  # the exit code stays the whole day's
    data = json.loads(not_closed.out)
    assert [(s["shop"], [t["terminal"] for t in s["terminals"]]) for s in data["shops"]] == [("Bern", ["Till 2"])]
    assert data["shops"][0]["totals"] == {"CHF": 123450}  # the shop's totals, whatever the filter shows

    problems = cli("chain", "status", "--problems", "--csv")
    rows = [line.split(",")[:4] for line in problems.out.splitlines()[1:]]
    assert sorted((r[1].strip('"'), r[3].strip('"')) for r in rows) == [("Till 1", "failed"), ("Till 2", "not_closed")]
    assert problems.code == 1
    text = cli("chain", "status", "--problems").out
    assert "Till 1" in text and "Till 2" in text and "Till 0" not in text and "Counter" not in text
    assert cli("chain", "status", "--problems", "--not-closed").code == 2  # one filter at a time

    asyncio.run(office.close(bern[2:]))
    with admin(chain_db) as conn:
        conn.execute("UPDATE closeout.closes SET outcome = 'closed' WHERE terminal_name = 'Till 1'")
    done = cli("chain", "status", "--not-closed")
    assert done.code == 0, done.text
    assert "Every terminal of the chain is closed for this business day." in done.out
