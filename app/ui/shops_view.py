"""The Shops window (View > Shops): head office's `closeout chain status` for one business day.

Every shop x terminal of the chain with the day's state, net totals per currency per shop, the last time
each shop was heard from, and the same filters as the CLI (not closed yet, problems only). The chain is
read off the UI thread, on the window's one background pool (app/ui/background.py); a filter re-shows the last answer
without asking the server again.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime
from datetime import time as clock_time

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import chain
from app.core.days import business_day
from app.core.history import HistoryError
from app.core.i18n import format_date
from app.core.report import format_amount
from app.core.secrets import SecretStoreError
from app.ui import theme
from app.core.states import DayState
from app.ui.background import run_blocking
from app.ui.widgets.date_edit import DateEdit

log = logging.getLogger(__name__)

COLUMNS = ("shop", "terminal", "state", "at", "pc", "batch", "last_heard")


class ShopsWindow(QWidget):
    """Every shop and terminal of the chain for one business day (read off the UI thread)."""

    loaded = Signal()  # an answer (or an error) is shown

    def __init__(self, workspace, parent: QWidget | None = None, *, day_end: clock_time = clock_time(4, 0)) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.workspace = workspace
        self.setObjectName("shops_window")
        self.setWindowTitle(self.tr("Shops"))
        self.resize(960, 520)
        self.setMinimumHeight(320)
        self._task: asyncio.Future | None = None
        self._gone = False
        self.status: chain.ChainStatus | None = None  # the last answer, unfiltered

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Business &day:")))
        self.day = DateEdit()
        self.day.setObjectName("shops_day")
        today = business_day(datetime.now().astimezone(), day_end)
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.day.setAccessibleName(self.tr("Business day"))
        bar.itemAt(0).widget().setBuddy(self.day)
        bar.addWidget(self.day)
        self.only = QComboBox()
        self.only.setObjectName("shops_filter")
        self.only.setAccessibleName(self.tr("Show"))
        for key, label in (
            ("all", self.tr("Every terminal")),
            ("not_closed", self.tr("Not closed yet")),
            ("problems", self.tr("Problems only (failed, in doubt, not closed)")),
        ):
            self.only.addItem(label, key)
        bar.addWidget(self.only)
        self.btn_refresh = QPushButton(self.tr("&Refresh"))
        self.btn_refresh.setObjectName("shops_refresh")
        bar.addWidget(self.btn_refresh)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.message = QLabel()
        self.message.setObjectName("shops_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("shops_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Shop"),
                self.tr("Terminal"),
                self.tr("State"),
                self.tr("At"),
                self.tr("PC"),
                self.tr("Batch"),
                self.tr("Last heard from"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # state, time, PC, batch, heard
        for wide in (0, 1):  # the shop's and the terminal's names share the room left
            header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("00:00") + 16)  # "At", "PC": not slivers
        layout.addWidget(self.table, 1)

        self.totals = QLabel()
        self.totals.setObjectName("shops_totals")
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.totals)

        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.only.currentIndexChanged.connect(lambda _i: self._show())
        self.btn_refresh.clicked.connect(self.refresh)

    # -- reading the chain ------------------------------------------------------------------------------

    def chosen_day(self) -> date:
        return self.day.date().toPython()

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def refresh(self) -> None:
        """Ask the chain for the chosen business day (off the UI thread)."""
        if self._gone:
            return
        if self.workspace is None or self.workspace.is_demo:
            self._fail(
                self.tr(
                    "The demo is never connected to a chain: this window shows the shops of a chain "
                    "once this PC is connected (Settings > Chain)."
                ),
                role="muted",  # how the demo is, not something that went wrong
            )
            return
        if self.busy:
            return
        history, store, day = self.workspace.history, self.workspace.secrets, self.chosen_day()
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Reading the chain…"))
        self.btn_refresh.setEnabled(False)

        def read() -> chain.ChainStatus:
            return chain.fetch_status(history, store, day)

        async def run() -> None:
            try:
                status = await run_blocking(read)
            except (chain.ChainError, HistoryError, SecretStoreError) as exc:
                if not self._gone:
                    self._fail(str(exc))
                return
            except Exception:  # noqa: BLE001 - the words go to the person, the details to the log
                log.exception("reading the chain failed")
                if not self._gone:
                    self._fail(
                        self.tr(
                            "The chain could not be read because of an unexpected error (details are "
                            "in the log). Try again, or use 'closeout chain status' in a terminal."
                        )
                    )
                return
            finally:
                if not self._gone:
                    self.btn_refresh.setEnabled(True)
            if self._gone:
                return
            self.status = status
            if status.day != self.chosen_day():  # the day changed while reading: read that one
                self.refresh()
                return
            self._show()

        self._task = asyncio.ensure_future(run())

    def _fail(self, text: str, *, role: str = "error") -> None:
        self.status = None
        self.table.setRowCount(0)
        self.totals.clear()
        self.message.setStyleSheet(f"color:{theme.color(role)}")
        self.message.setText(text)
        self.loaded.emit()

    # -- showing it ----------------------------------------------------------------------------------------

    def state_text(self, state: str) -> str:
        return {
            DayState.CLOSED: self.tr("closed"),
            DayState.FAILED: self.tr("failed"),
            DayState.IN_DOUBT: self.tr("in doubt"),
            DayState.NOT_CLOSED: self.tr("not closed yet"),
            DayState.NOTHING_TO_CLOSE: self.tr("nothing to close"),
        }.get(state, state)

    def _show(self) -> None:
        status = self.status
        if status is None:
            return
        which = self.only.currentData()
        shown = status.only(which)
        rows = []
        for shop in shown.shops:
            heard = (
                format_date(shop.last_heard.astimezone()) + shop.last_heard.astimezone().strftime(" %H:%M")
                if shop.last_heard
                else self.tr("never")
            )
            for t in shop.terminals:
                rows.append(
                    (
                        shop.shop,
                        t.terminal,
                        t.state,
                        t.at.astimezone().strftime("%H:%M") if t.at else "",
                        t.pc_name or "",
                        t.batch_no or "",
                        heard,
                        t.message or "",
                    )
                )
            if not shop.terminals:
                rows.append((shop.shop, self.tr("(no terminals)"), "", "", "", "", heard, ""))
        self.table.setRowCount(len(rows))
        for r, (shop, terminal, state, at, pc, batch, heard, why) in enumerate(rows):
            for c, text in enumerate((shop, terminal, self.state_text(state) if state else "", at, pc, batch, heard)):
                item = QTableWidgetItem(text)
                if c == 2 and why:
                    item.setToolTip(why)
                if c == 2 and state in (DayState.CLOSED, DayState.FAILED, DayState.IN_DOUBT, DayState.NOT_CLOSED):
                    role = {DayState.CLOSED: "ok", DayState.IN_DOUBT: "warning"}.get(state, "error")
                    item.setForeground(QColor(theme.color(role)))
                self.table.setItem(r, c, item)
        every = [t for s in status.shops for t in s.all_terminals]
        counts = {state: sum(1 for t in every if t.state == state) for state in chain.STATES}
        self.message.setStyleSheet("")
        summary = self.tr(
            "Business day {day}: {closed} closed, {nothing} nothing to close, {failed} failed, "
            "{doubt} in doubt, {open} not closed yet."
        ).format(
            day=format_date(status.day),
            closed=counts[DayState.CLOSED],
            nothing=counts[DayState.NOTHING_TO_CLOSE],
            failed=counts[DayState.FAILED],
            doubt=counts[DayState.IN_DOUBT],
            open=counts[DayState.NOT_CLOSED],
        )
        if not rows:
            summary += " " + {
                DayState.NOT_CLOSED: self.tr("Every terminal of the chain is closed for this business day."),
                "problems": self.tr("No terminal failed, is in doubt or is not closed yet."),
            }.get(which, self.tr("The chain has no shops yet."))
        self.message.setText(summary)
        self.totals.setText(self.totals_text(shown))
        self.loaded.emit()

    def totals_text(self, status: chain.ChainStatus) -> str:
        """Net totals per currency per shop (test money apart), one line per shop with closed batches."""
        lines = []
        for shop in status.shops:
            parts = [
                f"{currency} {format_amount(net, currency)}"
                for currency, net in sorted(chain.shop_totals(shop).items())
            ]
            parts += [
                self.tr("{amount} (test)").format(amount=f"{currency} {format_amount(net, currency)}")
                for currency, net in sorted(chain.shop_totals(shop, "test").items())
            ]
            if parts:
                lines.append(f"{shop.shop}: " + ", ".join(parts))
        return (self.tr("Net totals: ") + "; ".join(lines)) if lines else ""

    def shutdown(self) -> None:
        """Closeout quits: an answer still on its way is no longer shown (app/ui/background.py drops the rest)."""
        self._gone = True
