"""The main window driven as a user would: real engine, simulator, temporary SQLite history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.core.engine import CloseEvent, RetryPolicy
from app.core.history import History
from app.core.home import Home
from app.core.secrets import MemoryStore
from app.core.terminals import new_terminal
from app.core.workspace import Workspace
from app.simulator import Simulator, simulator_transport
from app.ui.dialogs.close_run import ConfirmCloseDialog, RunSummaryDialog
from app.ui.main_window import MainWindow
from app.ui.models.terminals import COL_LAST, COL_NAME, COL_STATUS, TerminalTableModel


def make_window(qtbot, workspace) -> MainWindow:
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def statuses(window) -> dict[str, str]:
    model = window.model
    return {model.index(r, COL_NAME).data(): model.index(r, COL_STATUS).data() for r in range(model.rowCount())}


def find_dialog(window, cls):
    found = [w for w in window.findChildren(cls) if w.isVisible()]
    return found[-1] if found else None


def test_model_passes_qt_model_tester(qtmodeltester, demo_workspace):
    model = TerminalTableModel()
    history = demo_workspace.history
    terminals = history.terminals()
    model.set_terminals(terminals, {t.id: history.last_close(t.id) for t in terminals})
    model.setData(model.index(0, COL_NAME), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.apply_event(CloseEvent(terminals[1].id, terminals[1].name, "sending", attempt=2))
    model.apply_event(CloseEvent(terminals[2].id, terminals[2].name, "failed", message="Saferpay refused. More."))
    qtmodeltester.check(model, force_py=True)
    assert model.checked_terminals() == [terminals[0]]
    assert model.index(1, COL_STATUS).data().startswith("Closing (try 2)")
    assert model.index(2, COL_STATUS).data() == "Failed: Saferpay refused"
    assert model.index(0, COL_LAST).data() == "never"


def test_close_all_confirm_live_status_and_summary(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    assert window.demo_banner.isVisible() and "no real money" in window.demo_banner.text()
    qtbot.mouseClick(window.btn_close_all, Qt.MouseButton.LeftButton)
    confirm = find_dialog(window, ConfirmCloseDialog)
    assert confirm is not None
    listing = confirm.findChild(object, "confirm_list").toPlainText()
    assert "Counter 1" in listing and "LIVE" in listing
    assert "cannot be undone" in " ".join(lbl.text() for lbl in confirm.findChildren(type(window.demo_banner)))
    qtbot.mouseClick(confirm.close_button, Qt.MouseButton.LeftButton)

    seen = set()

    def progressed():
        seen.update(statuses(window).values())
        return not window.running and bool(window.last_outcomes)

    qtbot.waitUntil(progressed, timeout=15000)
    assert any(s.startswith("Closing") for s in seen) and any(s.startswith("Retrying") for s in seen)
    final = statuses(window)
    assert final["Counter 1"] == "Closed" and final["Kiosk"] == "In doubt"
    assert final["Bar"].startswith("Failed: SUNBAY refused the close")
    summary = find_dialog(window, RunSummaryDialog)
    qtbot.waitUntil(lambda: find_dialog(window, RunSummaryDialog) is not None)
    summary = find_dialog(window, RunSummaryDialog)
    text = summary.findChild(object, "summary_body").toPlainText()
    assert "In doubt" in text and "Kiosk" in text
    assert "Terminal is offline" in text and "T05" in text  # the provider's own message and code
    assert "PERMISSION_DENIED" in text
    assert summary.findChild(object, "summary_headline").text() == "5 closed, 2 failed, 2 in doubt, 1 skipped"
    # The history holds one row per terminal, as the window showed.
    rows = {r.terminal_name: r.outcome for r in demo_workspace.history.closes()}
    assert rows["Kiosk"] == "in_doubt" and rows["Counter 2"] == "closed" and len(rows) == 10
    assert rows["Garden"] == "in_doubt" and rows["Patio"] == "closed" and rows["Bakery"] == "skipped"  # Handpoint
    assert window.model.index(0, COL_LAST).data().endswith("closed")


def test_second_press_never_closes_a_terminal_twice(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    terminals = [r.terminal for r in window.model.rows()]
    window.request_close(terminals, confirm=False)
    assert not window.btn_close_all.isEnabled()  # every row is queued at once
    window.request_close(terminals, confirm=False)  # a second press, or a double click
    window.close_all()
    assert find_dialog(window, ConfirmCloseDialog) is None
    qtbot.waitUntil(lambda: not window.running, timeout=15000)
    sim = demo_workspace.demo.sim
    for terminal, spec in demo_workspace.demo.terminals:
        assert sim.close_count(spec.key) <= 1
    assert len(demo_workspace.history.closes()) == 10


def test_cancel_stops_what_was_not_sent(qtbot, qloop, tmp_path):
    sim = Simulator()
    home = Home(tmp_path / "home").ensure()
    history = History(home.db_path, home.lock_dir)
    secrets = MemoryStore()
    for i in range(5):
        sim.add(
            "saferpay",
            customer_id="401234",
            terminal_id=f"3000000{i}",
            username="API_1",
            password="pw-cancel",
            latency=0.4,
        )
        t = new_terminal(
            f"Till {i}",
            "saferpay",
            {
                "customer_id": "401234",
                "terminal_id": f"3000000{i}",
                "username": "API_1",
                "environment": "test",
                "base_url": "http://localhost/saferpay/api",
            },
        )
        history.add_terminal(t)
        secrets.set(t.id, "pw-cancel")
    workspace = Workspace(
        home=home,
        history=history,
        secrets=secrets,
        transport=simulator_transport(sim),
        policy=RetryPolicy(concurrency=1, timeout=5, max_attempts=2, backoff_base=0.05),
    )
    window = make_window(qtbot, workspace)
    window.request_close([r.terminal for r in window.model.rows()], confirm=False)
    qtbot.waitUntil(lambda: any(s.startswith("Closing") for s in statuses(window).values()), timeout=5000)
    assert window.act_cancel.isEnabled()
    window.act_cancel.trigger()
    qtbot.waitUntil(lambda: not window.running, timeout=10000)
    outcomes = [o.outcome for o in window.last_outcomes]
    assert outcomes == ["closed", "skipped", "skipped", "skipped", "skipped"]
    assert sim.total_closes() == 1
    assert list(statuses(window).values())[1] == "Skipped: Cancelled before sending"
    qtbot.waitUntil(lambda: find_dialog(window, RunSummaryDialog) is not None)
    from tests.ui.conftest import finish

    finish(qtbot_app(), workspace.aclose())
    history.close()


def qtbot_app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


def test_empty_state_offers_add_and_demo(qtbot, qloop, tmp_path):
    home = Home(tmp_path / "home").ensure()
    workspace = Workspace(home=home, history=History(home.db_path, home.lock_dir), secrets=MemoryStore())
    window = make_window(qtbot, workspace)
    assert window.stack.currentWidget().objectName() == "empty_state"
    assert not window.btn_close_all.isEnabled() and not window.btn_close_selected.isEnabled()
    demo_button = window.findChild(QPushButton, "empty_demo")
    with qtbot.waitSignal(window.demoRequested, timeout=1000):
        qtbot.mouseClick(demo_button, Qt.MouseButton.LeftButton)
    assert window.findChild(QPushButton, "empty_add").isVisible()
    workspace.history.close()


def test_quit_during_close_waits_and_records(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    window.request_close([r.terminal for r in window.model.rows()], confirm=False)
    qtbot.waitUntil(lambda: any(s.startswith("Closing") for s in statuses(window).values()), timeout=5000)
    window.close()
    box = window.findChild(QMessageBox, "quit_box")
    qtbot.waitUntil(lambda: box.isVisible())
    assert window.isVisible()  # it asked first
    qtbot.mouseClick(box.findChild(QPushButton, "quit_wait"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=15000)
    rows = demo_workspace.history.closes()
    # Every row is final, none left "sending" (skipped: a batch found empty before the quit, nothing sent).
    assert rows and all(r.outcome in ("closed", "failed", "in_doubt", "skipped") for r in rows)
    assert not window.running


def test_add_terminal_through_the_dialog_refuses_a_bad_id(qtbot, qloop, tmp_path, memory_keyring):
    from app.core.secrets import KeyringStore
    from app.ui.dialogs.terminal_dialog import TerminalDialog

    home = Home(tmp_path / "home").ensure()
    # The simulator stands in for the internet: Saferpay's default test address is not mounted there, so
    # the credential check gets an answer that neither accepts nor refuses, and the dialog asks.
    workspace = Workspace(
        home=home,
        history=History(home.db_path, home.lock_dir),
        secrets=KeyringStore(),
        transport=simulator_transport(Simulator()),
    )
    window = make_window(qtbot, workspace)
    window.act_add.trigger()
    dialog = find_dialog(window, TerminalDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.input("name"), "Counter 1")
    qtbot.keyClicks(dialog.input("customer_id"), "401234")
    qtbot.keyClicks(dialog.input("terminal_id"), "1234567")  # one digit short
    qtbot.keyClicks(dialog.input("username"), "API_401234_12345678")
    qtbot.keyClicks(dialog.input("secret"), "dialog-secret-pw")
    save = dialog.findChild(QPushButton, "save")
    assert not save.isEnabled()
    error = dialog.findChild(object, "error_terminal_id")
    assert error.isVisible() and "8 digits" in error.text()
    qtbot.keyClicks(dialog.input("terminal_id"), "8")
    assert save.isEnabled() and not error.isVisible()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            dialog.findChild(QMessageBox, "save_anyway_box") is not None
            and dialog.findChild(QMessageBox, "save_anyway_box").isVisible()
        ),
        timeout=10000,
    )
    box = dialog.findChild(QMessageBox, "save_anyway_box")
    assert "neither accepted nor refused" in box.text() and "HTTP 404" in box.informativeText()
    assert workspace.history.terminals() == []  # nothing stored while it asks
    box.findChild(QPushButton, "save_anyway").click()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    [terminal] = workspace.history.terminals()
    assert terminal.settings["terminal_id"] == "12345678"
    assert memory_keyring.values[("Closeout", terminal.id)] == "dialog-secret-pw"
    assert window.stack.currentWidget() is window.table
    from tests.ui.conftest import finish

    finish(qtbot_app(), workspace.aclose())
    workspace.history.close()


def test_in_doubt_banner_retry_safely_ends_in_exactly_one_close(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    assert not window.doubt_banner.isVisible()
    window.request_close([r.terminal for r in window.model.rows()], confirm=False)
    qtbot.waitUntil(lambda: not window.running and bool(window.last_outcomes), timeout=15000)
    assert window.doubt_banner.isVisible() and "Kiosk" in window.doubt_banner.text.text()
    kiosk = next(spec for _, spec in demo_workspace.demo.terminals if spec.name == "Kiosk")
    garden = next(spec for _, spec in demo_workspace.demo.terminals if spec.name == "Garden")  # Handpoint
    sim = demo_workspace.demo.sim
    assert sim.close_count(kiosk.key) == 1 and sim.close_count(garden.key) == 1  # closed; the answers were lost
    garden_closes = [r for r in sim.requests if r.path.endswith("/batch/close") and garden.key in str(r.json)]
    qtbot.mouseClick(window.doubt_banner.btn_retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.running and not window.doubt_banner.isVisible(), timeout=15000)
    assert statuses(window)["Kiosk"] == "Closed" and statuses(window)["Garden"] == "Closed"
    assert sim.close_count(kiosk.key) == 1  # same close confirmed, not a second one
    # Handpoint has no idempotency key: Retry safely asked the summary for batch 112, and sent no close.
    assert sim.close_count(garden.key) == 1
    assert len([r for r in sim.requests if r.path.endswith("/batch/close") and garden.key in str(r.json)]) == len(
        garden_closes
    )
    assert any(r.path.endswith("/batch/summary") and r.json.get("batchNumber") == "112" for r in sim.requests)
    rows = demo_workspace.history.closes(outcome="closed")
    assert sum(r.terminal_name == "Kiosk" for r in rows) == 1


def test_review_marks_an_in_doubt_close_with_who_did_it(qtbot, demo_workspace, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from app.ui.dialogs.in_doubt import InDoubtDialog

    history = demo_workspace.history
    terminal = history.terminals()[0]
    cid = history.start_close(terminal, "live", "doubt-req-1")
    history.record_attempt(cid, 2)
    history.finish_close(cid, "in_doubt", message="No answer")
    window = make_window(qtbot, demo_workspace)
    assert window.doubt_banner.isVisible()
    qtbot.mouseClick(window.doubt_banner.btn_review, Qt.MouseButton.LeftButton)
    dialog = find_dialog(window, InDoubtDialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "doubt-req-1"
    answers = iter([("Anna", True), ("Seen in the Saferpay Backoffice", True)])
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: next(answers)))
    qtbot.mouseClick(dialog.btn_closed, Qt.MouseButton.LeftButton)
    row = history.close_row(cid)
    assert (row.outcome, row.settled_by, row.note) == ("closed", "Anna", "Seen in the Saferpay Backoffice")
    assert dialog.table.rowCount() == 0
    qtbot.waitUntil(lambda: not window.doubt_banner.isVisible())


def test_auto_close_at_closing_time_with_an_injected_clock(qtbot, demo_workspace):
    from datetime import datetime, timedelta

    from app.core import settings as settings_mod
    from app.core.settings import Settings

    settings_mod.save(
        demo_workspace.home.settings_path,
        Settings(closing_time="22:00", auto_close=True, retry_every_minutes=10, retry_until="23:00"),
    )
    clock = {"now": datetime.now().astimezone().replace(hour=21, minute=59, second=0, microsecond=0)}
    window = MainWindow(demo_workspace, now=lambda: clock["now"])
    qtbot.addWidget(window)
    window.show()
    window.check_schedule()
    assert not window.running  # 21:59: nothing yet
    clock["now"] += timedelta(minutes=1)
    window.check_schedule()  # which terminals are open is read off the UI thread, then acted on
    qtbot.waitUntil(lambda: window.running, timeout=5000)
    assert any("automatically" in text for _, text in window.tray.messages)
    qtbot.waitUntil(lambda: not window.running, timeout=15000)
    assert {r.terminal_name for r in demo_workspace.history.closes(outcome="closed")} >= {"Counter 1", "Back office"}
    # Ten minutes later the retry round takes only what is still open (failed, in doubt).
    clock["now"] += timedelta(minutes=10)
    before = len(demo_workspace.history.closes())
    window.check_schedule()
    qtbot.waitUntil(lambda: window.running, timeout=5000)
    qtbot.waitUntil(lambda: not window.running, timeout=15000)
    retried = {o.name for o in window.last_outcomes}
    assert retried == {"Bar", "Webshop", "Kiosk", "Garden"}
    assert len(demo_workspace.history.closes()) == before + 2  # Kiosk re-sent its own close, no new row


def test_settings_dialog_saves_and_refuses_nothing_silently(qtbot, demo_workspace):
    from app.core import settings as settings_mod
    from app.ui.dialogs.settings_dialog import SettingsDialog

    window = make_window(qtbot, demo_workspace)
    window.act_settings.trigger()
    dialog = find_dialog(window, SettingsDialog)
    dialog.shop_name.setText("Café Rose")
    dialog.remind.setChecked(True)
    dialog.auto_close.setChecked(True)
    dialog.save()
    assert not dialog.isVisible()
    saved, notice = settings_mod.load(demo_workspace.home.settings_path)
    assert notice is None and saved.shop_name == "Café Rose" and saved.auto_close and saved.closing_time == "22:00"
    assert window.settings == saved


def test_keyboard_selects_and_ticks_terminals(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    table = window.table
    table.setFocus()
    table.setCurrentIndex(window.model.index(0, COL_NAME))
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert [t.name for t in window.model.checked_terminals()] == ["Counter 2"]
    assert window.btn_close_selected.isEnabled() and window.btn_close_selected.text() == "Close selected (1)"
    window.act_select_all.trigger()
    assert len(window.model.checked_terminals()) == 10


def test_closing_report_opens_from_the_window_with_todays_closes(qtbot, demo_workspace):
    from app.ui.report_view import ReportDialog

    window = make_window(qtbot, demo_workspace)
    window.request_close([r.terminal for r in window.model.rows()], confirm=False)
    qtbot.waitUntil(lambda: not window.running and bool(window.last_outcomes), timeout=15000)
    window.act_report.trigger()
    dialog = find_dialog(window, ReportDialog)
    text = dialog.findChild(object, "report_preview").toPlainText()
    assert "Terrace" in text and "Kiosk" in text and "in doubt" in text.lower()


def test_check_with_the_provider_finds_a_sunbay_batch_and_explains_saferpay(qtbot, demo_workspace):
    from datetime import timedelta

    from app.ui.dialogs.in_doubt import InDoubtDialog

    window = make_window(qtbot, demo_workspace)
    window.request_close([r.terminal for r in window.model.rows()], confirm=False)
    qtbot.waitUntil(lambda: not window.running and bool(window.last_outcomes), timeout=15000)
    history = demo_workspace.history
    terrace = history.terminal_by_name("Terrace")
    closed = history.last_success(terrace.id)
    # Pretend an earlier close's answer was lost just before the batch was closed at SUNBAY.
    cid = history.start_close(terrace, "test", "lost-answer-1", started_at=closed.started_at - timedelta(seconds=5))
    history.record_attempt(cid, 1)
    history.finish_close(cid, "in_doubt", message="No answer")
    window.refresh_in_doubt()
    qtbot.mouseClick(window.doubt_banner.btn_review, Qt.MouseButton.LeftButton)
    dialog = find_dialog(window, InDoubtDialog)
    names = [dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())]
    dialog.table.selectRow(names.index("Terrace"))
    qtbot.mouseClick(dialog.btn_check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Checking" not in dialog.verdict.text() and dialog.verdict.text() != "", timeout=10000)
    assert "Probably closed" in dialog.verdict.text()
    dialog.table.selectRow(names.index("Kiosk"))
    qtbot.mouseClick(dialog.btn_check, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Backoffice" in dialog.verdict.text(), timeout=10000)
    assert "17000006" in dialog.verdict.text()


def test_history_window_opens_from_the_window_and_follows_runs(qtbot, demo_workspace):
    from app.ui.history_view import HistoryWindow

    window = make_window(qtbot, demo_workspace)
    window.act_history.trigger()
    history_window = window.findChild(HistoryWindow)
    assert history_window is not None and history_window.isVisible()
    window.request_close([r.terminal for r in window.model.rows()], confirm=False)
    qtbot.waitUntil(lambda: not window.running and bool(window.last_outcomes), timeout=15000)
    qtbot.waitUntil(lambda: history_window.model.rowCount() == 10, timeout=5000)
    history_window.close()


def test_open_batch_preview_in_the_list_and_the_confirmation(qtbot, demo_workspace):
    from app.ui.models.terminals import COL_OPEN

    window = make_window(qtbot, demo_workspace)
    model = window.model

    def preview(name):
        row = next(i for i in range(model.rowCount()) if model.index(i, COL_NAME).data() == name)
        return model.index(row, COL_OPEN).data()

    qtbot.waitUntil(lambda: "transaction" in (preview("Terrace") or ""), timeout=10000)
    assert "net" in preview("Terrace") and preview("Counter 1") == "—"  # Saferpay has no preview
    window.close_all()
    confirm = find_dialog(window, ConfirmCloseDialog)
    assert preview("Terrace") in confirm.findChild(object, "confirm_list").toPlainText()
    confirm.reject()


def test_a_run_and_the_closing_time_check_read_the_history_off_the_ui_thread(qtbot, demo_workspace, monkeypatch):
    import threading
    from datetime import datetime

    from app.core import settings as settings_mod
    from app.core.history import History
    from app.core.settings import Settings

    settings_mod.save(demo_workspace.home.settings_path, Settings(closing_time="00:00"))  # always after closing
    window = MainWindow(demo_workspace, now=lambda: datetime.now().astimezone())
    qtbot.addWidget(window)
    window.show()
    on_ui: list[str] = []
    original = History._query

    def query(self, sql, params=()):
        if threading.current_thread() is threading.main_thread():
            on_ui.append(sql)
        return original(self, sql, params)

    monkeypatch.setattr(History, "_query", query)
    window.request_close([r.terminal for r in window.model.rows()], confirm=False)
    qtbot.waitUntil(lambda: window.running)
    checked = window.check_schedule()  # the reminder's "which are still open", during the run
    qtbot.waitUntil(lambda: not window.running and bool(window.last_outcomes), timeout=15000)
    qtbot.waitUntil(lambda: checked is None or checked.done())
    qtbot.waitUntil(lambda: all(r.last_close is not None for r in window.model.rows()))
    assert on_ui == []
    assert window.doubt_banner.isVisible()  # what it shows came anyway: Kiosk's close is in doubt
    rows = {r.terminal.name: r.last_close for r in window.model.rows()}
    assert rows["Kiosk"].outcome == "in_doubt" and rows["Counter 1"].outcome == "closed"


def test_any_provider_that_can_preview_gets_the_open_batch_column(qtbot, demo_workspace):
    """The column asks the registry for Capability.PREVIEW, never for a provider's name: a registered copy
    of SUNBAY's provider under another name shows its open batch too (the simulator answers it as SUNBAY)."""
    from dataclasses import replace

    from app.core import providers
    from app.core.providers import sunbay
    from app.ui.models.terminals import COL_OPEN

    class Acme(type(sunbay.PROVIDER)):  # type: ignore[misc]
        NAME = "acme"
        LABEL = "Acme Pay"

    providers.register(Acme())
    try:
        history = demo_workspace.history
        terrace = next(t for t in history.terminals() if t.name == "Terrace")
        history.update_terminal(replace(terrace, name="Acme terrace", provider="acme"))  # same secret (by id)
        window = make_window(qtbot, demo_workspace)
        model = window.model

        def preview(name):
            row = next(i for i in range(model.rowCount()) if model.index(i, COL_NAME).data() == name)
            return model.index(row, COL_OPEN).data()

        qtbot.waitUntil(lambda: "transaction" in (preview("Acme terrace") or ""), timeout=10000)
        assert "net" in preview("Acme terrace") and preview("Counter 1") == "—"
    finally:
        providers.unregister("acme")


