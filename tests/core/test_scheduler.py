"""Closing-time reminders and automatic closes, with an injected clock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.core.history import History
from app.core.scheduler import ClosingSchedule, missed_yesterday, open_today
from app.core.settings import Settings
from app.core.terminals import new_terminal


class Clock:
    def __init__(self, start: datetime) -> None:
        self.value = start

    def __call__(self) -> datetime:
        return self.value

    def at(self, hh: int, mm: int) -> None:
        self.value = self.value.replace(hour=hh, minute=mm)


def local(y, m, d, hh=12, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm).astimezone()


@pytest.fixture
def shop(tmp_path):
    history = History(tmp_path / "h.db")
    a = new_terminal(
        "Counter 1", "saferpay", {"customer_id": "1", "terminal_id": "12345678", "username": "u", "environment": "test"}
    )
    b = new_terminal("Bar", "sunbay", {"app_id": "a", "merchant_id": "m", "terminal_sn": "S", "channel_code": "C"})
    history.add_terminal(a)
    history.add_terminal(b)
    yield history, a, b
    history.close()


def close(history, terminal, when, outcome="closed"):
    cid = history.start_close(terminal, "test", f"r-{terminal.name}-{when.isoformat()}", started_at=when)
    history.record_attempt(cid, 1)
    history.finish_close(cid, outcome)


def test_open_today_counts_only_successful_closes_since_midnight(shop):
    history, a, b = shop
    now = local(2026, 11, 21, 21, 0)
    close(history, a, local(2026, 11, 20, 22, 0))  # yesterday: does not count for today
    close(history, b, local(2026, 11, 21, 20, 0), outcome="failed")
    assert open_today(history, [a, b], now) == [a, b]
    close(history, a, local(2026, 11, 21, 20, 30))
    assert open_today(history, [a, b], now) == [b]


def test_reminder_once_at_closing_time_when_something_is_open():
    clock = Clock(local(2026, 11, 21, 21, 0))
    schedule = ClosingSchedule(now=clock)
    settings = Settings(closing_time="22:00")
    terminals = ["T1"]
    assert schedule.due(settings, lambda: terminals) == []  # before closing time
    clock.at(22, 0)
    [action] = schedule.due(settings, lambda: terminals)
    assert action.kind == "remind" and action.terminals == ("T1",)
    clock.at(22, 30)
    assert schedule.due(settings, lambda: terminals) == []  # once a day
    clock.value += timedelta(days=1)  # the next day, 22:30: a new reminder
    assert [a.kind for a in schedule.due(settings, lambda: terminals)] == ["remind"]


def test_no_reminder_when_everything_is_closed_or_no_time_set():
    clock = Clock(local(2026, 11, 21, 23, 0))
    assert ClosingSchedule(now=clock).due(Settings(closing_time="22:00"), lambda: []) == []
    assert ClosingSchedule(now=clock).due(Settings(), lambda: ["T1"]) == []


def test_auto_close_then_retries_every_n_minutes_until_the_deadline():
    clock = Clock(local(2026, 11, 21, 22, 0))
    schedule = ClosingSchedule(now=clock)
    settings = Settings(closing_time="22:00", auto_close=True, retry_every_minutes=15, retry_until="23:00")
    still_open = ["T1", "T2"]
    kinds = []
    for minute in range(0, 90, 5):  # 22:00 .. 23:25, every 5 minutes
        clock.value = local(2026, 11, 21, 22, 0) + timedelta(minutes=minute)
        if minute == 20:
            still_open = ["T2"]  # T1 closed in the first run or a retry
        for action in schedule.due(settings, lambda: still_open):
            kinds.append((clock.value.strftime("%H:%M"), action.kind, action.terminals))
    assert kinds == [
        ("22:00", "close", ("T1", "T2")),
        ("22:15", "close", ("T1", "T2")),
        ("22:30", "close", ("T2",)),
        ("22:45", "close", ("T2",)),
        ("23:00", "close", ("T2",)),
        ("23:05", "deadline_missed", ("T2",)),
    ]


def test_missed_yesterday_flags_only_terminals_expected_to_close(shop):
    history, a, b = shop
    now = local(2026, 11, 21, 9, 0)
    close(history, a, local(2026, 11, 20, 22, 0))
    close(history, b, local(2026, 11, 20, 22, 0), outcome="in_doubt")
    assert missed_yesterday(history, [a, b], now) == [b]
    created = {b.id: local(2026, 11, 20, 15, 0)}  # added yesterday afternoon: not flagged
    assert missed_yesterday(history, [a, b], now, created_at=lambda t: created.get(t.id)) == []


def test_an_empty_batch_today_counts_as_done(shop):
    history, a, b = shop
    history.record_nothing_to_close(b, "test", "Nothing to close")  # stamped with the real time
    assert open_today(history, [a, b], datetime.now().astimezone()) == [a]
    assert b not in missed_yesterday(history, [b], datetime.now().astimezone() + timedelta(days=1))
