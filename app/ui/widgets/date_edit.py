"""A date field that writes dates as the rest of the window does (01.12.2026 in German, 01/12/2026 in French)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from app.core.i18n import date_format

_QT_FIELDS = {"%d": "dd", "%m": "MM", "%Y": "yyyy"}


def display_format() -> str:
    """The core's date pattern of the current language in Qt's notation ("%d.%m.%Y" -> "dd.MM.yyyy")."""
    pattern = date_format()
    for field, qt in _QT_FIELDS.items():
        pattern = pattern.replace(field, qt)
    return pattern


class DateEdit(QDateEdit):
    """A calendar-popup date field in the language's short date format.

    A window opening with the focus on it does not select a section (Qt selects the first one, which read as
    the year being highlighted); a section is still selected when the field is reached with Tab.
    """

    def __init__(self, value: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if value is not None:
            self.setDate(value)
        self.setCalendarPopup(True)
        self.setDisplayFormat(display_format())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        keyboard = (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
        )
        if event.reason() not in keyboard:
            self.lineEdit().deselect()
