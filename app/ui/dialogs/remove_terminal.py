"""Asking before a terminal is removed: Cancel is the default, Remove must be chosen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QMessageBox, QPushButton, QSizePolicy, QSpacerItem, QWidget

from app.core import providers
from app.core.i18n import _ as core_text
from app.core.providers.base import Terminal

_CONTEXT = "RemoveTerminal"
MIN_WIDTH = 420


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def build_remove_box(parent: QWidget | None, terminal: Terminal, doubts: int = 0) -> QMessageBox:
    """The question, not yet shown. Buttons: ``remove`` (object name) and ``cancel`` (default, Esc)."""
    try:
        module = providers.get(terminal.provider)
        secret = core_text(module.SECRET_LABEL)
    except KeyError:
        secret = _tr("password/API key")
    box = QMessageBox(parent)
    box.setObjectName("remove_terminal")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("Remove terminal"))
    box.setTextFormat(Qt.TextFormat.PlainText)  # the name is the user's text, never markup
    box.setText(_tr("Remove terminal '{name}'?").format(name=terminal.name))
    info = _tr("Its stored {secret} is deleted from the credential store; its past closes stay in the history.").format(
        secret=secret
    )
    if doubts:
        info += "\n\n" + _tr(
            "It has a close in doubt: that close may have gone through. It stays in the history; "
            "settle it with Review (in the banner) after checking with the provider."
        )
    box.setInformativeText(info)
    remove = box.addButton(_tr("&Remove"), QMessageBox.ButtonRole.DestructiveRole)
    remove.setObjectName("remove")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setObjectName("cancel")
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    # QMessageBox sizes itself to its text and wraps early; give the sentence room to breathe.
    grid = box.layout()
    if isinstance(grid, QGridLayout):
        grid.addItem(
            QSpacerItem(MIN_WIDTH, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding),
            grid.rowCount(),
            0,
            1,
            grid.columnCount(),
        )
    return box


def confirm_remove_terminal(parent: QWidget | None, terminal: Terminal, doubts: int = 0) -> bool:
    """True only when the user chose Remove."""
    box = build_remove_box(parent, terminal, doubts)
    box.exec()
    return box.clickedButton() is box.findChild(QPushButton, "remove")
