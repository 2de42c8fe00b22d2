"""The history view's queries on a real SQLite file: keyset pages, filters, search, counts, plans."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

import pytest

from app.core.history import (
    CloseFilter,
    History,
    HistoryError,
    PageCursor,
    QueryAborted,
    _where,
    to_text,
)

BASE = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)

_INSERT_COLUMNS = (
    "terminal_id",
    "terminal_name",
    "provider",
    "environment",
    "request_id",
    "started_at",
    "finished_at",
    "attempts",
    "outcome",
    "http_status",
    "provider_code",
    "provider_message",
    "message",
    "trace_id",
    "data",
    "forced",
    "owner",
    "settled_by",
    "settled_at",
    "note",
)


def close_values(**values: Any) -> dict[str, Any]:
    """One close row as stored, with plausible defaults (a closed Saferpay close)."""
    started = values.pop("started_at", BASE)
    row = {
        "terminal_id": "t-counter",
        "terminal_name": "Counter 1",
        "provider": "saferpay",
        "environment": "live",
        "request_id": uuid.uuid4().hex,
        "started_at": started,
        "finished_at": started + timedelta(seconds=1),
        "attempts": 1,
        "outcome": "closed",
        "http_status": 200,
        "provider_code": None,
        "provider_message": None,
        "message": "Batch closed.",
        "trace_id": None,
        "data": None,
        "forced": 0,
        "owner": "gone-process",
        "settled_by": None,
        "settled_at": None,
        "note": None,
    }
    row.update(values)
    return row


def insert_closes(history: History, rows: Iterable[dict[str, Any]]) -> None:
    """Many closes at once, in one transaction on a connection of its own (as another process would)."""

    def stored(row: dict[str, Any]) -> tuple:
        values = dict(row)
        for key in ("started_at", "finished_at", "settled_at"):
            if isinstance(values[key], datetime):
                values[key] = to_text(values[key])
        if isinstance(values["data"], dict):
            values["data"] = json.dumps(values["data"], sort_keys=True)
        return tuple(values[c] for c in _INSERT_COLUMNS)

    db = sqlite3.connect(history.path, isolation_level=None)
    try:
        db.execute("BEGIN")
        db.executemany(
            f"INSERT INTO closes ({', '.join(_INSERT_COLUMNS)}) VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)})",
            [stored(r) for r in rows],
        )
        db.execute("COMMIT")
    finally:
        db.close()


@pytest.fixture
def history(tmp_path):
    h = History(tmp_path / "history.db", tmp_path / "locks")
    yield h
    h.close()


def walk(source, filters: CloseFilter = CloseFilter(), limit: int = 200) -> tuple[list[int], int]:
    """Every id, page by page; returns (ids, pages)."""
    ids, pages, after = [], 0, None
    while True:
        page = source.close_page(filters, after, limit)
        pages += 1
        ids += [r.id for r in page.rows]
        if page.after is None:
            return ids, pages
        after = page.after


def test_pages_walk_every_close_once_newest_first_even_when_times_tie(history):
    # Three closes share each instant: the id decides, so a page boundary inside a tie loses nothing.
    insert_closes(history, (close_values(started_at=BASE + timedelta(minutes=i // 3)) for i in range(2500)))
    ids, pages = walk(history)
    assert pages == 13
    assert ids == [r.id for r in history.closes()]  # the existing order: started_at DESC, id DESC
    assert len(set(ids)) == 2500
    page = history.close_page(CloseFilter(), None, 2500)
    assert len(page.rows) == 2500 and page.after is not None  # a full page may have more behind it
    assert history.close_page(CloseFilter(), page.after, 10).rows == []


def test_filters_mean_what_the_existing_filters_mean(history):
    outcomes = ["closed", "closed", "failed", "in_doubt", "sending", "closed"]
    insert_closes(
        history,
        (
            close_values(
                terminal_id=f"t-{i % 4}",
                terminal_name=f"Till {i % 4}",
                outcome=outcomes[i % 6],
                attempts=1 + (i % 6 == 4),
                started_at=BASE + timedelta(hours=i),
            )
            for i in range(300)
        ),
    )
    since, until = BASE + timedelta(hours=40), BASE + timedelta(hours=220)
    for kwargs in (
        {},
        {"since": since},
        {"until": until},
        {"since": since, "until": until},
        {"terminal_id": "t-2"},
        {"outcome": "failed"},
        {"outcome": "in_doubt"},
        {"terminal_id": "t-1", "outcome": "closed", "since": since},
        {"terminal_id": "t-0", "outcome": "in_doubt", "until": until},
    ):
        expected = [r.id for r in history.closes(**kwargs)]
        assert walk(history, CloseFilter(**kwargs), limit=17)[0] == expected, kwargs
        assert history.count_matching(CloseFilter(**kwargs)) == history.count_closes(**kwargs)
    # A close left sending by a process that is gone reads as in doubt, as everywhere.
    assert {r.outcome for r in history.close_page(CloseFilter(outcome="in_doubt"), limit=500).rows} == {"in_doubt"}


def test_search_looks_in_every_text_column_and_needs_every_word(history):
    insert_closes(
        history,
        [
            close_values(terminal_name="Bar Zürich", request_id="req-alpha-001"),
            close_values(terminal_name="Kiosk", trace_id="TRACE-BETA-7", provider="sunbay", request_id="req-kiosk"),
            close_values(
                terminal_name="Counter 2",
                provider_code="T05",
                provider_message="Terminal is offline",
                outcome="failed",
                message="SUNBAY refused the close: Terminal is offline.",
                request_id="req-counter-two",
            ),
            close_values(
                terminal_name="Counter 3",
                message="Marked closed by anna. Note: 50% paid",
                request_id="req-counter-three",
            ),
            close_values(terminal_name="Counter 500", message="Batch closed.", request_id="req-counter-many"),
        ],
    )

    def names(text: str) -> list[str]:
        return sorted(r.terminal_name for r in history.close_page(CloseFilter(text=text)).rows)

    assert names("bar") == ["Bar Zürich"]  # case-insensitive
    assert names("ALPHA-0") == ["Bar Zürich"]  # request id
    assert names("trace-beta") == ["Kiosk"]  # trace id
    assert names("t05") == ["Counter 2"]  # provider code
    assert names("offline") == ["Counter 2"]  # provider message and message
    assert names("counter offline") == ["Counter 2"]  # every word must match somewhere
    assert names("anna 50%") == ["Counter 3"]  # % is a character, not a wildcard
    assert names("50") == ["Counter 3", "Counter 500"]
    assert names("_") == []  # _ is a character too
    assert names("nothing-like-this") == []
    assert history.count_matching(CloseFilter(text="counter")) == 3


def test_count_can_stop_at_a_cap(history):
    insert_closes(history, (close_values(started_at=BASE + timedelta(seconds=i)) for i in range(120)))
    assert history.count_matching() == 120
    assert history.count_matching(cap=50) == 50
    assert history.count_matching(CloseFilter(since=BASE + timedelta(seconds=100)), cap=50) == 20


def test_history_terminals_include_removed_ones_by_their_newest_name(history):
    insert_closes(
        history,
        [
            close_values(terminal_id="t-a", terminal_name="Old name", started_at=BASE),
            close_values(terminal_id="t-a", terminal_name="New name", started_at=BASE + timedelta(days=1)),
            close_values(terminal_id="t-b", terminal_name="Kiosk", started_at=BASE + timedelta(days=2)),
        ],
    )
    found = {t.id: (t.name, t.last_started_at) for t in history.history_terminals()}
    assert found == {"t-a": ("New name", BASE + timedelta(days=1)), "t-b": ("Kiosk", BASE + timedelta(days=2))}
    assert [t.id for t in history.history_terminals()] == ["t-a", "t-b"]  # in terminal id order


def test_reader_has_its_own_read_only_connection(history):
    insert_closes(history, [close_values()])
    reader = history.reader()
    try:
        with history._lock:  # the history's own connection is busy (the engine writing): reads go on
            assert len(reader.close_page().rows) == 1
        with pytest.raises(HistoryError):
            reader._query("DELETE FROM closes")
        assert history.count_matching() == 1
    finally:
        reader.close()


def test_abort_when_stops_a_running_query(history):
    insert_closes(history, (close_values(message=f"Batch {i} closed.") for i in range(3000)))
    reader = history.reader()
    try:
        reader.abort_when(lambda: True, every=1000)
        with pytest.raises(QueryAborted):
            reader.close_page(CloseFilter(text="nothing-like-this"))
        reader.abort_when(None)
        assert reader.close_page(CloseFilter(text="nothing-like-this")).rows == []
    finally:
        reader.close()


def test_iter_closes_reads_everything_in_chunks(history):
    insert_closes(history, (close_values(started_at=BASE + timedelta(seconds=i)) for i in range(250)))
    rows = list(history.iter_closes(CloseFilter(since=BASE + timedelta(seconds=50)), chunk=60))
    assert [r.started_at for r in rows] == [BASE + timedelta(seconds=i) for i in range(249, 49, -1)]


def plan(history: History, filters: CloseFilter, after: PageCursor | None = None) -> str:
    where, params = _where(filters, after)
    rows = sqlite3.connect(history.path).execute(
        f"EXPLAIN QUERY PLAN SELECT * FROM closes{where} ORDER BY started_at DESC, id DESC LIMIT 200", params
    )
    return " | ".join(r[3] for r in rows)


@pytest.mark.parametrize("after", [None, PageCursor("2026-03-01T12:00:00.000000+00:00", 99)])
def test_page_queries_walk_an_index_in_order(history, after):
    """No sort and no OFFSET: a page costs the same on row 1 and on row 900,000 (benches/history_scale.py)."""
    since, until = BASE, BASE + timedelta(days=30)
    cases = {
        "closes_by_time": [
            CloseFilter(),
            CloseFilter(since=since, until=until),
            CloseFilter(since=since, until=until, text="offline"),
        ],
        "closes_by_terminal": [
            CloseFilter(terminal_id="t"),
            CloseFilter(terminal_id="t", since=since, until=until),
            # with a terminal its index drives, whatever the outcome
            CloseFilter(terminal_id="t", outcome="failed"),
            CloseFilter(terminal_id="t", outcome="in_doubt"),
        ],
        "closes_by_outcome": [CloseFilter(outcome="failed", since=since, until=until)],
    }
    for index, filters in cases.items():
        for f in filters:
            shown = plan(history, f, after)
            assert index in shown and "TEMP B-TREE" not in shown, (f, shown)
            if after is not None:
                assert "started_at<" in shown, shown  # the cursor bounds the index range
    # In doubt is two outcome values: its (few) closes are sorted, still through the index.
    assert "closes_by_outcome" in plan(history, CloseFilter(outcome="in_doubt"), after)
