"""What happens after the window's terminal actions are clicked: add, edit, import and remove a terminal, and
ask a provider (are these credentials right? did this close in doubt go through?).

The rules themselves live in core (``app.core.terminals``: one physical terminal, one entry; the secret in
the OS credential store only; ``app.core.service``: closes in doubt of a terminal; ``app.core.lookup``: the
provider's own way to check a close). This controller opens the dialogs, hands them those rules, and says
when the list of terminals changed (``changed``) so the window reloads it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.core import providers
from app.core.history import CloseRow, HistoryError
from app.core.providers.base import Terminal
from app.core.secrets import SecretStoreError
from app.core.service import terminals_with_doubt
from app.core.terminals import check_can_save, remove_terminal, save_terminal
from app.core.workspace import Workspace


class TerminalsController(QObject):
    changed = Signal()  # terminals were added, edited, imported or removed

    def __init__(self, workspace: Workspace, window: QWidget) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.window = window  # the dialogs' parent
        self.dialog: QDialog | None = None  # the add/edit/import dialog open now (kept alive while open)

    def _save(self, terminal: Terminal, secret: str | None, *, new: bool) -> None:
        save_terminal(self.workspace.history, self.workspace.secrets, terminal, secret, new=new)

    def add(self) -> None:
        from app.ui.dialogs.terminal_dialog import TerminalDialog

        dialog = TerminalDialog(
            self.window,
            save=lambda t, s: self._save(t, s, new=True),
            name_taken=lambda n: self.workspace.history.terminal_by_name(n) is not None,
            check=self.check_credentials,
            preflight=lambda t: check_can_save(self.workspace.history, t, new=True),
        )
        dialog.accepted.connect(self.changed)
        dialog.open()
        self.dialog = dialog

    def edit(self, terminal: Terminal) -> None:
        from app.ui.dialogs.terminal_dialog import TerminalDialog

        if not providers.known(terminal.provider):
            QMessageBox.information(
                self.window,
                self.tr("Edit terminal"),
                self.tr(
                    "'{name}' uses a provider this version of Closeout does not know (it was set up by a newer "
                    "Closeout). Update Closeout to edit or close it."
                ).format(name=terminal.name),
            )
            return

        def taken(name: str) -> bool:
            other = self.workspace.history.terminal_by_name(name)
            return other is not None and other.id != terminal.id

        dialog = TerminalDialog(
            self.window,
            terminal=terminal,
            save=lambda t, s: self._save(t, s, new=False),
            name_taken=taken,
            check=self.check_credentials,
            preflight=lambda t: check_can_save(self.workspace.history, t, new=False),
        )
        dialog.accepted.connect(self.changed)
        dialog.open()
        self.dialog = dialog

    def import_(self) -> None:
        from app.core.http import make_client
        from app.ui.dialogs.import_terminals import ImportTerminalsDialog

        dialog = ImportTerminalsDialog(
            self.window,
            save=lambda t, s: self._save(t, s, new=True),
            existing=self.workspace.history.terminals(),
            client_factory=lambda: make_client(self.workspace.transport),
            prefill=self.demo_accounts(),
        )
        dialog.finished.connect(lambda _result: self.changed.emit())  # a partial import adds terminals too
        dialog.open()
        self.dialog = dialog

    def remove(self, terminal: Terminal) -> None:
        from app.ui.dialogs.remove_terminal import confirm_remove_terminal

        history = self.workspace.history
        doubts = len(terminals_with_doubt(history, terminal)) if providers.known(terminal.provider) else 0
        if not confirm_remove_terminal(self.window, terminal, doubts):
            return
        try:
            remove_terminal(history, self.workspace.secrets, terminal)
        except (SecretStoreError, HistoryError) as exc:
            QMessageBox.warning(
                self.window,
                self.tr("Remove terminal"),
                self.tr("The terminal was not removed: {reason}").format(reason=exc),
            )
        self.changed.emit()

    def demo_accounts(self) -> dict[str, tuple[dict[str, str], str]]:
        """The demo's provider accounts, so its Import works out of the box (nothing real is touched)."""
        accounts: dict[str, tuple[dict[str, str], str]] = {}
        demo = getattr(self.workspace, "demo", None)
        for _terminal, spec in demo.terminals if demo is not None else []:
            if spec.provider not in accounts:
                per_terminal = providers.get(spec.provider).PER_TERMINAL
                shared = {k: v for k, v in spec.settings.items() if k not in per_terminal}
                accounts[spec.provider] = (shared, spec.secret)
        return accounts

    async def check_credentials(self, terminal: Terminal, secret: str | None):
        """Ask the provider, read-only, whether the credentials are right (``secret`` None: the stored one)."""
        from app.core.credentials import check_credentials

        engine = self.workspace.engine()
        if secret is None:
            secret = await engine.read_secret(terminal.id)
        return await check_credentials(engine.client, terminal, secret)

    async def check_with_provider(self, row: CloseRow) -> str:
        """Whatever the terminal's provider offers to tell whether a close in doubt went through
        (``app.core.lookup``): a look-up of that close, or where to look by hand."""
        from app.core.lookup import check_close

        terminal = self.workspace.history.terminal(row.terminal_id)
        if terminal is None:
            return self.tr("The terminal was removed; check in the provider's back office.")
        engine = self.workspace.engine()
        secret = await engine.read_secret(terminal.id)
        result = await check_close(engine.client, terminal, secret, row)
        return result.explanation
