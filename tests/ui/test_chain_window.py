"""The window's status bar tells how this PC's link to the chain stands (a real PostgreSQL: tests/pgcluster.py)."""

from __future__ import annotations

from app.core import chain
from app.core.history import History
from app.core.secrets import MemoryStore


def test_the_window_status_bar_says_how_the_chain_stands(qtbot, qloop, tmp_path, chain_db, unused_port):
    from app.core.workspace import Workspace
    from app.core import home as home_mod
    from app.ui.main_window import MainWindow

    url, password, _, _ = chain_db
    home = home_mod.Home(tmp_path / "home").ensure()
    workspace = Workspace(home=home, history=History(home.db_path, home.lock_dir), secrets=MemoryStore())
    try:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        qtbot.wait(200)
        assert not window.chain_label.isVisible() and window.chain_label.text() == ""  # not linked: nothing shown
        chain.connect(workspace.history, workspace.secrets, url, "Bern", password, pc_name="Office PC")
        window.sync_chain()
        qtbot.waitUntil(lambda: window.chain_label.text() == "chain: up to date", timeout=10_000)
        workspace.history.link_chain(
            f"postgresql://shop@127.0.0.1:{unused_port}/chain",
            "Bern",
            "00000000-0000-0000-0000-000000000002",
            "Office PC",
        )
        window.sync_chain()
        qtbot.waitUntil(lambda: window.chain_label.text().startswith("chain: unreachable since "), timeout=10_000)
        window._really_quit = True
        window.close()
    finally:
        workspace.close()


def test_settings_connect_test_and_disconnect_this_pc_off_the_ui_thread(
    qtbot, qloop, tmp_path, chain_db, unused_port, monkeypatch, caplog
):
    import logging
    import threading

    from app.core import home as home_mod
    from app.core import settings as settings_mod
    from app.core.secrets import SecretMissing
    from app.core.workspace import Workspace
    from app.ui.dialogs.settings_dialog import SettingsDialog
    from app.ui.main_window import MainWindow

    caplog.set_level(logging.DEBUG)
    url, password, _, _ = chain_db
    threads = []
    real_test = chain.test_connection

    def recorded(*args, **kwargs):  # the real test, noting which thread it ran on
        threads.append(threading.current_thread().name)
        return real_test(*args, **kwargs)

    monkeypatch.setattr(chain, "test_connection", recorded)
    home = home_mod.Home(tmp_path / "home").ensure()
    workspace = Workspace(home=home, history=History(home.db_path, home.lock_dir), secrets=MemoryStore())
    try:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.act_settings.trigger()
        dialog = [w for w in window.findChildren(SettingsDialog) if w.isVisible()][-1]
        page = dialog.chain
        dialog.tabs.setCurrentWidget(page)
        assert page.state.text() == "This PC is not connected to a chain." and not page.btn_disconnect.isEnabled()

        def answer(click) -> str:
            with qtbot.waitSignal(page.answered, timeout=15_000):
                click()
            return page.message.text()

        page.url.setText(url)
        page.btn_test.click()  # no password typed and none stored: says what to do, asks nothing of the server
        assert "Type the password of the chain's role" in page.message.text() and not threads

        page.password.setText("not-the-password")
        said = answer(page.btn_test.click)
        assert "refused the password" in said and "Traceback" not in said
        page.password.setText(password)
        said = answer(page.btn_test.click)
        assert said.startswith("Connected to PostgreSQL 15.") and "no chain schema yet" in said
        # Off the UI thread, on the window's one background pool (app/ui/background.py).
        assert len(threads) == 2 and all(name.startswith("closeout-ui_") for name in threads)

        page.url.setText(f"postgresql://shop@127.0.0.1:{unused_port}/chain")
        said = answer(page.btn_test.click)
        assert "could not be reached" in said and page.btn_test.isEnabled()

        page.url.setText(url)
        page.shop.setText("Bern")
        page.pc_name.setText("Office PC")
        page.password.setText(password)
        said = answer(page.btn_connect.click)
        assert said.startswith("Connected to ") and "as shop 'Bern', PC 'Office PC'" in said, said
        assert page.password.text() == ""  # the password lives only in the credential store now
        assert workspace.secrets.get(chain.SECRET_KEY) == password
        assert page.state.text().startswith("Connected to ") and page.btn_disconnect.isEnabled()
        qtbot.waitUntil(lambda: window.chain_label.text() == "chain: up to date", timeout=10_000)

        said = answer(page.btn_test.click)  # linked: the stored password is used
        assert "chain schema version 2" in said

        page.lock_required.setChecked(True)
        dialog.save()
        saved, _ = settings_mod.load(home.settings_path)
        assert saved.chain_lock_required and window.settings.chain_lock_required
        assert password not in home.settings_path.read_text()

        window.act_settings.trigger()
        dialog = [w for w in window.findChildren(SettingsDialog) if w.isVisible()][-1]
        page = dialog.chain
        assert page.lock_required.isChecked() and page.url.text() == chain.normalize_url(url)
        said = answer(page.btn_disconnect.click)
        assert said.startswith("Disconnected from ") and "removed from the credential store" in said
        assert workspace.history.chain_link() is None
        try:
            workspace.secrets.get(chain.SECRET_KEY)
            raise AssertionError("the password stayed in the credential store")
        except SecretMissing:
            pass
        qtbot.waitUntil(lambda: not window.chain_label.isVisible() and window.chain_label.text() == "", timeout=10_000)
        assert page.state.text() == "This PC is not connected to a chain." and not page.btn_disconnect.isEnabled()
        dialog.reject()
        assert password not in caplog.text
        for path in home.root.rglob("*"):
            if path.is_file() and path.suffix in (".json", ".log", ".txt"):
                assert password not in path.read_text(errors="replace"), path
        window._really_quit = True
        window.close()
    finally:
        workspace.close()


