"""Closing time: remind when a terminal is still open, close automatically if the owner wants.

Pure logic with an injected clock; the window calls :meth:`ClosingSchedule.due` every few
seconds and acts on what it returns (a tray notification, a close run).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Callable, Iterable, Literal

from app.core.engine import local_midnight
from app.core.history import History, utcnow
from app.core.providers.base import Terminal
from app.core.settings import Settings

ActionKind = Literal["remind", "close", "deadline_missed"]


@dataclass(frozen=True)
class Action:
    kind: ActionKind
    terminals: tuple[Terminal, ...]


def open_today(history: History, terminals: Iterable[Terminal], now: datetime | None = None) -> list[Terminal]:
    """Terminals with no successful close (nor an empty batch) since local midnight."""
    midnight = local_midnight(now)
    still_open = []
    for terminal in terminals:
        last = history.last_success(terminal.id)
        if last is not None and last.started_at >= midnight:
            continue
        latest = history.last_close(terminal.id)  # an empty batch today: nothing to close, nothing open
        if latest is not None and latest.outcome == "skipped" and latest.started_at >= midnight:
            continue
        still_open.append(terminal)
    return still_open


def missed_yesterday(history: History, terminals: Iterable[Terminal], now: datetime | None = None,
                     created_at: Callable[[Terminal], datetime | None] = lambda t: None) -> list[Terminal]:
    """Terminals that existed all of yesterday (local) and had no successful close during it."""
    today = local_midnight(now)
    yesterday = today - timedelta(days=1)
    missed = []
    for terminal in terminals:
        created = created_at(terminal)
        if created is not None and created >= yesterday:
            continue  # added yesterday or today: nothing was expected of it
        done = sum(history.count_closes(since=yesterday, until=today, terminal_id=terminal.id, outcome=outcome)
                   for outcome in ("closed", "skipped"))
        if done == 0:
            missed.append(terminal)
    return missed


@dataclass
class ClosingSchedule:
    """Remembers what it already did today, so each reminder and automatic run happens once."""

    now: Callable[[], datetime] = utcnow
    _day: date | None = None
    _reminded: bool = False
    _auto_runs: int = 0
    _last_auto: datetime | None = None
    _deadline_told: bool = False
    log: list[Action] = field(default_factory=list)

    def due(self, settings: Settings, open_terminals: Callable[[], list[Terminal]]) -> list[Action]:
        """What to do now. ``open_terminals`` is called only at or after closing time."""
        now = self.now().astimezone()
        if now.date() != self._day:
            self._day, self._reminded, self._auto_runs = now.date(), False, 0
            self._last_auto, self._deadline_told = None, False
        closing = settings.closing_at()
        if closing is None or now.time() < closing:
            return []
        still_open = tuple(open_terminals())
        if not still_open:
            return []
        actions: list[Action] = []
        if not settings.auto_close:
            if not self._reminded:
                self._reminded = True
                actions.append(Action("remind", still_open))
            return self._logged(actions)

        deadline = settings.retry_deadline()
        before_deadline = deadline is None or now.time() <= deadline or deadline <= closing
        every = timedelta(minutes=settings.retry_every_minutes)
        if self._auto_runs == 0:
            actions.append(Action("close", still_open))
        elif before_deadline and self._last_auto is not None and now - self._last_auto >= every:
            actions.append(Action("close", still_open))
        elif not before_deadline and not self._deadline_told:
            self._deadline_told = True
            actions.append(Action("deadline_missed", still_open))
        if actions and actions[0].kind == "close":
            self._auto_runs += 1
            self._last_auto = now
        return self._logged(actions)

    def _logged(self, actions: list[Action]) -> list[Action]:
        self.log.extend(actions)
        return actions
