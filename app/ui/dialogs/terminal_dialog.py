"""Add or edit one terminal: the provider's form (app/ui/widgets/provider_form.py), checked on every keystroke.

The provider's rows come from its contract through the shared form; what a valid value is lives in
``app.core`` alone. Storing is the caller's job, through the ``save`` callable,
so the same dialog serves the real window (History + OS credential store) and the demo.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import providers
from app.core.credentials import CredentialCheck, Verdict
from app.core.history import DuplicateName, HistoryError
from app.core.i18n import _
from app.core.providers.base import Terminal
from app.core.secrets import SecretStoreError
from app.core.terminals import new_terminal, validate_name, validate_settings
from app.core.validation import ValidationError
from app.ui.widgets.provider_form import ExtraRow, ProviderForm
from app.ui.geometry import fit_height
from app.ui.widgets.text import error_banner, show_banner, wrapped

# save(terminal, secret): secret None = keep the stored one (edit only). Raises SecretStoreError or
# HistoryError (DuplicateName among them) with a message for people; must store all or nothing.
SaveTerminal = Callable[[Terminal, str | None], None]
NameTaken = Callable[[str], bool]
# check(terminal, secret): ask the provider, read-only, whether the credentials are right (secret None =
# the stored one). Returns app.core.credentials.CredentialCheck; may raise (then it counts as unconfirmed).
CheckCredentials = Callable[[Terminal, str | None], Awaitable[CredentialCheck]]

MIN_WIDTH = 480
log = logging.getLogger(__name__)


class TerminalDialog(QDialog):
    """Add a terminal (``terminal=None``) or edit one (provider fixed, id kept).

    The provider's rows are a :class:`~app.ui.widgets.provider_form.ProviderForm` (shared with the import
    dialog); the dialog adds the terminal's name row, the hint of what Save needs, the credential check and
    storing. Object names: ``provider``, ``field_name``, ``field_<key>`` for every provider field,
    ``field_secret``, ``show_secret``, ``advanced_toggle``, ``save``, ``error_banner``; and ``error_<key>``
    (the red text under each field), ``intro``, ``save_hint``.
    After ``accept()``, ``result_terminal`` holds the saved terminal.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        save: SaveTerminal,
        terminal: Terminal | None = None,
        name_taken: NameTaken | None = None,
        provider: str | None = None,
        check: CheckCredentials | None = None,
        preflight: Callable[[Terminal], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._save_terminal = save
        self._check = check
        self._preflight = preflight  # raises what saving would refuse (duplicates), before the network check
        self._check_task: asyncio.Future | None = None
        self.last_check: CredentialCheck | None = None
        self._editing = terminal
        self._name_taken = name_taken or (lambda _name: False)
        self._saving = False
        self.result_terminal: Terminal | None = None

        self.setObjectName("terminal_dialog")
        self.setWindowTitle(
            self.tr("Add terminal")
            if terminal is None
            else self.tr("Edit terminal '{name}'").format(name=terminal.name)
        )
        self.setMinimumWidth(MIN_WIDTH)
        self.setSizeGripEnabled(True)

        outer = QVBoxLayout(self)
        outer.setSpacing(10)

        self._intro = wrapped("intro")
        outer.addWidget(self._intro)
        self._banner = error_banner(self.tr("Error"))
        outer.addWidget(self._banner)

        buttons = QDialogButtonBox()
        self._save = QPushButton(self.tr("&Save"))
        self._save.setObjectName("save")
        self._save.setDefault(True)
        self._save.setEnabled(False)
        buttons.addButton(self._save, QDialogButtonBox.ButtonRole.AcceptRole)
        self._cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._cancel.setObjectName("cancel")
        self._save.clicked.connect(self._on_save)
        buttons.rejected.connect(self.reject)

        name_row = ExtraRow(
            "name",
            self.tr("&Name"),
            placeholder=self.tr("e.g. Counter 1"),
            tooltip=self.tr("How this terminal is called in Closeout; any name you like."),
            check=self._name_problem,
            value=terminal.name if terminal is not None else "",
        )
        self._form = ProviderForm(
            secret_tooltip=self.tr("Kept only in this computer's credential store, never in a file."),
            terminal=terminal,
            provider=provider,
            extra_rows=[name_row],
            reserved=[self._save.text(), self._cancel.text()],
        )
        outer.addWidget(self._form)
        outer.addStretch(1)

        self._hint = wrapped("save_hint")
        outer.addWidget(self._hint)
        self._check_status = wrapped("check_status", self.tr("Credential check"))
        self._check_status.hide()
        outer.addWidget(self._check_status)
        outer.addWidget(buttons)

        self._name = self._form.input("name")
        self._form.rebuilt.connect(self._provider_shown)
        self._form.checked.connect(self._update_save)
        self._form.grew.connect(lambda: self._fit(grow_only=True))  # a window manager does not grow a dialog
        self._form.folded.connect(self._fit)
        self._provider_shown()
        if terminal is None:
            self._form.provider_combo.setFocus()
        else:
            self._name.setFocus()

    # -- public ------------------------------------------------------------------------------------

    @property
    def provider(self) -> str:
        """The chosen provider's NAME."""
        return self._form.provider

    @property
    def form(self) -> ProviderForm:
        return self._form

    def input(self, key: str) -> QLineEdit | QComboBox:
        """The input of a provider field key, or of "name" / "secret"."""
        return self._form.input(key)

    def is_valid(self) -> bool:
        return self._form.is_valid()

    def advanced_expanded(self) -> bool:
        return self._form.advanced_expanded()

    # -- the form ----------------------------------------------------------------------------------

    def _provider_shown(self) -> None:
        """Another provider's rows: its intro, the keyboard order, the size."""
        module = self._form.module
        self._intro.setText(_(module.HELP) if module.HELP else "")
        chain = [*self._form.focus_chain(), self._save, self._cancel]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self._update_save()
        self._fit()

    def _name_problem(self, value: str) -> str | None:
        name = validate_name(value)  # raises ValidationError, worded by the form
        if self._is_other_terminals_name(name):
            return self.tr("A terminal named '{name}' already exists; choose another name.").format(name=name)
        return None

    def _is_other_terminals_name(self, name: str) -> bool:
        if self._editing is not None and name.casefold() == self._editing.name.strip().casefold():
            return False  # its own name (also with other capitals: the history compares without case)
        try:
            return bool(self._name_taken(name))
        except HistoryError:
            return False  # cannot tell now; saving will say so if it is taken

    def _update_save(self) -> None:
        """Save enabled only when all is valid; the hint says what is still needed."""
        problems = self._form.problems()
        self._save.setEnabled(not problems and not self._saving)
        if problems:
            text = self.tr("To save, fill in or correct: {fields}.").format(fields=", ".join(p.label for p in problems))
            if any(p.advanced for p in problems) and not self._form.advanced_expanded():
                text += " " + self.tr("(Some are under Advanced settings.)")
            self._hint.setText(text)
        self._hint.setVisible(bool(problems))

    def _refresh(self) -> None:
        self._form.recheck()

    def _fit(self, grow_only: bool = False) -> None:
        fit_height(self, MIN_WIDTH, grow_only=grow_only)

    # -- saving ------------------------------------------------------------------------------------

    def _build_terminal(self) -> Terminal:
        settings = self._form.settings()
        if self._editing is None:
            return new_terminal(self._name.text(), self.provider, settings)
        return Terminal(
            id=self._editing.id,
            name=validate_name(self._name.text()),
            provider=self._editing.provider,
            settings=validate_settings(self._editing.provider, settings),
        )

    def _on_save(self) -> None:
        if self._saving or not self.is_valid():
            return
        self._banner.hide()
        try:
            terminal = self._build_terminal()
        except ValidationError as exc:  # the form said valid; keep the dialog open all the same
            self._show_banner(self.tr("Not saved. {message}").format(message=f"{exc.field} {exc.message}"))
            return
        secret = self._form.secret()
        secret_arg = None if (self._editing is not None and secret == "") else secret
        if self._check is not None and self._needs_check(terminal, secret_arg):
            if self._preflight is not None:
                try:
                    self._preflight(terminal)
                except (HistoryError, ValidationError) as exc:
                    self._refused(exc)
                    return
            self._start_check(terminal, secret_arg)
            return
        self._store(terminal, secret_arg)

    def _refused(self, exc: Exception) -> None:
        message = str(exc).strip() or self.tr("The terminal could not be stored.")
        self._show_banner(self.tr("Not saved. {message}").format(message=message))
        if isinstance(exc, DuplicateName):
            self._name.setFocus()
            self._name.selectAll()

    def _needs_check(self, terminal: Terminal, secret: str | None) -> bool:
        """A new terminal, a new secret or changed settings: a renamed terminal needs no check."""
        return self._editing is None or secret is not None or dict(terminal.settings) != dict(self._editing.settings)

    def _start_check(self, terminal: Terminal, secret: str | None) -> None:
        label = providers.get(terminal.provider).LABEL
        self._saving = True
        self._save.setEnabled(False)
        self._check_status.setText(
            self.tr("Checking the credentials with {provider} (a read-only query; nothing is closed)…").format(
                provider=label
            )
        )
        self._check_status.show()
        self._check_task = asyncio.ensure_future(self._check(terminal, secret))
        self._check_task.add_done_callback(lambda task: self._checked(task, terminal, secret))

    def _checked(self, task: asyncio.Future, terminal: Terminal, secret: str | None) -> None:
        if task.cancelled() or not self.isVisible():
            return
        if task.exception() is not None:
            log.info("credential check failed: %r", task.exception())
            result = CredentialCheck(Verdict.UNCONFIRMED, str(task.exception()) or type(task.exception()).__name__)
        else:
            result = task.result()
        self.last_check = result
        label = providers.get(terminal.provider).LABEL
        self._saving = False
        self._check_status.hide()
        if result.verdict == Verdict.ACCEPTED:
            self._store(terminal, secret)
            return
        if result.verdict == Verdict.REFUSED:
            self._show_banner(
                self.tr("Not saved: {provider} refused these credentials. {reason}").format(
                    provider=label, reason=result.message
                )
            )
            self._refresh()
            return
        box = QMessageBox(self)
        box.setObjectName("save_anyway_box")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Credentials not checked"))
        box.setText(
            self.tr("{provider} could not be reached, so the credentials were not checked.").format(provider=label)
            if result.verdict == Verdict.UNREACHABLE
            else self.tr("{provider} neither accepted nor refused the credentials.").format(provider=label)
        )
        box.setInformativeText(
            self.tr("{reason}\n\nSave the terminal anyway? If something is wrong, its first close will say so.").format(
                reason=result.message
            )
        )
        anyway = box.addButton(self.tr("Save &anyway"), QMessageBox.ButtonRole.AcceptRole)
        anyway.setObjectName("save_anyway")
        back = box.addButton(self.tr("&Back to the form"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)

        def chosen(button) -> None:
            if button is anyway:
                self._store(terminal, secret)
            else:
                self._refresh()

        box.buttonClicked.connect(chosen)
        box.open()
        self._save_anyway_box = box
        self._refresh()

    def done(self, result: int) -> None:
        if self._check_task is not None and not self._check_task.done():
            self._check_task.cancel()  # closing the dialog stops the check; nothing was stored
        super().done(result)

    def _store(self, terminal: Terminal, secret_arg: str | None) -> None:
        self._saving = True
        self._save.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._save_terminal(terminal, secret_arg)
        except (SecretStoreError, HistoryError, ValidationError) as exc:  # DuplicateName is a HistoryError
            self._refused(exc)
            return
        finally:
            QApplication.restoreOverrideCursor()
            self._saving = False
            self._refresh()
        self.result_terminal = terminal
        self.accept()

    def _show_banner(self, text: str) -> None:
        show_banner(self._banner, text)
        self._fit()
