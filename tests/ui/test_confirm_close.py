"""The confirmation before a close: Enter never closes, the count is what will really be sent."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ui.dialogs.close_run import ConfirmCloseDialog
from tests.ui.test_main_window import find_dialog, make_window


@pytest.fixture
def english(qapp):
    """The shipped English translation (its plurals: "1 batch", "3 batches"), removed afterwards."""
    from PySide6.QtCore import QTranslator

    from app.resources import translation_path

    translator = QTranslator()
    assert translator.load(str(translation_path("en")))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def open_confirm(qtbot, window) -> ConfirmCloseDialog:
    window.close_all()
    confirm = find_dialog(window, ConfirmCloseDialog)
    assert confirm is not None
    qtbot.waitExposed(confirm)
    return confirm


def real_closes(workspace) -> int:
    demo = workspace.demo
    return sum(demo.sim.close_count(spec.key) for _terminal, spec in demo.terminals)


@pytest.mark.parametrize("focus", ["default", "confirm_ok", "confirm_list", "confirm_force"])
def test_enter_never_closes_anything(qtbot, demo_workspace, focus):
    window = make_window(qtbot, demo_workspace)
    confirm = open_confirm(qtbot, window)
    assert confirm.cancel_button.isDefault() and not confirm.close_button.isDefault()
    assert not confirm.close_button.autoDefault()
    if focus != "default":
        widget = confirm.findChild(object, focus)
        widget.setVisible(True)
        widget.setFocus()
    target = confirm.focusWidget() or confirm
    assert target.objectName() == ("confirm_cancel" if focus == "default" else focus)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        qtbot.keyClick(target, key)
        QApplication.processEvents()
        assert confirm.result() != confirm.DialogCode.Accepted
        if not confirm.isVisible():
            break
    qtbot.wait(50)
    assert confirm.result() != confirm.DialogCode.Accepted
    assert not window.running and real_closes(demo_workspace) == 0


def test_the_close_button_and_its_mnemonic_do_close(qtbot, demo_workspace, english):
    window = make_window(qtbot, demo_workspace)
    confirm = open_confirm(qtbot, window)
    assert confirm.close_button.text() == "&Close 10 batches"
    confirm.activateWindow()
    qtbot.waitActive(confirm)
    qtbot.keyClick(confirm.windowHandle(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not confirm.isVisible(), timeout=3000)
    assert confirm.result() == confirm.DialogCode.Accepted
    qtbot.waitUntil(lambda: not window.running and bool(window.last_outcomes), timeout=20000)
    assert real_closes(demo_workspace) >= 4


def test_skipped_terminals_are_listed_apart_with_why(qtbot, demo_workspace, english):
    window = make_window(qtbot, demo_workspace)
    window.request_close([r.terminal for r in window.model.rows()], confirm=False)
    qtbot.waitUntil(lambda: not window.running and bool(window.last_outcomes), timeout=20000)
    closed = sorted(o.name for o in window.last_outcomes if o.outcome == "closed")
    assert len(closed) == 5
    for dialog in window.findChildren(type(window._summary)):
        dialog.close()

    confirm = open_confirm(qtbot, window)
    # Failed, in doubt and "nothing to close" (the batch may have filled since) go again.
    assert sorted(t.name for t in confirm.plan.send) == ["Bakery", "Bar", "Garden", "Kiosk", "Webshop"]
    assert sorted(s.terminal.name for s in confirm.plan.skip) == closed
    assert "5 terminals?" in confirm.title.text()
    assert confirm.close_button.text() == "&Close 5 batches"
    text = confirm.listing.toPlainText()
    will, skipped = text.split("Skipped, nothing is sent (5):")
    assert "Will be closed (5):" in will and not any(name in will for name in closed)
    assert all(name in skipped for name in closed) and skipped.count("already closed this business day at") == 5

    assert confirm.force_box.isVisible()
    confirm.force_box.setChecked(True)  # close them again: now all seven are sent
    assert confirm.close_button.text() == "&Close 10 batches" and not confirm.plan.skip
    confirm.reject()
