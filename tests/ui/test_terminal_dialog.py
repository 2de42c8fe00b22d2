"""The terminal dialogs, driven like a person would: typing, clicking, Enter and Esc.

Real parts underneath: the core validators, a History on a temporary SQLite file, and the OS
credential store through KeyringStore (the in-memory keyring backend from conftest).
"""

from __future__ import annotations

import keyring
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from keyring.backends import fail
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from app.core.history import DuplicateName, History, HistoryError
from app.core.providers.base import Terminal
from app.core.secrets import SERVICE, KeyringStore, SecretStoreError
from app.core.terminals import save_terminal, new_terminal, validate_settings
from app.core.validation import ValidationError
from app.ui.dialogs.remove_terminal import build_remove_box, confirm_remove_terminal
from app.ui.dialogs.terminal_dialog import MIN_WIDTH, TerminalDialog

PASSWORD = "s3cret-Pa55word"


@pytest.fixture
def history(tmp_path):
    h = History(tmp_path / "history.db")
    yield h
    h.close()


@pytest.fixture
def store():
    return KeyringStore()


class Saver:
    """What the window does on Save (core save_terminal), recording each call."""

    def __init__(self, history: History, store) -> None:
        self.history, self.store = history, store
        self.calls: list[tuple[Terminal, str | None]] = []

    def __call__(self, terminal: Terminal, secret: str | None) -> None:
        self.calls.append((terminal, secret))
        save_terminal(self.history, self.store, terminal, secret, new=self.history.terminal(terminal.id) is None)

    def name_taken(self, name: str) -> bool:
        return self.history.terminal_by_name(name) is not None


@pytest.fixture
def saver(history, store):
    return Saver(history, store)


