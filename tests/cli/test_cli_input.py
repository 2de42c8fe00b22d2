"""No traceback for any input: EOF and Ctrl+C at every prompt (on a real pseudo-terminal), non-UTF-8
standard input, unknown commands; the help says every option, the exit codes, CLOSEOUT_HOME and --demo;
the settings the report needs are read and set from the command line."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

from app.__main__ import main as entry
from app.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
ADD_SAFERPAY = [
    "terminal",
    "add",
    "saferpay",
    "Counter 1",
    "--customer-id",
    "401234",
    "--terminal-id",
    "12345678",
    "--username",
    "API_401234_12345678",
    "--environment",
    "test",
    "--base-url",
    "http://127.0.0.1:9/saferpay/api",
]


def run(argv, capsys, monkeypatch, stdin):
    monkeypatch.setattr(sys, "stdin", stdin)
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- standard input -------------------------------------------------------------------------------


def test_a_non_utf8_secret_on_stdin_is_refused_plainly(home, capsys, monkeypatch, memory_keyring):
    stdin = io.TextIOWrapper(io.BytesIO(b"pass\xff\xfeword\n"), encoding="utf-8")
    code, out, err = run([*ADD_SAFERPAY, "--password-stdin"], capsys, monkeypatch, stdin)
    assert code == 2
    assert "not UTF-8" in err and "Nothing was stored" in err and "Traceback" not in err
    assert memory_keyring.values == {}


def test_a_utf8_secret_with_a_windows_line_end_is_read_whole(home, capsys, monkeypatch, memory_keyring):
    stdin = io.TextIOWrapper(io.BytesIO("pässwörd-123\r\n".encode()), encoding="utf-8")
    code, _, err = run([*ADD_SAFERPAY, "--password-stdin"], capsys, monkeypatch, stdin)
    assert code == 0, err
    assert list(memory_keyring.values.values()) == ["pässwörd-123"]


# -- prompts on a real pseudo-terminal ------------------------------------------------------------


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(
        os.environ,
        CLOSEOUT_HOME=str(tmp_path / "home"),
        PYTHONPATH=f"{ROOT / 'tests' / 'reliability'}:{ROOT}",
        PYTHON_KEYRING_BACKEND="closeout_test_keyring.FileKeyring",
        CLOSEOUT_TEST_KEYRING=str(tmp_path / "test-keyring.json"),
        LANG="C.UTF-8",
    )


def on_a_terminal(argv: list[str], env: dict[str, str], prompt: bytes, keys: bytes) -> tuple[int, str]:
    """Run ``closeout argv`` with a pseudo-terminal as its controlling terminal; type ``keys`` at ``prompt``."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the pty is its terminal, so getpass reads /dev/tty as it would for a person
        os.execve(sys.executable, [sys.executable, "-m", "app", *argv], env)
    output = b""
    deadline = time.monotonic() + 60
    typed = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child is gone
                break
            if not chunk:
                break
            output += chunk
        if not typed and prompt in output:
            time.sleep(0.2)  # let it switch echo off and wait for input
            os.write(fd, keys)
            typed = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    code = os.waitstatus_to_exitcode(status)
    return code, output.decode("utf-8", "replace")


@pytest.mark.parametrize("keys, name", [(b"\x04", "Ctrl+D"), (b"\x03", "Ctrl+C")])
def test_eof_or_ctrl_c_at_the_password_prompt(tmp_path, keys, name):
    code, output = on_a_terminal(ADD_SAFERPAY, _env(tmp_path), b"password:", keys)
    assert "Traceback" not in output, output
    assert code == 2 and "Nothing was stored" in output, (name, output)


@pytest.mark.parametrize("keys, name", [(b"\x04", "Ctrl+D"), (b"\x03", "Ctrl+C"), (b"\xff\xfe\n", "not UTF-8")])
def test_eof_ctrl_c_or_garbage_at_the_close_prompt(tmp_path, keys, name):
    import subprocess

    env = _env(tmp_path)
    added = subprocess.run(
        [sys.executable, "-m", "app", *ADD_SAFERPAY, "--password-stdin"],
        input="pw-123456\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert added.returncode == 0, added.stderr
    code, output = on_a_terminal(["close", "--all"], env, b"[y/N]", keys)
    assert "Traceback" not in output, output
    assert code == 0 and "Nothing was closed." in output, (name, output)


def test_ctrl_c_elsewhere_says_nothing_was_sent(home, capsys, monkeypatch):
    import app.cli as cli

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_terminal_list", interrupted)  # as if Ctrl+C came while the list was read
    code = main(["terminal", "list"])
    err = capsys.readouterr().err
    assert code == 130 and "Interrupted. Nothing was sent." in err


# -- commands and help ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["frobnicate"], "unknown command 'frobnicate'"),
        (["--frobnicate"], "unknown option '--frobnicate'"),
        (["--demo", "close", "--all"], "--demo opens the window"),
    ],
)
def test_unknown_commands_and_options_are_explained(argv, expected, capsys):
    assert entry(argv) == 2
    err = capsys.readouterr().err
    assert expected in err and "closeout --help" in err and "Traceback" not in err


