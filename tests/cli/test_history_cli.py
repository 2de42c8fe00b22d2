"""``closeout history`` on a long history: what it loads, what it prints, and a reader that stops early.

The command reads the history and prints; it must not load the engine, the providers' HTTP code or the
credential store's backend (they only slow its start), and ``closeout history | head`` must end quietly.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from app.core.days import business_day
from app.core.history import History, to_text
from app.core.providers import identity
from app.core.terminals import new_terminal

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("httpx", "asyncio", "keyring", "PySide6", "app.core.engine", "app.core.providers", "app.core.chain")


def _seed(home, count: int) -> datetime:
    """``count`` closes of one terminal, a minute apart, ending an hour ago (local). Returns the first's time."""
    history = History(home.db_path, home.lock_dir)
    till = new_terminal(
        "Front till", "sunbay", {"app_id": "a", "merchant_id": "m", "terminal_sn": "SN42", "channel_code": "TSYS"}
    )
    history.add_terminal(till)
    history.close()
    first = datetime.now().astimezone().replace(second=0, microsecond=0) - timedelta(minutes=count + 60)
    db = sqlite3.connect(home.db_path, isolation_level=None)
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO closes (terminal_id, terminal_name, provider, environment, request_id, started_at, finished_at, "
        "attempts, outcome, message, identity) VALUES (?, ?, 'sunbay', 'live', ?, ?, ?, 1, 'closed', ?, ?)",
        [
            (
                till.id,
                till.name,
                f"req-{i}",
                to_text(first + timedelta(minutes=i)),
                to_text(first + timedelta(minutes=i, seconds=2)),
                f"Batch closed ({i}).",
                identity(till),
            )
            for i in range(count)
        ],
    )
    db.execute("COMMIT")
    db.close()
    return first


def _day(moment: datetime) -> str:
    """The business day of ``moment`` (it ends at 04:00 by default: 01:30 is still the day before)."""
    return business_day(moment).isoformat()


def _env(home) -> dict[str, str]:
    env = dict(os.environ)
    env["CLOSEOUT_HOME"] = str(home.root)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_history_loads_neither_the_engine_nor_http_nor_the_credential_backend(home, tmp_path):
    first = _seed(home, 3)
    script = (
        "import sys; from app.cli import main; code = main(['history', '--since', sys.argv[1]]); "
        f"print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m in {HEAVY!r})); "
        "sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, _day(first)],
        env=_env(home),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Batch closed (2)." in done.stdout and "Front till" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "LOADED []"


def test_history_prints_every_close_newest_first(home, capsys):
    from app.cli import main

    first = _seed(home, 1500)
    code = main(["history", "--since", _day(first)])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "STARTED", "TERMINAL", "OUTCOME", "TRIES", "MESSAGE"]
    assert len(lines) == 1 + 1500
    assert lines[1].endswith("Batch closed (1499).") and lines[-1].endswith("Batch closed (0).")
    newest = first + timedelta(minutes=1499)
    assert newest.strftime("%Y-%m-%d %H:%M") in lines[1]


def test_a_reader_that_stops_early_ends_the_command_quietly(home, tmp_path):
    first = _seed(home, 3000)  # far more than a pipe holds
    with subprocess.Popen(
        [sys.executable, "-m", "app", "history", "--since", _day(first)],
        env=_env(home),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().split()[0] == b"ID"
        process.stdout.close()  # as 'closeout history | head -1' does
        err = process.stderr.read()
        code = process.wait(timeout=60)
    assert err == b""  # no traceback
    assert code == 1


def test_every_command_but_terminal_is_parsed_without_the_providers():
    import argparse

    from app.cli import WITHOUT_PROVIDER_FLAGS, build_parser

    def commands(parser: argparse.ArgumentParser) -> set[str]:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return set(action.choices)

    assert commands(build_parser()) == WITHOUT_PROVIDER_FLAGS | {"terminal"}  # a new command is listed there
    for command in WITHOUT_PROVIDER_FLAGS:
        assert commands(build_parser(command)) == WITHOUT_PROVIDER_FLAGS
    assert "terminal" in commands(build_parser("histroy"))  # a mistyped command is told every command
