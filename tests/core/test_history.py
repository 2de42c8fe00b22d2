"""The history on a real SQLite file: durability, orphans, migrations, damage."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.core.history import SCHEMA_VERSION, DuplicateName, History, HistoryError
from app.core.terminals import new_terminal

FIXTURES = Path(__file__).parent.parent / "fixtures"


def saferpay_terminal(name="Counter 1", terminal_id="12345678"):
    return new_terminal(
        name,
        "saferpay",
        {"customer_id": "401234", "terminal_id": terminal_id, "username": "API_401234_12345678", "environment": "test"},
    )


@pytest.fixture
def history(tmp_path):
    h = History(tmp_path / "history.db")
    yield h
    h.close()


def test_new_file_is_wal_with_current_schema_and_indexes(history, tmp_path):
    assert history.schema_version == SCHEMA_VERSION
    raw = sqlite3.connect(tmp_path / "history.db")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    indexes = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"closes_by_time", "closes_by_terminal", "closes_by_outcome"} <= indexes
    plan = " ".join(
        str(r)
        for r in raw.execute("EXPLAIN QUERY PLAN SELECT * FROM closes WHERE terminal_id = 'x' ORDER BY started_at DESC")
    )
    assert "closes_by_terminal" in plan


def test_terminals_round_trip_and_duplicate_names_refused(history):
    t = saferpay_terminal()
    history.add_terminal(t)
    assert history.terminals() == [t]
    assert history.terminal_by_name("counter 1") == t
    with pytest.raises(DuplicateName, match="already exists"):
        history.add_terminal(saferpay_terminal("COUNTER 1", "87654321"))
    history.remove_terminal(t.id)
    assert history.terminals() == []


def test_close_row_is_committed_before_the_request_leaves(history, tmp_path):
    t = saferpay_terminal()
    close_id = history.start_close(t, "test", "req-abc")
    history.record_attempt(close_id, 1)
    # Another connection (another process, or the file after a power cut) already sees it.
    raw = sqlite3.connect(tmp_path / "history.db")
    row = raw.execute("SELECT outcome, attempts, request_id FROM closes WHERE id = ?", (close_id,)).fetchone()
    assert row == ("sending", 1, "req-abc")
    # While this process lives, the row is its own and reads as sending, not in doubt.
    assert history.close_row(close_id).outcome == "sending"
    assert history.in_doubt() == []


def test_finish_records_every_field(history):
    t = saferpay_terminal()
    close_id = history.start_close(t, "test", "req-1")
    history.record_attempt(close_id, 2)
    history.finish_close(
        close_id,
        "failed",
        message="Saferpay refused",
        http_status=402,
        provider_code="X",
        provider_message="no",
        trace_id="tr-1",
        data={"batchNo": "7"},
    )
    row = history.close_row(close_id)
    assert (
        row.outcome,
        row.attempts,
        row.http_status,
        row.provider_code,
        row.provider_message,
        row.trace_id,
        row.data,
        row.message,
    ) == ("failed", 2, 402, "X", "no", "tr-1", {"batchNo": "7"}, "Saferpay refused")
    assert row.finished_at is not None and row.finished_at >= row.started_at


ORPHAN_SCRIPT = textwrap.dedent("""
    import os, sys
    from app.core.history import History
    from app.core.terminals import new_terminal
    h = History(sys.argv[1])
    t = new_terminal("Counter 1", "saferpay", {"customer_id": "401234", "terminal_id": "12345678",
                     "username": "API_1", "environment": "test"})
    sent = h.start_close(t, "test", "req-sent")
    h.record_attempt(sent, 1)
    h.start_close(t, "test", "req-unsent")
    os._exit(0)  # dies without closing anything, like a crash
