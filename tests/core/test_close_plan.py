"""What a close run will send and skip, decided before it starts (the confirmation shows it)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from app.core.engine import Reason
from app.core.service import plan_close
from app.core.history import History
from app.core.terminals import new_terminal


def test_plan_skips_closed_today_and_empty_batches_unless_forced(tmp_path):
    history = History(tmp_path / "history.db")
    a, b, c = (
        new_terminal(
            name, "saferpay", {"customer_id": "1", "terminal_id": f"1234567{i}", "username": "u", "environment": "test"}
        )
        for i, name in enumerate(("A", "B", "C"))
    )
    for t in (a, b, c):
        history.add_terminal(t)
    now = datetime.now(timezone.utc)
    close_id = history.start_close(a, "test", "req-1")
    history.finish_close(close_id, "closed", message="ok")
    plan = plan_close(history, [a, b, c], empty_batches=frozenset({c.id}), now=now)
    assert [s.terminal.name for s in plan.skip] == ["A", "C"]
    assert plan.skip[0].reason == Reason.ALREADY_CLOSED and plan.skip[0].at is not None
    assert plan.skip[1].reason == Reason.NOTHING_TO_CLOSE
    assert [t.name for t in plan.send] == ["B"]
    forced = plan_close(history, [a, b, c], force=True, empty_batches=frozenset({c.id}), now=now)
    assert [t.name for t in forced.send] == ["A", "B", "C"] and not forced.skip
    tomorrow = plan_close(history, [a, b], now=now + timedelta(days=1))
    assert [t.name for t in tomorrow.send] == ["A", "B"]
    history.close()


def test_plan_reads_the_history_in_three_queries_whatever_the_number_of_terminals(tmp_path, monkeypatch):
    history = History(tmp_path / "history.db")
    terminals = [
        new_terminal(
            f"T{i}",
            "saferpay",
            {"customer_id": "1", "terminal_id": f"{40000000 + i}", "username": "u", "environment": "test"},
        )
        for i in range(60)
    ]
    for t in terminals:
        history.add_terminal(t)
    now = datetime.now(timezone.utc)
    history.finish_close(history.start_close(terminals[0], "test", "closed"), "closed")  # closed today
    history.finish_close(history.start_close(terminals[1], "test", "doubt"), "in_doubt")
    history.finish_close(
        history.start_close(terminals[2], "test", "ahead", started_at=now + timedelta(hours=2)), "closed"
    )  # recorded "in the future": the PC clock went back
    queries = []
    original = History._query
    monkeypatch.setattr(
        History, "_query", lambda self, sql, params=(): queries.append(sql) or original(self, sql, params)
    )
    plan = plan_close(history, terminals, now=now)
    assert len(queries) == 3
    reasons = {s.terminal.name: s.reason for s in plan.skip}
    assert reasons == {"T0": Reason.ALREADY_CLOSED, "T2": Reason.CLOCK}
    assert [t.name for t in plan.resend_first] == ["T1"] and len(plan.send) == 58
    history.close()
