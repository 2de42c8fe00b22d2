"""Add or edit one terminal: a form built from the provider's fields, checked on every keystroke.

The dialog only lays out the provider's ``FIELDS`` and runs the core validators; what a valid
value is lives in ``app.core`` alone. Storing is the caller's job, through the ``save`` callable,
so the same dialog serves the real window (History + OS credential store) and the demo.
"""

from __future__ import annotations

from dataclasses import dataclass
import asyncio
import logging
from typing import Awaitable, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
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
from app.core.validation import Field, ValidationError

# save(terminal, secret): secret None = keep the stored one (edit only). Raises SecretStoreError or
# HistoryError (DuplicateName among them) with a message for people; must store all or nothing.
SaveTerminal = Callable[[Terminal, str | None], None]
NameTaken = Callable[[str], bool]
# check(terminal, secret): ask the provider, read-only, whether the credentials are right (secret None =
# the stored one). Returns app.core.credentials.CredentialCheck; may raise (then it counts as unconfirmed).
CheckCredentials = Callable[[Terminal, str | None], Awaitable[CredentialCheck]]

MIN_WIDTH = 480
log = logging.getLogger(__name__)


class _Mnemonics:
    """Hands out one distinct Alt+letter per label, preferring the first letter of a word."""

    def __init__(self, used: set[str] | None = None) -> None:
        self.used: set[str] = set(used or ())

    def reserve(self, text: str) -> str:
        """Record the mnemonic a (translated) text already carries."""
        i = text.find("&")
        while 0 <= i < len(text) - 1:
            if text[i + 1] != "&":
                self.used.add(text[i + 1].lower())
                break
            i = text.find("&", i + 2)
        return text

    def add(self, text: str) -> str:
        """``text`` (no mnemonic yet) with a free letter marked."""
        text = text.replace("&", "&&")
        starts = [i for i, c in enumerate(text) if c.isalnum() and (i == 0 or not text[i - 1].isalnum())]
        for i in starts + list(range(len(text))):
            c = text[i]
            if c.isalnum() and c.lower() not in self.used:
                self.used.add(c.lower())
                return text[:i] + "&" + text[i:]
        return text


def _capital(text: str) -> str:
    """``text`` as a label: its first letter a capital ("mot de passe JSON API" -> "Mot de passe JSON API")."""
    return text[:1].upper() + text[1:]


