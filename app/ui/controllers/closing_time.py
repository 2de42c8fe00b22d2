"""Closing time under the window: the reminder, the automatic close, "not closed by", "not closed yesterday".

The rules are core's (app/core/scheduler.py); this asks them every 20 seconds and says what to show. Before
closing time nothing is read; from then on which terminals are still open this business day is read off the
UI thread, in one query, then acted on here.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.history import HistoryError
from app.core.providers.base import Terminal
from app.core.scheduler import ClosingSchedule, missed_yesterday, open_today
from app.core.settings import Settings
from app.core.workspace import Workspace
from app.ui.background import run_blocking
from app.ui.models.terminals import TerminalTableModel

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 20_000


class ClosingTimeController(QObject):
    notify = Signal(str, str, bool)  # title, text, warning: a tray message
    status = Signal(str, int)  # text, how long to show it in ms (0: until replaced)
    closeRequested = Signal(list)  # list[Terminal] to close now (the automatic close)
    missedYesterday = Signal(str)  # the banner line about terminals not closed yesterday

    def __init__(
        self,
        workspace: Workspace,
        model: TerminalTableModel,
        settings: Callable[[], Settings],
        now: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = model
        self._settings = settings
        self.schedule = ClosingSchedule(now=now)
        self.missed: list[Terminal] = []
        self._task: asyncio.Task[None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def flag_missed_yesterday(self) -> None:
        """At start: the terminals not closed last business day (their money may be delayed)."""
        history = self.workspace.history
        created = history.terminals_created_at()
        self.missed = missed_yesterday(
            history,
            history.terminals(),
            self.schedule.now(),
            created_at=lambda t: created.get(t.id),
            day_end=self._settings().day_end(),
        )
        if self.missed:
            text = self.tr("Not closed yesterday: {names}. Their money may be delayed: close them now.").format(
                names=", ".join(t.name for t in self.missed)
            )
            self.missedYesterday.emit(text)
            self.notify.emit(self.tr("Terminals not closed yesterday"), text, True)

    def check(self) -> asyncio.Task[None] | None:
        """The closing-time timer: before closing time nothing is read. From then on, which terminals are still
        open this business day is read off the UI thread, in one query, then acted on here."""
        settings = self._settings()
        if not self.schedule.after_closing(settings) or self._task is not None:
            return None
        history, now, day_end = self.workspace.history, self.schedule.now(), settings.day_end()

        def read() -> list[Terminal]:
            return open_today(history, history.terminals(), now, day_end=day_end)

        async def check() -> None:
            try:
                still = await run_blocking(read)
            except HistoryError as exc:
                log.error("closing-time check could not read the history: %s", exc)
                return
            finally:
                self._task = None
            busy = self.model.busy_ids()
            self._act(lambda: [t for t in still if t.id not in busy])

        self._task = asyncio.ensure_future(check())
        return self._task

    def _act(self, still_open: Callable[[], list[Terminal]]) -> None:
        settings = self._settings()
        for action in self.schedule.due(settings, still_open):
            names = ", ".join(t.name for t in action.terminals)
            count = len(action.terminals)
            if action.kind == "remind":
                text = self.tr(
                    "%n terminal(s) still open: {names}. Close them now so the money moves.", "", count
                ).format(names=names)
                self.notify.emit(self.tr("Closing time"), text, False)
                self.status.emit(text, 60_000)
            elif action.kind == "close":
                text = self.tr("Closing %n terminal(s) automatically: {names}", "", count).format(names=names)
                self.notify.emit(self.tr("Closing time"), text, False)
                self.status.emit(text, 30_000)
                self.closeRequested.emit(list(action.terminals))
            else:
                text = self.tr("Not closed by {time}: {names}. Open Closeout to see why.").format(
                    time=settings.retry_until, names=names
                )
                self.notify.emit(self.tr("Terminals still open"), text, True)
                self.status.emit(text, 0)
