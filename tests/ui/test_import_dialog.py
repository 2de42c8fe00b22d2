"""The Import terminals dialog, offscreen on the qasync loop, looking up at the simulator.

SUNBAY goes through a real loopback socket, Saferpay through the in-process simulator transport.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QProgressBar, QPushButton, QTableWidget

from app.core.http import make_client
from app.core.providers.base import Terminal
from app.core.secrets import SecretStoreError
from app.core.terminals import new_terminal
from app.simulator import Simulator, simulator_transport
from app.ui.dialogs.import_terminals import COL_DETAILS, COL_NAME, ImportTerminalsDialog

KEY = "sk_test_import_key"
PASSWORD = "sp-secret-pw"


class Saver:
    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[tuple[Terminal, str | None]] = []
        self.fail_on = fail_on

    def __call__(self, terminal: Terminal, secret: str | None) -> None:
        if terminal.name == self.fail_on:
            raise SecretStoreError("The credential store is locked; unlock it and try again.")
        self.calls.append((terminal, secret))


def open_dialog(qtbot, saver, **kwargs) -> ImportTerminalsDialog:
    dialog = ImportTerminalsDialog(save=saver, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def child(dialog, cls, name):
    widget = dialog.findChild(cls, name)
    assert widget is not None, name
    return widget


def fill(qtbot, dialog, provider, values, secret):
    combo = child(dialog, QComboBox, "provider")
    combo.setCurrentIndex(combo.findData(provider))
    for key, value in values.items():
        widget = dialog.input(key)
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        else:
            widget.clear()
            qtbot.keyClicks(widget, value)
    qtbot.keyClicks(dialog.input("secret"), secret)


def look_up(qtbot, dialog):
    with qtbot.waitSignal(dialog.lookupFinished, timeout=10_000) as finished:
        qtbot.mouseClick(child(dialog, QPushButton, "look_up"), Qt.MouseButton.LeftButton)
        assert dialog.busy and child(dialog, QLabel, "status").text() == "Looking up…"
        assert not child(dialog, QProgressBar, "busy").isHidden()
    assert not dialog.busy and child(dialog, QProgressBar, "busy").isHidden()
    return finished.args[0]


def banner(dialog) -> str:
    label = child(dialog, QLabel, "error_banner")
    return label.text() if label.isVisible() else ""


@pytest.fixture
def sunbay_shop(sim_server):
    sim, url = sim_server
    for sn, model in (("T100", "P3"), ("T200", "P2"), ("T300", "P3")):
        sim.add(
            "sunbay", app_id="app_1", merchant_id="mch_1", terminal_sn=sn, channel_code="TSYS", api_key=KEY, model=model
        )
    shared = {"app_id": "app_1", "merchant_id": "mch_1", "base_url": f"{url}/sunbay"}
    existing = [new_terminal("Bar", "sunbay", {**shared, "terminal_sn": "T100", "channel_code": "TSYS"})]
    return sim, shared, existing


def test_sunbay_look_up_tick_two_and_add(qtbot, qloop, sunbay_shop):
    sim, shared, existing = sunbay_shop
    saver = Saver()
    dialog = open_dialog(qtbot, saver, existing=existing, client_factory=make_client)
    add = child(dialog, QPushButton, "add_selected")
    assert not add.isEnabled()
    fill(qtbot, dialog, "sunbay", shared, KEY)
    assert look_up(qtbot, dialog) is True

    table = child(dialog, QTableWidget, "results")
    assert table.rowCount() == 3
    assert [table.item(r, 1).text() for r in range(3)] == ["T100 · TSYS", "T200 · TSYS", "T300 · TSYS"]
    configured = table.item(0, COL_NAME)
    assert configured.text() == "Bar" and not configured.flags() & Qt.ItemFlag.ItemIsEnabled
    assert table.item(0, COL_DETAILS).text() == "Already added as 'Bar'"
    assert child(dialog, QCheckBox, "tick_all").isEnabled() and not add.isEnabled()  # nothing ticked yet
    assert child(dialog, QLabel, "status").text().startswith("Found 3 terminal")  # plural forms: the .ts files
    assert banner(dialog) == ""

    dialog.set_ticked(0, True)  # already configured: cannot be ticked
    table.item(1, COL_NAME).setCheckState(Qt.CheckState.Checked)
    table.item(2, COL_NAME).setCheckState(Qt.CheckState.Checked)
    table.item(2, COL_NAME).setText("Terrace")
    assert dialog.ticked_rows() == [1, 2] and add.isEnabled() and add.text().startswith("&Add 2 terminal")

    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [(t.name, t.provider, dict(t.settings), secret) for t, secret in saver.calls] == [
        ("SUNBAY P2 T200", "sunbay", {**shared, "terminal_sn": "T200", "channel_code": "TSYS"}, KEY),
        ("Terrace", "sunbay", {**shared, "terminal_sn": "T300", "channel_code": "TSYS"}, KEY),
    ]
    assert [t.id for t in dialog.added] == [t.id for t, _ in saver.calls]
    assert len({t.id for t in dialog.added}) == 2  # each its own keyring entry


def test_saferpay_wrong_password_is_shown_inline(qtbot, qloop):
    sim = Simulator()
    sim.add("saferpay", "401234", "12345678", "API_401234_1", PASSWORD)
    client = httpx.AsyncClient(transport=simulator_transport(sim))
    dialog = open_dialog(qtbot, Saver(), client=client, provider="saferpay")
    fill(
        qtbot,
        dialog,
        "saferpay",
        {"customer_id": "401234", "username": "API_401234_1", "base_url": sim.base("saferpay")},
        "wrong-password",
    )
    assert look_up(qtbot, dialog) is False
    text = banner(dialog)
    assert "did not accept the JSON API user or password" in text and "AUTHENTICATION_FAILED" in text
    assert "Traceback" not in text and "wrong-password" not in text
    assert child(dialog, QTableWidget, "results").rowCount() == 0

    # Corrected, the same dialog finds the terminal; a later edit of the details drops the results.
    dialog.input("secret").clear()
    qtbot.keyClicks(dialog.input("secret"), PASSWORD)
    assert look_up(qtbot, dialog) is True and banner(dialog) == ""
    assert child(dialog, QTableWidget, "results").rowCount() == 1
    qtbot.keyClicks(dialog.input("username"), "x")
    assert child(dialog, QTableWidget, "results").rowCount() == 0
    assert "look up again" in child(dialog, QLabel, "status").text()
    closing = qloop.create_task(client.aclose())
    qtbot.waitUntil(closing.done, timeout=5000)


def test_bad_field_is_explained_and_nothing_is_sent(qtbot, qloop):
    sim = Simulator()
    dialog = open_dialog(
        qtbot, Saver(), client=httpx.AsyncClient(transport=simulator_transport(sim)), provider="saferpay"
    )
    fill(qtbot, dialog, "saferpay", {"customer_id": "12ab", "username": "API_1"}, PASSWORD)
    qtbot.mouseClick(child(dialog, QPushButton, "look_up"), Qt.MouseButton.LeftButton)
    assert not dialog.busy
    assert banner(dialog).startswith("Customer ID '12ab' is not valid: it must be 1 to 8 digits")
    assert dialog.focusWidget() is dialog.input("customer_id")
    dialog.input("customer_id").clear()
    qtbot.keyClicks(dialog.input("customer_id"), "401234")
    dialog.input("secret").clear()
    qtbot.mouseClick(child(dialog, QPushButton, "look_up"), Qt.MouseButton.LeftButton)
    assert "JSON API password is missing" in banner(dialog)
    assert sim.requests == []


def test_connection_refused_is_shown_inline(qtbot, qloop, unused_port):
    dialog = open_dialog(qtbot, Saver(), client_factory=make_client, provider="sunbay")
    fill(
        qtbot,
        dialog,
        "sunbay",
        {"app_id": "app_1", "merchant_id": "mch_1", "base_url": f"http://127.0.0.1:{unused_port}"},
        KEY,
    )
    assert look_up(qtbot, dialog) is False
    assert banner(dialog).startswith("Could not connect to SUNBAY")
    assert child(dialog, QPushButton, "look_up").isEnabled()


def test_secret_is_masked_until_shown(qtbot, qloop):
    dialog = open_dialog(qtbot, Saver(), client_factory=make_client, provider="sunbay")
    secret = dialog.input("secret")
    assert secret.echoMode() == QLineEdit.EchoMode.Password
    child(dialog, QCheckBox, "show_secret").setChecked(True)
    assert secret.echoMode() == QLineEdit.EchoMode.Normal
    assert secret.accessibleName() == "API key"
    assert child(dialog, QTableWidget, "results").accessibleName() == "Terminals found"


def test_name_clash_adds_nothing_and_a_failed_save_keeps_the_dialog_open(qtbot, qloop, sunbay_shop):
    sim, shared, existing = sunbay_shop
    saver = Saver(fail_on="Terrace")
    dialog = open_dialog(qtbot, saver, existing=existing, client_factory=make_client)
    fill(qtbot, dialog, "sunbay", shared, KEY)
    look_up(qtbot, dialog)
    table = child(dialog, QTableWidget, "results")
    child(dialog, QCheckBox, "tick_all").setChecked(True)
    assert dialog.ticked_rows() == [1, 2]
    table.item(2, COL_NAME).setText("bar")  # the existing terminal's name, other capitals
    qtbot.mouseClick(child(dialog, QPushButton, "add_selected"), Qt.MouseButton.LeftButton)
    assert saver.calls == [] and dialog.isVisible()
    assert banner(dialog).startswith("Nothing added. Terminal T300 · TSYS: Name 'bar' is already used")

    table.item(2, COL_NAME).setText("Terrace")
    qtbot.mouseClick(child(dialog, QPushButton, "add_selected"), Qt.MouseButton.LeftButton)
    assert [t.name for t, _ in saver.calls] == ["SUNBAY P2 T200"] and dialog.isVisible()
    assert banner(dialog).startswith("1 terminal") and "Terrace: The credential store is locked" in banner(dialog)
    assert table.item(1, COL_DETAILS).text() == "Already added as 'SUNBAY P2 T200'"
    assert dialog.ticked_rows() == [2]  # the failed one stays ticked, ready to try again
    saver.fail_on = None
    qtbot.mouseClick(child(dialog, QPushButton, "add_selected"), Qt.MouseButton.LeftButton)
    assert [t.name for t, _ in saver.calls] == ["SUNBAY P2 T200", "Terrace"]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_closing_while_looking_up_cancels_the_lookup(qtbot, qloop):
    started = asyncio.Event()

    async def slow(request):
        started.set()
        await asyncio.sleep(30)
        return httpx.Response(200, json={})

    dialog = open_dialog(
        qtbot, Saver(), client=httpx.AsyncClient(transport=httpx.MockTransport(slow)), provider="sunbay"
    )
    fill(qtbot, dialog, "sunbay", {"app_id": "app_1", "merchant_id": "mch_1"}, KEY)
    qtbot.mouseClick(child(dialog, QPushButton, "look_up"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set, timeout=5000)
    tasks = list(dialog._tasks)
    dialog.reject()
    qtbot.waitUntil(lambda: all(t.done() for t in tasks), timeout=5000)
    assert all(t.cancelled() for t in tasks) and not dialog.busy


def test_keyboard_order_follows_the_form(qtbot, qloop):
    dialog = open_dialog(qtbot, Saver(), client_factory=make_client, provider="saferpay")
    order, widget = [], child(dialog, QComboBox, "provider")
    for _ in range(200):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.objectName():
            order.append(widget.objectName())
        widget = widget.nextInFocusChain()
        if widget.objectName() == "provider":
            break
    assert order == [
        "provider",
        "field_customer_id",
        "field_username",
        "field_secret",
        "show_secret",
        "field_environment",
        "advanced_toggle",
        "field_base_url",
        "field_spec_version",
        "look_up",
        "tick_all",
        "results",
        "add_selected",
        "cancel",
    ]


def test_handpoint_devices_are_listed_and_added_without_their_shared_secret(qtbot, qloop, sim_server):
    sim, url = sim_server
    sim.add("handpoint", "PAXA920PRO", "0740013311", "hp_import_key_1")
    sim.add("handpoint", "PAXIM30", "0740013312", "hp_import_key_1")
    saver = Saver()
    dialog = open_dialog(qtbot, saver, client_factory=make_client)
    fill(qtbot, dialog, "handpoint", {"environment": "test", "base_url": f"{url}/handpoint"}, "hp_import_key_1")
    assert look_up(qtbot, dialog) is True
    table = child(dialog, QTableWidget, "results")
    assert table.rowCount() == 2
    for row in range(2):
        table.item(row, COL_NAME).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(child(dialog, QPushButton, "add_selected"), Qt.MouseButton.LeftButton)
    added = {t.settings["serial_number"]: t for t, _ in saver.calls}
    assert set(added) == {"0740013311", "0740013312"}  # leading zeros kept
    assert added["0740013312"].settings["device_type"] == "PAXIM30"
    assert all("ssk" not in t.settings for t in added.values())
