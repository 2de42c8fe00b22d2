"""The provider form shared by the add, edit and import dialogs (app/ui/widgets/provider_form.py).

One widget builds a provider's rows from its contract alone: the same field looks the same in every dialog,
a provider's copy comes from its module (translated by the core catalogs), and a provider with a field of
its own gets a row for it without any change to the window.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QToolButton

from app.core import i18n, providers
from app.core.discovery import shared_fields
from app.core.i18n import N_
from app.core.providers.base import Terminal
from app.core.providers.handpoint import HandpointProvider
from app.core.terminals import new_terminal
from app.core.validation import Field, pattern
from app.resources import translation_path
from app.ui.dialogs.import_terminals import ImportTerminalsDialog
from app.ui.dialogs.terminal_dialog import TerminalDialog
from app.ui.widgets.provider_form import ProviderForm

ROOT = Path(__file__).resolve().parents[2]


def _nothing(_terminal: Terminal, _secret: str | None) -> None:
    raise AssertionError("nothing is saved in these tests")


def add_dialog(qtbot, **kwargs) -> TerminalDialog:
    dialog = TerminalDialog(save=_nothing, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def import_dialog(qtbot, **kwargs) -> ImportTerminalsDialog:
    dialog = ImportTerminalsDialog(save=_nothing, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def looks(dialog, key: str) -> dict:
    """What a person (and a screen reader) gets of one input: its label, texts and choices."""
    widget = dialog.input(key)
    label = next(lb for lb in dialog.findChildren(QLabel) if lb.buddy() is widget)
    seen = {
        "label": label.text().replace("&", ""),
        "accessible": widget.accessibleName(),
        "tooltip": widget.toolTip(),
        "class": type(widget).__name__,
    }
    if isinstance(widget, QComboBox):
        seen["choices"] = [(widget.itemData(i), widget.itemText(i)) for i in range(widget.count())]
        seen["chosen"] = widget.currentData()
    else:
        seen["placeholder"] = widget.placeholderText()
        seen["masked"] = widget.echoMode() == QLineEdit.EchoMode.Password
    return seen


@pytest.mark.parametrize("provider", sorted(providers.PROVIDERS))
def test_a_field_looks_the_same_in_the_add_and_the_import_dialog(qtbot, qloop, provider):
    add = add_dialog(qtbot, provider=provider)
    imp = import_dialog(qtbot, provider=provider)
    shared = [f.key for f in shared_fields(provider)]
    assert shared and all(imp.form.input(key) is not None for key in shared)
    for key in shared:
        assert looks(add, key) == looks(imp, key), key
    # The secret differs only in where it is kept (one terminal, or every imported one).
    add_secret, import_secret = looks(add, "secret"), looks(imp, "secret")
    assert add_secret.pop("tooltip") != import_secret.pop("tooltip")
    assert add_secret == import_secret and add_secret["masked"]
    # Import asks only for the account: the per-terminal fields are the lookup's.
    for key in providers.get(provider).PER_TERMINAL:
        assert imp.findChild(QLineEdit, f"field_{key}") is None and add.input(key) is not None


@pytest.mark.parametrize("provider", sorted(providers.PROVIDERS))
def test_every_row_shows_the_providers_own_copy(qtbot, provider):
    module = providers.get(provider)
    dialog = add_dialog(qtbot, provider=provider)
    assert dialog.findChild(QLabel, "intro").text() == module.HELP
    for field in module.FIELDS:
        seen = looks(dialog, field.key)
        assert seen["label"] == field.label and seen["accessible"] == field.label
        assert seen["tooltip"] == (field.help or seen.get("placeholder") or "")
        if field.choices:
            words = [words for value, words in seen["choices"] if value]
            assert words == [field.choice_label(value) for value in field.choices]
        elif field.placeholder:
            assert seen["placeholder"] == field.placeholder


def test_edit_fills_the_form_from_the_terminal_and_keeps_the_secret_when_left_empty(qtbot):
    terminal = new_terminal(
        "Till 2",
        "handpoint",
        {"device_type": "PAXA920PRO", "serial_number": "0740013311", "environment": "test", "batch_number": "12"},
    )
    dialog = add_dialog(qtbot, terminal=terminal)
    form = dialog.form
    assert not form.provider_combo.isEnabled() and form.provider == "handpoint"
    assert form.value("name") == "Till 2" and form.value("serial_number") == "0740013311"
    assert form.value("environment") == "test" and form.value("batch_number") == "12"
    assert form.advanced_expanded()  # the batch number is an advanced setting, and it has a value
    assert form.secret() == "" and form.is_valid()  # an empty secret keeps the stored one
    assert form.settings() == {**terminal.settings, "base_url": None, "currency": None}


def test_problems_are_shown_under_the_edited_field_only(qtbot):
    dialog = add_dialog(qtbot, provider="saferpay")
    form = dialog.form
    assert not dialog.findChild(QLabel, "error_customer_id").isVisible()
    qtbot.keyClicks(form.input("customer_id"), "12ab")
    error = dialog.findChild(QLabel, "error_customer_id")
    assert error.isVisible() and error.text().startswith("Customer ID '12ab' is not valid")
    assert not dialog.findChild(QLabel, "error_terminal_id").isVisible()  # not touched yet
    assert {p.key for p in form.problems()} >= {"name", "customer_id", "terminal_id", "username", "secret"}
    form.touch_all()
    assert dialog.findChild(QLabel, "error_terminal_id").isVisible()


# -- a provider with a field of its own ---------------------------------------------------------------


class _StoreCodeProvider(HandpointProvider):
    """Handpoint's contract with one more account field: a shop code the provider wants with every call."""

    NAME = "acme_store"
    LABEL = "Acme Store Pay"
    FIELDS = (
        *HandpointProvider.FIELDS,
        Field(
            "store_code",
            N_("Store code"),
            pattern(r"S-[0-9]{2}", "S- and two digits"),
            help="The shop's code in the Acme portal.",
            placeholder="e.g. S-12",
        ),
    )


