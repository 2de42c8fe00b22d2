"""SVG icons from resources/: sharp at any DPI, loaded once."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

from app.resources import icon_path


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    path = icon_path(name)
    return QIcon(str(path)) if path.exists() else QIcon()


def status_icon(status: str) -> QIcon | None:
    if status in ("sending", "resolving"):
        return icon("sending")
    if status in ("closed", "failed", "in_doubt", "queued", "retrying", "skipped"):
        return icon(status)
    return None
