"""Close runs under the window: the workspace's engine does the work, this turns its events into signals.

A run (``start_run``) or a re-send of closes in doubt (``start_resolve``) marks its rows queued at once, so
a second press cannot close them twice; each engine :class:`CloseEvent` updates the terminal list and, when
a terminal's close ends, its last close is read off the UI thread (one query for every close that ended
meanwhile). Progress and the window's buttons are told at most ten times a second. When a run ends the
closes in doubt are read off the UI thread, and ``runFinished`` carries the outcomes (the summary).

While closes run, the cyclic garbage collector's full passes wait (``_FullCollections``): with 1,000
terminals each one stopped the event loop for 20-110 ms, a dozen times per run (benches/ui_responsiveness.py).
Young generations are still collected as usual; the full pass runs once, shortly after the last run ends.

Quitting during a run (``stop_and_quit``): closes not sent yet are cancelled, requests already sent are
waited for up to ``quit_deadline_s`` (then recorded as in doubt by the engine), then ``quitReady``.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Awaitable, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.engine import CloseEngine, CloseEvent, Outcome
from app.core.states import Reason
from app.core.history import HistoryError
from app.core.providers.base import Terminal
from app.core.workspace import Workspace
from app.ui.background import run_blocking
from app.ui.models.terminals import TerminalTableModel

log = logging.getLogger(__name__)

Work = Callable[[CloseEngine], Awaitable[list[Outcome]]]


class _FullCollections:
    """Hold the collector's full (oldest generation) passes while closes run; one full pass when they end."""

    AFTER_RUN_MS = 2000  # after the summary has opened: the person is reading, not watching rows move

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None

    def hold(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            gc.set_threshold(self._saved[0], self._saved[1], 1_000_000)  # young passes as before

    def release(self, still_running: Callable[[], bool]) -> None:
        def collect() -> None:
            if self._saved is None or still_running():  # another run started meanwhile: it holds them
                return
            gc.set_threshold(*self._saved)
            self._saved = None
            gc.collect()

        QTimer.singleShot(self.AFTER_RUN_MS, collect)


class RunController(QObject):
    terminalChanged = Signal(object)  # CloseEvent, already shown in the model
    progressChanged = Signal(int, int, bool)  # done, total, still running
    stateChanged = Signal()  # which terminals are busy, or whether a run is going, changed
    doubtsRead = Signal(list)  # the closes in doubt once a run ended (list[CloseRow])
    runFailed = Signal(str)  # an unexpected error stopped a run: its words
    clockWarning = Signal(str)  # the provider says this PC's clock is off (core's sentence)
    clockWrong = Signal()  # closes were refused because a recorded close lies in the future
    runFinished = Signal(list)  # list[Outcome] of the run that just ended
    elapsed = Signal()  # every second while closes run: the time shown on busy rows moved on
    idle = Signal()  # the last run ended: what waited for it (chain, open batches) may go now
    stoppedWaiting = Signal()  # quitting: past the deadline, closes still on their way are recorded in doubt
    quitReady = Signal()  # quitting was asked during a run, and the last run has ended

    def __init__(self, workspace: Workspace, model: TerminalTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = model
        self.last_outcomes: list[Outcome] = []
        self.quitting = False
        self._quit_deadline_s: float | None = None
        self._tasks: set[asyncio.Task[list[Outcome]]] = set()
        self._endings: set[asyncio.Task[None]] = set()
        self._run_total = 0
        self._run_done: set[str] = set()
        self._last_close_ids: dict[int, str] = {}  # close id -> entry whose row shows it next (one query)
        self._last_close_task: asyncio.Task[None] | None = None
        self._collections = _FullCollections()

        self._state_timer = QTimer(self)  # progress and actions while closes end: at most ten times a second
        self._state_timer.setSingleShot(True)
        self._state_timer.setInterval(100)
        self._state_timer.timeout.connect(self._tell_state)
        self._ticker = QTimer(self)  # elapsed time on busy rows
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.elapsed)

    @property
    def running(self) -> bool:
        # Until _end_run has handled a finished run (banners, counts): a run's end is one step.
        return bool(self._tasks)

    @property
    def quit_deadline_s(self) -> float:
        return self._quit_deadline_s or self.workspace.policy.timeout + 10.0

    @quit_deadline_s.setter
    def quit_deadline_s(self, seconds: float) -> None:
        self._quit_deadline_s = seconds

    # -- starting -------------------------------------------------------------------------------

    def start_run(self, terminals: list[Terminal], *, force: bool) -> asyncio.Task[list[Outcome]] | None:
        """Start closing now. Rows turn 'queued' at once, so a second press cannot close them twice."""
        busy = self.model.busy_ids()
        terminals = [t for t in terminals if t.id not in busy]
        if not terminals:
            return None
        return self._launch(
            [t.id for t in terminals], lambda engine: engine.close(terminals, force=force, on_event=self._on_event)
        )

    def start_resolve(self, close_ids: list[int] | None) -> asyncio.Task[list[Outcome]] | None:
        """Re-send closes in doubt with their original ids (all of them when ``close_ids`` is None)."""
        rows = self.workspace.history.in_doubt()
        if close_ids is not None:
            wanted = set(close_ids)
            rows = [r for r in rows if r.id in wanted]
        busy = self.model.busy_ids()
        rows = [r for r in rows if r.terminal_id not in busy]
        if not rows:
            return None
        ids = [r.id for r in rows]
        return self._launch(
            [r.terminal_id for r in rows], lambda engine: engine.resolve(close_ids=ids, on_event=self._on_event)
        )

    def cancel(self) -> bool:
        """Stop the closes not sent yet (requests already sent finish or are recorded in doubt)."""
        if not self.running:
            return False
        self.workspace.engine().cancel()
        return True

    def stop_and_quit(self) -> None:
        """Quit once the running closes end: cancel what is not sent, and never wait past the deadline."""
        self.quitting = True
        self.cancel()
        # Past the longest a sent request may take, stop waiting; what is still on its way is recorded as
        # in doubt (the engine does it as the task is cancelled).
        QTimer.singleShot(int(self.quit_deadline_s * 1000), self._stop_waiting)

    def _stop_waiting(self) -> None:
        if not self.running:
            return
        log.warning("quitting: requests still on their way after %.0f s are recorded as in doubt", self.quit_deadline_s)
        self.stoppedWaiting.emit()
        for task in list(self._tasks):
            task.cancel()

    def _launch(self, terminal_ids: list[str], work: Work) -> asyncio.Task[list[Outcome]]:
        self.model.mark_queued(terminal_ids)
        if not self.running:
            self._run_total, self._run_done = 0, set()
        self._run_total += len(terminal_ids)
        self._collections.hold()
        self._ticker.start()
        task = asyncio.ensure_future(self._run(work))
        self._tasks.add(task)  # qasync keeps no strong reference to tasks
        task.add_done_callback(self._task_done)
        self._tell_state()
        return task

    async def _run(self, work: Work) -> list[Outcome]:
        outcomes = await work(self.workspace.engine())
        self.last_outcomes = outcomes
        return outcomes

    # -- while it runs --------------------------------------------------------------------------

    def _on_event(self, event: CloseEvent) -> None:
        self.model.apply_event(event)
        self.terminalChanged.emit(event)
        if event.final:
            self._run_done.add(event.terminal_id)
            if event.outcome is not None and event.outcome.close_id is not None:
                self._last_close_ids[event.outcome.close_id] = event.terminal_id
                self._fetch_last_closes()
            if not self._state_timer.isActive():
                self._state_timer.start()

    def _tell_state(self) -> None:
        running = self.running
        active = running or bool(self._run_total and len(self._run_done) < self._run_total)
        self.progressChanged.emit(min(len(self._run_done), self._run_total), self._run_total, active)
        self.stateChanged.emit()

    def _fetch_last_closes(self) -> None:
        """The rows of the closes that just ended, read off the UI thread in one query for all of them
        (however many ended meanwhile), then shown."""
        if self._last_close_task is not None or not self._last_close_ids:
            return
        ids, self._last_close_ids = self._last_close_ids, {}
        history = self.workspace.history

        async def fetch() -> None:
            try:
                rows = await run_blocking(history.close_rows, list(ids))
            except HistoryError as exc:
                log.error("could not read the closes that just ended: %s", exc)
                rows = []
            finally:
                self._last_close_task = None
            for row in rows:
                # Shown on the entry the run was about (a re-sent close may carry an older entry's id).
                self.model.set_last_close(ids[row.id], row)
            self._fetch_last_closes()

        self._last_close_task = asyncio.ensure_future(fetch())

    # -- the end of a run -----------------------------------------------------------------------

    def _task_done(self, task: asyncio.Task[list[Outcome]]) -> None:
        ending = asyncio.ensure_future(self._end_run(task))
        self._endings.add(ending)  # qasync keeps no strong reference to tasks
        ending.add_done_callback(self._endings.discard)

    async def _end_run(self, task: asyncio.Task[list[Outcome]]) -> None:
        """A run ended: the closes now in doubt (the banner) are read off the UI thread, in one query; the run
        counts as running until this is done."""
        try:
            doubts = await run_blocking(self.workspace.history.in_doubt)
        except HistoryError as exc:
            log.error("could not read the closes in doubt: %s", exc)
            doubts = None
        self._tasks.discard(task)
        outcomes: list[Outcome] = []
        if task.cancelled():
            log.info("close run cancelled")
        elif (error := task.exception()) is not None:
            log.error("close run failed", exc_info=(type(error), error, error.__traceback__))
            self.runFailed.emit(str(error))
        else:
            outcomes = task.result()
        if not self.running:
            self._ticker.stop()
            self._collections.release(lambda: self.running)
            self.elapsed.emit()
        self._tell_state()
        if doubts is not None:
            self.doubtsRead.emit(doubts)
        if not self.running:
            self.idle.emit()
        warning = self.workspace.engine().clock_warning
        if warning:
            self.clockWarning.emit(warning)
        if any(o.reason == Reason.CLOCK for o in outcomes):
            self.clockWrong.emit()
        if outcomes:
            self.runFinished.emit(outcomes)
        if self.quitting and not self.running:
            self.quitReady.emit()