@pytest.fixture
def store_provider():
    providers.register(_StoreCodeProvider())
    try:
        yield providers.get("acme_store")
    finally:
        providers.unregister("acme_store")


def test_a_provider_with_an_extra_field_gets_a_row_in_every_dialog(qtbot, qloop, store_provider):
    add = add_dialog(qtbot, provider="acme_store")
    assert add.findChild(QComboBox, "provider").currentText() == "Acme Store Pay"
    seen = looks(add, "store_code")
    assert seen["label"] == "Store code" and seen["placeholder"] == "e.g. S-12"
    assert seen["tooltip"] == "The shop's code in the Acme portal."
    qtbot.keyClicks(add.input("store_code"), "12")
    assert add.findChild(QLabel, "error_store_code").text().startswith("Store code '12' is not valid")
    add.input("store_code").clear()
    qtbot.keyClicks(add.input("store_code"), "S-12")
    for key, value in (("name", "Front"), ("device_type", "PAXA920"), ("serial_number", "991100"), ("secret", "k1")):
        qtbot.keyClicks(add.input(key), value)
    assert add.is_valid() and add.form.settings()["store_code"] == "S-12"

    imp = import_dialog(qtbot, provider="acme_store")
    assert looks(imp, "store_code") == looks(add, "store_code")  # an account field: import asks for it too

    terminal = new_terminal(
        "Front", "handpoint", {"device_type": "PAXA920", "serial_number": "991100", "environment": "live"}
    )
    edit = add_dialog(qtbot, terminal=dataclasses.replace(terminal, provider="acme_store"))
    assert edit.input("store_code").text() == "" and edit.findChild(QLabel, "error_store_code").isVisible()


def test_import_offers_only_providers_that_can_list_terminals(qtbot, qloop):
    class NoDiscovery(HandpointProvider):
        NAME = "acme_manual"
        LABEL = "Acme Manual"
        CAPABILITIES = frozenset()

    providers.register(NoDiscovery())
    try:
        imp = import_dialog(qtbot)
        add = add_dialog(qtbot)
        offered = [imp.form.provider_combo.itemData(i) for i in range(imp.form.provider_combo.count())]
        assert "acme_manual" not in offered and set(offered) == {"saferpay", "sunbay", "handpoint"}
        assert add.form.provider_combo.findData("acme_manual") >= 0
    finally:
        providers.unregister("acme_manual")


# -- words ------------------------------------------------------------------------------------------


@pytest.fixture
def german(qapp):
    translator = QTranslator()
    assert translator.load(str(translation_path("de")))
    qapp.installTranslator(translator)
    QLocale.setDefault(QLocale("de"))
    i18n.set_language("de")
    yield
    i18n.set_language("en")
    QLocale.setDefault(QLocale("en"))
    qapp.removeTranslator(translator)


