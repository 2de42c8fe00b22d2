"""The "Closing report" dialog: pick a day, read the report, print it or save it as PDF or CSV."""

from __future__ import annotations

import html
import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.days import business_day
from app.core.history import utcnow
from app.core.history import History, HistoryError
from app.core.report import ClosingReport, build_report, render_csv, render_html
from app.core.settings import Settings
from app.ui.report_render import paint_report, qt_tr, write_pdf
from app.ui.widgets.date_edit import DateEdit

log = logging.getLogger(__name__)


class ReportDialog(QDialog):
    """Shows the closing report of the chosen day (default today) as it will print."""

    def __init__(self, history: History, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.settings = settings
        self.report: ClosingReport | None = None
        self._html = ""
        self._folder: str | None = None  # where the last file went; the next save starts there
        self.setObjectName("report_dialog")
        self.setWindowTitle(self.tr("Closing report"))
        self.resize(900, 720)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        day_label = QLabel(self.tr("&Day:"))
        today = business_day(utcnow(), settings.day_end())  # at 01:00 the report is still of the evening
        self.day_edit = DateEdit(QDate(today.year, today.month, today.day))
        self.day_edit.setObjectName("report_day")
        self.day_edit.setAccessibleName(self.tr("Day of the report"))
        day_label.setBuddy(self.day_edit)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("report_refresh")
        self.refresh_button.setToolTip(self.tr("Read the history again (closes made since the report was shown)"))
        top.addWidget(day_label)
        top.addWidget(self.day_edit)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        layout.addLayout(top)

        self.preview = QTextBrowser()
        self.preview.setObjectName("report_preview")
        self.preview.setAccessibleName(self.tr("Closing report preview"))
        self.preview.setOpenLinks(False)
        # The preview is the printed page: dark ink on white paper in either colour scheme.
        paper = self.preview.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
            paper.setColor(group, QPalette.ColorRole.Base, QColor("#ffffff"))
            paper.setColor(group, QPalette.ColorRole.Text, QColor("#111827"))
        self.preview.setPalette(paper)
        layout.addWidget(self.preview, 1)

        self.status = QLabel()
        self.status.setObjectName("report_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("report_print")
        self.pdf_button = buttons.addButton(self.tr("Save as P&DF…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button.setObjectName("report_save_pdf")
        self.csv_button = buttons.addButton(self.tr("Save as &CSV…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.csv_button.setObjectName("report_save_csv")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.day_edit.dateChanged.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(self.print_report)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.csv_button.clicked.connect(self.save_csv)
        self.refresh()

    # -- the report -------------------------------------------------------------------------------

    @property
    def day(self) -> date:
        return self.day_edit.date().toPython()

    def set_day(self, day: date) -> None:
        self.day_edit.setDate(QDate(day.year, day.month, day.day))

    def refresh(self) -> bool:
        """Build the report of the chosen day from the history and show it. False when that failed."""
        try:
            self.report = build_report(self.history, self.settings, self.day)
        except HistoryError as exc:
            self.report = None
            self._html = ""
            self.preview.setHtml(
                "<p>" + html.escape(self.tr("The report could not be made: {reason}").format(reason=str(exc))) + "</p>"
            )
            self._set_buttons(False)
            return False
        self._html = render_html(self.report, qt_tr())
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(self._html)
        self.preview.verticalScrollBar().setValue(scroll)
        self._set_buttons(True)
        return True

    def _set_buttons(self, enabled: bool) -> None:
        for button in (self.print_button, self.pdf_button, self.csv_button):
            button.setEnabled(enabled)

    def html(self) -> str:
        return self._html

    # -- outputs ----------------------------------------------------------------------------------

    def make_print_preview(self) -> QPrintPreviewDialog:
        """The print preview of the current report (the caller shows it)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("Closing report {day}").format(day=self.day.isoformat()))
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setObjectName("report_print_preview")
        dialog.setWindowTitle(self.tr("Print the closing report"))
        report = self.report
        if report is not None:
            dialog.paintRequested.connect(lambda device: paint_report(report, device, qt_tr()))
        dialog.printer_ = printer  # type: ignore[attr-defined]  # the printer must outlive the dialog
        return dialog

    def print_report(self) -> None:
        if not self.refresh():
            return
        dialog = self.make_print_preview()
        dialog.exec()
        dialog.deleteLater()

    def _ask_path(self, title: str, suffix: str, filter_: str) -> Path | None:
        folder = self._folder or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder or Path.home()) / f"closing-report-{self.day.isoformat()}{suffix}")
        chosen, _ = QFileDialog.getSaveFileName(self, title, suggested, filter_)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        return path

    def save_pdf(self) -> Path | None:
        if not self.refresh():
            return None
        path = self._ask_path(self.tr("Save the closing report as PDF"), ".pdf", self.tr("PDF files (*.pdf)"))
        if path is None:
            return None
        return self._save(path, lambda p: write_pdf(self.report, p, qt_tr()))

    def save_csv(self) -> Path | None:
        if not self.refresh():
            return None
        path = self._ask_path(self.tr("Save the closing report as CSV"), ".csv", self.tr("CSV files (*.csv)"))
        if path is None:
            return None
        return self._save(path, lambda p: render_csv(self.report, p, qt_tr()))

    def _save(self, path: Path, write) -> Path | None:
        try:
            written = write(path)
        except OSError as exc:
            log.warning("report: could not write %s: %s", path, exc)
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr(
                    "The report could not be saved to {path} ({reason}). Choose another "
                    "folder, or free some disk space."
                ).format(path=str(path), reason=exc.strerror or str(exc)),
            )
            self.status.setText(self.tr("Not saved."))
            return None
        self._folder = str(written.parent)
        self.status.setText(self.tr("Saved to {path}").format(path=str(written)))
        log.info("report for %s saved to %s", self.day, written)
        return written
