"""Every close in the history, loaded a page at a time, off the UI thread.

The table can hold a million closes: rows come in pages by keyset (``started_at DESC, id DESC``,
never OFFSET), each page read off the UI thread, on the window's background pool
(app/ui/background.py), through a read-only connection of its own, so the window stays responsive
whatever the filter costs and the engine's writes never wait for a read. When the filter changes,
the query still running for the old one stops at once (``abort_when``). The total is counted on a
second lane after the first page is shown, and only for the status line: ``rowCount`` is what is loaded, as ``canFetchMore``/``fetchMore`` intend.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.core import providers
from app.core.history import CloseFilter, CloseRow, History, HistoryReader, PageCursor, QueryAborted
from app.ui import background, icons, theme
from app.core.states import CloseStatus

log = logging.getLogger(__name__)

COL_STARTED, COL_TERMINAL, COL_PROVIDER, COL_ENV, COL_OUTCOME, COL_ATTEMPTS, COL_MESSAGE = range(7)
COLUMN_COUNT = 7
PAGE_SIZE = 200
CLOSE_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the whole CloseRow of a row

_DISPLAY, _DECORATION, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _ACCESSIBLE, _USER = (
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.UserRole,
    )
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("HistoryTableModel", text)


def outcome_text(close: CloseRow) -> str:
    if close.settled_by:
        return tr("Marked closed") if close.outcome == CloseStatus.CLOSED else tr("Marked not closed")
    return {
        CloseStatus.CLOSED: tr("Closed"),
        CloseStatus.FAILED: tr("Failed"),
        CloseStatus.IN_DOUBT: tr("In doubt"),
        CloseStatus.SENDING: tr("Being sent"),
        CloseStatus.SKIPPED: tr("Nothing to close"),
    }.get(close.outcome, close.outcome.replace("_", " "))


def provider_label(name: str) -> str:
    module = providers.PROVIDERS.get(name)
    return module.LABEL if module is not None else name


def environment_text(environment: str) -> str:
    return tr("LIVE") if environment == "live" else tr("test") if environment == "test" else environment


def local_time(close: CloseRow) -> str:
    return close.started_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


@dataclass
class _State:
    """Shared with the workers: which generation of filter is wanted; plain Python on purpose."""

    generation: int = 0
    released: bool = False
    lanes: list["_Lane"] = field(default_factory=list)  # stopped when the model goes, without touching it

    def is_stale(self, generation: int) -> bool:
        return self.released or generation != self.generation


class _Lane:
    """Jobs run one at a time and in order on the window's background pool (app/ui/background.py), each lane
    with its own read-only connection.

    A job whose generation is no longer current is skipped, and a running one is stopped (the connection's
    abort check), so a burst of filter changes costs one query, not many. ``stop`` (the model is released or
    deleted) drops the jobs waiting, stops the running one and closes the connection.
    """

    def __init__(self, history: History, state: _State) -> None:
        self._history = history
        self._state = state
        self._jobs: deque[tuple[int, Callable[[HistoryReader], Any], Callable[[int, Any], None]]] = deque()
        self._lock = threading.Lock()
        self._draining = False
        self._stopped = False
        self._reader: HistoryReader | None = None
        self._current = -1
        state.lanes.append(self)

    def submit(self, generation: int, job: Callable[[HistoryReader], Any], done: Callable[[int, Any], None]) -> None:
        with self._lock:
            if self._stopped:
                return
            self._jobs.append((generation, job, done))
            if self._draining:
                return
            self._draining = True
        background.default.submit(self._drain)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            self._jobs.clear()
            reader = None if self._draining else self._reader  # a running drain closes it as it ends
            if reader is not None:
                self._reader = None
        if reader is not None:
            reader.close()

    def _drain(self) -> None:
        while True:
            with self._lock:
                if self._stopped or not self._jobs:
                    self._draining = False
                    reader = self._reader if self._stopped else None
                    if reader is not None:
                        self._reader = None
                    break
                generation, job, done = self._jobs.popleft()
            if self._state.is_stale(generation):
                continue
            self._current = generation
            try:
                if self._reader is None:
                    self._reader = self._history.reader()
                    self._reader.abort_when(lambda: self._stopped or self._state.is_stale(self._current))
                result = job(self._reader)
            except QueryAborted:
                continue
            except Exception as exc:  # handed to the UI thread, which shows it
                result = exc
            try:
                done(generation, result)
            except RuntimeError:  # the model is gone (window closed while this ran)
                self.stop()
        if reader is not None:
            reader.close()


def _gone(state: _State) -> None:
    """The model is being deleted: its lanes stop and close their connections."""
    state.released = True
    for lane in state.lanes:
        lane.stop()


class _Postbox(QObject):
    """Carries worker results to the UI thread. It lives as long as the app, so a worker never emits
    on a model that the UI thread is deleting at that very moment (a crash, not an exception)."""

    arrived = Signal(object, str, int, object)  # (model state, kind, generation, result)


_postbox: _Postbox | None = None


def postbox() -> _Postbox:
    global _postbox
    if _postbox is None:  # first made by a model, on the UI thread
        _postbox = _Postbox()
    return _postbox


class HistoryTableModel(QAbstractTableModel):
    """The history's closes matching ``filters``, newest first, loaded page by page.

    ``pageLoaded`` fires after each page (also an empty first page), ``totalChanged`` when the
    count is known, ``loadFailed(message)`` when reading failed.
    """

    pageLoaded = Signal()
    totalChanged = Signal()
    loadFailed = Signal(str)

    def __init__(
        self, history: History, filters: CloseFilter = CloseFilter(), parent=None, *, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._page_size = page_size
        self._state = _State()
        self._pages: _Lane | None = None
        self._counts: _Lane | None = None
        self._filters = filters
        self._rows: list[CloseRow] = []
        self._cells: list[tuple[str, ...]] = []  # display text of each row, made by the worker
        self._after: PageCursor | None = None
        self._exhausted = False
        self._loading = False
        self._replace = False  # the next page replaces the rows (a reload keeps the old ones until then)
        self.first_page_loaded = False
        self.total: int | None = None
        self.error: str | None = None
        self._postbox = postbox()
        self._postbox.arrived.connect(self._on_posted, Qt.ConnectionType.QueuedConnection)
        state = self._state  # not self: the model is being deleted when this runs
        self.destroyed.connect(lambda *_: _gone(state))
        self._start(clear=True)

    # -- Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                tr("Started"),
                tr("Terminal"),
                tr("Provider"),
                tr("Environment"),
                tr("Outcome"),
                tr("Attempts"),
                tr("Message"),
            )[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_ATTEMPTS:
            return _RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Asked ~7 times per visible cell on every paint: plain int roles, display text made in advance.
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        col = index.column()
        if role == _DISPLAY or role == _ACCESSIBLE:
            return self._cells[row][col]
        if role == _DECORATION:
            return icons.status_icon(self._rows[row].outcome) if col == COL_OUTCOME else None
        if role == _ALIGNMENT:
            return _RIGHT if col == COL_ATTEMPTS else None
        if role == _FOREGROUND:
            return (
                QBrush(QColor(theme.color("live")))
                if col == COL_ENV and self._rows[row].environment == "live"
                else None
            )
        if role == _TOOLTIP:
            return self._tooltip(self._rows[row], col)
        if role == _USER:
            return self._rows[row].id
        if role == CLOSE_ROLE:
            return self._rows[row]
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted and not self._loading and not self._state.released

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        filters, after, limit = self._filters, self._after, self._page_size
        self._lanes()[0].submit(
            self._state.generation, lambda reader: _Page.read(reader, filters, after, limit), self._deliver("page")
        )

    # -- content --------------------------------------------------------------------------------

    @property
    def filters(self) -> CloseFilter:
        return self._filters

    @property
    def loading(self) -> bool:
        return self._loading

    def set_filters(self, filters: CloseFilter) -> None:
        """Show the closes matching ``filters``: the rows clear now, the first page follows."""
        if filters == self._filters and not self._state.released:
            return
        self._filters = filters
        self._start(clear=True)

    def reload(self) -> None:
        """Read the first page again (after a run, or when the window is shown again); the rows on
        show stay until the new page replaces them, so the table does not flash empty."""
        self._start(clear=False)

    def release(self) -> None:
        """Stop reading and let the worker threads and their connections go (the window was closed).
        The next ``reload`` or ``set_filters`` starts again."""
        self._state.released = True
        self._loading = False
        for lane in self._state.lanes:
            lane.stop()
        self._state.lanes.clear()
        self._pages = self._counts = None

    @property
    def released(self) -> bool:
        return self._state.released

    def close_at(self, row: int) -> CloseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, close_id: int) -> int | None:
        return next((i for i, close in enumerate(self._rows) if close.id == close_id), None)

    # -- loading --------------------------------------------------------------------------------

    def _lanes(self) -> tuple[_Lane, _Lane]:
        if self._pages is None or self._counts is None:
            self._pages = _Lane(self._history, self._state)
            self._counts = _Lane(self._history, self._state)
        return self._pages, self._counts

    def _start(self, *, clear: bool) -> None:
        self._state.generation += 1
        self._state.released = False
        if clear and self._rows:
            self.beginResetModel()
            self._rows, self._cells = [], []
            self.endResetModel()
        self._replace = not clear
        self._after = None
        self._exhausted = False
        self._loading = False
        self.first_page_loaded = False
        self.error = None
        if self.total is not None:
            self.total = None
            self.totalChanged.emit()
        self.fetchMore()

    def _deliver(self, kind: str) -> Callable[[int, Any], None]:
        """The worker's callback: posts through the app-long postbox, never touching this model."""
        box, state = self._postbox, self._state
        return lambda generation, result: box.arrived.emit(state, kind, generation, result)

    def _on_posted(self, state: Any, kind: str, generation: int, result: Any) -> None:
        if state is self._state:
            self._on_arrived(kind, generation, result)

    def _on_arrived(self, kind: str, generation: int, result: Any) -> None:
        if self._state.is_stale(generation):
            return
        if isinstance(result, Exception):
            log.error("history view: reading failed (%s): %s", kind, result)
            if kind == "count":  # only the status line misses its number
                return
            self._loading = False
            self._exhausted = True
            self.error = str(result)
            self.loadFailed.emit(self.error)
            return
        if kind == "count":
            self.total = result
            self.totalChanged.emit()
            return
        page: _Page = result
        first = not self.first_page_loaded
        if self._replace:
            self.beginResetModel()
            self._rows, self._cells = list(page.rows), list(page.cells)
            self._replace = False
            self.endResetModel()
        elif page.rows:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self._cells.extend(page.cells)
            self.endInsertRows()
        self._after = page.after
        self._exhausted = page.after is None
        self._loading = False
        self.first_page_loaded = True
        if self._exhausted and self.total is None:
            self.total = len(self._rows)
            self.totalChanged.emit()
        elif first:
            filters = self._filters  # counted after the first page is on screen, on the other worker
            self._lanes()[1].submit(generation, lambda reader: reader.count_matching(filters), self._deliver("count"))
        self.pageLoaded.emit()

    # -- presentation ---------------------------------------------------------------------------

    @staticmethod
    def _tooltip(close: CloseRow, col: int) -> str | None:
        if col == COL_MESSAGE:
            return close.message or None
        if col == COL_OUTCOME and close.settled_by:
            return close.message
        if col == COL_STARTED:
            return close.started_at.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z (UTC%z)")
        return None


@dataclass(frozen=True)
class _Page:
    """A page as the worker hands it over: the rows and their display text (made off the UI thread)."""

    rows: list[CloseRow]
    cells: list[tuple[str, ...]]
    after: PageCursor | None

    @classmethod
    def read(cls, reader: HistoryReader, filters: CloseFilter, after: PageCursor | None, limit: int) -> "_Page":
        page = reader.close_page(filters, after, limit)
        return cls(page.rows, [display_cells(close) for close in page.rows], page.after)


def display_cells(close: CloseRow) -> tuple[str, ...]:
    """What each column shows for ``close`` (translation is thread-safe in Qt)."""
    message = close.message.splitlines()[0] if close.message else ""
    return (
        local_time(close),
        close.terminal_name,
        provider_label(close.provider),
        environment_text(close.environment),
        outcome_text(close),
        str(close.attempts),
        message,
    )