def test_the_form_speaks_german_with_the_providers_copy_from_the_catalogs(qtbot, german):
    dialog = add_dialog(qtbot, provider="handpoint")
    assert dialog.findChild(QLabel, "intro").text().startswith("Verwenden Sie einen Cloud-API-Schlüssel")
    seen = looks(dialog, "serial_number")
    assert seen["label"] == "Seriennummer" and seen["placeholder"] == "z. B. 0740013311"
    assert looks(dialog, "environment")["choices"] == [("test", "Test"), ("live", "Live")]
    assert looks(dialog, "secret")["label"] == "Cloud-API-Schlüssel"
    assert dialog.findChild(QCheckBox, "show_secret").text().replace("&", "") == "Anzeigen"
    assert dialog.findChild(QToolButton, "advanced_toggle").text().replace("&", "") == "Erweiterte Einstellungen"
    imp = import_dialog(qtbot, provider="saferpay")
    assert imp.findChild(QLabel, "intro").text().startswith("Geben Sie einmal die Kunden-ID")
    assert looks(imp, "customer_id")["placeholder"] == "1 bis 8 Ziffern, z. B. 123456"


def test_no_dialog_names_a_provider_or_keeps_provider_text():
    """The dialogs and the form ask the provider's contract; none spells a provider's name."""
    files = [
        ROOT / "app" / "ui" / "widgets" / "provider_form.py",
        ROOT / "app" / "ui" / "dialogs" / "terminal_dialog.py",
        ROOT / "app" / "ui" / "dialogs" / "import_terminals.py",
    ]
    names = "|".join(re.escape(name) for name in ("saferpay", "sunbay", "handpoint"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not re.search(names, text, re.IGNORECASE), path.name
    assert "ProviderForm(" in files[1].read_text() and "ProviderForm(" in files[2].read_text()
    assert ProviderForm.__module__ == "app.ui.widgets.provider_form"


def test_errors_under_every_field_and_a_banner_keep_the_import_dialog_on_the_screen(qtbot, qloop):
    imp = import_dialog(qtbot, provider="saferpay")
    for key, value in (("customer_id", "12ab"), ("username", " "), ("secret", " x")):
        qtbot.keyClicks(imp.input(key), value)
    imp.form.advanced_toggle.setChecked(True)
    qtbot.keyClicks(imp.input("base_url"), "http://example.com/a/rather/long/path")
    imp.look_up()  # refused before anything is sent: the banner says why
    area = imp.screen().availableGeometry()
    assert imp.findChild(QLabel, "error_banner").isVisible()
    assert area.contains(imp.frameGeometry()), (imp.frameGeometry(), area)
    for label in imp.findChildren(QLabel):
        if label.isVisible() and label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.objectName()


@pytest.mark.parametrize("provider", sorted(providers.PROVIDERS))
def test_every_row_label_has_room_past_its_measured_text(qtbot, qloop, provider):
    # Under X11 with DejaVu Sans the underlined mnemonic text is drawn a few pixels wider than it measures; a
    # label cut exactly to the measure lost its last letter ("Terminal serial numbe").
    dialog = add_dialog(qtbot, provider=provider)
    dialog.form.advanced_toggle.setChecked(True)
    labels = [lb for lb in dialog.findChildren(QLabel) if lb.buddy() is not None and lb.isVisible()]
    assert len(labels) >= 5
    for label in labels:
        text = label.text().replace("&", "")
        assert label.contentsRect().width() >= label.fontMetrics().horizontalAdvance(text) + 4, text


def test_choosing_another_provider_widens_the_open_dialog_at_once(qtbot, qloop):
    """The new provider's rows count at once: the dialog is wide enough for SUNBAY's long environment choice
    (it stayed at the old provider's width, the choice cut off, until something else re-measured it)."""
    dialog = add_dialog(qtbot, provider="saferpay")
    qtbot.waitExposed(dialog)
    dialog.form.provider_combo.setCurrentIndex(dialog.form.provider_combo.findData("sunbay"))
    environment = dialog.input("environment")
    assert environment.isVisible()
    assert dialog.width() >= dialog.minimumSizeHint().width()
    assert environment.width() >= environment.sizeHint().width()
