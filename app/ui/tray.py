"""The system tray icon: Closeout keeps watching the closing time while its window is closed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from app.ui import icons


class Tray(QObject):
    showRequested = Signal()
    closeAllRequested = Signal()
    quitRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.icon: QSystemTrayIcon | None = None
        self.messages: list[tuple[str, str]] = []  # what was notified (also where no tray exists)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.icon = QSystemTrayIcon(icons.icon("closeout"), self)
        self.icon.setToolTip("Closeout")
        menu = QMenu()
        for text, signal in (
            (self.tr("Show Closeout"), self.showRequested),
            (self.tr("Close all now…"), self.closeAllRequested),
            (self.tr("Quit"), self.quitRequested),
        ):
            action = QAction(text, menu)
            action.triggered.connect(signal.emit)
            menu.addAction(action)
        self._menu = menu
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.showRequested.emit)
        self.icon.show()

    @property
    def available(self) -> bool:
        return self.icon is not None

    def notify(self, title: str, text: str, warning: bool = False) -> None:
        self.messages.append((title, text))
        if self.icon is not None:
            kind = QSystemTrayIcon.MessageIcon.Warning if warning else QSystemTrayIcon.MessageIcon.Information
            self.icon.showMessage(title, text, kind, 15000)

    def _activated(self, reason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.showRequested.emit()
