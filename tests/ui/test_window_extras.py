"""The rest of issue 11 in the window: the demo's Import works out of the box, and more below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton

from app.ui.dialogs.import_terminals import ImportTerminalsDialog
from tests.ui.test_main_window import find_dialog, make_window


def test_the_demo_import_lists_the_demo_accounts_terminals(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    window.import_terminals()
    dialog = find_dialog(window, ImportTerminalsDialog)
    for provider, expected in (("saferpay", 4), ("sunbay", 3)):
        combo = dialog.findChild(QComboBox, "provider")
        combo.setCurrentIndex(combo.findData(provider))
        qtbot.mouseClick(dialog.findChild(QPushButton, "look_up"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: dialog.last_result is not None and dialog.last_result.provider == provider and not dialog.busy,
            timeout=10000,
        )
        result = dialog.last_result
        assert result.ok, result.error  # no "HTTP 404": the form was filled with the demo's account
        assert len([t for t in result.terminals if t.already_configured]) == expected
    dialog.reject()


def test_stop_and_quit_never_waits_forever(qtbot, qloop, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from app.core.engine import RetryPolicy
    from app.core.history import History
    from app.core.home import Home
    from app.core.secrets import MemoryStore
    from app.core.terminals import new_terminal
    from app.core.workspace import Workspace
    from app.simulator import Simulator, simulator_transport
    from tests.ui.conftest import finish
    from tests.ui.test_main_window import qtbot_app

    sim = Simulator()
    sim.add(
        "saferpay", customer_id="401234", terminal_id="30000001", username="API_1", password="pw-slow-1", latency=30.0
    )  # an answer that takes far longer than anyone waits
    home = Home(tmp_path / "home").ensure()
    history = History(home.db_path, home.lock_dir)
    secrets = MemoryStore()
    terminal = new_terminal(
        "Slow",
        "saferpay",
        {
            "customer_id": "401234",
            "terminal_id": "30000001",
            "username": "API_1",
            "environment": "test",
            "base_url": "http://localhost/saferpay/api",
        },
    )
    history.add_terminal(terminal)
    secrets.set(terminal.id, "pw-slow-1")
    workspace = Workspace(
        home=home,
        history=history,
        secrets=secrets,
        transport=simulator_transport(sim),
        policy=RetryPolicy(concurrency=1, timeout=60, max_attempts=1, backoff_base=0.05),
    )
    window = make_window(qtbot, workspace)
    window.quit_deadline_s = 0.5
    window.request_close([terminal], confirm=False)
    qtbot.waitUntil(lambda: window.model.rows()[0].status == "sending", timeout=5000)
    window.close()
    box = window.findChild(QMessageBox, "quit_box")
    qtbot.waitUntil(lambda: box.isVisible())
    qtbot.mouseClick(box.findChild(QPushButton, "quit_wait"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)  # not the 60 s the request could take
    [row] = history.closes()
    assert row.outcome == "in_doubt"  # recorded: it may have gone through
    finish(qtbot_app(), workspace.aclose())
    history.close()


def test_help_about_says_version_folders_and_licences(qtbot, demo_workspace):
    from app import __version__

    window = make_window(qtbot, demo_workspace)
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus[-1] in ("Help", "Hilfe", "Aide")
    window.act_about.trigger()
    text = window._about_dialog.text.toPlainText()
    assert __version__ in text and str(demo_workspace.home.root) in text and str(demo_workspace.home.log_dir) in text
    assert "LGPL-3.0" in text and "MIT" in text
    window._about_dialog.close()


def test_the_empty_state_offers_import_and_add(qtbot, qloop, tmp_path):
    from app.core.history import History
    from app.core.home import Home
    from app.core.secrets import MemoryStore
    from app.core.workspace import Workspace

    home = Home(tmp_path / "home").ensure()
    workspace = Workspace(home=home, history=History(home.db_path, home.lock_dir), secrets=MemoryStore())
    window = make_window(qtbot, workspace)
    assert window.stack.currentWidget().objectName() == "empty_state"
    names = {b.objectName() for b in window.stack.currentWidget().findChildren(QPushButton)}
    assert {"empty_add", "empty_import", "empty_demo"} <= names
    qtbot.mouseClick(window.findChild(QPushButton, "empty_import"), Qt.MouseButton.LeftButton)
    assert find_dialog(window, ImportTerminalsDialog) is not None
    find_dialog(window, ImportTerminalsDialog).reject()
    workspace.history.close()


def test_keyboard_escape_closes_history_and_tab_leaves_the_list(qtbot, demo_workspace):
    from PySide6.QtWidgets import QApplication

    window = make_window(qtbot, demo_workspace)
    window.show_history()
    history = window._history_window
    qtbot.waitExposed(history)
    from PySide6.QtGui import QAction, QKeySequence

    escape = history.findChild(QAction, "act_history_escape")
    assert escape.shortcut() == QKeySequence("Escape")  # (offscreen Qt gives the window no keyboard focus)
    escape.trigger()
    assert not history.isVisible()
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.table


def test_the_full_reason_is_readable_without_hovering(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    window.request_close([r.terminal for r in window.model.rows()], confirm=False)
    qtbot.waitUntil(lambda: not window.running and bool(window.last_outcomes), timeout=20000)
    bar = next(o for o in window.last_outcomes if o.name == "Bar")
    window.table.selectRow(next(i for i, r in enumerate(window.model.rows()) if r.terminal.name == "Bar"))
    assert window.status_details.isVisible()
    assert window.status_details.text() == f"Bar: {bar.message}"  # whole, wrapped, selectable
    assert window.status_details.wordWrap()


def test_every_control_has_a_name_a_screen_reader_can_say(qtbot, demo_workspace):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit

    window = make_window(qtbot, demo_workspace)
    window.show_history()
    window.edit_settings()
    nameless = []
    for top in (window, window._history_window, window._settings_dialog):
        for widget in (
            top.findChildren(QAbstractButton)
            + top.findChildren(QLineEdit)
            + top.findChildren(QComboBox)
            + top.findChildren(QAbstractItemView)
        ):
            if (
                not widget.isVisibleTo(top)
                or widget.objectName().startswith("qt_")
                or type(widget).__name__ == "QHeaderView"
            ):  # part of its table, which is named
                continue
            said = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            if isinstance(widget, QLineEdit) and widget.parent() and isinstance(widget.parent(), QComboBox):
                continue
            if not said and not (widget.toolTip() or ""):
                nameless.append(f"{top.objectName()}: {type(widget).__name__} {widget.objectName()!r}")
    assert not nameless, nameless