def test_unknown_subcommand_is_a_usage_error(home, capsys):
    assert main(["terminal", "frobnicate"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def _parsers(parser):
    yield parser
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for sub in action.choices.values():
                yield from _parsers(sub)


def test_every_option_of_every_command_has_a_sentence_and_the_help_has_exit_codes():
    for parser in _parsers(build_parser()):
        text = parser.format_help()
        for needed in ("exit codes:", "CLOSEOUT_HOME", "--demo", "130", "in doubt"):
            assert needed in text, f"{parser.prog}: no {needed!r} in its help"
        for action in parser._actions:
            if action.__class__.__name__ in ("_SubParsersAction", "_HelpAction"):
                continue
            assert action.help and len(action.help) > 8, f"{parser.prog}: {action.option_strings or action.dest}"


def test_help_from_the_entry_point(capsys):
    assert entry(["--help"]) == 0
    out = capsys.readouterr().out
    assert "settings" in out and "CLOSEOUT_HOME" in out and "--demo" in out


# -- settings -------------------------------------------------------------------------------------


def test_settings_show_and_set(home, capsys):
    assert main(["settings", "set", "shop_name", "Café Müller"]) == 0
    assert main(["settings", "set", "shop_address", r"Hauptstrasse 1\n8000 Zürich"]) == 0
    assert main(["settings", "set", "business_day_end", "05:30"]) == 0
    assert main(["settings", "set", "language", "de"]) == 0
    capsys.readouterr()
    assert main(["settings", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["shop_name"] == "Café Müller" and shown["shop_address"] == "Hauptstrasse 1\n8000 Zürich"
    assert shown["business_day_end"] == "05:30" and shown["language"] == "de"
    saved = json.loads(home.settings_path.read_text(encoding="utf-8"))
    assert saved["shop_name"] == "Café Müller"
    assert main(["settings", "show"]) == 0
    out = capsys.readouterr().out
    assert "business_day_end" in out and "'05:30'" in out and r"Hauptstrasse 1\n8000" in out


@pytest.mark.parametrize(
    "key, value, says",
    [
        ("business_day_end", "25:00", "is not a time like 04:00"),
        ("language", "it", "must be one of"),
        ("keep_in_tray", "maybe", "must be yes or no"),
        ("colour", "blue", "is not a setting"),
    ],
)
def test_settings_set_refuses_bad_values_and_changes_nothing(home, capsys, key, value, says):
    assert main(["settings", "set", key, value]) == 2
    err = capsys.readouterr().err
    assert says in err and "Nothing was changed" in err
    assert not home.settings_path.exists()


def test_the_window_keeps_settings_set_from_the_cli(home, qapp, capsys):
    from app.core import settings as settings_mod
    from app.ui.dialogs.settings_dialog import SettingsDialog

    assert main(["settings", "set", "business_day_end", "05:30"]) == 0
    dialog = SettingsDialog(settings_mod.load(home.settings_path)[0], home.settings_path)
    dialog.save()
    assert settings_mod.load(home.settings_path)[0].business_day_end == "05:30"


def test_no_display_is_said_plainly_not_qts_abort():
    from app.__main__ import display_problem

    found = lambda lib: f"lib{lib}.so"  # noqa: E731
    assert "no display found" in display_problem({}, "linux", found)
    assert display_problem({"DISPLAY": ":0"}, "linux", found) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", found) is None
    assert display_problem({}, "win32", found) is None
    missing = display_problem({"DISPLAY": ":0"}, "linux", lambda lib: None if lib == "xcb-cursor" else "x.so")
    assert "libxcb-cursor0" in missing and "apt install" in missing


def test_the_window_without_a_display_exits_with_a_sentence(tmp_path):
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(CLOSEOUT_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "app", "--demo"], env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert done.returncode == 2 and "no display found" in done.stderr and "xcb" not in done.stderr


def test_the_cli_summary_speaks_the_system_language(sim_server, home, capsys, monkeypatch, memory_keyring):
    from app.core import i18n

    sim, url = sim_server
    sim.add("saferpay", "401234", "12345678", "API_401234_12345678", "pw-german-1")
    monkeypatch.setattr(sys, "stdin", io.StringIO("pw-german-1\n"))
    assert main([*ADD_SAFERPAY[:-1], f"{url}/saferpay/api", "--password-stdin"]) == 0
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    try:
        code = main(["close", "--all", "--yes", "--retry-delay", "0.01", "--timeout", "5"])
        out = capsys.readouterr().out
    finally:
        i18n.set_language("en")
    assert code == 0
    assert "Ergebnis: 1 abgeschlossen, 0 übersprungen, 0 fehlgeschlagen, 0 ungewiss." in out
