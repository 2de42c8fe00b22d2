"""SVG icons from resources/: sharp at any DPI, loaded once per colour scheme (dark ink lightened in dark)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon, QPixmap

from app.resources import icon_path
from app.ui import theme
from app.core.states import CloseStatus, Step

SIZES = (16, 20, 24, 32, 48, 64, 96)


def icon(name: str) -> QIcon:
    return _icon(name, theme.is_dark())


@cache
def _icon(name: str, dark: bool) -> QIcon:
    path = icon_path(name)
    if not path.exists():
        return QIcon()
    if not dark:
        return QIcon(str(path))
    data = theme.svg_for_scheme(path.read_text(encoding="utf-8")).encode("utf-8")
    result = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        if pixmap.loadFromData(data, "SVG"):
            result.addPixmap(pixmap.scaled(size, size))
    return result if not result.isNull() else QIcon(str(path))


def status_icon(status: str) -> QIcon | None:
    if status in (Step.SENDING, Step.RESOLVING):
        return icon("sending")
    if status in (
        CloseStatus.CLOSED,
        CloseStatus.FAILED,
        CloseStatus.IN_DOUBT,
        Step.QUEUED,
        Step.RETRYING,
        CloseStatus.SKIPPED,
    ):
        return icon(status)
    return None
