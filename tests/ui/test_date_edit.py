"""Date fields write dates as the rest of the window does, and a window opening on one selects nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.core import i18n
from app.core.history import History
from app.core.settings import Settings
from app.ui.report_view import ReportDialog
from app.ui.widgets.date_edit import DateEdit


@pytest.fixture
def german():
    i18n.set_language("de")
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(("language", "shown"), [("en", "2026-12-01"), ("de", "01.12.2026"), ("fr", "01/12/2026")])
def test_date_fields_follow_the_language(qapp, language, shown):
    i18n.set_language(language)
    try:
        edit = DateEdit(QDate(2026, 12, 1))
        assert edit.text() == shown
        assert edit.text() == i18n.format_date(edit.date().toPython())  # as the report and the lists write it
    finally:
        i18n.set_language("en")


def test_a_window_opening_on_a_date_field_selects_no_section(qapp, german):
    window = QWidget()
    layout = QVBoxLayout(window)
    edit = DateEdit(QDate(2026, 12, 1))
    layout.addWidget(edit)
    layout.addWidget(QLineEdit())
    window.show()
    window.activateWindow()
    edit.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
    QApplication.processEvents()
    assert edit.hasFocus()
    assert edit.lineEdit().selectedText() == ""  # it was "2026" (the year highlighted on open)
    edit.clearFocus()
    edit.setFocus(Qt.FocusReason.TabFocusReason)  # reached with the keyboard: the first section, as Qt does
    QApplication.processEvents()
    assert edit.lineEdit().selectedText() == "01"
    window.close()


def test_the_report_day_is_written_in_german(qapp, german, tmp_path):
    dialog = ReportDialog(History(tmp_path / "history.db"), Settings())
    dialog.show()
    QApplication.processEvents()
    day = dialog.day_edit.date().toPython()
    assert dialog.day_edit.text() == day.strftime("%d.%m.%Y")
    assert dialog.day_edit.lineEdit().selectedText() == ""
    dialog.close()
