"""One provider's rows, as the add, edit and import dialogs show them: built from the provider's contract alone.

The form lays out a provider chooser, the rows its dialog adds (the terminal's name), the provider's ``FIELDS``
(or only the account's shared ones, for import), the secret, and an "Advanced settings" toggle over the
advanced fields (the base URL override). Every word about a provider comes from its module (labels, help,
placeholders, choice words: marked ``N_()`` there, shown here through core ``_()``); nothing here names a
provider. What a valid value is lives in ``app.core`` alone: the form runs the fields' validators on every
keystroke and shows each problem under its input once the input was edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core import providers
from app.core.i18n import _
from app.core.providers.base import Terminal
from app.core.providers.contract import Capability, Provider
from app.core.validation import Field, ValidationError
from app.ui import theme
from app.ui.widgets.text import wrapped

SECRET = "secret"  # the input key of the provider's secret


@dataclass(frozen=True)
class ExtraRow:
    """A text row of the dialog's own, placed after the provider chooser (the terminal's name).

    ``check(value)`` returns a sentence naming the problem, or None; it may raise ValidationError, which the
    form words as "<label> <problem>"."""

    key: str
    label: str  # with its mnemonic: "&Name"
    placeholder: str
    tooltip: str
    check: Callable[[str], str | None]
    value: str = ""


@dataclass(frozen=True)
class Problem:
    key: str
    label: str
    text: str
    advanced: bool


@dataclass
class _Input:
    key: str  # a Field key, an ExtraRow key, or SECRET
    label: str  # translated, without mnemonic
    widget: QLineEdit | QComboBox
    error: QLabel
    cell: QWidget  # the grid cell holding widget + error
    row_label: QLabel
    field: Field | None = None
    extra: ExtraRow | None = None
    advanced: bool = False
    description: str = ""  # accessible description while there is no error


class ProviderForm(QWidget):
    """The provider chooser and the chosen provider's rows.

    ``terminal``: edit that terminal (provider fixed, values filled, an empty secret keeps the stored one).
    ``account_only``: only the fields an account's terminals share (import). ``capability``: offer only the
    providers that have it. ``reserved``: texts whose mnemonics the dialog uses (its buttons).

    Object names: ``provider``, ``field_<key>`` for every input (``field_secret`` included), ``error_<key>``
    (the red text under it), ``show_secret``, ``advanced_toggle``.
    Signals: ``rebuilt`` after the rows of another provider were built; ``edited`` when a person changed a
    value; ``checked`` after every re-check (read :meth:`problems`); ``grew`` when texts need more height;
    ``folded`` when Advanced settings opened or closed.
    """

    rebuilt = Signal()
    edited = Signal()
    checked = Signal()
    grew = Signal()
    folded = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        secret_tooltip: str,
        terminal: Terminal | None = None,
        provider: str | None = None,
        account_only: bool = False,
        capability: Capability | None = None,
        extra_rows: Sequence[ExtraRow] = (),
        reserved: Iterable[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("provider_form")
        self._editing = terminal
        self._account_only = account_only
        self._secret_tooltip = secret_tooltip
        self._touched: set[str] = set()
        self._inputs: list[_Input] = []  # the provider's rows, rebuilt with the provider
        self._extras: list[_Input] = []
        self._provider_widgets: list[QWidget] = []
        self._building = True
        self._filling = False

        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self._grid.setVerticalSpacing(8)
        self._next_row = 0

        self._mnemonics = _Mnemonics()
        for text in reserved:
            self._mnemonics.reserve(text)

        self._provider = QComboBox()
        self._provider.setObjectName("provider")
        for module in providers.PROVIDERS.values():
            if terminal is not None and module.NAME != terminal.provider:
                continue
            if terminal is None and capability is not None and not module.can(capability):
                continue
            self._provider.addItem(module.LABEL, module.NAME)
        if terminal is not None:
            self._provider.setEnabled(False)
            self._provider.setToolTip(
                self.tr("The provider of a terminal cannot be changed; add a new terminal instead.")
            )
        elif provider is not None:
            self._provider.setCurrentIndex(max(0, self._provider.findData(provider)))
        self._provider.setAccessibleName(self.tr("Provider"))
        self._place(_row_label(self._mnemonics.reserve(self.tr("&Provider")), self._provider), self._provider)

        for extra in extra_rows:
            self._extras.append(self._add_extra_row(extra))

        self._show_label = self._mnemonics.add(self.tr("Show"))
        self._advanced_label = self._mnemonics.add(self.tr("Advanced settings"))
        self._fixed_rows = self._next_row
        self._fixed_mnemonics = set(self._mnemonics.used)

        self._provider.currentIndexChanged.connect(self._build)
        self._build()

    # -- public ------------------------------------------------------------------------------------

    @property
    def provider(self) -> str:
        """The chosen provider's NAME."""
        return self._provider.currentData()

    @property
    def module(self) -> Provider:
        return providers.get(self.provider)

    @property
    def provider_combo(self) -> QComboBox:
        return self._provider

    @property
    def advanced_toggle(self) -> QToolButton:
        return self._advanced_toggle

    def input(self, key: str) -> QLineEdit | QComboBox:
        """The input of a provider field key, an extra row's key, or ``"secret"``."""
        return self._find(key).widget

    def label(self, key: str) -> str:
        """The translated label of an input (no mnemonic); ``key`` itself when there is none."""
        try:
            return self._find(key).label
        except KeyError:
            return key

    def keys(self) -> list[str]:
        return [inp.key for inp in self._all()]

    def value(self, key: str) -> str:
        return _value(self._find(key).widget)

    def settings(self) -> dict[str, str | None]:
        """The provider fields' values (None where empty)."""
        return {inp.key: (_value(inp.widget) or None) for inp in self._inputs if inp.field is not None}

    def secret(self) -> str:
        return _value(self._find(SECRET).widget)

    def fill(self, values: Mapping[str, str]) -> None:
        """Put values into the inputs (a terminal's settings, a known account's); unknown keys are ignored."""
        self._filling = True
        try:
            for key, value in values.items():
                widget = next((inp.widget for inp in self._all() if inp.key == key), None)
                if isinstance(widget, QComboBox):
                    index = widget.findData(value or "")
                    if index >= 0:
                        widget.setCurrentIndex(index)
                elif widget is not None:
                    widget.setText(value or "")
        finally:
            self._filling = False
        self.recheck()

    def problems(self) -> list[Problem]:
        found = []
        for inp in self._all():
            text = self._problem(inp)
            if text:
                found.append(Problem(inp.key, inp.label, text, inp.advanced))
        return found

    def is_valid(self) -> bool:
        return not self.problems()

    def touch_all(self) -> None:
        """Show every input's problem, edited or not (after a click that needed them all)."""
        self._touched |= {inp.key for inp in self._all()}
        self.recheck()

    def focus_input(self, key: str) -> None:
        """Put the cursor into an input, opening Advanced settings when it is there."""
        try:
            inp = self._find(key)
        except KeyError:
            return
        if inp.advanced and not self._advanced_toggle.isChecked():
            self._advanced_toggle.setChecked(True)
        inp.widget.setFocus()

    def advanced_expanded(self) -> bool:
        return self._advanced_toggle.isChecked()

    def focus_chain(self) -> list[QWidget]:
        """The form's widgets in keyboard order (the dialog appends its buttons)."""
        chain: list[QWidget] = [self._provider]
        chain += [inp.widget for inp in self._extras]
        for inp in self._inputs:
            if inp.advanced and self._advanced_toggle not in chain:
                chain.append(self._advanced_toggle)
            chain.append(inp.widget)
            if inp.key == SECRET:
                chain.append(self._show_secret)
        if self._advanced_toggle not in chain:
            chain.append(self._advanced_toggle)
        return chain

    # -- building ----------------------------------------------------------------------------------

    def _place(self, label: QLabel | None, cell: QWidget, provider_row: bool = False) -> None:
        row = self._next_row
        self._next_row += 1
        if label is None:
            self._grid.addWidget(cell, row, 0, 1, 2)
        else:
            self._grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(cell, row, 1)
        if provider_row:
            self._provider_widgets += [w for w in (label, cell) if w is not None]

    def _add_extra_row(self, extra: ExtraRow) -> _Input:
        edit = QLineEdit()
        edit.setObjectName(f"field_{extra.key}")
        edit.setPlaceholderText(extra.placeholder)
        edit.setToolTip(extra.tooltip)
        plain = _plain(extra.label)
        edit.setAccessibleName(plain)
        cell, error = self._cell(edit, extra.key)
        label = _row_label(self._mnemonics.reserve(extra.label), edit)
        self._place(label, cell)
        edit.setText(extra.value)
        edit.textEdited.connect(lambda _t, k=extra.key: self._user_edit(k))
        edit.textChanged.connect(self.recheck)
        return _Input(extra.key, plain, edit, error, cell, label, extra=extra, description=extra.tooltip)

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
        error = wrapped(f"error_{key}")
        error.setStyleSheet(f"color: {theme.color('error')};")
        error.hide()
        column.addWidget(error)
        return cell, error

    def _fields(self, module: Provider) -> tuple[Field, ...]:
        if not self._account_only:
            return module.FIELDS
        return tuple(f for f in module.FIELDS if f.key not in module.PER_TERMINAL)

    def _build(self) -> None:
        """(Re)build the rows of the chosen provider; what was typed into the dialog's own rows is kept."""
        self._building = True
        for widget in self._provider_widgets:
            self._grid.removeWidget(widget)
            widget.setParent(None)  # gone from findChild() at once
            widget.deleteLater()
        self._provider_widgets = []
        self._next_row = self._fixed_rows
        self._inputs = []
        self._touched &= {inp.key for inp in self._extras}
        module = self.module
        mnemonics = _Mnemonics(self._fixed_mnemonics)

        fields = self._fields(module)
        basic = [f for f in fields if not f.advanced]
        advanced = [f for f in fields if f.advanced]
        # The secret goes right after the last text field that must be filled in (the user name, the serial
        # number): with the other credentials, before the choices and optional extras.
        texts = [i for i, f in enumerate(basic) if not f.choices and f.required and f.default is None]
        secret_at = texts[-1] + 1 if texts else len(basic)
        for position, field in enumerate(basic):
            if position == secret_at:
                self._add_secret_row(module, mnemonics)
            self._add_field_row(field, mnemonics)
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
        self._place(None, self._advanced_toggle, provider_row=True)
        for field in advanced:
            self._add_field_row(field, mnemonics)

        editing = self._editing
        if editing is not None:
            self.fill({inp.key: editing.get(inp.key) or "" for inp in self._inputs if inp.field is not None})
            self._touched |= {inp.key for inp in self._all() if inp.key != SECRET}
        open_advanced = editing is not None and any(editing.get(f.key) for f in advanced)
        self._advanced_toggle.toggled.connect(self._set_advanced_visible)
        self._set_advanced_visible(open_advanced)
        self._advanced_toggle.setChecked(open_advanced)
        if self.isVisible():
            # Qt shows rows added to a visible form only in the next turn of the event loop; until then the
            # dialog measures the new provider without them and stays too narrow for its longer texts.
            for widget in self._provider_widgets:
                if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
                    widget.show()

        self._building = False
        self.recheck()
        self.rebuilt.emit()

    def _add_field_row(self, field: Field, mnemonics: _Mnemonics) -> None:
        label = _(field.label)
        tooltip = _(field.help) if field.help else ""
        widget: QLineEdit | QComboBox
        if field.choices:
            widget = QComboBox()
            if not field.required and field.default is None:
                widget.addItem(_(field.empty_choice) if field.empty_choice else self.tr("Automatic"), "")
            for value in field.choices:
                widget.addItem(_(field.choice_label(value)), value)
            if field.default is not None:
                widget.setCurrentIndex(max(0, widget.findData(field.default)))
            widget.currentIndexChanged.connect(lambda _i, k=field.key: self._user_edit(k))
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
            widget.textEdited.connect(lambda _t, k=field.key: self._user_edit(k))
            widget.textChanged.connect(self.recheck)
        widget.setObjectName(f"field_{field.key}")
        widget.setToolTip(tooltip)
        widget.setAccessibleName(label)
        cell, error = self._cell(widget, field.key)
        row_label = _row_label(mnemonics.add(label), widget)
        self._place(row_label, cell, provider_row=True)
        self._inputs.append(
            _Input(field.key, label, widget, error, cell, row_label, field, None, field.advanced, tooltip)
        )

    def _add_secret_row(self, module: Provider, mnemonics: _Mnemonics) -> None:
        words = _(module.SECRET_LABEL)  # the catalog's words fit inside a sentence: "mot de passe JSON API"
        label = capital(words)
        edit = QLineEdit()
        edit.setObjectName(f"field_{SECRET}")
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        if self._editing is not None:
            edit.setPlaceholderText(self.tr("Leave empty to keep the stored one"))
        edit.setToolTip(self._secret_tooltip)
        edit.setAccessibleName(label)
        show = QCheckBox(self._show_label)
        show.setObjectName("show_secret")
        show.setAccessibleName(self.tr("Show {secret}").format(secret=words))
        show.setToolTip(self.tr("Show the characters you typed."))
        show.toggled.connect(
            lambda on: edit.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        )
        self._show_secret = show
        cell, error = self._cell(edit, SECRET, extra=show)
        row_label = _row_label(mnemonics.add(label), edit)
        self._place(row_label, cell, provider_row=True)
        edit.textEdited.connect(lambda _t: self._user_edit(SECRET))
        edit.textChanged.connect(self.recheck)
        self._inputs.append(_Input(SECRET, label, edit, error, cell, row_label, description=self._secret_tooltip))

    def _set_advanced_visible(self, visible: bool) -> None:
        self._advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow)
        for inp in self._inputs:
            if inp.advanced:
                inp.cell.setVisible(visible)
                inp.row_label.setVisible(visible)
        if not self._building:
            self.folded.emit()

    # -- checking ----------------------------------------------------------------------------------

    def _all(self) -> list[_Input]:
        return [*self._extras, *self._inputs]

    def _find(self, key: str) -> _Input:
        for inp in self._all():
            if inp.key == key:
                return inp
        raise KeyError(key)

    def _user_edit(self, key: str) -> None:
        if self._building or self._filling:
            return
        self._touched.add(key)
        self.recheck()
        self.edited.emit()

    def _problem(self, inp: _Input) -> str | None:
        """What is wrong with one input, as a sentence naming the field; None when it is fine."""
        value = _value(inp.widget)
        try:
            if inp.extra is not None:
                return inp.extra.check(value)
            if inp.key == SECRET:
                if not (self._editing is not None and value == ""):
                    self.module.validate_secret(value)
            elif inp.field is not None:
                field = inp.field
                if value.strip():
                    field.validate(field.key, value)
                elif field.required and field.default is None:
                    field.validate(field.key, "")  # raises with what to enter
        except ValidationError as exc:
            return self.tr("{label} {problem}").format(label=inp.label, problem=exc.message)
        return None

    def recheck(self) -> None:
        """Re-check every input and show the problems of the edited ones under them."""
        if self._building:
            return
        problems = {p.key: p.text for p in self.problems()}
        changed = False
        for inp in self._all():
            shown = problems.get(inp.key) if inp.key in self._touched else None
            if inp.error.text() != (shown or "") or inp.error.isHidden() == bool(shown):
                inp.error.setText(shown or "")
                inp.error.setVisible(bool(shown))
                # The grid caches the cell's height for its width; a longer message must reach it.
                layout = inp.cell.layout()
                if layout is not None:
                    layout.invalidate()
                inp.cell.updateGeometry()
                changed = True
            inp.widget.setAccessibleDescription(shown or inp.description)
        if changed:
            self._grid.invalidate()  # the form's own height for its width changed too
            self.updateGeometry()
        self.checked.emit()
        if changed:
            self.grew.emit()


def _value(widget: QLineEdit | QComboBox) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentData() or ""
    return widget.text()


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


def capital(text: str) -> str:
    """``text`` as a label: its first letter a capital ("mot de passe JSON API" -> "Mot de passe JSON API")."""
    return text[:1].upper() + text[1:]


def _plain(text: str) -> str:
    """A label without its mnemonic marker."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _row_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    # As tall as the input and centred on it, so label and input line up whatever the font.
    label.setMinimumHeight(buddy.sizeHint().height())
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    # Room on the right: with some fonts and hinting (DejaVu Sans under X11) the underlined mnemonic text
    # is drawn a few pixels wider than it measures, and a label clips its text at its own width
    # ("Terminal serial numbe"). A margin would not help: it is outside the text's rectangle.
    label.setMinimumWidth(label.sizeHint().width() + label.fontMetrics().averageCharWidth())
    return label
