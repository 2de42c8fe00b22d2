"""Import terminals: enter an account's credentials once, look its terminals up, add the chosen ones.

The account's rows are the provider's form (app/ui/widgets/provider_form.py, the add and edit dialogs'
too), limited to the fields an account's terminals share; only providers that can list terminals are offered.

The lookup is :func:`app.core.discovery.discover`, run on the qasync loop so the window stays
responsive; storing is the caller's ``save(terminal, secret)`` (the same callable as
:class:`~app.ui.dialogs.terminal_dialog.TerminalDialog`'s), called once per chosen terminal so each
gets its own keyring entry holding the shared secret.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Callable, Iterable

import httpx
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import discovery, providers
from app.core.discovery import DiscoveredTerminal, DiscoveryResult
from app.core.history import HistoryError
from app.core.i18n import _
from app.core.providers.base import Terminal
from app.core.secrets import SecretStoreError
from app.core.terminals import new_terminal, validate_name
from app.core.validation import ValidationError
from app.core.providers.contract import Capability
from app.ui.dialogs.terminal_dialog import SaveTerminal
from app.ui.widgets.provider_form import SECRET, ProviderForm
from app.ui.geometry import fit_height
from app.ui.widgets.text import error_banner, show_banner, wrapped

log = logging.getLogger(__name__)

ClientFactory = Callable[[], httpx.AsyncClient]

MIN_WIDTH = 680
COL_NAME, COL_TERMINAL, COL_DETAILS = range(3)


class ImportTerminalsDialog(QDialog):
    """List an account's terminals and add the ticked ones with the shared credentials.

    Object names: ``provider``, ``field_<key>`` for every shared field, ``field_secret``, ``show_secret``,
    ``advanced_toggle``, ``look_up``, ``busy`` (progress), ``status``, ``error_banner``, ``results``
    (a table: name, terminal, details), ``tick_all``, ``add_selected``, ``cancel``.
    ``lookupFinished(bool ok)`` is emitted after every lookup; after ``accept()``, ``added`` holds the
    saved terminals (also filled while a partly failed import keeps the dialog open).
    """

    lookupFinished = Signal(bool)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        save: SaveTerminal,
        existing: Iterable[Terminal] = (),
        client: httpx.AsyncClient | None = None,
        client_factory: ClientFactory | None = None,
        provider: str | None = None,
        timeout: float = 30.0,
        prefill: dict[str, tuple[dict[str, str], str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._prefill = prefill or {}  # provider -> (shared settings, secret): the demo's accounts
        self._save_terminal = save
        self._existing = list(existing)
        self._client = client
        self._client_factory = client_factory
        self._timeout = timeout
        self._tasks: set[asyncio.Task] = set()  # qasync keeps no strong reference to tasks
        self._looking_up = False
        self._found: list[DiscoveredTerminal] = []
        self._lookup_secret = ""
        self._filling = False
        self.added: list[Terminal] = []
        self.last_result: DiscoveryResult | None = None

        self.setObjectName("import_terminals_dialog")
        self.setWindowTitle(self.tr("Import terminals"))
        self.setMinimumWidth(MIN_WIDTH)
        self.setSizeGripEnabled(True)

        outer = QVBoxLayout(self)
        outer.setSpacing(10)

        self._intro = wrapped("intro")
        outer.addWidget(self._intro)

        form_at = outer.count()  # the provider form goes here, once the buttons reserved their letters

        # Look up, with a busy bar and a one-line status.
        look_row = QHBoxLayout()
        self._look_up = QPushButton(self.tr("&Look up terminals"))
        self._look_up.setObjectName("look_up")
        self._look_up.setAccessibleName(self.tr("Look up terminals"))
        self._look_up.setToolTip(self.tr("Ask the provider which terminals this account has. Nothing is changed."))
        self._look_up.setDefault(True)
        self._look_up.clicked.connect(self.look_up)
        look_row.addWidget(self._look_up)
        self._busy = QProgressBar()
        self._busy.setObjectName("busy")
        self._busy.setAccessibleName(self.tr("Looking up"))
        self._busy.setRange(0, 0)  # indeterminate: a moving bar
        self._busy.setTextVisible(False)
        self._busy.setFixedWidth(90)
        self._busy.setMaximumHeight(self._look_up.sizeHint().height() // 2)
        self._busy.hide()
        look_row.addWidget(self._busy)
        self._status = wrapped("status", self.tr("Lookup status"))
        look_row.addWidget(self._status, 1)
        outer.addLayout(look_row)

        self._banner = error_banner(self.tr("Error"))
        outer.addWidget(self._banner)

        self._tick_all = QCheckBox(self.tr("&Tick all new terminals"))
        self._tick_all.setObjectName("tick_all")
        self._tick_all.setAccessibleName(self.tr("Tick all new terminals"))
        self._tick_all.toggled.connect(self._set_all_ticked)
        outer.addWidget(self._tick_all)

        self._table = QTableWidget(0, 3)
        self._table.setObjectName("results")
        self._table.setAccessibleName(self.tr("Terminals found"))
        self._table.setAccessibleDescription(self.tr("Tick the terminals to add; edit a name by double-clicking it."))
        self._table.setHorizontalHeaderLabels([self.tr("Name in Closeout"), self.tr("Terminal"), self.tr("Details")])
        self._table.verticalHeader().hide()
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self._table.setWordWrap(False)
        header = self._table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TERMINAL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DETAILS, QHeaderView.ResizeMode.Stretch)
        # Header and a row at least: the dialog, with a problem under every account field and a banner, still fits a
        # 1366x768 screen at 150 % (tests/ui/test_screen_fit.py).
        self._table.setMinimumHeight(60)
        self._table.itemChanged.connect(self._item_changed)
        outer.addWidget(self._table, 1)

        buttons = QDialogButtonBox()
        self._add = QPushButton(self.tr("&Add selected"))
        self._add.setObjectName("add_selected")
        self._add.setAccessibleName(self.tr("Add selected terminals"))
        self._add.setEnabled(False)
        self._add.clicked.connect(self.add_selected)
        buttons.addButton(self._add, QDialogButtonBox.ButtonRole.AcceptRole)
        self._cancel = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._cancel.setObjectName("cancel")
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        self._form = ProviderForm(
            secret_tooltip=self.tr("Stored with every imported terminal, only in this computer's credential store."),
            provider=provider,
            account_only=True,
            capability=Capability.DISCOVERY,
            reserved=[self._look_up.text(), self._tick_all.text(), self._add.text()],
        )
        outer.insertWidget(form_at, self._form)
        self._form.rebuilt.connect(self._provider_shown)
        self._form.edited.connect(self._credentials_changed)
        self._form.grew.connect(self._grow_to_fit)
        self._form.folded.connect(self._grow_to_fit)
        self._provider_shown()
        self._update_buttons()
        self.resize(MIN_WIDTH, self.sizeHint().height())
        self._form.provider_combo.setFocus()

    # -- public ------------------------------------------------------------------------------------

    @property
    def provider(self) -> str:
        return self._form.provider

    @property
    def form(self) -> ProviderForm:
        return self._form

    @property
    def busy(self) -> bool:
        """A lookup is under way (from the click until its result is shown)."""
        return self._looking_up

    @property
    def found(self) -> list[DiscoveredTerminal]:
        return list(self._found)

    def input(self, key: str) -> QLineEdit | QComboBox:
        """The input of a shared field key, or of "secret"."""
        return self._form.input(key)

    def set_ticked(self, row: int, ticked: bool) -> None:
        item = self._table.item(row, COL_NAME)
        if item is not None and self._found[row].can_add:
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def ticked_rows(self) -> list[int]:
        return [
            row
            for row, entry in enumerate(self._found)
            if entry.can_add and self._table.item(row, COL_NAME).checkState() == Qt.CheckState.Checked
        ]

    # -- credentials form --------------------------------------------------------------------------

    def _provider_shown(self) -> None:
        """Another provider's account rows: its intro, the keyboard order, no results, a known account filled in."""
        module = self._form.module
        intro = module.IMPORT_HELP or module.HELP
        self._intro.setText(_(intro) if intro else "")
        chain = [*self._form.focus_chain(), self._look_up, self._tick_all, self._table, self._add, self._cancel]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self._set_found([], None)
        self._status.clear()
        self._banner.hide()
        if self.provider in self._prefill:  # the demo's account, so Look up works at once
            settings, secret = self._prefill[self.provider]
            self._form.fill({**settings, SECRET: secret})

    def _credentials_changed(self, *_args) -> None:
        # Found terminals would be added with the credentials they were looked up with: after an edit,
        # they are no longer what the form shows, so they go.
        if self._found and not self.busy:
            self._set_found([], None)
            self._status.setText(self.tr("The details changed: look up again."))

    # -- looking up --------------------------------------------------------------------------------

    def look_up(self) -> None:
        """Start a lookup on the running asyncio (qasync) loop; returns at once."""
        if self.busy:
            return
        self._banner.hide()
        provider = self.provider
        settings = self._form.settings()
        secret = self._form.secret()
        try:
            discovery.validate_shared(provider, settings)
            providers.get(provider).validate_secret(secret)
        except ValidationError as exc:
            self._show_problem(exc)
            return
        self._set_busy(True)
        task = asyncio.ensure_future(self._run_lookup(provider, settings, secret))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run_lookup(self, provider: str, settings: dict, secret: str) -> None:
        try:
            client = self._client
            owned = client is None
            if owned:
                client = self._client_factory() if self._client_factory is not None else _default_client()
            try:
                result = await discovery.discover(
                    client, provider, settings, secret, existing=self._existing, timeout=self._timeout
                )
            finally:
                if owned:
                    await client.aclose()
        except asyncio.CancelledError:
            raise
        except ValidationError as exc:
            self._set_busy(False)
            self._show_problem(exc)
            self.lookupFinished.emit(False)
            return
        except Exception as exc:  # never a traceback in the dialog; the log has it
            log.exception("terminal lookup failed")
            self._set_busy(False)
            self._show_banner(
                self.tr(
                    "The lookup failed unexpectedly ({error}). Try again; if it keeps failing, "
                    "add the terminals one by one."
                ).format(error=type(exc).__name__)
            )
            self.lookupFinished.emit(False)
            return
        self._set_busy(False)
        self.last_result = result
        self._lookup_secret = secret
        self._set_found(result.terminals, result)
        if result.error:
            self._show_banner(result.error)
        self.lookupFinished.emit(result.ok)

    def _set_busy(self, busy: bool) -> None:
        self._looking_up = busy
        self._busy.setVisible(busy)
        self._look_up.setEnabled(not busy)
        self._form.setEnabled(not busy)
        if busy:
            self._status.setText(self.tr("Looking up…"))
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QApplication.restoreOverrideCursor()
            self._status.clear()
        self._update_buttons()

    def _show_problem(self, exc: ValidationError) -> None:
        key = exc.field if exc.field in self._form.keys() else SECRET  # the secret's errors name its label
        self._show_banner(self.tr("{label} {problem}").format(label=self._form.label(key), problem=exc.message))
        self._form.focus_input(key)

    def _show_banner(self, text: str) -> None:
        show_banner(self._banner, text)
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        fit_height(self, MIN_WIDTH, grow_only=True)

    # -- results -----------------------------------------------------------------------------------

    def _set_found(self, found: list[DiscoveredTerminal], result: DiscoveryResult | None) -> None:
        self._filling = True
        self._found = list(found)
        self._table.setRowCount(len(found))
        for row in range(len(found)):
            self._fill_row(row)
        self._table.resizeColumnToContents(COL_NAME)
        self._table.setColumnWidth(COL_NAME, min(max(self._table.columnWidth(COL_NAME) + 24, 180), 320))
        self._filling = False
        self._tick_all.blockSignals(True)
        self._tick_all.setChecked(False)
        self._tick_all.blockSignals(False)
        if result is not None:
            new = sum(1 for e in found if e.can_add)
            configured = sum(1 for e in found if e.already_configured)
            text = self.tr("Found %n terminal(s).", "", len(found))
            if configured:
                text += " " + self.tr("%n already added.", "", configured)
            if found and not new:
                text += " " + self.tr("There is nothing new to add.")
            if found or result.error is None:  # with an error, the banner says what happened
                self._status.setText(text if found else self.tr("The account has no terminals."))
        self._update_buttons()

    def _fill_row(self, row: int) -> None:
        """(Re)build one row from its entry: tickable and editable only when it can be added."""
        entry = self._found[row]
        name = QTableWidgetItem(entry.configured_as if entry.already_configured else entry.name)
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        if entry.can_add:
            flags |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable
            name.setToolTip(self.tr("Double-click to change the name."))
        name.setFlags(flags)
        name.setCheckState(Qt.CheckState.Checked if entry.already_configured else Qt.CheckState.Unchecked)
        if entry.already_configured:
            details = self.tr("Already added as '{name}'").format(name=entry.configured_as)
        elif entry.problem:
            details = entry.problem
        else:
            details = entry.detail
        others = [QTableWidgetItem(entry.label), QTableWidgetItem(details)]
        for item in others:
            item.setFlags(
                Qt.ItemFlag.ItemIsSelectable | (Qt.ItemFlag.ItemIsEnabled if entry.can_add else Qt.ItemFlag.NoItemFlags)
            )
            item.setToolTip(item.text())
        for column, item in enumerate([name, *others]):
            self._table.setItem(row, column, item)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if not self._filling:
            self._update_buttons()

    def _set_all_ticked(self, on: bool) -> None:
        self._filling = True
        for row in range(len(self._found)):
            self.set_ticked(row, on)
        self._filling = False
        self._update_buttons()

    def _update_buttons(self) -> None:
        addable = any(e.can_add for e in self._found)
        self._tick_all.setEnabled(addable and not self.busy)
        self._add.setEnabled(bool(self._found) and bool(self.ticked_rows()) and not self.busy)
        count = len(self.ticked_rows()) if self._found else 0
        self._add.setText(self.tr("&Add %n terminal(s)", "", count) if count else self.tr("&Add selected"))

    # -- adding ------------------------------------------------------------------------------------

    def add_selected(self) -> None:
        """Save every ticked terminal; names are checked first, so a bad name saves nothing."""
        rows = self.ticked_rows()
        if not rows or self.busy:
            return
        self._banner.hide()
        taken = {t.name.strip().casefold() for t in self._existing}
        chosen: list[tuple[int, Terminal]] = []
        for row in rows:
            entry = self._found[row]
            text = self._table.item(row, COL_NAME).text()
            try:
                name = validate_name(text)
                if name.casefold() in taken:
                    raise ValidationError(
                        "name", self.tr("'{name}' is already used; choose another name.").format(name=name)
                    )
                taken.add(name.casefold())
                chosen.append((row, new_terminal(name, entry.provider, entry.settings)))
            except ValidationError as exc:
                self._show_banner(
                    self.tr("Nothing added. Terminal {terminal}: {label} {problem}").format(
                        terminal=entry.label, label=self.tr("Name"), problem=exc.message
                    )
                )
                self._table.setCurrentCell(row, COL_NAME)
                return
        failures: list[str] = []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for row, terminal in chosen:
                try:
                    self._save_terminal(terminal, self._lookup_secret)
                except (SecretStoreError, HistoryError, ValidationError) as exc:
                    failures.append(f"{terminal.name}: {str(exc).strip() or type(exc).__name__}")
                    continue
                self.added.append(terminal)
                self._existing.append(terminal)
                entry = self._found[row]
                entry.already_configured, entry.configured_as = True, terminal.name
        finally:
            QApplication.restoreOverrideCursor()
        if not failures:
            self.accept()
            return
        saved = len(chosen) - len(failures)
        self._filling = True
        for row, _terminal in chosen:
            if self._found[row].already_configured:
                self._fill_row(row)  # the failed ones keep their tick and name, ready to try again
        self._filling = False
        self._update_buttons()
        self._show_banner(
            self.tr("%n terminal(s) added.", "", saved)
            + " "
            + self.tr("Not added: {failures}").format(failures="; ".join(failures))
        )

    # -- closing -----------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        if self.busy:
            for task in list(self._tasks):
                task.cancel()  # a lookup still running has nobody to report to; it ends without touching the dialog
            self._set_busy(False)
        super().done(result)


def _default_client() -> httpx.AsyncClient:
    from app.core.http import make_client

    return make_client()
