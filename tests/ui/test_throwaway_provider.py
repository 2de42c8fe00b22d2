"""A provider is one module and one line in the registry, and its simulator one module and one mount: renamed
copies of the Handpoint modules (Closeout's provider and the simulator's), registered at run time, are added,
closed and listed through the CLI and added through the window's add and import dialogs, with no other file
of Closeout or of the simulator changed. The copy's simulator is mounted at its own PREFIX (/acme) of a fresh
simulator; the closes it records are Acme's, and nothing reaches the Handpoint mount.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from cli_runner import run_cli as cli
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

from app.core import providers
from app.core.history import History
from app.core.secrets import KeyringStore
from app.simulator import LoopbackServer, Simulator
from app.simulator import providers as simulated

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "app" / "core" / "providers" / "handpoint.py"
SIM_SOURCE = ROOT / "app" / "simulator" / "handpoint.py"
KEY = "acme_key_0f3a"


def renamed(path: Path, module_name: str, *replacements: tuple[str, str]):
    text = path.read_text("utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    spec = importlib.util.spec_from_loader(module_name, loader=None)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up while the class is built
    try:
        exec(compile(text, f"{module_name}.py", "exec"), module.__dict__)
    finally:
        del sys.modules[module_name]
    return module


@pytest.fixture
def acme():
    """app/core/providers/handpoint.py, renamed: NAME "acme", LABEL "Acme Pay"."""
    module = renamed(
        SOURCE,
        "closeout_test_acme",
        ('NAME = "handpoint"', 'NAME = "acme"'),
        ('LABEL = "Handpoint"', 'LABEL = "Acme Pay"'),
    )
    providers.register(module.PROVIDER)  # the one registry line
    try:
        yield module
    finally:
        providers.unregister("acme")


@pytest.fixture
def acme_sim(acme):
    """app/simulator/handpoint.py, renamed the same way and registered with one line: a simulator built now
    mounts it at /acme. (simulator, "http://127.0.0.1:PORT")"""
    module = renamed(
        SIM_SOURCE,
        "closeout_test_acme_sim",
        ('NAME = "handpoint"', 'NAME = "acme"'),
        ('PREFIX = "/handpoint"', 'PREFIX = "/acme"'),
        ('LABEL = "Handpoint"', 'LABEL = "Acme Pay"'),
    )
    simulated.register(module.SIMULATED)  # the one registry line (the mount follows from it)
    try:
        sim = Simulator()
        with LoopbackServer(sim.app) as server:
            yield sim, server.url
    finally:
        simulated.unregister("acme")


def test_a_registered_copy_works_through_the_cli(acme_sim, home, capsys, monkeypatch):
    sim, url = acme_sim
    assert sim.add("acme", "PAXA920", "991100", KEY, open_batch="8", transactions=2) == "991100"
    base = sim.base("acme", url)
    assert base == f"{url}/acme"
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
        base,
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
    # The copy's own mount did the work: one close of that terminal, recorded as Acme's, nothing at /handpoint.
    [record] = sim.close_log()
    assert (record.terminal, record.request_id) == (("acme", "991100"), "8")
    assert sim.provider_of("991100") == "acme" and sim.close_count("991100") == 1
    assert sim.requests and all(r.path.startswith("/acme/") for r in sim.requests)
    assert sim.client_settings("991100", url)[1]["base_url"] == base


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


def test_a_registered_copy_is_offered_and_imported_by_the_import_dialog(acme, qtbot, qloop, acme_sim):
    from PySide6.QtWidgets import QTableWidget

    from app.core.http import make_client
    from app.ui.dialogs.import_terminals import COL_NAME, ImportTerminalsDialog

    sim, url = acme_sim
    sim.add("acme", "PAXA920", "0991100", KEY)
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
    qtbot.keyClicks(dialog.findChild(QLineEdit, "field_base_url"), sim.base("acme", url))
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
    assert sim.requests and all(r.path.startswith("/acme/") for r in sim.requests)  # listed by the copy's mount
