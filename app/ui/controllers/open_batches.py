"""The list's "Open batch" column: what each terminal's open batch holds before closing (count and net).

Asked of every terminal whose provider can preview (``Capability.PREVIEW`` in the provider registry, never
a provider's name), at most four at a time (four workers), on the engine's client; a preview never blocks anything: when
it fails the column says "unknown". A provider that says the batch is empty marks the row, so a close run
skips it. A terminal that is being closed is not asked (it would only compete with its own close); the
window asks again when the run ends.
"""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QObject

from app.core import providers
from app.core.lookup import describe_open_batch
from app.core.providers import Capability
from app.core.providers.base import Terminal
from app.core.workspace import Workspace
from app.ui.models.terminals import TerminalTableModel

log = logging.getLogger(__name__)

AT_ONCE = 4
TIMEOUT_S = 15.0


class OpenBatchController(QObject):
    def __init__(self, workspace: Workspace, model: TerminalTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = model
        self._task: asyncio.Task[None] | None = None

    def refresh(self) -> asyncio.Task[None] | None:
        """Preview every idle terminal that can be previewed (None: nothing to ask, or still asking)."""
        rows = [r for r in self.model.rows() if providers.can(r.terminal.provider, Capability.PREVIEW) and not r.busy]
        if not rows or (self._task is not None and not self._task.done()):
            return None
        self._task = asyncio.ensure_future(self._preview([r.terminal for r in rows]))
        return self._task

    async def _preview(self, terminals: list[Terminal]) -> None:
        engine = self.workspace.engine()
        waiting = iter(terminals)  # shared by the workers: each terminal is asked once

        async def worker() -> None:
            # AT_ONCE workers, not one task per terminal: 1,000 tasks stepping in one turn of the event loop
            # stalled the window as a run ended (the window asks again then).
            for terminal in waiting:
                await one(terminal)

        async def one(terminal: Terminal) -> None:
            row = self.model.row_of(terminal.id)
            if row is None or row.busy:  # being closed meanwhile: the run's end asks again (idle)
                return
            try:
                secret = await engine.read_secret(terminal.id)
                provider = providers.get(terminal.provider)
                result = await provider.preview(engine.client, terminal, secret, timeout=TIMEOUT_S)
                empty = result.error is None and result.empty
                if result.error is not None:
                    text = self.tr("unknown")
                elif result.empty:
                    text = self.tr("Nothing to close")
                else:
                    text = describe_open_batch(result).rstrip(".")
            except Exception as exc:  # noqa: BLE001 - a preview never blocks anything
                log.info("open batch preview of %s failed: %s", terminal.name, exc)
                text, empty = self.tr("unknown"), False
            self.model.set_open_batch(terminal.id, text, empty=empty)

        await asyncio.gather(*(worker() for _ in range(min(AT_ONCE, len(terminals)))))