def open_dialog(qtbot, saver, **kwargs) -> TerminalDialog:
    dialog = TerminalDialog(save=saver, name_taken=saver.name_taken, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def line(dialog, key) -> QLineEdit:
    widget = dialog.findChild(QLineEdit, f"field_{key}")
    assert widget is not None, key
    return widget


def error_text(dialog, key) -> str:
    label = dialog.findChild(QLabel, f"error_{key}")
    return label.text() if label is not None and label.isVisible() else ""


def save_button(dialog) -> QPushButton:
    return dialog.findChild(QPushButton, "save")


def type_saferpay(qtbot, dialog, name="Counter 1", terminal_id="12341234", secret=PASSWORD):
    qtbot.keyClicks(line(dialog, "name"), name)
    qtbot.keyClicks(line(dialog, "customer_id"), "401234")
    qtbot.keyClicks(line(dialog, "terminal_id"), terminal_id)
    qtbot.keyClicks(line(dialog, "username"), "API_401234_12341234")
    qtbot.keyClicks(line(dialog, "secret"), secret)


def stored_saferpay(history, store, name="Counter 1", **settings) -> Terminal:
    values = {
        "customer_id": "401234",
        "terminal_id": "12341234",
        "username": "API_401234_12341234",
        "environment": "test",
        **settings,
    }
    terminal = new_terminal(name, "saferpay", values)
    history.add_terminal(terminal)
    store.set(terminal.id, PASSWORD)
    return terminal


# -- adding -----------------------------------------------------------------------------------------


def test_valid_saferpay_terminal_is_saved_to_history_and_credential_store(qtbot, saver, history, store, memory_keyring):
    dialog = open_dialog(qtbot, saver)
    assert dialog.findChild(QComboBox, "provider").currentData() == "saferpay"
    assert not save_button(dialog).isEnabled()
    type_saferpay(qtbot, dialog)
    assert save_button(dialog).isEnabled()
    assert dialog.findChild(QLabel, "save_hint").isHidden()

    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    [(terminal, secret)] = saver.calls
    assert secret == PASSWORD
    assert terminal.name == "Counter 1" and terminal.provider == "saferpay"
    assert dict(terminal.settings) == {
        "customer_id": "401234",
        "terminal_id": "12341234",
        "username": "API_401234_12341234",
        "environment": "test",
    }
    assert len(terminal.id) == 32
    assert dialog.result_terminal == terminal
    assert history.terminal_by_name("counter 1") == terminal
    assert store.get(terminal.id) == PASSWORD
    assert memory_keyring.values[(SERVICE, terminal.id)] == PASSWORD


def test_fresh_form_shows_no_red_but_says_what_save_needs(qtbot, saver):
    dialog = open_dialog(qtbot, saver)
    errors = [label for label in dialog.findChildren(QLabel) if label.objectName().startswith("error_")]
    assert errors and not any(label.isVisible() for label in errors)
    hint = dialog.findChild(QLabel, "save_hint")
    assert hint.isVisible()
    assert "Terminal ID" in hint.text() and "JSON API password" in hint.text()
    assert not save_button(dialog).isEnabled()


def test_bad_terminal_id_is_named_under_the_field_and_save_stays_disabled(qtbot, saver):
    dialog = open_dialog(qtbot, saver)
    type_saferpay(qtbot, dialog, terminal_id="1234567")
    message = error_text(dialog, "terminal_id")
    assert "Terminal ID" in message and "'1234567'" in message and "8 digits" in message
    assert line(dialog, "terminal_id").accessibleDescription() == message
    assert not save_button(dialog).isEnabled()
    assert "Terminal ID" in dialog.findChild(QLabel, "save_hint").text()
    # Fixing it clears the error and enables Save.
    qtbot.keyClicks(line(dialog, "terminal_id"), "8")
    assert error_text(dialog, "terminal_id") == ""
    assert save_button(dialog).isEnabled()


def test_duplicate_name_is_refused_whatever_its_capitals(qtbot, saver, history, store):
    stored_saferpay(history, store, name="Counter 1")
    dialog = open_dialog(qtbot, saver)
    type_saferpay(qtbot, dialog, name="COUNTER 1")
    assert "already exists" in error_text(dialog, "name")
    assert not save_button(dialog).isEnabled()


@pytest.mark.parametrize(
    "url, ok",
    [
        ("http://example.com/api", False),
        ("http://192.168.1.10:8080", False),
        ("http://127.0.0.1:8080/api", True),
        ("http://localhost:9000", True),
        ("https://test.saferpay.com/api", True),
    ],
)
def test_base_url_plain_http_only_to_this_computer(qtbot, saver, url, ok):
    dialog = open_dialog(qtbot, saver)
    type_saferpay(qtbot, dialog)
    qtbot.mouseClick(dialog.findChild(QToolButton, "advanced_toggle"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(line(dialog, "base_url"), url)
    assert save_button(dialog).isEnabled() is ok
    if not ok:
        assert "http://" in error_text(dialog, "base_url")


def test_secret_is_masked_until_show_is_ticked(qtbot, saver):
    dialog = open_dialog(qtbot, saver)
    secret = line(dialog, "secret")
    show = dialog.findChild(QCheckBox, "show_secret")
    assert secret.echoMode() == QLineEdit.EchoMode.Password
    show.click()
    assert secret.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.keyClick(show, Qt.Key.Key_Space)
    assert secret.echoMode() == QLineEdit.EchoMode.Password


def test_secret_with_spaces_or_too_long_is_refused(qtbot, saver):
    dialog = open_dialog(qtbot, saver)
    type_saferpay(qtbot, dialog, secret=" " + PASSWORD)
    assert "spaces" in error_text(dialog, "secret")
    assert not save_button(dialog).isEnabled()
    line(dialog, "secret").clear()
    qtbot.keyClicks(line(dialog, "secret"), "x" * 33)  # Saferpay passwords are at most 32
    assert "at most 32" in error_text(dialog, "secret")
    assert not save_button(dialog).isEnabled()


# -- editing ----------------------------------------------------------------------------------------


def test_edit_keeps_id_and_the_stored_secret_when_left_empty(qtbot, saver, history, store):
    original = stored_saferpay(history, store)
    dialog = open_dialog(qtbot, saver, terminal=original)
    provider = dialog.findChild(QComboBox, "provider")
    assert provider.currentData() == "saferpay" and not provider.isEnabled()
    assert line(dialog, "terminal_id").text() == "12341234"
    assert line(dialog, "secret").text() == ""
    assert line(dialog, "secret").placeholderText() == "Leave empty to keep the stored one"
    assert save_button(dialog).isEnabled()  # the name is its own, not a duplicate

    line(dialog, "terminal_id").selectAll()
    qtbot.keyClicks(line(dialog, "terminal_id"), "87654321")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    [(terminal, secret)] = saver.calls
    assert secret is None
    assert terminal.id == original.id
    assert terminal.settings["terminal_id"] == "87654321"
    assert history.terminal(original.id).settings["terminal_id"] == "87654321"
    assert store.get(original.id) == PASSWORD


def test_edit_with_a_new_secret_replaces_it_and_allows_recasing_its_own_name(qtbot, saver, history, store):
    original = stored_saferpay(history, store, name="counter 1")
    dialog = open_dialog(qtbot, saver, terminal=original)
    line(dialog, "name").selectAll()
    qtbot.keyClicks(line(dialog, "name"), "Counter 1")
    qtbot.keyClicks(line(dialog, "secret"), "new-password")
    assert error_text(dialog, "name") == ""
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert saver.calls[0][1] == "new-password"
    assert history.terminal(original.id).name == "Counter 1"
    assert store.get(original.id) == "new-password"


def test_edit_refuses_the_name_of_another_terminal(qtbot, saver, history, store):
    stored_saferpay(history, store, name="Counter 1")
    second = stored_saferpay(history, store, name="Counter 2", terminal_id="22222222")
    dialog = open_dialog(qtbot, saver, terminal=second)
    line(dialog, "name").selectAll()
    qtbot.keyClicks(line(dialog, "name"), "Counter 1")
    assert "already exists" in error_text(dialog, "name")
    assert not save_button(dialog).isEnabled()


def test_edit_shows_a_stored_value_that_is_no_longer_valid(qtbot, saver):
    broken = Terminal(
        "abc",
        "Old one",
        "saferpay",
        {"customer_id": "401234", "terminal_id": "123", "username": "u", "environment": "test"},
    )
    dialog = open_dialog(qtbot, saver, terminal=broken)
    assert "'123'" in error_text(dialog, "terminal_id")
    assert not save_button(dialog).isEnabled()


# -- failures while saving --------------------------------------------------------------------------


def test_no_credential_store_shows_the_banner_keeps_values_and_stays_open(qtbot, saver, history):
    keyring.set_keyring(fail.Keyring())  # the real KeyringStore path to SecretStoreError (conftest restores)
    dialog = open_dialog(qtbot, saver)
    banner = dialog.findChild(QLabel, "error_banner")
    assert banner.isHidden()
    type_saferpay(qtbot, dialog)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    assert dialog.isVisible() and dialog.result() == 0 and dialog.result_terminal is None
    assert banner.isVisible()
    assert banner.accessibleName() == "Error"
    assert "No OS credential store" in banner.text()
    assert "Traceback" not in banner.text()
    assert line(dialog, "name").text() == "Counter 1"
    assert line(dialog, "terminal_id").text() == "12341234"
    assert line(dialog, "secret").text() == PASSWORD
    assert save_button(dialog).isEnabled()  # try again once the store is back
    assert history.terminals() == []


def test_name_taken_meanwhile_shows_the_history_message(qtbot, saver, history, store):
    dialog = TerminalDialog(save=saver)  # no name_taken: the history itself refuses
    qtbot.addWidget(dialog)
    dialog.show()
    stored_saferpay(history, store, name="Counter 1", terminal_id="87654321")  # another terminal, same name
    type_saferpay(qtbot, dialog)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    banner = dialog.findChild(QLabel, "error_banner")
    assert banner.isVisible() and "already exists" in banner.text()
    assert dialog.result() == 0
    new_id = saver.calls[0][0].id
    with pytest.raises(SecretStoreError):
        store.get(new_id)  # the secret stored for the refused terminal was taken back


@pytest.mark.parametrize(
    "error",
    [
        SecretStoreError("The OS credential store is locked. Unlock it."),
        DuplicateName("A terminal named 'X' already exists; choose another name."),
        HistoryError("The history file is read-only."),
    ],
)
def test_every_store_error_lands_in_the_banner(qtbot, error):
    def failing(terminal, secret):
        raise error

    dialog = TerminalDialog(save=failing)
    qtbot.addWidget(dialog)
    dialog.show()
    type_saferpay(qtbot, dialog)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    banner = dialog.findChild(QLabel, "error_banner")
    assert banner.isVisible() and str(error) in banner.text()
    assert dialog.isVisible()


# -- SUNBAY, advanced, keyboard ---------------------------------------------------------------------


def test_sunbay_form_has_its_own_fields(qtbot, saver, history, store):
    dialog = open_dialog(qtbot, saver)
    qtbot.keyClicks(line(dialog, "name"), "Till 2")
    provider = dialog.findChild(QComboBox, "provider")
    provider.setCurrentIndex(provider.findData("sunbay"))

    assert line(dialog, "name").text() == "Till 2"  # kept across the switch
    for key in ("app_id", "merchant_id", "terminal_sn", "channel_code", "secret", "base_url"):
        assert line(dialog, key) is not None
    for key in ("customer_id", "terminal_id", "username", "spec_version"):
        assert dialog.findChild(QLineEdit, f"field_{key}") is None
    assert "SUNBAY Nexus portal" in dialog.findChild(QLabel, "intro").text()
    assert line(dialog, "secret").accessibleName() == "API key"
    environment = dialog.findChild(QComboBox, "field_environment")
    assert [environment.itemData(i) for i in range(environment.count())] == ["", "test", "live"]

    qtbot.keyClicks(line(dialog, "app_id"), "app_123456")
    qtbot.keyClicks(line(dialog, "merchant_id"), "mch_789012")
    qtbot.keyClicks(line(dialog, "terminal_sn"), "T1234567890")
    qtbot.keyClicks(line(dialog, "channel_code"), "TSYS")
    qtbot.keyClicks(line(dialog, "secret"), "sk_test_4eC39HqLyjWDarjtT1zdp7dc")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    terminal = history.terminal_by_name("Till 2")
    assert terminal.provider == "sunbay"
    assert dict(terminal.settings) == {
        "app_id": "app_123456",
        "merchant_id": "mch_789012",
        "terminal_sn": "T1234567890",
        "channel_code": "TSYS",
    }
    assert store.get(terminal.id) == "sk_test_4eC39HqLyjWDarjtT1zdp7dc"


def test_advanced_section_is_collapsed_until_opened(qtbot, saver):
    dialog = open_dialog(qtbot, saver)
    toggle = dialog.findChild(QToolButton, "advanced_toggle")
    assert not toggle.isChecked()
    assert not line(dialog, "base_url").isVisible() and not line(dialog, "spec_version").isVisible()
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert line(dialog, "base_url").isVisible() and line(dialog, "spec_version").isVisible()
    assert line(dialog, "spec_version").placeholderText() == "Leave empty to use 1.53"


def test_advanced_section_is_open_when_editing_a_terminal_with_advanced_values(qtbot, saver, history, store):
    plain = stored_saferpay(history, store, name="Plain")
    custom = stored_saferpay(history, store, name="Custom", base_url="http://127.0.0.1:8080")
    assert not open_dialog(qtbot, saver, terminal=plain).advanced_expanded()
    dialog = open_dialog(qtbot, saver, terminal=custom)
    assert dialog.advanced_expanded()
    assert line(dialog, "base_url").isVisible()
    assert line(dialog, "base_url").text() == "http://127.0.0.1:8080"


def test_enter_saves_only_when_the_form_is_valid_and_esc_cancels(qtbot, saver):
    dialog = open_dialog(qtbot, saver)
    qtbot.keyClicks(line(dialog, "name"), "Counter 1")
    qtbot.keyClick(line(dialog, "name"), Qt.Key.Key_Return)
    assert saver.calls == [] and dialog.isVisible()

    type_saferpay(qtbot, dialog, name="")
    qtbot.keyClick(line(dialog, "secret"), Qt.Key.Key_Return)
    assert len(saver.calls) == 1 and dialog.result() == QDialog.DialogCode.Accepted

    other = open_dialog(qtbot, saver)
    type_saferpay(qtbot, other, name="Counter 2")
    qtbot.keyClick(line(other, "name"), Qt.Key.Key_Escape)
    assert other.result() == QDialog.DialogCode.Rejected and not other.isVisible()
    assert len(saver.calls) == 1


def focus_chain(dialog, start) -> list[str]:
    names, widget = [], start
    while True:
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.objectName()
        ):
            names.append(widget.objectName())
        widget = widget.nextInFocusChain()
        if widget is start:
            return names


def test_tab_order_runs_top_to_bottom(qtbot, saver):
    dialog = open_dialog(qtbot, saver)
    type_saferpay(qtbot, dialog)
    qtbot.mouseClick(dialog.findChild(QToolButton, "advanced_toggle"), Qt.MouseButton.LeftButton)
    provider = dialog.findChild(QComboBox, "provider")
    assert focus_chain(dialog, provider) == [
        "provider",
        "field_name",
        "field_customer_id",
        "field_terminal_id",
        "field_username",
        "field_secret",
        "show_secret",
        "field_environment",
        "advanced_toggle",
        "field_base_url",
        "field_spec_version",
        "save",
        "cancel",
    ]


@pytest.mark.parametrize("provider", ["saferpay", "sunbay"])
def test_every_input_has_a_label_buddy_a_distinct_mnemonic_and_an_accessible_name(qtbot, saver, provider):
    dialog = open_dialog(qtbot, saver, provider=provider)
    inputs = [w for w in dialog.findChildren(QWidget) if isinstance(w, (QLineEdit, QComboBox)) and w.objectName()]
    buddies = {label.buddy(): label for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    mnemonics = []
    for widget in inputs:
        assert widget.accessibleName(), widget.objectName()
        assert widget in buddies, widget.objectName()
        text = buddies[widget].text().replace("&&", "")
        assert "&" in text, text
        mnemonics.append(text[text.index("&") + 1].lower())
    for other in ("show_secret", "advanced_toggle", "save"):
        text = dialog.findChild(QWidget, other).text()
        mnemonics.append(text[text.index("&") + 1].lower())
    assert len(mnemonics) == len(set(mnemonics)), mnemonics
    assert dialog.minimumWidth() >= MIN_WIDTH


def test_long_error_texts_and_inputs_get_their_full_height(qtbot, saver):
    """Not a pixel test: every input and wrapped text gets the height it needs (nothing clipped)."""
    dialog = open_dialog(qtbot, saver)
    type_saferpay(qtbot, dialog, terminal_id="1234567", secret=" x")
    qtbot.mouseClick(dialog.findChild(QToolButton, "advanced_toggle"), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(line(dialog, "base_url"), "http://example.com/a/rather/long/path/to/wrap")
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.objectName()
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, (QLineEdit, QComboBox)) and widget.isVisible():
            assert widget.height() >= widget.minimumSizeHint().height()
    assert not dialog.grab().isNull()


# -- the dialog agrees with core on every value -----------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(customer=st.text(alphabet="0123456789a -", max_size=10), terminal=st.text(alphabet="0123456789 x", max_size=10))
def test_save_is_enabled_exactly_when_core_accepts_the_settings(qtbot, customer, terminal):
    dialog = TerminalDialog(save=lambda t, s: None)
    qtbot.addWidget(dialog)
    line(dialog, "name").setText("Counter 1")
    line(dialog, "username").setText("API_1_2")
    line(dialog, "secret").setText(PASSWORD)
    line(dialog, "customer_id").setText(customer)
    line(dialog, "terminal_id").setText(terminal)
    try:
        validate_settings(
            "saferpay", {"customer_id": customer, "terminal_id": terminal, "username": "API_1_2", "environment": "test"}
        )
        core_ok = True
    except ValidationError:
        core_ok = False
    assert save_button(dialog).isEnabled() is core_ok


# -- removing -----------------------------------------------------------------------------------------


def test_remove_box_says_what_goes_and_what_stays_with_cancel_as_default(qtbot, history, store):
    terminal = stored_saferpay(history, store, name="Counter <b>1</b>")
    box = build_remove_box(None, terminal)
    qtbot.addWidget(box)
    assert box.text() == "Remove terminal 'Counter <b>1</b>'?"
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "JSON API password" in box.informativeText() and "history" in box.informativeText()
    cancel = box.findChild(QPushButton, "cancel")
    assert box.defaultButton() is cancel and box.escapeButton() is cancel
    remove = box.findChild(QPushButton, "remove")
    assert box.buttonRole(remove) == QMessageBox.ButtonRole.DestructiveRole


@pytest.mark.parametrize("button, expected", [("remove", True), ("cancel", False), (None, False)])
def test_confirm_remove_terminal_is_true_only_for_remove(qtbot, history, store, button, expected):
    terminal = stored_saferpay(history, store)

    def answer():
        box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "remove_terminal" and w.isVisible())
        if button is None:
            qtbot.keyClick(box, Qt.Key.Key_Escape)
        else:
            box.findChild(QPushButton, button).click()

    QTimer.singleShot(0, answer)
    assert confirm_remove_terminal(None, terminal) is expected
