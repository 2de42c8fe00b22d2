"""The terminal dialog asks the provider (read-only) whether the credentials are right before saving."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.ui.dialogs.terminal_dialog import TerminalDialog
from tests.ui.test_main_window import find_dialog, make_window


def edit(qtbot, window, name: str) -> TerminalDialog:
    row = next(i for i, r in enumerate(window.model.rows()) if r.terminal.name == name)
    window.table.selectRow(row)
    window.act_edit.trigger()
    dialog = find_dialog(window, TerminalDialog)
    assert dialog is not None
    return dialog


def test_a_wrong_key_is_refused_at_once_and_the_right_one_saved(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    bar = next(r.terminal for r in window.model.rows() if r.terminal.name == "Bar")
    right_key = demo_workspace.secrets.get(bar.id)
    dialog = edit(qtbot, window, "Bar")
    save = dialog.findChild(QPushButton, "save")
    dialog.input("secret").setText("sk_test_this_key_is_wrong_0")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    banner = dialog.findChild(object, "error_banner")
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=10000)
    assert "SUNBAY refused these credentials" in banner.text() and "API key" in banner.text()
    assert dialog.isVisible() and demo_workspace.secrets.get(bar.id) == right_key  # nothing stored

    dialog.input("secret").setText(right_key)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert dialog.last_check.verdict == "accepted"
    assert demo_workspace.demo.sim.total_closes() == 0  # a check never closes


def test_a_rename_needs_no_check(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    dialog = edit(qtbot, window, "Kiosk")
    dialog.input("name").setText("Kiosk 2")
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert dialog.last_check is None
    assert demo_workspace.history.terminal_by_name("Kiosk 2") is not None
