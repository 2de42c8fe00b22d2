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
        workspace.history.link_chain(f"postgresql://shop@127.0.0.1:{unused_port}/chain", "Bern",
                                     "00000000-0000-0000-0000-000000000002", "Office PC")
        window.sync_chain()
        qtbot.waitUntil(lambda: window.chain_label.text().startswith("chain: unreachable since "), timeout=10_000)
        window._really_quit = True
        window.close()
    finally:
        workspace.close()
