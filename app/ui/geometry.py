"""Every window and dialog opens inside the screen's available area, and big ones come back where they were.

One application-wide event filter sees every top-level window as it is shown: it shrinks it to the
available geometry of its screen (what the taskbar and panels leave; down to 1024x600, or 1366x768 at
150 %, i.e. about 910x512 logical pixels), moves it fully on screen, and restores the last size and
position of the windows in :data:`REMEMBERED` when that still fits. The layouts keep every button
reachable at those sizes (scroll areas where content is long; tests/ui/test_screen_fit.py checks).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

log = logging.getLogger(__name__)

REMEMBERED = ("main_window", "history_window", "report_dialog")
# Before the window manager has framed a window its frame is unknown: assume a title bar and borders.
DEFAULT_FRAME = QMargins(4, 32, 4, 4)


def _frame_margins(window: QWidget) -> QMargins:
    frame, inner = window.frameGeometry(), window.geometry()
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    if margins.top() <= 0 and margins.left() <= 0:
        return DEFAULT_FRAME
    return margins


def fit(window: QWidget, saved: QRect | None = None) -> None:
    """Size and place ``window`` inside its screen's available area (``saved`` when it still fits)."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    margins = _frame_margins(window)
    room = QSize(area.width() - margins.left() - margins.right(), area.height() - margins.top() - margins.bottom())
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    if (
        saved is not None
        and saved.isValid()
        and saved.width() <= room.width()
        and saved.height() <= room.height()
        and saved.width() >= smallest.width()
        and saved.height() >= smallest.height()
    ):
        framed = saved.marginsAdded(margins)
        if area.contains(framed):
            window.setGeometry(saved)
            return
    if window.minimumWidth() > room.width() or window.minimumHeight() > room.height():
        window.setMinimumSize(min(window.minimumWidth(), room.width()), min(window.minimumHeight(), room.height()))
    size = window.size().expandedTo(smallest).boundedTo(room)
    if size != window.size():
        window.resize(size)
    if isinstance(window, QDialog) and not window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        return  # QDialog.showEvent centres it over its parent, inside the screen, right after this
    inner = window.geometry()
    x = min(max(inner.x(), area.left() + margins.left()), area.right() + 1 - margins.right() - inner.width())
    y = min(max(inner.y(), area.top() + margins.top()), area.bottom() + 1 - margins.bottom() - inner.height())
    if (x, y) != (inner.x(), inner.y()):
        window.move(x - margins.left(), y - margins.top())  # move() places the frame


def fit_height(dialog: QWidget, min_width: int, *, grow_only: bool = False) -> None:
    """Fit a dialog's height to its content (wrapped texts included), never narrower than the user made it
    and never larger than its screen leaves (what stretches, such as a table, gives way).

    ``grow_only``: only ever taller (a window manager does not grow a dialog for a newly wrapped text)."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = max(dialog.width(), dialog.sizeHint().width(), min_width)
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else dialog.sizeHint().height()
    if grow_only and height <= dialog.height():
        return
    dialog.resize(dialog.width() if grow_only else width, height)
    fit(dialog)
    screen = dialog.screen() or QApplication.primaryScreen()
    if dialog.isVisible() and screen is not None:
        area, frame = screen.availableGeometry(), dialog.frameGeometry()
        if frame.bottom() > area.bottom():  # grown past the bottom of the screen: up, as far as needed
            dialog.move(frame.x(), max(area.top(), area.bottom() + 1 - frame.height()))


class _Fitter(QObject):
    def __init__(self, state_path: Path | None, parent: QObject) -> None:
        super().__init__(parent)
        self.state_path = state_path
        self.saved: dict[str, list[int]] = self._load()

    def _load(self) -> dict[str, list[int]]:
        if self.state_path is None:
            return {}
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
            return {
                k: v
                for k, v in data.items()
                if isinstance(v, list) and len(v) == 4 and all(isinstance(n, int) for n in v)
            }
        except (OSError, ValueError, AttributeError):
            return {}  # none yet, or damaged: windows open at their default size

    def _store(self, name: str, rect: QRect) -> None:
        self.saved[name] = [rect.x(), rect.y(), rect.width(), rect.height()]
        if self.state_path is None:
            return
        try:
            temporary = self.state_path.with_suffix(".tmp")
            temporary.write_text(json.dumps(self.saved), encoding="utf-8")
            os.replace(temporary, self.state_path)
        except OSError as exc:
            log.info("window sizes not saved: %s", exc)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Hide) and isinstance(watched, QWidget) and watched.isWindow():
            name = watched.objectName()
            if kind == QEvent.Type.Show and not event.spontaneous():
                rect = self.saved.get(name) if name in REMEMBERED else None
                fit(watched, QRect(*rect) if rect else None)
            elif (
                kind == QEvent.Type.Hide
                and name in REMEMBERED
                and not event.spontaneous()
                and not (watched.isMaximized() or watched.isFullScreen())
            ):
                self._store(name, watched.geometry())
        return False


def install(app: QApplication, state_path: Path | None) -> None:
    """Fit every window of ``app`` to its screen; remember the big ones' geometry in ``state_path``."""
    fitter = getattr(app, "_closeout_fitter", None)
    if fitter is not None:
        if fitter.state_path != state_path:
            fitter.state_path, fitter.saved = state_path, {}
            fitter.saved = fitter._load()
        return
    fitter = _Fitter(state_path, app)
    app.installEventFilter(fitter)
    app._closeout_fitter = fitter
