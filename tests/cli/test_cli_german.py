"""The CLI speaks the system locale's language: German under LANG/LC_ALL=de_DE.UTF-8, end to end against the
real loopback simulator and a real SQLite home. Placeholders (names, numbers, flags) stay as typed."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.core import i18n

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "cli-saferpay-pw-7"


@pytest.fixture
def german_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    yield
    i18n.set_language("en")  # the next test reads English again


def run(argv, capsys, monkeypatch, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_close_skip_and_remove_in_german(sim_server, home, capsys, monkeypatch, german_locale):
    sim, url = sim_server
    sim.add("saferpay", customer_id="401234", terminal_id="12345678", username="API_401234_12345678", password=PASSWORD)
    code, _, err = run(
        [
            "terminal",
            "add",
            "saferpay",
            "Kasse 1",
            "--customer-id",
            "401234",
            "--terminal-id",
            "12345678",
            "--username",
            "API_401234_12345678",
            "--environment",
            "test",
            "--base-url",
            f"{url}/saferpay/api",
            "--password-stdin",
        ],
        capsys,
        monkeypatch,
        PASSWORD + "\n",
    )
    assert code == 0, err
    assert "Die Zugangsdaten werden bei Saferpay geprüft" in err
    assert "Saferpay-Terminal 'Kasse 1' (test) hinzugefügt; JSON-API-Passwort liegt im Anmeldedatenspeicher" in err

    code, _, err = run(
        [
            "terminal",
            "add",
            "saferpay",
            "Kasse 1",
            "--customer-id",
            "401234",
            "--terminal-id",
            "12345678",
            "--username",
            "API_401234_12345678",
            "--environment",
            "test",
            "--password-stdin",
        ],
        capsys,
        monkeypatch,
        PASSWORD + "\n",
    )
    assert code == 2 and "Ein Terminal namens 'Kasse 1' gibt es schon" in err and "Es wurde nichts gespeichert." in err

    code, out, _ = run(["terminal", "list"], capsys, monkeypatch)
    assert code == 0 and out.split()[:3] == ["NAME", "ANBIETER", "UMGEBUNG"] and "nie" in out.split()

    code, out, err = run(["close", "--all"], capsys, monkeypatch)  # no terminal to ask on: refused in German
    assert code == 2 and "Geben Sie --yes an, um ohne Rückfrage abzuschließen." in err and sim.total_closes() == 0

    code, out, err = run(["close", "--all", "--yes", "--retry-delay", "0.01", "--timeout", "5"], capsys, monkeypatch)
    assert code == 0, err
    assert "1 Terminal wird abgeschlossen. Ein Batch-Abschluss kann nicht rückgängig gemacht werden." in err
    assert "Kasse 1: wird gesendet (Versuch 1)" in err
    assert sim.total_closes() == 1

    code, out, err = run(["close", "--all", "--yes"], capsys, monkeypatch)  # already closed this business day
    assert code == 0 and "Nichts abzuschließen: Es wird keine Anfrage gesendet." in err
    assert "Übersprungen, es wird nichts gesendet (1):" in err and sim.total_closes() == 1

    code, out, _ = run(["history"], capsys, monkeypatch)
    assert code == 0 and out.split()[:4] == ["NR", "BEGONNEN", "TERMINAL", "ERGEBNIS"]
    assert re.search(r"\b\d\d\.\d\d\.\d{4} \d\d:\d\d\b", out), out  # dates as German readers write them

    code, _, err = run(["terminal", "remove", "Kasse 1"], capsys, monkeypatch)
    assert code == 2 and "um ohne Rückfrage zu entfernen" in err
    code, _, err = run(["terminal", "remove", "Kasse 1", "--yes"], capsys, monkeypatch)
    assert code == 0 and "'Kasse 1' und sein gespeichertes Geheimnis wurden entfernt." in err
    code, _, err = run(["close", "Kasse 1", "--yes"], capsys, monkeypatch)
    assert code == 2 and "closeout: Kein Terminal namens 'Kasse 1'. Siehe 'closeout terminal list'." in err


def test_a_subprocess_under_lang_de_speaks_german(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(
        CLOSEOUT_HOME=str(tmp_path / "h"), LANG="de_DE.UTF-8", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring"
    )
    done = subprocess.run(
        [sys.executable, "-m", "app", "close", "--all", "--yes"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Es sind keine Terminals eingerichtet. Fügen Sie eines mit 'closeout terminal add' hinzu." in done.stderr
    assert "Traceback" not in done.stderr


def test_a_close_that_gives_up_says_so_in_german(home, capsys, monkeypatch, german_locale, unused_port):
    # Nothing listens on the port: every attempt is refused before anything is sent, so giving up is safe.
    code, _, err = run(
        [
            "terminal",
            "add",
            "saferpay",
            "Kasse 1",
            "--customer-id",
            "401234",
            "--terminal-id",
            "12345678",
            "--username",
            "API_401234_12345678",
            "--environment",
            "test",
            "--base-url",
            f"http://127.0.0.1:{unused_port}/saferpay/api",
            "--password-stdin",
            "--no-check",
        ],
        capsys,
        monkeypatch,
        PASSWORD + "\n",
    )
    assert code == 0, err
    code, out, err = run(
        ["close", "Kasse 1", "--yes", "--max-attempts", "2", "--retry-delay", "0.01", "--timeout", "5"],
        capsys,
        monkeypatch,
    )
    assert code == 1, (out, err)
    assert "Kasse 1: neuer Versuch in 0,0 s:" in err  # the retry's delay in German decimals
    assert "Nach 2 Versuchen aufgegeben: " in out and "Ergebnis: 0 abgeschlossen" in out
