"""A provider is one module and one line in the registry: a renamed copy of the Handpoint module, registered
at run time, is added, closed and listed through the CLI and added through the window's add and import
dialogs, with no other file of Closeout changed. (Its simulator is Handpoint's, at Handpoint's mount.)"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from app.cli import main
from app.core import providers
from app.core.history import History
from app.core.secrets import KeyringStore

SOURCE = Path(__file__).resolve().parents[2] / "app" / "core" / "providers" / "handpoint.py"
KEY = "acme_key_0f3a"


@pytest.fixture
def acme():
    """app/core/providers/handpoint.py, renamed: NAME "acme", LABEL "Acme Pay"."""
    text = (
        SOURCE.read_text("utf-8")
        .replace('NAME = "handpoint"', 'NAME = "acme"')
        .replace('LABEL = "Handpoint"', 'LABEL = "Acme Pay"')
    )
    spec = importlib.util.spec_from_loader("closeout_test_acme", loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(compile(text, "acme.py", "exec"), module.__dict__)
    providers.register(module.PROVIDER)  # the one registry line
    try:
        yield module
    finally:
        providers.unregister("acme")


def cli(capsys, monkeypatch, *argv, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_a_registered_copy_works_through_the_cli(acme, sim_server, home, capsys, monkeypatch):
    sim, url = sim_server
    sim.add("handpoint", "PAXA920", "991100", KEY, open_batch="8", transactions=2)
    code, _, err = cli(
        capsys,
        monkeypatch,
        "terminal",
        "add",
        "acme",
        "Front",
        "--device-type",
        "PAXA920",
        "--serial-number",
        "991100",
        "--environment",
        "test",
        "--base-url",
        f"{url}/handpoint",
        "--batch-number",
        "8",
        "--api-key-stdin",
        stdin=KEY + "\n",
    )
    assert code == 0, err
    code, out, err = cli(capsys, monkeypatch, "terminal", "list")
    assert code == 0 and "Acme Pay" in out
    code, out, err = cli(capsys, monkeypatch, "close", "--all", "--yes", "--json", "--retry-delay", "0.01")
    [outcome] = json.loads(out)
    assert code == 0 and outcome["provider"] == "acme" and outcome["outcome"] == "closed", err
    assert sim.close_count("991100") == 1


def test_a_registered_copy_is_offered_and_saved_by_the_terminal_dialog(
    acme, qtbot, tmp_path, sim_server, memory_keyring
):
    from app.ui.dialogs.terminal_dialog import TerminalDialog

    history = History(tmp_path / "history.db")
    store = KeyringStore()
    saved = []

    def save(terminal, secret):
        from app.core.terminals import save_terminal

        save_terminal(history, store, terminal, secret, new=True)
        saved.append(terminal)

    dialog = TerminalDialog(save=save)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.findChild(QComboBox, "provider")
    combo.setCurrentIndex(combo.findData("acme"))
    assert combo.currentText() == "Acme Pay"
    for key, value in (("name", "Front"), ("device_type", "PAXA920"), ("serial_number", "0991100"), ("secret", KEY)):
        widget = dialog.findChild(QLineEdit, f"field_{key}")
        assert widget is not None, key
        qtbot.keyClicks(widget, value)
    save_button = dialog.findChild(QPushButton, "save")
    assert save_button.isEnabled()
    qtbot.mouseClick(save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(saved))
    [terminal] = history.terminals()
    assert terminal.provider == "acme" and terminal.settings["serial_number"] == "0991100"
    assert memory_keyring.values[("Closeout", terminal.id)] == KEY
    history.close()


def test_a_registered_copy_is_offered_and_imported_by_the_import_dialog(acme, qtbot, qloop, sim_server):
    from PySide6.QtWidgets import QTableWidget

    from app.core.http import make_client
    from app.ui.dialogs.import_terminals import COL_NAME, ImportTerminalsDialog

    sim, url = sim_server
    sim.add("handpoint", "PAXA920", "0991100", KEY)
    saved = []
    dialog = ImportTerminalsDialog(
        save=lambda terminal, secret: saved.append((terminal, secret)), client_factory=make_client
    )
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.findChild(QComboBox, "provider")
    combo.setCurrentIndex(combo.findData("acme"))
    assert combo.currentText() == "Acme Pay"
    environment = dialog.findChild(QComboBox, "field_environment")
    environment.setCurrentIndex(environment.findData("test"))
    dialog.form.advanced_toggle.setChecked(True)
    qtbot.keyClicks(dialog.findChild(QLineEdit, "field_base_url"), f"{url}/handpoint")
    qtbot.keyClicks(dialog.findChild(QLineEdit, "field_secret"), KEY)
    with qtbot.waitSignal(dialog.lookupFinished, timeout=10_000) as finished:
        qtbot.mouseClick(dialog.findChild(QPushButton, "look_up"), Qt.MouseButton.LeftButton)
    assert finished.args[0] is True
    table = dialog.findChild(QTableWidget, "results")
    assert table.rowCount() == 1
    table.item(0, COL_NAME).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.findChild(QPushButton, "add_selected"), Qt.MouseButton.LeftButton)
    [(terminal, secret)] = saved
    assert terminal.provider == "acme" and terminal.settings["serial_number"] == "0991100" and secret == KEY
