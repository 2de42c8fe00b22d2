"""Small text widgets shared by the window and its dialogs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.ui import theme


def heading(text: str, scale: float = 1.25, object_name: str = "") -> QLabel:
    """A bold label, ``scale`` times the normal font size (follows the system font and DPI)."""
    label = QLabel(text)
    if object_name:
        label.setObjectName(object_name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def wrapped(object_name: str, accessible: str = "") -> QLabel:
    """A label of plain text (never markup: it may hold a name people typed) that wraps to its width."""
    label = QLabel()
    label.setObjectName(object_name)
    if accessible:
        label.setAccessibleName(accessible)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def error_banner(accessible: str) -> QLabel:
    """The red box a dialog says what went wrong in (``error_banner``); hidden until :func:`show_banner`."""
    banner = wrapped("error_banner", accessible)
    banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    banner.setStyleSheet(theme.banner_style("notice", "QLabel", "padding: 8px;"))
    banner.hide()
    return banner


def show_banner(banner: QLabel, text: str) -> None:
    banner.setText(text)
    banner.setAccessibleDescription(text)
    banner.show()
