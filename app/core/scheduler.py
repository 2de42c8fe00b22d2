"""Closing time: remind when a terminal is still open, close automatically if the owner wants.

Pure logic with an injected clock; the window calls :meth:`ClosingSchedule.due` every few
seconds and acts on what it returns (a tray notification, a close run).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Callable, Iterable, Literal

from app.core import providers
from app.core.days import DEFAULT_DAY_END, business_day, current_day_start, day_bounds
from app.core.history import History, utcnow
from app.core.providers.base import Terminal
from app.core.settings import Settings

ActionKind = Literal["remind", "close", "deadline_missed"]


@dataclass(frozen=True)
class Action:
    kind: ActionKind
    terminals: tuple[Terminal, ...]


def open_today(
    history: History, terminals: Iterable[Terminal], now: datetime | None = None, day_end: time = DEFAULT_DAY_END
) -> list[Terminal]:
    """Terminals with no successful close (nor an empty batch) this business day (app/core/days.py)."""
    done = history.done_identities(current_day_start(now or utcnow(), day_end))  # one query for all terminals
    return [t for t in terminals if providers.identity(t) not in done]


def missed_yesterday(
    history: History,
    terminals: Iterable[Terminal],
    now: datetime | None = None,
    created_at: Callable[[Terminal], datetime | None] = lambda t: None,
    day_end: time = DEFAULT_DAY_END,
) -> list[Terminal]:
    """Terminals that existed all of the previous business day and had no successful close during it."""
    yesterday, today = day_bounds(business_day(now or utcnow(), day_end) - timedelta(days=1), day_end)
    done = history.done_identities(yesterday, today)  # one query for all terminals
    missed = []
    for terminal in terminals:
        created = created_at(terminal)
        if created is not None and created >= yesterday:
            continue  # added yesterday or today: nothing was expected of it
        if providers.identity(terminal) not in done:
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

    def after_closing(self, settings: Settings) -> bool:
        """True at or after today's closing time (only then does :meth:`due` ask which terminals are open)."""
        closing = settings.closing_at()
        return closing is not None and self.now().astimezone().time() >= closing

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
