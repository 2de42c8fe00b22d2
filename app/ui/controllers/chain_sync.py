"""The chain's outbox under the window: drained every 30 seconds (and after each run), off the UI thread.

What waits for the chain (app/core/chain.py) is sent, then ``statusChanged`` carries core's line about the
link ("chain: up to date", "3 waiting", "unreachable since 22:01"), or None when this PC is not linked.
"""

from __future__ import annotations

import asyncio
import logging
import time

from PySide6.QtCore import QObject, QTimer, Signal

from app.core import chain
from app.core.workspace import Workspace
from app.ui.background import run_blocking

log = logging.getLogger(__name__)

SYNC_EVERY_MS = 30_000
DRAIN_DEADLINE_S = 20.0


class ChainSyncController(QObject):
    statusChanged = Signal(object)  # str | None: core's words about the link (app/core/chain.status_line)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._task: asyncio.Future[None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(SYNC_EVERY_MS)
        self._timer.timeout.connect(self.sync)

    def start(self) -> None:
        self._timer.start()
        QTimer.singleShot(0, self.sync)

    def stop(self) -> None:
        self._timer.stop()

    def sync(self) -> asyncio.Future[None] | None:
        """Send what waits for the chain, then tell how the link stands (the demo is never linked)."""
        if self.workspace.is_demo or (self._task is not None and not self._task.done()):
            return None
        workspace = self.workspace

        def drain() -> str | None:
            workspace.replicator().drain(deadline=time.monotonic() + DRAIN_DEADLINE_S)
            return chain.status_line(workspace.history)

        async def run() -> None:
            try:
                line = await run_blocking(drain)
            except Exception:  # noqa: BLE001 - the status bar must never break the window
                log.exception("chain sync failed")
                return
            self.statusChanged.emit(line)

        self._task = asyncio.ensure_future(run())  # kept here: not a close run
        return self._task
