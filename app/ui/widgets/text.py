"""Small text widgets shared by the window and its dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


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
