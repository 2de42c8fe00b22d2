"""The history window: every close, filtered, with its details, and exported as CSV.

The table is lazy (app.ui.models.history); this window lays out the filter bar, the table and the
details pane, turns the filter controls into a CloseFilter, and runs CSV exports on a worker
thread. ``export_csv`` is the export itself, usable without any window.
"""

from __future__ import annotations

import asyncio
import html
import logging
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.history import CloseFilter, CloseRow, History
from app.core.exports import CSV_FIELDS, ExportCancelled, csv_row, export_csv  # noqa: F401 (re-exported)
from app.core.report import Batch, day_bounds, format_amount
from app.core.states import CloseStatus
from app.ui import icons, theme
from app.ui.background import run_blocking
from app.ui.widgets.date_edit import DateEdit
from app.ui.models.history import (
    COL_ATTEMPTS,
    COL_ENV,
    COL_OUTCOME,
    COL_PROVIDER,
    COL_STARTED,
    COL_TERMINAL,
    HistoryTableModel,
    environment_text,
    outcome_text,
    provider_label,
)

log = logging.getLogger(__name__)

DEFAULT_DAYS = 30
SEARCH_DELAY_MS = 250  # typing pauses this long before the search runs
DATE_DELAY_MS = 300  # a date typed digit by digit is searched once
OUTCOMES = (CloseStatus.CLOSED, CloseStatus.FAILED, CloseStatus.IN_DOUBT)
EARLIEST = QDate(2000, 1, 1)  # Windows cannot convert local times before 1970; nothing closed before 2000


def _when(moment: datetime | None) -> str:
    """Local time with its UTC offset: 2026-11-20 22:01:03 (UTC+01:00)."""
    if moment is None:
        return ""
    local = moment.astimezone()
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"