def test_the_demo_settings_have_no_chain_to_connect(qtbot, demo_workspace):
    from app.ui.dialogs.settings_dialog import SettingsDialog
    from tests.ui.test_main_window import make_window

    window = make_window(qtbot, demo_workspace)
    window.act_settings.trigger()
    dialog = [w for w in window.findChildren(SettingsDialog) if w.isVisible()][-1]
    assert dialog.chain.state.text() == "The demo is never connected to a chain."
    assert not dialog.chain.btn_connect.isEnabled() and not dialog.chain.btn_test.isEnabled()
    dialog.reject()


def test_the_demo_shops_window_says_it_is_not_connected_as_a_note_with_columns_that_fit(qtbot):
    from app.ui import theme
    from app.ui.shops_view import ShopsWindow

    window = ShopsWindow(None)  # the demo (no workspace of a chain)
    qtbot.addWidget(window)
    window.resize(960, 520)
    window.show()
    window.refresh()
    assert window.message.text().startswith("The demo is never connected to a chain")
    assert theme.color("error") not in window.message.styleSheet()  # a note, not an error in red
    assert theme.color("muted") in window.message.styleSheet()
    header = window.table.horizontalHeader()
    wide = [header.sectionSize(c) for c in range(header.count())]
    assert max(wide) in (wide[0], wide[1])  # the names get the room, not "Last heard from"
    assert wide[-1] < window.table.viewport().width() / 3
    at, pc = wide[3], wide[4]
    assert min(at, pc) >= window.fontMetrics().horizontalAdvance("00:00")  # not slivers


def _shop_pc(root, url, password, shop, pc_name, terminals):
    """A PC of ``shop`` linked to the chain with saferpay terminals (closes recorded through the real history)."""
    from app.core import providers
    from app.core.terminals import new_terminal

    history = History(root / "history.db", root / "locks")
    store = MemoryStore()
    chain.connect(history, store, url, shop, password, pc_name=pc_name)
    made = []
    for name, key in terminals:
        terminal = new_terminal(
            name,
            "saferpay",
            {
                "customer_id": "401860",
                "terminal_id": key,
                "username": "API_401860_80003225",
                "environment": "test",
                "base_url": "http://127.0.0.1:9",
            },
        )
        history.add_terminal(terminal)
        made.append((terminal, providers.identity(terminal)))
    return history, store, made


def _record(history, terminal, identity, outcome, request_id):
    cid = history.start_close(terminal, "test", request_id, identity=identity)
    history.record_attempt(cid, 1)
    history.finish_close(cid, outcome, message="Declined by the terminal" if outcome == "failed" else None)


