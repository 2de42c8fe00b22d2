"""Business days: which day a close belongs to.

A shop's day does not end at midnight: a close started at 23:59 and answered at 00:01 belongs
to the evening it started. The setting "business day ends at" (default 04:00 local time)
decides; a close belongs to the business day in which it *started*.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

DEFAULT_DAY_END = time(4, 0)
CLOCK_TOLERANCE = timedelta(minutes=5)  # a recorded close further in the future means the PC clock is wrong


def business_day(moment: datetime, day_end: time = DEFAULT_DAY_END) -> date:
    """The business day ``moment`` (timezone-aware) belongs to, in this PC's time zone."""
    local = moment.astimezone()
    shifted = local - timedelta(hours=day_end.hour, minutes=day_end.minute)
    return shifted.date()


def day_start(day: date, day_end: time = DEFAULT_DAY_END) -> datetime:
    """The instant business day ``day`` begins (local ``day_end`` on that calendar day), timezone-aware."""
    return datetime.combine(day, day_end).astimezone()


def day_bounds(day: date, day_end: time = DEFAULT_DAY_END) -> tuple[datetime, datetime]:
    """[start, end) of business day ``day`` as aware instants."""
    return day_start(day, day_end), day_start(day + timedelta(days=1), day_end)


def current_day_start(now: datetime, day_end: time = DEFAULT_DAY_END) -> datetime:
    return day_start(business_day(now, day_end), day_end)


def in_future(moment: datetime, now: datetime) -> bool:
    """True when a recorded moment lies beyond ``now`` by more than the tolerance: the PC clock went back."""
    return moment - now > CLOCK_TOLERANCE