def test_full_garbage_collections_wait_while_closes_run(qtbot, demo_workspace, monkeypatch):
    """With 1,000 terminals each full pass of the cyclic collector stopped the event loop for 20-110 ms, a
    dozen times per run (benches/ui_responsiveness.py): they wait for the run's end, then one runs."""
    import gc

    from app.ui.controllers import run as run_mod

    monkeypatch.setattr(run_mod._FullCollections, "AFTER_RUN_MS", 0)
    before = gc.get_threshold()
    window = make_window(qtbot, demo_workspace)
    window.request_close([r.terminal for r in window.model.rows()], confirm=False)
    assert window.running and gc.get_threshold() == (before[0], before[1], 1_000_000)  # young passes as before
    qtbot.waitUntil(lambda: not window.running and bool(window.last_outcomes), timeout=15000)
    qtbot.waitUntil(lambda: gc.get_threshold() == before, timeout=5000)


def test_the_elapsed_time_repaints_only_the_rows_in_sight(qtbot, demo_workspace):
    window = make_window(qtbot, demo_workspace)
    model = window.model
    model.mark_queued([r.terminal.id for r in model.rows()])
    spans = []
    model.dataChanged.connect(lambda top, bottom, *_: spans.append((top.row(), bottom.row(), top.column())))
    model.tick(1, 2)
    model.tick()
    assert spans == [(1, 2, COL_STATUS), (0, model.rowCount() - 1, COL_STATUS)]