def _plain(text: str) -> str:
    """A label without its mnemonic marker."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


@dataclass
class _Input:
    key: str  # a Field key, or "name" / "secret"
    label: str  # translated, without mnemonic
    widget: QLineEdit | QComboBox
    error: QLabel
    cell: QWidget  # the grid cell holding widget + error
    row_label: QLabel | None = None
    field: Field | None = None
    advanced: bool = False
    description: str = ""  # accessible description while there is no error


class TerminalDialog(QDialog):
    """Add a terminal (``terminal=None``) or edit one (provider fixed, id kept).

    Object names: ``provider``, ``field_name``, ``field_<key>`` for every provider field,
    ``field_secret``, ``show_secret``, ``advanced_toggle``, ``save``, ``error_banner``; and
    ``error_<key>`` (the red text under each field), ``intro``, ``save_hint``.
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
        self._touched: set[str] = set()
        self._inputs: list[_Input] = []
        self._next_row = 0
        self._fixed_rows = 0
        self._provider_widgets: list[QWidget] = []  # rebuilt when the provider changes
        self._building = True
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

        self._intro = QLabel()
        self._intro.setObjectName("intro")
        self._intro.setWordWrap(True)
        self._intro.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self._intro)

        self._banner = QLabel()
        self._banner.setObjectName("error_banner")
        self._banner.setAccessibleName(self.tr("Error"))
        self._banner.setWordWrap(True)
        self._banner.setTextFormat(Qt.TextFormat.PlainText)
        self._banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._banner.setStyleSheet(_banner_style(self))
        self._banner.hide()
        outer.addWidget(self._banner)

        # A grid, not a QFormLayout: QFormLayout gives a field with wrapped (height-for-width)
        # error text too little height, which clips the message.
        self._grid = QGridLayout()
        self._grid.setColumnStretch(1, 1)
        self._grid.setVerticalSpacing(8)
        outer.addLayout(self._grid)
        outer.addStretch(1)

        self._hint = QLabel()
        self._hint.setObjectName("save_hint")
        self._hint.setWordWrap(True)
        self._hint.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self._hint)

        self._check_status = QLabel()
        self._check_status.setObjectName("check_status")
        self._check_status.setAccessibleName(self.tr("Credential check"))
        self._check_status.setWordWrap(True)
        self._check_status.setTextFormat(Qt.TextFormat.PlainText)
        self._check_status.hide()
        outer.addWidget(self._check_status)

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
        outer.addWidget(buttons)

        self._mnemonics = _Mnemonics()
        self._mnemonics.reserve(self._save.text())
        self._mnemonics.reserve(self._cancel.text())

        # Provider: a chooser when adding; the same combo, fixed, when editing.
        self._provider = QComboBox()
        self._provider.setObjectName("provider")
        for module in providers.PROVIDERS.values():
            if terminal is None or module.NAME == terminal.provider:
                self._provider.addItem(module.LABEL, module.NAME)
        if terminal is not None:
            self._provider.setEnabled(False)
            self._provider.setToolTip(
                self.tr("The provider of a terminal cannot be changed; add a new terminal instead.")
            )
        elif provider is not None:
            self._provider.setCurrentIndex(max(0, self._provider.findData(provider)))
        self._add_fixed_row(self.tr("&Provider"), self._provider, self.tr("Provider"))

        self._name = QLineEdit()
        self._name.setObjectName("field_name")
        self._name.setPlaceholderText(self.tr("e.g. Counter 1"))
        self._name.setToolTip(self.tr("How this terminal is called in Closeout; any name you like."))
        name_cell, name_error = self._cell(self._name, "name")
        self._add_fixed_row(self.tr("&Name"), name_cell, self.tr("Name"), buddy=self._name)
        self._name_input = _Input(
            "name", self.tr("Name"), self._name, name_error, name_cell, description=self._name.toolTip()
        )
        self._name.textEdited.connect(lambda _t: self._touch("name"))
        self._name.textChanged.connect(self._refresh)
        if terminal is not None:
            self._name.setText(terminal.name)

        self._show_label = self.tr("Sh&ow")
        self._advanced_label = self.tr("&Advanced settings")
        self._mnemonics.reserve(self._show_label)
        self._mnemonics.reserve(self._advanced_label)
        self._fixed_mnemonics = set(self._mnemonics.used)

        self._provider.currentIndexChanged.connect(self._build_provider_rows)
        self._build_provider_rows()
        if terminal is None:
            self._provider.setFocus()
        else:
            self._name.setFocus()

    # -- public ------------------------------------------------------------------------------------

    @property
    def provider(self) -> str:
        """The chosen provider's NAME."""
        return self._provider.currentData()

    def input(self, key: str) -> QLineEdit | QComboBox:
        """The input of a provider field key, or of "name" / "secret"."""
        for inp in self._all_inputs():
            if inp.key == key:
                return inp.widget
        raise KeyError(key)

    def is_valid(self) -> bool:
        return not self._problems()

    def advanced_expanded(self) -> bool:
        return self._advanced_toggle.isChecked()

    # -- building ----------------------------------------------------------------------------------

    def _add_fixed_row(self, label_text: str, cell: QWidget, accessible: str, buddy: QWidget | None = None) -> None:
        label = _row_label(self._mnemonics.reserve(label_text), buddy or cell)
        (buddy or cell).setAccessibleName(accessible)
        self._place(label, cell, fixed=True)
        self._fixed_rows = self._next_row

    def _place(self, label: QLabel | None, cell: QWidget, fixed: bool = False) -> None:
        row = self._next_row
        self._next_row += 1
        if label is None:
            self._grid.addWidget(cell, row, 0, 1, 2)
        else:
            self._grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(cell, row, 1)
        if not fixed:
            self._provider_widgets += [w for w in (label, cell) if w is not None]

    def _cell(self, widget: QWidget, key: str, extra: QWidget | None = None) -> tuple[QWidget, QLabel]:
        """The input with its error text right under it."""
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        if extra is None:
            column.addWidget(widget)
        else:
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(widget, 1)
            line.addWidget(extra)
            column.addLayout(line)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setWordWrap(True)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setStyleSheet(f"color: {_error_color(self)};")
        error.hide()
        column.addWidget(error)
        return cell, error

    def _build_provider_rows(self) -> None:
        """(Re)build the rows of the chosen provider; the name typed so far is kept."""
        self._building = True
        for widget in self._provider_widgets:
            self._grid.removeWidget(widget)
            widget.setParent(None)  # gone from findChild() at once
            widget.deleteLater()
        self._provider_widgets = []
        self._next_row = self._fixed_rows
        self._inputs = []
        self._touched &= {"name"}
        module = providers.get(self.provider)
        mnemonics = _Mnemonics(self._fixed_mnemonics)
        editing = self._editing

        self._intro.setText(_(module.HELP) if module.HELP else "")

        basic = [f for f in module.FIELDS if not f.advanced]
        advanced = [f for f in module.FIELDS if f.advanced]
        # The secret goes right after the last plain text field (the user name, for Saferpay).
        texts = [i for i, f in enumerate(basic) if not f.choices]
        secret_at = texts[-1] + 1 if texts else len(basic)
        for position, field in enumerate(basic):
            if position == secret_at:
                self._add_secret_row(module, mnemonics)
            self._add_field_row(module, field, mnemonics)
        if secret_at >= len(basic):
            self._add_secret_row(module, mnemonics)

        self._advanced_toggle = QToolButton()
        self._advanced_toggle.setObjectName("advanced_toggle")
        self._advanced_toggle.setText(self._advanced_label)
        self._advanced_toggle.setAccessibleName(_plain(self._advanced_label))
        self._advanced_toggle.setCheckable(True)
        self._advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._advanced_toggle.setAutoRaise(True)
        self._advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self._advanced_toggle.setToolTip(self.tr("Settings you normally leave empty."))
        self._advanced_toggle.setVisible(bool(advanced))
        self._place(None, self._advanced_toggle)
        for field in advanced:
            self._add_field_row(module, field, mnemonics)

        if editing is not None:
            for inp in self._inputs:
                if inp.field is None:
                    continue
                value = editing.get(inp.key) or ""
                if isinstance(inp.widget, QComboBox):
                    index = inp.widget.findData(value)
                    if index >= 0:
                        inp.widget.setCurrentIndex(index)
                else:
                    inp.widget.setText(value)
            self._touched |= {inp.key for inp in self._all_inputs() if inp.key != "secret"}

        has_advanced_values = editing is not None and any(editing.get(f.key) for f in advanced)
        self._advanced_toggle.toggled.connect(self._set_advanced_visible)
        self._set_advanced_visible(has_advanced_values, resize=False)
        self._advanced_toggle.setChecked(has_advanced_values)

        self._building = False
        self._set_tab_order()
        self._refresh()
        self._fit()

    def _add_field_row(self, module, field: Field, mnemonics: _Mnemonics) -> None:
        label = _(field.label)
        tooltip = _(field.help) if field.help else ""
        if field.choices:
            widget: QLineEdit | QComboBox = QComboBox()
            if not field.required and field.default is None:
                widget.addItem(_(field.empty_choice) if field.empty_choice else self.tr("Automatic"), "")
            for value in field.choices:
                widget.addItem(_(field.choice_label(value)), value)
            if field.default is not None:
                widget.setCurrentIndex(max(0, widget.findData(field.default)))
            widget.currentIndexChanged.connect(lambda _i, k=field.key: self._touch(k))
            widget.currentIndexChanged.connect(self._refresh)
        else:
            widget = QLineEdit()
            if field.placeholder:
                placeholder = _(field.placeholder)
            elif field.default:
                placeholder = self.tr("Leave empty to use {value}").format(value=field.default)
            else:
                placeholder = tooltip
            widget.setPlaceholderText(placeholder)
            tooltip = tooltip or placeholder
            widget.textEdited.connect(lambda _t, k=field.key: self._touch(k))
            widget.textChanged.connect(self._refresh)
        widget.setObjectName(f"field_{field.key}")
        widget.setToolTip(tooltip)
        cell, error = self._cell(widget, field.key)
        row_label = self._add_row(mnemonics.add(label), label, widget, cell)
        self._inputs.append(_Input(field.key, label, widget, error, cell, row_label, field, field.advanced, tooltip))

    def _add_secret_row(self, module, mnemonics: _Mnemonics) -> None:
        label = _capital(_(module.SECRET_LABEL))  # the catalog's words fit inside a sentence
        edit = QLineEdit()
        edit.setObjectName("field_secret")
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        if self._editing is not None:
            edit.setPlaceholderText(self.tr("Leave empty to keep the stored one"))
        tooltip = self.tr("Kept only in this computer's credential store, never in a file.")
        edit.setToolTip(tooltip)
        show = QCheckBox(self._show_label)
        show.setObjectName("show_secret")
        show.setAccessibleName(self.tr("Show {secret}").format(secret=label))
        show.setToolTip(self.tr("Show the characters you typed."))
        show.toggled.connect(
            lambda on: edit.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        )
        self._show_secret = show
        cell, error = self._cell(edit, "secret", extra=show)
        row_label = self._add_row(mnemonics.add(label), label, edit, cell)
        edit.textEdited.connect(lambda _t: self._touch("secret"))
        edit.textChanged.connect(self._refresh)
        self._secret = _Input("secret", label, edit, error, cell, row_label, description=tooltip)
        self._secret_module = module
        self._inputs.append(self._secret)

    def _add_row(self, label_text: str, accessible: str, widget: QWidget, cell: QWidget) -> QLabel:
        label = _row_label(label_text, widget)
        widget.setAccessibleName(accessible)
        self._place(label, cell)
        return label

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [self._provider, self._name]
        for inp in self._inputs:
            if inp.advanced and self._advanced_toggle not in chain:
                chain.append(self._advanced_toggle)
            chain.append(inp.widget)
            if inp.key == "secret":
                chain.append(self._show_secret)
        if self._advanced_toggle not in chain:
            chain.append(self._advanced_toggle)
        chain += [self._save, self._cancel]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _set_advanced_visible(self, visible: bool, resize: bool = True) -> None:
        self._advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow)
        for inp in self._inputs:
            if inp.advanced:
                inp.cell.setVisible(visible)
                if inp.row_label is not None:
                    inp.row_label.setVisible(visible)
        if resize:
            self._fit()

    def _fit(self, grow_only: bool = False) -> None:
        """Fit the content's height (wrapped texts included); never narrower than the user made it."""
        layout = self.layout()
        layout.activate()
        width = max(self.width(), self.sizeHint().width(), MIN_WIDTH)
        height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else self.sizeHint().height()
        if grow_only:
            if height <= self.height():
                return
        self.resize(width, height)

    # -- checking ----------------------------------------------------------------------------------

    def _all_inputs(self) -> list[_Input]:
        return [self._name_input, *self._inputs]

    def _touch(self, key: str) -> None:
        if key not in self._touched:
            self._touched.add(key)
            self._refresh()

    def _value(self, inp: _Input) -> str:
        if isinstance(inp.widget, QComboBox):
            return inp.widget.currentData() or ""
        return inp.widget.text()

    def _problem(self, inp: _Input) -> str | None:
        """What is wrong with one input, as a sentence naming the field; None when it is fine."""
        value = self._value(inp)
        try:
            if inp.key == "name":
                name = validate_name(value)
                if self._is_other_terminals_name(name):
                    return self.tr("A terminal named '{name}' already exists; choose another name.").format(name=name)
            elif inp.key == "secret":
                if not (self._editing is not None and value == ""):
                    self._secret_module.validate_secret(value)
            elif inp.field is not None:
                field = inp.field
                if value.strip():
                    field.validate(field.key, value)
                elif field.required and field.default is None:
                    field.validate(field.key, "")  # raises with what to enter
        except ValidationError as exc:
            return self.tr("{label} {problem}").format(label=inp.label, problem=exc.message)
        return None

    def _is_other_terminals_name(self, name: str) -> bool:
        if self._editing is not None and name.casefold() == self._editing.name.strip().casefold():
            return False  # its own name (also with other capitals: the history compares without case)
        try:
            return bool(self._name_taken(name))
        except HistoryError:
            return False  # cannot tell now; saving will say so if it is taken

    def _problems(self) -> list[tuple[_Input, str]]:
        found = []
        for inp in self._all_inputs():
            problem = self._problem(inp)
            if problem:
                found.append((inp, problem))
        return found

    def _refresh(self) -> None:
        """Re-check every input: errors under touched fields, Save enabled only when all is valid."""
        if self._building:
            return
        problems = dict((inp.key, text) for inp, text in self._problems())
        changed = False
        for inp in self._all_inputs():
            shown = problems.get(inp.key) if inp.key in self._touched else None
            if inp.error.text() != (shown or "") or inp.error.isHidden() == bool(shown):
                inp.error.setText(shown or "")
                inp.error.setVisible(bool(shown))
                # The grid caches the cell's height for its width; a longer message must reach it.
                inp.cell.layout().invalidate()
                inp.cell.updateGeometry()
                changed = True
            inp.widget.setAccessibleDescription(shown or inp.description)
        if changed:
            self._fit(grow_only=True)  # a window manager does not grow a dialog for wrapped text
        self._save.setEnabled(not problems and not self._saving)
        if problems:
            names = [inp.label for inp in self._all_inputs() if inp.key in problems]
            hidden = any(inp.advanced and inp.key in problems for inp in self._inputs)
            text = self.tr("To save, fill in or correct: {fields}.").format(fields=", ".join(names))
            if hidden and not self._advanced_toggle.isChecked():
                text += " " + self.tr("(Some are under Advanced settings.)")
            self._hint.setText(text)
        self._hint.setVisible(bool(problems))

    # -- saving ------------------------------------------------------------------------------------

    def _settings(self) -> dict[str, str | None]:
        return {inp.key: (self._value(inp) or None) for inp in self._inputs if inp.field is not None}

    def _build_terminal(self) -> Terminal:
        if self._editing is None:
            return new_terminal(self._name.text(), self.provider, self._settings())
        return Terminal(
            id=self._editing.id,
            name=validate_name(self._name.text()),
            provider=self._editing.provider,
            settings=validate_settings(self._editing.provider, self._settings()),
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
        secret = self._secret.widget.text()
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
        self._banner.setText(text)
        self._banner.setAccessibleDescription(text)
        self._banner.show()
        self._fit()


def _row_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    # As tall as the input and centred on it, so label and input line up whatever the font.
    label.setMinimumHeight(buddy.sizeHint().height())
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    # A little room on the right: some font/hinting combinations draw the last glyph past the
    # measured width, which would be clipped.
    label.setContentsMargins(0, 0, 4, 0)
    return label


def _is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _error_color(widget: QWidget) -> str:
    return "#ff8a80" if _is_dark(widget) else "#b3261e"


def _banner_style(widget: QWidget) -> str:
    if _is_dark(widget):
        return (
            "QLabel { background: #4a1c1c; color: #ffdad6; border: 1px solid #8c1d18; "
            "border-radius: 4px; padding: 8px; }"
        )
    return (
        "QLabel { background: #fdecea; color: #8c1d18; border: 1px solid #f1aeb5; border-radius: 4px; padding: 8px; }"
    )