def test_shops_window_shows_every_shop_of_the_business_day_with_filters_and_totals(
    qtbot, qloop, tmp_path, chain_db, monkeypatch
):
    import threading

    import psycopg

    from app.core import home as home_mod
    from app.core.workspace import Workspace
    from app.ui.main_window import MainWindow

    url, password, admin_dsn, _ = chain_db
    bern, bern_store, bern_terms = _shop_pc(
        tmp_path / "bern",
        url,
        password,
        "Bern",
        "Office PC",
        [("Till 0", "17951010"), ("Till 1", "17951011"), ("Till 2", "17951012")],
    )
    thun, thun_store, thun_terms = _shop_pc(
        tmp_path / "thun", url, password, "Thun", "Bar PC", [("Counter", "17951020")]
    )
    _record(bern, *bern_terms[0], "closed", "r-0")
    _record(bern, *bern_terms[1], "failed", "r-1")
    _record(thun, *thun_terms[0], "closed", "r-2")
    for history, store in ((bern, bern_store), (thun, thun_store)):
        assert chain.Replicator(history, store).drain().error is None
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute("""UPDATE closeout.closes SET environment = 'live', totals = CASE shop
                        WHEN 'Bern' THEN '{"currency": "CHF", "count": 3, "net": 123450}'::jsonb
                        ELSE '{"currency": "EUR", "count": 1, "net": 995}'::jsonb END WHERE outcome = 'closed'""")

    threads = []
    real_fetch = chain.fetch_status

    def recorded(*args, **kwargs):  # the real read, noting which thread it ran on
        threads.append(threading.current_thread().name)
        return real_fetch(*args, **kwargs)

    monkeypatch.setattr(chain, "fetch_status", recorded)
    home = home_mod.Home(tmp_path / "home").ensure()
    workspace = Workspace(home=home, history=History(home.db_path, home.lock_dir), secrets=MemoryStore())
    try:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        assert window.act_shops in window.menuBar().actions()[2].menu().actions()  # View > Shops
        window.act_shops.trigger()
        shops = window._shops_window
        qtbot.waitUntil(lambda: not shops.busy, timeout=10_000)
        assert "not connected to a chain" in shops.message.text() and shops.table.rowCount() == 0

        chain.connect(workspace.history, workspace.secrets, url, "Head office", password, pc_name="HQ")
        with qtbot.waitSignal(shops.loaded, timeout=15_000):
            shops.btn_refresh.click()

        def table() -> list[tuple[str, str, str]]:
            return [tuple(shops.table.item(r, c).text() for c in (0, 1, 2)) for r in range(shops.table.rowCount())]

        assert table() == [
            ("Bern", "Till 0", "closed"),
            ("Bern", "Till 1", "failed"),
            ("Bern", "Till 2", "not closed yet"),
            ("Head office", "(no terminals)", ""),
            ("Thun", "Counter", "closed"),
        ]
        assert shops.table.item(1, 2).toolTip() == "Declined by the terminal"
        assert shops.table.item(0, 4).text() == "Office PC" and shops.table.item(0, 6).text()  # last heard from
        assert "2 closed" in shops.message.text() and "1 failed" in shops.message.text()
        assert shops.totals.text() == "Net totals: Bern: CHF 1,234.50; Thun: EUR 9.95"
        assert threads and all(name.startswith("closeout-ui_") for name in threads)  # app/ui/background.py
        reads = len(threads)

        shops.only.setCurrentIndex(shops.only.findData("not_closed"))  # re-shown without asking the server
        assert table() == [("Bern", "Till 2", "not closed yet")] and len(threads) == reads
        assert shops.totals.text() == "Net totals: Bern: CHF 1,234.50"  # the shop's totals, whatever is shown
        shops.only.setCurrentIndex(shops.only.findData("problems"))
        assert table() == [("Bern", "Till 1", "failed"), ("Bern", "Till 2", "not closed yet")]

        from PySide6.QtCore import QDate

        with qtbot.waitSignal(shops.loaded, timeout=15_000):
            shops.day.setDate(QDate(2001, 1, 2))  # another business day: read again
        assert table() == [
            ("Bern", "Till 0", "not closed yet"),
            ("Bern", "Till 1", "not closed yet"),
            ("Bern", "Till 2", "not closed yet"),
            ("Thun", "Counter", "not closed yet"),
        ]
        assert shops.message.text().startswith("Business day 2001-01-02: 0 closed") and shops.totals.text() == ""

        with psycopg.connect(admin_dsn, autocommit=True) as conn:  # the role loses its rights: said, not raised
            conn.execute("ALTER TABLE closeout.closes OWNER TO postgres")
        with qtbot.waitSignal(shops.loaded, timeout=15_000):
            shops.btn_refresh.click()
        said = shops.message.text()
        assert (
            "permission denied" in said
            and "privileges the README lists" in said
            and "Traceback" not in said
            and shops.table.rowCount() == 0
        ), said
        window._really_quit = True
        window.close()
    finally:
        bern.close()
        thun.close()
        workspace.close()