def _provider_time(value) -> str:
    """A provider's ISO 8601 time shown like ours; anything unreadable as it came."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return _when(moment) if moment.tzinfo is not None else value


# -- the window -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TerminalChoice:
    id: str | None  # None: all terminals
    label: str
    removed: bool = False


class HistoryWindow(QWidget):
    """Every close in the history: filters, a lazy table, the details of the selected close, CSV export."""

    exportFinished = Signal(int, str)  # rows written, path ("" and 0 when it failed or was cancelled)
    _exportProgress = Signal(int)

    def __init__(self, history: History, parent: QWidget | None = None, *, day_end: clock_time = clock_time()) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.history = history
        self.day_end = day_end  # the dates filter business days (app/core/days.py)
        self.setObjectName("history_window")
        self.setWindowTitle(self.tr("Close history"))
        self.setWindowIcon(icons.icon("history"))
        self.resize(1280, 720)
        self.setMinimumHeight(360)  # the width: at least what the filter bar needs (its layout says)
        self._today = date.today()
        self._keep_selected: int | None = None
        self._export_task: asyncio.Future | None = None
        self._export_cancel = threading.Event()
        self._export_text = ""
        self._shown_once = False

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.timeout.connect(self.apply_filters_now)

        self._build_filters()
        self._fill_terminals()
        self.model = HistoryTableModel(history, self.current_filters(), self)
        self._build_body()
        self._build_actions()

        self.model.pageLoaded.connect(self._page_loaded)
        self.model.totalChanged.connect(self._update_status)
        self.model.loadFailed.connect(self._update_status)
        self.model.modelReset.connect(self._show_details)
        self._exportProgress.connect(self._export_progress)
        self._update_status()

    # -- construction ---------------------------------------------------------------------------

    def _build_filters(self) -> None:
        today = QDate.currentDate()
        self.from_edit = self._date_edit("history_from", self.tr("From date"), today.addDays(1 - DEFAULT_DAYS))
        self.to_edit = self._date_edit("history_to", self.tr("To date"), today)

        self.terminal_combo = QComboBox()
        self.terminal_combo.setObjectName("history_terminal")
        self.terminal_combo.setAccessibleName(self.tr("Terminal"))
        self.terminal_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.terminal_combo.setMinimumContentsLength(14)
        self.terminal_combo.currentIndexChanged.connect(lambda: self._schedule(0))

        self.outcome_combo = QComboBox()
        self.outcome_combo.setObjectName("history_outcome")
        self.outcome_combo.setAccessibleName(self.tr("Outcome"))
        self.outcome_combo.addItem(self.tr("All outcomes"), None)
        for outcome, label in zip(OUTCOMES, (self.tr("Closed"), self.tr("Failed"), self.tr("In doubt"))):
            self.outcome_combo.addItem(icons.status_icon(outcome), label, outcome)
        self.outcome_combo.currentIndexChanged.connect(lambda: self._schedule(0))

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("history_search")
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.search_edit.setPlaceholderText(self.tr("Terminal, request id, trace id, code or message"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(180)
        self.search_edit.textChanged.connect(lambda: self._schedule(SEARCH_DELAY_MS))

    def _date_edit(self, name: str, accessible: str, value: QDate) -> DateEdit:
        edit = DateEdit(value)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setDateRange(EARLIEST, QDate(2100, 12, 31))
        edit.dateChanged.connect(lambda: self._schedule(DATE_DELAY_MS))
        return edit

    def _build_body(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)

        # Two rows (dates, terminal and outcome; then the search): one row would need ~1000 pixels,
        # more than a 1366x768 screen at 150 % has (app/ui/geometry.py).
        filters = QHBoxLayout()
        search = QHBoxLayout()
        for bar, text, widget, stretch in (
            (filters, self.tr("&From"), self.from_edit, 0),
            (filters, self.tr("&To"), self.to_edit, 0),
            (filters, self.tr("Ter&minal"), self.terminal_combo, 0),
            (filters, self.tr("&Outcome"), self.outcome_combo, 0),
            (search, self.tr("&Search"), self.search_edit, 1),
        ):
            bar.setSpacing(6)
            label = QLabel(text)
            label.setBuddy(widget)
            # Kerned pairs ("To") are measured narrower than they are drawn: leave a little room.
            label.setMinimumWidth(label.sizeHint().width() + label.fontMetrics().averageCharWidth())
            bar.addSpacing(6 if bar.count() else 0)
            bar.addWidget(label)
            bar.addWidget(widget, stretch)
        filters.addStretch(1)
        layout.addLayout(filters)
        layout.addLayout(search)

        self.table = QTableView()
        self.table.setObjectName("history_table")
        self.table.setAccessibleName(self.tr("Closes"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(False)  # newest first: the order the pages are read in
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.table.fontMetrics()
        widths = {
            COL_STARTED: "2026-12-31 23:59:59",
            COL_TERMINAL: "Counter 123 long",
            COL_PROVIDER: "Saferpay",
            COL_ENV: self.model.headerData(COL_ENV, Qt.Orientation.Horizontal),
            COL_OUTCOME: "Marked not closed",
            COL_ATTEMPTS: self.model.headerData(COL_ATTEMPTS, Qt.Orientation.Horizontal),
        }
        for column, sample in widths.items():
            # Sized once from sample text, never from the rows: measuring rows would read them all.
            extra = 40 if column == COL_OUTCOME else 24
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + extra)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)

        self.details = QTextBrowser()
        self.details.setObjectName("history_details")
        self.details.setAccessibleName(self.tr("Close details"))
        self.details.setOpenLinks(False)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.details.setMinimumWidth(300)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("history_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 360])
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)

        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("history_status")
        self.status.setAccessibleName(self.tr("Status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self.export_button.setObjectName("history_export")
        self.export_button.setAccessibleName(self.tr("Export the filtered closes as CSV"))
        self.export_button.setToolTip(
            self.tr("Export every close matching the filters (not only those loaded) to a CSV file")
        )
        self.export_button.clicked.connect(self.choose_export)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export_button)
        layout.addLayout(bottom)
        self._show_details()

    def _build_actions(self) -> None:
        def action(name: str, keys, slot) -> None:
            act = QAction(self)
            act.setObjectName(name)
            act.setShortcuts(keys)
            act.triggered.connect(slot)
            self.addAction(act)

        K = QKeySequence
        action("act_history_find", [K(K.StandardKey.Find)], self._focus_search)
        action("act_history_refresh", [K(K.StandardKey.Refresh), K("Ctrl+R")], self.refresh)
        action("act_history_close", [K(K.StandardKey.Close)], self.close)
        action("act_history_escape", [K("Escape")], self._escape)

    def _escape(self) -> None:
        """Escape clears a search being typed; otherwise it closes the window, like a dialog."""
        if self.search_edit.hasFocus() and self.search_edit.text():
            self.search_edit.clear()
        else:
            self.close()

    def _fill_terminals(self) -> None:
        """All terminals, the configured ones (by position), then removed ones that have closes.
        A handful of index seeks (one per terminal), not a read of the closes."""
        keep = self.terminal_combo.currentData()
        configured = self.history.terminals()
        known = {t.id for t in configured}
        removed = sorted(
            (t for t in self.history.history_terminals() if t.id not in known), key=lambda t: t.name.lower()
        )
        combo = self.terminal_combo
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(self.tr("All terminals"), None)
            for t in configured:
                combo.addItem(t.name, t.id)
            names = [t.name.lower() for t in removed]
            for t in removed:
                label = self.tr("{name} (removed)").format(name=t.name)
                if names.count(t.name.lower()) > 1 and t.last_started_at is not None:
                    label = self.tr("{name} (removed, last close {day})").format(
                        name=t.name, day=t.last_started_at.astimezone().date().isoformat()
                    )
                combo.addItem(label, t.id)
                combo.setItemData(combo.count() - 1, True, Qt.ItemDataRole.UserRole + 1)
            index = combo.findData(keep)
            combo.setCurrentIndex(index if index >= 0 else 0)
        finally:
            combo.blockSignals(False)

    # -- filters --------------------------------------------------------------------------------

    def current_filters(self) -> CloseFilter:
        first, last = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        if first > last:
            first, last = last, first
        return CloseFilter(
            since=day_bounds(first, self.day_end)[0],
            until=day_bounds(last, self.day_end)[1],
            terminal_id=self.terminal_combo.currentData(),
            outcome=self.outcome_combo.currentData(),
            text=self.search_edit.text().strip(),
        )

    def _schedule(self, delay_ms: int) -> None:
        if not self._debounce.isActive() or self._debounce.remainingTime() > delay_ms:
            self._debounce.start(delay_ms)

    def apply_filters_now(self) -> None:
        self._debounce.stop()
        filters = self.current_filters()
        if filters != self.model.filters:
            self.model.set_filters(filters)
            self._update_status()

    def reset_filters(self) -> None:
        """The filters the window opens with: the last 30 days, every terminal and outcome, no search."""
        today = QDate.currentDate()
        self.from_edit.setDate(today.addDays(1 - DEFAULT_DAYS))
        self.to_edit.setDate(today)
        self.terminal_combo.setCurrentIndex(0)
        self.outcome_combo.setCurrentIndex(0)
        self.search_edit.clear()
        self.apply_filters_now()

    def set_dates(self, first: date, last: date) -> None:
        self.from_edit.setDate(QDate(first.year, first.month, first.day))
        self.to_edit.setDate(QDate(last.year, last.month, last.day))

    def set_terminal(self, terminal_id: str | None) -> None:
        index = self.terminal_combo.findData(terminal_id)
        if index < 0:
            raise KeyError(f"no terminal {terminal_id!r} in the list")
        self.terminal_combo.setCurrentIndex(index)

    def set_outcome(self, outcome: str | None) -> None:
        self.outcome_combo.setCurrentIndex(max(0, self.outcome_combo.findData(outcome)))

    def set_search(self, text: str) -> None:
        self.search_edit.setText(text)

    def terminal_choices(self) -> list[TerminalChoice]:
        combo = self.terminal_combo
        return [
            TerminalChoice(combo.itemData(i), combo.itemText(i), bool(combo.itemData(i, Qt.ItemDataRole.UserRole + 1)))
            for i in range(combo.count())
        ]

    def refresh(self, *_) -> None:  # *_: connects straight to MainWindow.runFinished(list)
        """Read the history again (after a run): new closes appear, the filters and the selected close stay.
        A "to" date left on today follows the calendar when the window stays open past midnight.
        Cheap while the window is closed: it then reads when shown again."""
        if not self.isVisible():
            self.model.release()  # nothing to read for a closed window: showing it again reads afresh
            return
        today = date.today()
        if today != self._today and self.to_edit.date().toPython() == self._today:
            self.to_edit.setDate(QDate(today.year, today.month, today.day))
        self._today = today
        selected = self.selected_close()
        self._keep_selected = selected.id if selected is not None else None
        self._fill_terminals()
        filters = self.current_filters()
        self._debounce.stop()
        if filters != self.model.filters:
            self.model.set_filters(filters)
        else:
            self.model.reload()
        self._update_status()

    def _focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # -- table and details ----------------------------------------------------------------------

    def selected_close(self) -> CloseRow | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.close_at(index.row()) if index.isValid() else None

    def select_close(self, close_id: int) -> bool:
        row = self.model.row_of(close_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _page_loaded(self) -> None:
        if self._keep_selected is not None:
            self.select_close(self._keep_selected)
            self._keep_selected = None
        self._update_status()

    def _show_details(self, *_) -> None:
        close = self.selected_close()
        if close is None:
            self.details.setHtml(
                f"<p style='color:{theme.color('muted')}'>"
                + html.escape(
                    self.tr(
                        "Select a close to see its details: request and trace ids, the provider's answer, the "
                        "batch and who settled it."
                    )
                )
                + "</p>"
            )
            return
        self.details.setHtml(self.details_html(close))

    def details_html(self, close: CloseRow) -> str:
        """The selected close as one two-column table (labels line up across sections)."""

        def row(label: str, value, *, mono: bool = False) -> str:
            if value in (None, ""):
                return ""
            text = html.escape(str(value)).replace("\n", "<br>")
            if mono:
                text = f"<span style='font-family:monospace'>{text}</span>"
            return (
                f"<tr><td style='color:{theme.color('muted')}; padding:1px 14px 1px 0'>{html.escape(label)}</td>"
                f"<td style='padding:1px 0'>{text}</td></tr>"
            )

        def section(title: str, rows: list[str]) -> str:
            body = "".join(rows)
            return (
                (
                    f"<tr><td colspan='2' style='padding:10px 0 2px 0; font-weight:bold'>{html.escape(title)}</td></tr>"
                    + body
                )
                if body
                else ""
            )

        parts = [
            section(
                self.tr("Close"),
                [
                    row(self.tr("Started"), _when(close.started_at)),
                    row(self.tr("Finished"), _when(close.finished_at)),
                    row(self.tr("Attempts"), close.attempts),
                    row(
                        self.tr("Provider"), f"{provider_label(close.provider)}, {environment_text(close.environment)}"
                    ),
                    row(self.tr("Request id"), close.request_id, mono=True),
                    row(self.tr("Trace id"), close.trace_id, mono=True),
                    row(
                        self.tr("Forced"), self.tr("yes: closed again on purpose the same day") if close.forced else ""
                    ),
                    row(self.tr("Message"), close.message),
                ],
            ),
            section(
                self.tr("Provider's answer"),
                [
                    row(self.tr("HTTP status"), close.http_status),
                    row(self.tr("Code"), close.provider_code, mono=True),
                    row(self.tr("Message"), close.provider_message),
                ],
            ),
        ]
        batch = Batch.of(close)
        if batch is not None:
            locale = QLocale()
            separators = str.maketrans({",": locale.groupSeparator(), ".": locale.decimalPoint()})

            def amount(minor: int) -> str:  # exact (Decimal), with the user's separators
                return f"{batch.currency} {format_amount(minor, batch.currency).translate(separators)}"

            batch_rows = [
                row(self.tr("Batch number"), batch.batch_no, mono=True),
                row(self.tr("Batch time"), _provider_time(batch.batch_time)),
                row(self.tr("Transactions"), locale.toString(batch.count)),
                row(self.tr("Net amount"), amount(batch.net)),
                row(self.tr("Tip"), amount(batch.tip) if batch.tip else ""),
                row(self.tr("Surcharge"), amount(batch.surcharge) if batch.surcharge else ""),
                row(self.tr("Tax"), amount(batch.tax) if batch.tax else ""),
            ]
        else:  # whatever else a provider returned, shown as it came
            batch_rows = [
                row(key, value)
                for key, value in sorted((close.data or {}).items())
                if isinstance(value, (str, int, float))
            ]
        parts.append(section(self.tr("Batch"), batch_rows))
        if close.settled_by or close.settled_at:
            parts.append(
                section(
                    self.tr("Settled by a person"),
                    [
                        row(
                            self.tr("Marked"),
                            self.tr("closed") if close.outcome == CloseStatus.CLOSED else self.tr("not closed"),
                        ),
                        row(self.tr("By"), close.settled_by),
                        row(self.tr("On"), _when(close.settled_at)),
                        row(self.tr("Note"), close.note),
                    ],
                )
            )
        parts.append(
            section(
                self.tr("For support"),
                [row(self.tr("Terminal key"), close.terminal_id, mono=True), row(self.tr("Close number"), close.id)],
            )
        )
        title = f"{html.escape(close.terminal_name)} — {html.escape(outcome_text(close))}"
        return f"<h3 style='margin:0'>{title}</h3><table cellspacing='0'>{''.join(parts)}</table>"

    def _update_status(self, *_) -> None:
        model = self.model
        locale = QLocale()
        if model.error:
            text = self.tr("The history could not be read: {reason}").format(reason=model.error)
        elif not model.first_page_loaded:
            text = self.tr("Searching…") if model.filters.text else self.tr("Loading…")
        elif model.rowCount() == 0:
            text = self.tr("No closes match these filters.")
        elif model.total is None:
            text = self.tr("{shown} closes shown; counting…").format(shown=locale.toString(model.rowCount()))
        elif model.total == model.rowCount():
            text = self.tr("Matching closes: {total}").format(total=locale.toString(model.total))
        else:
            text = self.tr("Matching closes: {total} ({shown} loaded; scroll for more)").format(
                total=locale.toString(model.total), shown=locale.toString(model.rowCount())
            )
        if self._export_task is not None:
            text += "  ·  " + self._export_text
        self.status.setText(text)

    # -- export ---------------------------------------------------------------------------------

    def choose_export(self) -> None:
        if self._export_task is not None:
            self._export_cancel.set()
            return
        f = self.current_filters()
        first, last = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = str(Path(folder) / f"closeout-history-{min(first, last)}-to-{max(first, last)}.csv")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export closes as CSV"), suggested, self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_to(path, f)

    def export_to(self, path: str | Path, filters: CloseFilter | None = None) -> None:
        """Export the closes matching ``filters`` (the current filters by default) off the UI thread
        (app/ui/background.py); ``exportFinished`` tells when it is done."""
        if self._export_task is not None:
            return
        filters = filters or self.current_filters()
        self._export_cancel.clear()
        self._export_text = self.tr("Exporting…")
        self.export_button.setText(self.tr("Cancel &export"))

        shown = [time.monotonic()]

        def progress(rows: int) -> bool:  # on the worker: a queued signal carries the count to the UI thread
            if time.monotonic() - shown[0] >= 0.25:  # a few updates a second, not one per chunk
                shown[0] = time.monotonic()
                try:
                    self._exportProgress.emit(rows)
                except RuntimeError:  # the window is gone
                    return False
            return not self._export_cancel.is_set()

        async def run() -> None:
            try:
                result: object = await run_blocking(export_csv, self.history, filters, path, progress=progress)
            except asyncio.CancelledError:  # Closeout quits
                raise
            except Exception as exc:  # shown below, in the person's words
                result = exc
            self._export_done(result, str(path))

        self._export_task = asyncio.ensure_future(run())
        self._update_status()

    def _export_progress(self, rows: int) -> None:
        self._export_text = self.tr("Exporting… {rows} closes written").format(rows=QLocale().toString(rows))
        self._update_status()

    def _export_done(self, result: object, path: str) -> None:
        self._export_task = None
        self.export_button.setText(self.tr("&Export CSV…"))
        self._update_status()
        if isinstance(result, ExportCancelled):
            self.status.setText(self.status.text() + "  ·  " + self.tr("Export cancelled; no file was written."))
            self.exportFinished.emit(0, "")
        elif isinstance(result, BaseException):
            log.error("history export to %s failed: %s", path, result)
            reason = result.strerror if isinstance(result, OSError) and result.strerror else str(result)
            QMessageBox.warning(
                self,
                self.tr("Export CSV"),
                self.tr(
                    "The closes could not be exported to {path}: {reason}. Choose another "
                    "folder or free some space, then export again."
                ).format(path=path, reason=reason),
            )
            self.exportFinished.emit(0, "")
        else:
            self.status.setText(
                self.status.text()
                + "  ·  "
                + self.tr("Exported {rows} closes to {name}").format(
                    rows=QLocale().toString(int(result)), name=Path(path).name
                )
            )
            self.exportFinished.emit(int(result), path)

    # -- window ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.model.released:
            self.refresh()
        if not self._shown_once:  # typing searches at once; Tab leads on to the table
            self._shown_once = True
            self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._debounce.stop()
        self.model.release()  # no worker threads or connections while the window is not shown
        super().closeEvent(event)
