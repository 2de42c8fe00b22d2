"""The Settings' "Chain" page: connect this PC to the chain's PostgreSQL, test the connection, disconnect.

Everything that talks to the server or the credential store runs off the UI thread, on the window's one
background pool (app/ui/background.py). The password goes only to the OS credential store (app/core/chain.py connect); the
field is emptied once it is stored, and it is never written to the settings or a log.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import chain
from app.core.history import HistoryError
from app.core.secrets import SecretMissing, SecretStoreError
from app.ui import theme
from app.ui.background import run_blocking

log = logging.getLogger(__name__)


class ChainSettings(QWidget):
    """Connect, test, disconnect; and the setting "only close with the chain's lock" (saved with Save)."""

    chainChanged = Signal()  # this PC was connected or disconnected
    answered = Signal()  # a test, connect or disconnect finished (its words are in ``message``)

    def __init__(self, workspace, lock_required: bool, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("chain_settings")
        self.workspace = workspace
        self._task: asyncio.Future | None = None
        self._gone = False
        layout = QVBoxLayout(self)

        self.state = QLabel()
        self.state.setObjectName("chain_state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)

        form = QFormLayout()
        self.url = QLineEdit()
        self.url.setObjectName("chain_url")
        self.url.setPlaceholderText("postgresql://user@host:5432/database")
        self.url.setAccessibleName(self.tr("Chain server address"))
        self.shop = QLineEdit()
        self.shop.setObjectName("chain_shop")
        self.shop.setMaxLength(120)
        self.shop.setAccessibleName(self.tr("Shop name in the chain"))
        self.pc_name = QLineEdit()
        self.pc_name.setObjectName("chain_pc_name")
        self.pc_name.setMaxLength(120)
        self.pc_name.setAccessibleName(self.tr("This PC's name in the chain"))
        self.password = QLineEdit()
        self.password.setObjectName("chain_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password of the chain's role"))
        form.addRow(self.tr("Server &address:"), self.url)
        form.addRow(self.tr("&Shop:"), self.shop)
        form.addRow(self.tr("&PC name:"), self.pc_name)
        form.addRow(self.tr("Pass&word:"), self.password)
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "The password is kept in the system's credential store, never in the settings. "
                "Connecting creates or updates the chain's tables and sends this PC's terminals "
                "and closes."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color:{theme.color('muted')}")
        layout.addWidget(note)

        buttons = QHBoxLayout()
        self.btn_test = QPushButton(self.tr("&Test connection"))
        self.btn_test.setObjectName("chain_test")
        self.btn_test.clicked.connect(self.test_connection)
        self.btn_connect = QPushButton(self.tr("&Connect"))
        self.btn_connect.setObjectName("chain_connect")
        self.btn_connect.clicked.connect(self.connect_pc)
        self.btn_disconnect = QPushButton(self.tr("&Disconnect"))
        self.btn_disconnect.setObjectName("chain_disconnect")
        self.btn_disconnect.clicked.connect(self.disconnect_pc)
        for button in (self.btn_test, self.btn_connect, self.btn_disconnect):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.message = QLabel()
        self.message.setObjectName("chain_message")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)

        self.lock_required = QCheckBox(
            self.tr("&Only close with the chain's lock (skip a terminal when the chain cannot be reached)")
        )
        self.lock_required.setObjectName("chain_lock_required")
        self.lock_required.setChecked(lock_required)
        self.lock_required.setToolTip(
            self.tr(
                "Without it, a close still goes out when the chain cannot be reached, "
                "with a warning: a shop's close never waits for head office."
            )
        )
        layout.addWidget(self.lock_required)
        layout.addStretch(1)

        self.available = workspace is not None and not workspace.is_demo
        if not self.available:
            self.state.setText(self.tr("The demo is never connected to a chain."))
            for widget in (
                self.url,
                self.shop,
                self.pc_name,
                self.password,
                self.btn_test,
                self.btn_connect,
                self.btn_disconnect,
            ):
                widget.setEnabled(False)
            return
        self.pc_name.setText(chain.default_pc_name())
        self._show_link()

    # -- state ---------------------------------------------------------------------------------------

    def _link(self):
        try:
            return self.workspace.history.chain_link()
        except HistoryError as exc:
            self._say(str(exc), error=True)
            return None

    def _show_link(self, *, fill: bool = True) -> None:
        link = self._link()
        if link is None:
            self.state.setText(self.tr("This PC is not connected to a chain."))
        else:
            if fill:
                self.url.setText(link.url)
                self.shop.setText(link.shop)
                self.pc_name.setText(link.pc_name)
            self.state.setText(
                self.tr("Connected to {server} as shop '{shop}', PC '{pc}'.").format(
                    server=chain.describe(link.url), shop=link.shop, pc=link.pc_name
                )
            )
        self.btn_disconnect.setEnabled(link is not None)
        self._busy(False)

    def _busy(self, busy: bool) -> None:
        for button in (self.btn_test, self.btn_connect):
            button.setEnabled(not busy)
        self.btn_disconnect.setEnabled(not busy and self._link() is not None)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color:{theme.color('error')}" if error else "")
        self.message.setVisible(True)

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    # -- off the UI thread ----------------------------------------------------------------------------

    def _run(self, work: Callable[[], str], waiting: str, *, changes_link: bool = False) -> None:
        """Run ``work`` (it returns the sentence to show, or raises ChainError with one) off the UI thread
        (app/ui/background.py), then show its words here."""
        if self.busy or self._gone:
            return
        self._busy(True)
        self._say(waiting)

        async def run() -> None:
            error = False
            try:
                text = await run_blocking(work)
            except (chain.ChainError, HistoryError, SecretStoreError) as exc:
                text, error = str(exc), True
            except Exception:  # noqa: BLE001 - the words go to the person, the details to the log
                log.exception("chain settings failed")
                text, error = (
                    self.tr(
                        "That did not work because of an unexpected error (details are in the "
                        "log). Nothing was changed; try again, or use 'closeout chain' in a "
                        "terminal."
                    ),
                    True,
                )
            if self._gone:
                return
            self._say(text, error=error)
            self._show_link(fill=changes_link and not error)
            if changes_link and not error:
                self.workspace.replicator().forget_password()
                self.chainChanged.emit()
            self.answered.emit()

        self._task = asyncio.ensure_future(run())

    def _password_for(self, url: str, typed: str) -> str | None:
        """The typed password, or the stored one when testing the address this PC is linked to."""
        if typed:
            return typed
        link = self.workspace.history.chain_link()
        if link is not None and link.url == url:
            try:
                return self.workspace.secrets.get(chain.SECRET_KEY)
            except SecretMissing:
                return None
        return None

    def test_connection(self) -> None:
        url, typed = self.url.text().strip(), self.password.text()
        if not url:
            self._say(
                self.tr("Type the chain server's address first (postgresql://user@host:5432/database)."), error=True
            )
            return
        linked = self._link()
        if not typed and (linked is None or linked.url != url):
            self._say(self.tr("Type the password of the chain's role to test the connection."), error=True)
            return

        missing = self.tr("The chain's password is not in the credential store; type it and test again.")

        def work() -> str:
            try:
                normalized = chain.normalize_url(url)
            except chain.ChainError:
                normalized = url
            password = self._password_for(normalized, typed)
            if password is None:
                raise chain.ChainError(missing)
            return chain.test_connection(url, password)

        self._run(work, self.tr("Testing the connection…"))

    def connect_pc(self) -> None:
        url, shop, pc_name, password = (
            self.url.text().strip(),
            self.shop.text().strip(),
            self.pc_name.text().strip(),
            self.password.text(),
        )
        if not url or not shop or not password:
            self._say(
                self.tr(
                    "Give the server's address, the shop's name and the password of the chain's role, then connect."
                ),
                error=True,
            )
            return
        workspace = self.workspace
        self.password.clear()  # from here on, the password lives only in the call below and the credential store
        said = self.tr(
            "Connected to {server} as shop '{shop}', PC '{pc}' ({schema}). This PC's terminals and "
            "closes are being sent; the status bar shows how it goes."
        )
        created = self.tr("created the chain schema (version {after})")
        migrated = self.tr("migrated the chain schema from version {before} to {after}")
        current = self.tr("chain schema version {after}")

        def work() -> str:
            link, (before, after) = chain.connect(
                workspace.history, workspace.secrets, url, shop, password, pc_name=pc_name or None
            )
            schema = (created if before == 0 else migrated if before < after else current).format(
                before=before, after=after
            )
            return said.format(server=chain.describe(link.url), shop=link.shop, pc=link.pc_name, schema=schema)

        self._run(work, self.tr("Connecting…"), changes_link=True)

    def disconnect_pc(self) -> None:
        workspace = self.workspace
        nothing = self.tr("This PC is not connected to a chain; nothing changed.")
        said = self.tr(
            "Disconnected from {server}: nothing more is sent, and the password was removed from the "
            "credential store. The chain keeps what it already has."
        )

        def work() -> str:
            link = chain.disconnect(workspace.history, workspace.secrets)
            return nothing if link is None else said.format(server=chain.describe(link.url))

        self._run(work, self.tr("Disconnecting…"), changes_link=True)

    def shutdown(self) -> None:
        """The dialog closes: a test still waiting for the server never holds it up (nor the exit)."""
        self._gone = True
