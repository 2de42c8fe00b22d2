"""Closes in doubt: what they are, and the three honest ways to settle them.

* Retry safely: re-send the same close with its original idempotency id (it cannot close twice).
* Check with the provider: SUNBAY lists closed batches; Saferpay's back office shows them.
* Mark closed / not closed: a person who checked records the verdict, with their name.
"""

from __future__ import annotations

from typing import Awaitable, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.core import service
from app.core.history import CloseRow, History, HistoryError

Checker = Callable[[CloseRow], Awaitable[str]]  # returns a plain-words verdict to show


def who_am_i() -> str:
    return service.os_user()


class InDoubtDialog(QDialog):
    resolveRequested = Signal(list)  # close ids to re-send
    settled = Signal()

    def __init__(self, history: History, parent=None, *, checker: Checker | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("in_doubt_dialog")
        self.setWindowTitle(self.tr("Closes in doubt"))
        self.resize(780, 400)  # its layout sets the minimum; shrunk to the screen on show
        self.history = history
        self.checker = checker
        self.rows: list[CloseRow] = []

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "No answer came back for these closes, so they may have gone through. Closeout never starts a new "
                "close for such a terminal blindly. Re-send the same close (it cannot close twice), check with the "
                "provider, or, once you have checked, record what you found."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("in_doubt_table")
        self.table.setAccessibleName(self.tr("Closes in doubt"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Terminal"),
                self.tr("Started"),
                self.tr("Attempts"),
                self.tr("Request id"),
                self.tr("What happened"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        self.verdict = QLabel()
        self.verdict.setObjectName("in_doubt_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.verdict)

        row = QHBoxLayout()
        self.btn_retry = QPushButton(self.tr("&Retry safely"))
        self.btn_retry.setObjectName("in_doubt_retry")
        self.btn_retry.setToolTip(self.tr("Re-send the same close with its original id: it cannot close twice"))
        self.btn_check = QPushButton(self.tr("&Check with the provider"))
        self.btn_check.setObjectName("in_doubt_check")
        self.btn_closed = QPushButton(self.tr("Mark &closed…"))
        self.btn_closed.setObjectName("in_doubt_mark_closed")
        self.btn_not_closed = QPushButton(self.tr("Mark &not closed…"))
        self.btn_not_closed.setObjectName("in_doubt_mark_not_closed")
        for button in (self.btn_retry, self.btn_check, self.btn_closed, self.btn_not_closed):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.btn_retry.clicked.connect(self._retry)
        self.btn_check.clicked.connect(self._check)
        self.btn_closed.clicked.connect(lambda: self._mark(True))
        self.btn_not_closed.clicked.connect(lambda: self._mark(False))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.rows = self.history.in_doubt()
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            values = (
                r.terminal_name,
                r.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                str(r.attempts),
                r.request_id,
                r.message or "",
            )
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(i, j, item)
        if self.rows:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> CloseRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        has = self.selected() is not None
        for button in (self.btn_check, self.btn_closed, self.btn_not_closed):
            button.setEnabled(has)
        self.btn_retry.setEnabled(bool(self.rows))

    def _retry(self) -> None:
        row = self.selected()
        ids = [row.id] if row is not None else [r.id for r in self.rows]
        self.resolveRequested.emit(ids)
        self.accept()

    def _check(self) -> None:
        row = self.selected()
        if row is None or self.checker is None:
            return
        import asyncio

        self.verdict.setText(self.tr("Checking with the provider…"))
        self.btn_check.setEnabled(False)

        async def run() -> None:
            try:
                text = await self.checker(row)
            except Exception as exc:  # noqa: BLE001 - shown in words, logged by the caller
                text = self.tr("The check failed: {error}").format(error=exc)
            self.verdict.setText(text)
            self.btn_check.setEnabled(True)

        task = asyncio.ensure_future(run())
        self._task = task  # keep a strong reference

    def _mark(self, closed: bool) -> None:
        row = self.selected()
        if row is None:
            return
        verdict = self.tr("closed") if closed else self.tr("not closed")
        name, ok = QInputDialog.getText(
            self,
            self.tr("Mark {verdict}").format(verdict=verdict),
            self.tr(
                "You checked with the provider that the close of '{name}' started {when} is {verdict}.\n"
                "Your name (kept in the history):"
            ).format(
                name=row.terminal_name, when=row.started_at.astimezone().strftime("%Y-%m-%d %H:%M"), verdict=verdict
            ),
            text=who_am_i(),
        )
        if not ok or not name.strip():
            return
        note, ok = QInputDialog.getText(
            self, self.tr("Mark {verdict}").format(verdict=verdict), self.tr("Note (optional), e.g. where you checked:")
        )
        if not ok:
            return
        try:
            service.settle(self.history, row.id, closed=closed, by=name.strip(), note=note)  # as 'closeout settle'
        except HistoryError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
        self.settled.emit()
        self.reload()
