"""The terminal list: one row per configured terminal, with its last close and live status."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Iterable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.core import providers
from app.core.engine import CloseEvent
from app.core.history import CloseRow
from app.core.providers.base import Terminal
from app.core.terminals import display_id, environment
from app.ui import icons, theme
from app.core.states import CloseStatus, Step

COL_NAME, COL_PROVIDER, COL_ENV, COL_TERMINAL, COL_LAST, COL_OPEN, COL_STATUS = range(7)
COLUMN_COUNT = 7

# Live status values (from engine events) and how the list says them.
ACTIVE = (Step.QUEUED, Step.RESOLVING, Step.SENDING, Step.RETRYING)

Index = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("TerminalTableModel", text)


@dataclass
class TerminalRow:
    terminal: Terminal
    last_close: CloseRow | None = None
    checked: bool = False
    open_batch: str = (
        ""  # the provider's open-batch preview (Capability.PREVIEW), e.g. "12 transactions, net 436.92 USD"
    )
    open_batch_empty: bool = False  # the provider said the open batch is empty: a close run skips it
    status: str = ""  # "" = idle, else an engine status
    message: str = ""
    attempt: int = 0
    since: float = field(default_factory=time.monotonic)  # when the current status began

    @property
    def busy(self) -> bool:
        return self.status in ACTIVE


class TerminalTableModel(QAbstractTableModel):
    """Rows are terminals; the first column carries the selection checkbox."""

    checkedChanged = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[TerminalRow] = []
        self._by_id: dict[str, int] = {}

    # -- Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < COLUMN_COUNT:
            return None
        return (
            tr("Terminal"),
            tr("Provider"),
            tr("Environment"),
            tr("Terminal ID / serial"),
            tr("Last close"),
            tr("Open batch"),
            tr("Status"),
        )[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_NAME:
            return Qt.CheckState.Checked if row.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_STATUS:
            return icons.status_icon(self.status_of(row))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_ENV and environment(row.terminal) == "live":
            return QBrush(QColor(theme.color("live")))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.UserRole:
            return row.terminal.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != COL_NAME or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        row = self._rows[index.row()]
        if row.checked == checked:
            return True
        row.checked = checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit()
        return True

    # -- content --------------------------------------------------------------------------------

    def set_terminals(self, terminals: Iterable[Terminal], last_closes: dict[str, CloseRow | None]) -> None:
        """Replace the list, keeping check marks and live status of terminals that stay."""
        old = {r.terminal.id: r for r in self._rows}
        self.beginResetModel()
        self._rows = []
        for t in terminals:
            previous = old.get(t.id)
            row = TerminalRow(t, last_closes.get(t.id))
            if previous is not None:
                row.checked, row.status, row.message = previous.checked, previous.status, previous.message
                row.open_batch, row.open_batch_empty = previous.open_batch, previous.open_batch_empty
                row.attempt, row.since = previous.attempt, previous.since
            self._rows.append(row)
        self._by_id = {r.terminal.id: i for i, r in enumerate(self._rows)}
        self.endResetModel()
        self.checkedChanged.emit()

    def set_last_close(self, terminal_id: str, close: CloseRow | None) -> None:
        i = self._by_id.get(terminal_id)
        if i is None:
            return
        self._rows[i].last_close = close
        self._changed(i, COL_LAST, COL_STATUS)

    def mark_queued(self, terminal_ids: Iterable[str]) -> None:
        """Queue many rows at once (one signal): a second press sees them busy immediately."""
        now = time.monotonic()
        touched = []
        for terminal_id in terminal_ids:
            i = self._by_id.get(terminal_id)
            if i is not None:
                row = self._rows[i]
                row.status, row.message, row.attempt, row.since = Step.QUEUED, "", 0, now
                touched.append(i)
        if touched:
            self.dataChanged.emit(self.index(min(touched), COL_NAME), self.index(max(touched), COL_STATUS))

    def set_open_batch(self, terminal_id: str, text: str, *, empty: bool = False) -> None:
        i = self._by_id.get(terminal_id)
        if i is not None:
            self._rows[i].open_batch_empty = empty
        if i is not None and self._rows[i].open_batch != text:
            self._rows[i].open_batch = text
            self._changed(i, COL_OPEN, COL_OPEN)

    def apply_event(self, event: CloseEvent) -> None:
        i = self._by_id.get(event.terminal_id)
        if i is None:
            return
        row = self._rows[i]
        if event.status == Step.QUEUED and row.status == Step.QUEUED:
            return  # already shown as queued
        if event.status != row.status or event.status in (Step.SENDING, Step.RETRYING):
            row.since = event.at
        row.status, row.message, row.attempt = event.status, event.message, event.attempt
        self._changed(i, COL_NAME, COL_STATUS)

    def tick(self, first: int = 0, last: int | None = None) -> None:
        """Refresh the elapsed time shown on busy rows (between rows ``first`` and ``last``, the ones a view
        shows: telling a view about 1,000 rows repaints all of it): one signal for the whole span."""
        last = len(self._rows) - 1 if last is None else min(last, len(self._rows) - 1)
        busy = [i for i in range(max(first, 0), last + 1) if self._rows[i].busy]
        if busy:
            self.dataChanged.emit(
                self.index(busy[0], COL_STATUS), self.index(busy[-1], COL_STATUS), [Qt.ItemDataRole.DisplayRole]
            )

    def rows(self) -> list[TerminalRow]:
        return list(self._rows)

    def row_of(self, terminal_id: str) -> TerminalRow | None:
        i = self._by_id.get(terminal_id)
        return None if i is None else self._rows[i]

    def terminal_at(self, row: int) -> Terminal | None:
        return self._rows[row].terminal if 0 <= row < len(self._rows) else None

    def checked_terminals(self) -> list[Terminal]:
        return [r.terminal for r in self._rows if r.checked]

    def set_all_checked(self, checked: bool) -> None:
        for i, row in enumerate(self._rows):
            if row.checked != checked:
                row.checked = checked
                self._changed(i, COL_NAME, COL_NAME)
        self.checkedChanged.emit()

    def busy_ids(self) -> set[str]:
        return {r.terminal.id for r in self._rows if r.busy}

    # -- presentation ---------------------------------------------------------------------------

    @staticmethod
    def status_of(row: TerminalRow) -> str:
        if row.status:
            return row.status
        if row.last_close is not None and row.last_close.outcome == CloseStatus.IN_DOUBT:
            return CloseStatus.IN_DOUBT
        return ""

    def _display(self, row: TerminalRow, col: int) -> str:
        t = row.terminal
        if col == COL_NAME:
            return t.name
        if col == COL_PROVIDER:
            return providers.label(t.provider) if providers.known(t.provider) else tr("unknown: update Closeout")
        if col == COL_ENV:
            return tr("LIVE") if environment(t) == "live" else tr("test")
        if col == COL_TERMINAL:
            return display_id(t)
        if col == COL_LAST:
            return last_close_text(row.last_close)
        if col == COL_OPEN:
            return row.open_batch or ("" if providers.can(t.provider, providers.Capability.PREVIEW) else "—")
        if col == COL_STATUS:
            return status_text(row)
        return ""

    def _tooltip(self, row: TerminalRow, col: int) -> str | None:
        if col == COL_STATUS and (row.message or self.status_of(row) == CloseStatus.IN_DOUBT):
            return row.message or (row.last_close.message if row.last_close else "")
        if col == COL_OPEN:  # the whole text first: a narrow window cuts the cell short
            note = tr("SUNBAY shows the open batch before closing; Saferpay does not.")
            return f"{row.open_batch}\n{note}" if row.open_batch else note
        if col == COL_LAST and row.last_close is not None:
            text = last_close_text(row.last_close)
            return f"{text}\n{row.last_close.message}" if row.last_close.message else text
        if col == COL_ENV:
            return (
                tr("Live: real money moves.")
                if environment(row.terminal) == "live"
                else tr("Test: the provider's test system; no real money.")
            )
        return None

    def _changed(self, row: int, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(row, first), self.index(row, last))


def last_close_text(close: CloseRow | None) -> str:
    if close is None:
        return tr("never")
    when = close.started_at.astimezone()
    today = time.localtime()
    stamp = (
        when.strftime("%H:%M")
        if (when.year, when.timetuple().tm_yday) == (today.tm_year, today.tm_yday)
        else when.strftime("%Y-%m-%d %H:%M")
    )
    outcome = {
        CloseStatus.CLOSED: tr("closed"),
        CloseStatus.FAILED: tr("failed"),
        CloseStatus.IN_DOUBT: tr("in doubt"),
        Step.SENDING: tr("sending"),
        CloseStatus.SKIPPED: tr("nothing to close"),
    }.get(close.outcome, close.outcome)
    return f"{stamp} · {outcome}"


def status_text(row: TerminalRow) -> str:
    elapsed = max(0, int(time.monotonic() - row.since))
    status = TerminalTableModel.status_of(row)
    if status == Step.QUEUED:
        return tr("Queued")
    if status == Step.RESOLVING:
        return tr("Re-sending earlier close…")
    if status == Step.SENDING:
        text = tr("Closing… {s} s").format(s=elapsed)
        return text if row.attempt <= 1 else tr("Closing (try {n})… {s} s").format(n=row.attempt, s=elapsed)
    if status == Step.RETRYING:
        return tr("Retrying {n}… {s} s").format(n=row.attempt, s=elapsed)
    if status == CloseStatus.CLOSED:
        return tr("Closed")
    if status == CloseStatus.FAILED:
        return tr("Failed: {reason}").format(reason=short_reason(row.message))
    if status == CloseStatus.IN_DOUBT:
        return tr("In doubt")
    if status == CloseStatus.SKIPPED:
        return tr("Skipped: {reason}").format(reason=short_reason(row.message))
    return ""


def short_reason(message: str, limit: int = 60) -> str:
    first = (message or "").split(". ")[0].strip().rstrip(".")
    return first if len(first) <= limit else first[: limit - 1] + "…"
