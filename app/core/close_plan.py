"""What a close run will really send, and which terminals it will skip and why, before it starts.

The confirmation (window) shows this so its count matches what is sent. The rules are the engine's
(``engine.Engine._close_one``): a terminal already closed successfully since the start of the day is
skipped unless forced; a SUNBAY terminal whose open batch is known to be empty is skipped unless forced
("nothing to close"). One function, so it can move into the core service when that lands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Iterable

from app.core.engine import local_midnight
from app.core.history import History
from app.core.providers.base import Terminal


class SkipReason(StrEnum):
    CLOSED_TODAY = "closed_today"  # ``at``: when it was closed (local time)
    NOTHING_TO_CLOSE = "nothing_to_close"  # SUNBAY said the open batch is empty


@dataclass(frozen=True)
class Skip:
    terminal: Terminal
    reason: SkipReason
    at: datetime | None = None


@dataclass(frozen=True)
class ClosePlan:
    send: list[Terminal] = field(default_factory=list)
    skip: list[Skip] = field(default_factory=list)


def plan_close(history: History, terminals: Iterable[Terminal], *, force: bool = False,
               empty_batches: frozenset[str] = frozenset(), now: datetime | None = None) -> ClosePlan:
    """Split ``terminals`` into those a run will send a close for and those it will skip (with why).

    ``empty_batches``: ids of SUNBAY terminals whose open-batch preview said "empty".
    """
    if force:
        return ClosePlan(send=list(terminals))
    day_start = local_midnight(now)
    send: list[Terminal] = []
    skip: list[Skip] = []
    for terminal in terminals:
        last = history.last_success(terminal.id)
        if last is not None and last.started_at >= day_start:
            skip.append(Skip(terminal, SkipReason.CLOSED_TODAY, last.started_at.astimezone()))
        elif terminal.id in empty_batches:
            skip.append(Skip(terminal, SkipReason.NOTHING_TO_CLOSE))
        else:
            send.append(terminal)
    return ClosePlan(send=send, skip=skip)
