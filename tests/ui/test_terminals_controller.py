"""The terminals controller (app/ui/controllers/terminals.py): what happens after add, edit, import and remove
are clicked, on the demo shop's real history, credential store and simulator."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.core import providers
from app.ui.controllers.terminals import TerminalsController


def controller(qtbot, workspace) -> tuple[TerminalsController, list[bool]]:
    parent = QWidget()
    qtbot.addWidget(parent)
    terminals = TerminalsController(workspace, parent)
    changed: list[bool] = []
    terminals.changed.connect(lambda: changed.append(True))
    return terminals, changed


def test_remove_asks_first_and_a_no_keeps_the_terminal_and_its_secret(qtbot, demo_workspace, monkeypatch):
    from app.ui.dialogs import remove_terminal as remove_module

    terminals, changed = controller(qtbot, demo_workspace)
    terminal = demo_workspace.history.terminals()[0]
    asked: list[str] = []
    monkeypatch.setattr(
        remove_module, "confirm_remove_terminal", lambda parent, t, doubts=0: asked.append(t.name) and False
    )
    terminals.remove(terminal)
    assert asked == [terminal.name] and changed == []
    assert demo_workspace.history.terminal(terminal.id) is not None
    assert demo_workspace.secrets.get(terminal.id)


def test_remove_confirmed_drops_the_terminal_and_its_secret_and_says_the_list_changed(
    qtbot, demo_workspace, monkeypatch
):
    from app.core.secrets import SecretMissing
    from app.ui.dialogs import remove_terminal as remove_module

    terminals, changed = controller(qtbot, demo_workspace)
    terminal = demo_workspace.history.terminals()[0]
    monkeypatch.setattr(remove_module, "confirm_remove_terminal", lambda parent, t, doubts=0: True)
    terminals.remove(terminal)
    assert changed == [True]
    assert demo_workspace.history.terminal(terminal.id) is None
    try:
        left: str | None = demo_workspace.secrets.get(terminal.id)
    except SecretMissing:
        left = None
    assert left is None


def test_the_demo_accounts_hold_each_providers_shared_settings_and_no_terminal_of_its_own(qtbot, demo_workspace):
    terminals, _changed = controller(qtbot, demo_workspace)
    accounts = terminals.demo_accounts()
    assert set(accounts) == {t.provider for t in demo_workspace.history.terminals()}
    for name, (shared, secret) in accounts.items():
        assert secret
        assert not set(shared) & set(providers.get(name).PER_TERMINAL)


def test_check_with_the_provider_of_a_removed_terminal_says_where_to_look(qtbot, qapp, demo_workspace):
    from datetime import datetime, timezone

    from app.core.history import CloseRow
    from app.core.states import CloseStatus
    from tests.ui.conftest import finish

    terminals, _changed = controller(qtbot, demo_workspace)
    gone = CloseRow(
        1, "no-such-terminal", "Old till", "saferpay", "live", "req-1", datetime.now(timezone.utc), None, 1,
        CloseStatus.IN_DOUBT, None, None, None, None, None, None, False, None,
    )  # fmt: skip
    answer = finish(qapp, terminals.check_with_provider(gone))
    assert "back office" in answer