""")


def test_rows_left_sending_by_a_dead_process_become_in_doubt(tmp_path):
    path = tmp_path / "history.db"
    subprocess.run([sys.executable, "-c", ORPHAN_SCRIPT, str(path)], check=True, cwd=Path(__file__).parents[2])
    h = History(path)
    try:
        rows = {r.request_id: r for r in h.closes()}
        assert rows["req-sent"].outcome == "in_doubt"
        assert "stopped" in rows["req-sent"].message
        # attempts is committed before an attempt leaves: 0 attempts means nothing was sent.
        assert rows["req-unsent"].outcome == "failed"
        assert [r.request_id for r in h.in_doubt()] == ["req-sent"]
        raw = sqlite3.connect(path)
        assert raw.execute("SELECT count(*) FROM closes WHERE outcome = 'sending'").fetchone()[0] == 0
    finally:
        h.close()


def test_a_live_other_process_keeps_its_sending_rows(tmp_path):
    path = tmp_path / "history.db"
    first = History(path)
    t = saferpay_terminal()
    close_id = first.start_close(t, "test", "req-live")
    first.record_attempt(close_id, 1)
    second = History(path)  # a second window: the first one still runs
    try:
        assert second.close_row(close_id).outcome == "sending"
        first.close()  # the first process ends without finishing
        third = History(path)
        assert third.close_row(close_id).outcome == "in_doubt"
        third.close()
    finally:
        second.close()


def test_filters_and_order(history):
    a, b = saferpay_terminal("A", "11111111"), saferpay_terminal("B", "22222222")
    base = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)
    for i in range(6):
        term = a if i % 2 else b
        cid = history.start_close(term, "test", f"r{i}", started_at=base + timedelta(hours=i))
        history.finish_close(cid, "closed" if i < 4 else "failed")
    assert [r.request_id for r in history.closes()] == ["r5", "r4", "r3", "r2", "r1", "r0"]
    assert [r.request_id for r in history.closes(terminal_id=a.id)] == ["r5", "r3", "r1"]
    assert [r.request_id for r in history.closes(since=base + timedelta(hours=3))] == ["r5", "r4", "r3"]
    assert [r.request_id for r in history.closes(outcome="failed")] == ["r5", "r4"]
    assert history.count_closes(terminal_id=b.id, until=base + timedelta(hours=3)) == 2
    assert history.last_success(a.id).request_id == "r3"
    assert history.last_close(a.id).request_id == "r5"


def test_settle_marks_in_doubt_with_who(history):
    t = saferpay_terminal()
    cid = history.start_close(t, "test", "r")
    history.record_attempt(cid, 1)
    history.finish_close(cid, "in_doubt", message="lost")
    history.settle(cid, True, by="anna", note="seen in Backoffice")
    row = history.close_row(cid)
    assert (row.outcome, row.settled_by, row.note) == ("closed", "anna", "seen in Backoffice")
    with pytest.raises(HistoryError, match="not in doubt"):
        history.settle(cid, False, by="anna")


def test_migrates_a_version_1_file_forward(tmp_path):
    path = tmp_path / "history.db"
    shutil.copy(FIXTURES / "history-v1.db", path)
    h = History(path)
    try:
        assert h.schema_version == SCHEMA_VERSION
        rows = {r.request_id: r for r in h.closes()}
        assert set(rows) == {"req-1", "req2", "req3"}
        assert rows["req-1"].outcome == "closed" and rows["req-1"].settled_by is None
        assert rows["req2"].outcome == "in_doubt"
        assert rows["req3"].outcome == "in_doubt"  # left sending by a process that is gone
        assert h.terminals()[0].settings["terminal_id"] == "12345678"
    finally:
        h.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_every_schema_opens_as_the_current_one_keeping_every_close(tmp_path, version):
    """One fixture per schema version up to the current one (tests/fixtures/make_history_fixtures.py): a new
    schema version without its fixture fails here."""
    from app.core import providers

    path = tmp_path / "history.db"
    shutil.copy(FIXTURES / f"history-v{version}.db", path)
    before = sqlite3.connect(path).execute("SELECT count(*) FROM closes").fetchone()[0]
    h = History(path)
    try:
        assert h.schema_version == SCHEMA_VERSION
        rows = h.closes()
        assert len(rows) == before
        terminals = {t.id: t for t in h.terminals()}
        for row in rows:
            if row.terminal_id in terminals:  # closes of configured terminals name the physical terminal
                assert row.identity == providers.identity(terminals[row.terminal_id])
            else:  # a removed terminal's settings are gone: its closes keep an identity of their own
                assert row.identity == f"legacy|{row.terminal_id}"
        if version == 2:  # a duplicate from before identities is kept (and shown), not dropped
            assert [t.name for t in terminals.values()] == ["Counter 1", "Counter 1 (import)"]
            assert len({providers.identity(t) for t in terminals.values()}) == 1
            settled = next(r for r in rows if r.request_id == "req-4")
            assert (settled.settled_by, settled.note) == ("anna", "seen in Backoffice")
            assert h.last_done(providers.identity(terminals["t-saferpay"])).request_id == "req-4"
    finally:
        h.close()


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "history.db"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE future (x)")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="newer Closeout"):
        History(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_damaged_file_is_moved_aside_never_deleted(tmp_path, damage):
    path = tmp_path / "history.db"
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    else:
        h = History(path)
        for i in range(200):
            h.start_close(saferpay_terminal(), "test", f"r{i}")
        h.close()
        data = path.read_bytes()
        path.write_bytes(data[:100] + b"\xff" * 50)
        for side in ("-wal", "-shm"):
            Path(str(path) + side).unlink(missing_ok=True)
    original = path.read_bytes()
    h = History(path)
    try:
        assert h.notice and "moved aside" in h.notice
        moved = [p for p in tmp_path.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm"))]
        assert len(moved) == 1 and moved[0].read_bytes() == original
        assert h.closes() == []  # a fresh history works
        h.start_close(saferpay_terminal(), "test", "after")
    finally:
        h.close()


def test_unusable_folder_gives_a_clear_error(tmp_path):
    # A file where the home folder should be: fails for root too, unlike permission bits.
    blocker = tmp_path / "blocked"
    blocker.write_text("not a folder")
    with pytest.raises(HistoryError, match="cannot create its folder"):
        History(blocker / "history.db", tmp_path / "locks")


def test_a_write_group_commits_once_and_a_failing_write_is_undone_alone(history, tmp_path):
    t = saferpay_terminal()
    history.add_terminal(t)
    first = history.start_close(t, "test", "req-1")

    def refused():
        history.record_attempt(first, 7)  # inside the group: undone with the failing call only
        raise HistoryError("refused")

    results = history.write_group(
        [
            lambda: history.record_attempt(first, 1),
            lambda: history.start_close(t, "test", "req-2"),
            refused,
            lambda: history.start_close(t, "test", "req-1"),
        ]
    )  # duplicate request id
    assert results[0] is None and isinstance(results[1], int)
    assert isinstance(results[2], HistoryError) and isinstance(results[3], sqlite3.IntegrityError)
    # On disk (another connection) once write_group returned: both good writes, nothing of the failing ones.
    raw = sqlite3.connect(tmp_path / "history.db")
    assert raw.execute("SELECT attempts FROM closes WHERE id = ?", (first,)).fetchone()[0] == 1
    assert [r[0] for r in raw.execute("SELECT request_id FROM closes ORDER BY id")] == ["req-1", "req-2"]
    # Outside a group, writes are their own transactions again.
    history.record_attempt(first, 2)
    assert raw.execute("SELECT attempts FROM closes WHERE id = ?", (first,)).fetchone()[0] == 2


def test_what_the_window_shows_comes_in_one_query_each(history):
    a, b = saferpay_terminal("A", "11111111"), saferpay_terminal("B", "22222222")
    c = saferpay_terminal("C", "33333333")
    for t in (a, b, c):
        history.add_terminal(t)
    yesterday = datetime.now(timezone.utc) - timedelta(days=1)
    old = history.start_close(a, "test", "a-old", started_at=yesterday)
    history.finish_close(old, "closed")
    newest = history.start_close(a, "test", "a-new")
    history.finish_close(newest, "failed", message="refused")
    other = history.start_close(b, "test", "b-1", started_at=yesterday)
    history.finish_close(other, "closed")
    last = history.last_closes()
    assert set(last) == {a.id, b.id}
    assert (last[a.id].id, last[a.id].outcome) == (newest, "failed") and last[b.id].id == other
    rows = history.close_rows([other, newest, other])
    assert len(rows) == 2 and {r.id for r in rows} == {other, newest}
    from app.core.providers import identity

    since = yesterday - timedelta(hours=1)
    assert history.done_identities(since) == {identity(a), identity(b)}
    assert history.done_identities(since, outcomes=("failed",)) == {identity(a)}
    assert history.done_identities(since, until=yesterday + timedelta(hours=1)) == {identity(a), identity(b)}
    assert history.done_identities(datetime.now(timezone.utc) - timedelta(hours=1)) == set()
    assert set(history.terminals_created_at()) == {a.id, b.id, c.id}
