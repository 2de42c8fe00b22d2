"""Never twice, through the window's dialogs: the same terminal twice, remove + add, an edit while in doubt.

The real window, engine and history; the simulator behind a real loopback socket.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from app.core import providers
from app.core.engine import RetryPolicy
from app.core.history import History
from app.core.home import Home
from app.core.secrets import KeyringStore
from app.core.terminals import new_terminal, save_terminal
from app.core.workspace import Workspace
from app.simulator import Fault
from app.ui.dialogs.terminal_dialog import TerminalDialog
from app.ui.main_window import MainWindow

PASSWORD = "window-never-twice-pw"


@pytest.fixture
def shop(qtbot, qloop, tmp_path, sim_server, memory_keyring):
    sim, url = sim_server
    sim.add("saferpay", "401234", "12345678", "API_401234_1", PASSWORD)
    home = Home(tmp_path / "home").ensure()
    workspace = Workspace(
        home=home,
        history=History(home.db_path, home.lock_dir),
        secrets=KeyringStore(),
        policy=RetryPolicy(max_attempts=2, backoff_base=0.01, jitter=0, timeout=5),
    )
    settings = {
        "customer_id": "401234",
        "terminal_id": "12345678",
        "username": "API_401234_1",
        "environment": "test",
        "base_url": f"{url}/saferpay/api",
    }
    save_terminal(
        workspace.history, workspace.secrets, new_terminal("Counter 1", "saferpay", settings), PASSWORD, new=True
    )
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield sim, url, settings, workspace, window
    workspace.history.close()


def open_dialog(window, action) -> TerminalDialog:
    action.trigger()
    dialog = [w for w in window.findChildren(TerminalDialog) if w.isVisible()][-1]
    return dialog


def fill(qtbot, dialog, name, settings, secret=PASSWORD):
    dialog.input("name").clear()
    qtbot.keyClicks(dialog.input("name"), name)
    for key in ("customer_id", "terminal_id", "username"):
        dialog.input(key).clear()
        qtbot.keyClicks(dialog.input(key), settings[key])
    if secret:
        qtbot.keyClicks(dialog.input("secret"), secret)


def show_advanced_base_url(dialog, url):
    widget = dialog.input("base_url")
    widget.clear()
    widget.setText(url)


def banner(dialog) -> str:
    label = dialog.findChild(QLabel, "error_banner")
    return label.text() if label.isVisible() else ""


def close_all(qtbot, window):
    window.request_close([r.terminal for r in window.model.rows()], confirm=False)
    qtbot.waitUntil(lambda: not window.running and bool(window.last_outcomes), timeout=15000)
    return {o.name: o for o in window.last_outcomes}


def test_1_the_add_dialog_refuses_the_same_terminal_under_another_name(qtbot, shop):
    sim, url, settings, workspace, window = shop
    dialog = open_dialog(window, window.act_add)
    fill(qtbot, dialog, "Counter by hand", settings)
    show_advanced_base_url(dialog, settings["base_url"])
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    assert "already set up as 'Counter 1'" in banner(dialog)
    assert dialog.isVisible() and [t.name for t in workspace.history.terminals()] == ["Counter 1"]


def test_1_an_old_duplicate_is_shown_in_the_banner_and_closed_once(qtbot, shop):
    import sqlite3

    sim, url, settings, workspace, window = shop
    db = sqlite3.connect(workspace.home.db_path)
    db.execute(
        "INSERT INTO terminals (id, name, provider, settings, position, created_at) "
        "SELECT 'dup-1', 'Counter copy', provider, settings, 9, created_at FROM terminals"
    )
    db.commit()
    db.close()
    window.reload()
    assert window.notice_banner.isVisible() and "'Counter 1' = 'Counter copy'" in window.notice_banner.text()
    outcomes = close_all(qtbot, window)
    assert outcomes["Counter 1"].outcome == "closed" and outcomes["Counter copy"].reason == "same_terminal"
    assert sim.close_count("12345678") == 1


def test_2_remove_and_add_again_through_the_window_resends_the_close_in_doubt(qtbot, shop, monkeypatch):
    sim, url, settings, workspace, window = shop
    sim.script("12345678", [Fault.lost_after()] * 3)
    outcomes = close_all(qtbot, window)
    assert outcomes["Counter 1"].outcome == "in_doubt" and sim.close_count("12345678") == 1
    in_doubt_request = outcomes["Counter 1"].request_id
    window.table.selectRow(0)
    from app.ui.dialogs import remove_terminal as remove_module

    asked = []
    monkeypatch.setattr(
        remove_module, "confirm_remove_terminal", lambda parent, terminal, doubts=0: asked.append(doubts) or True
    )
    window.remove_terminal()
    assert asked == [1]  # the question says it has a close in doubt
    assert workspace.history.terminals() == []
    dialog = open_dialog(window, window.act_add)
    fill(qtbot, dialog, "Counter again", settings)
    show_advanced_base_url(dialog, settings["base_url"])
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    again = close_all(qtbot, window)["Counter again"]
    assert again.outcome == "closed" and again.request_id == in_doubt_request  # the same close, re-sent
    assert sim.close_count("12345678") == 1


def test_4_the_edit_dialog_refuses_a_new_terminal_id_while_a_close_is_in_doubt(qtbot, shop):
    sim, url, settings, workspace, window = shop
    history = workspace.history
    [terminal] = history.terminals()
    cid = history.start_close(terminal, "test", "doubt-req-4")
    history.record_attempt(cid, 1)
    history.finish_close(cid, "in_doubt", message="No answer")
    window.reload()
    window.table.selectRow(0)
    dialog = open_dialog(window, window.act_edit)
    dialog.input("terminal_id").clear()
    qtbot.keyClicks(dialog.input("terminal_id"), "87654321")
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    assert "in doubt" in banner(dialog) and "Settle" in banner(dialog)
    assert history.terminals()[0].settings["terminal_id"] == "12345678"
    # A new name is fine while in doubt.
    dialog.input("terminal_id").clear()
    qtbot.keyClicks(dialog.input("terminal_id"), "12345678")
    dialog.input("name").clear()
    qtbot.keyClicks(dialog.input("name"), "Front desk")
    qtbot.mouseClick(dialog.findChild(QPushButton, "save"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: history.terminals()[0].name == "Front desk")
    assert providers.identity(history.terminals()[0]) == history.close_row(cid).identity


def test_business_day_end_is_a_setting_of_the_window(qtbot, shop):
    from app.core import settings as settings_mod
    from app.ui.dialogs.settings_dialog import SettingsDialog
    from PySide6.QtCore import QTime

    sim, url, settings, workspace, window = shop
    window.act_settings.trigger()
    dialog = [w for w in window.findChildren(SettingsDialog) if w.isVisible()][-1]
    edit = dialog.findChild(object, "business_day_end")
    assert edit.time() == QTime(4, 0)
    edit.setTime(QTime(5, 30))
    dialog.save()
    saved, _ = settings_mod.load(workspace.home.settings_path)
    assert saved.business_day_end == "05:30" and window.settings.business_day_end == "05:30"


def test_9_a_terminal_of_an_unknown_provider_is_listed_and_never_breaks_the_window(qtbot, shop, monkeypatch):
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    from app.ui.models.terminals import COL_NAME, COL_PROVIDER

    sim, url, settings, workspace, window = shop
    db = sqlite3.connect(workspace.home.db_path)
    db.execute(
        "INSERT INTO terminals (id, name, provider, settings, position, created_at) VALUES "
        "('future-1', 'Kiosk', 'nexgen', '{\"device\": \"X1\"}', 5, '2026-11-01T08:00:00+00:00')"
    )
    db.commit()
    db.close()
    window.reload()
    model = window.model
    rows = {model.index(r, COL_NAME).data(): model.index(r, COL_PROVIDER).data() for r in range(model.rowCount())}
    assert rows["Kiosk"].startswith("unknown") and rows["Counter 1"] == "Saferpay"
    told = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: told.append(a[2])))
    window.table.selectRow(1)
    window.edit_terminal()
    assert told and "does not know" in told[0]
    outcomes = close_all(qtbot, window)
    assert outcomes["Kiosk"].outcome == "skipped" and outcomes["Counter 1"].outcome == "closed"
