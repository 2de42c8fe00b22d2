"""Fixtures of the reliability suite: CLI runners, a keyring shared with subprocesses, the report.

The figures every test records are printed at the end of the run; with
``CLOSEOUT_WRITE_RELIABILITY=1`` they are also written into ``docs/reliability.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)  # for `import reliability_kit`, whatever the import mode

from reliability_kit import CrossProcessKeyring, InProcessCli  # noqa: E402
from reliability_report import REPORT, should_write  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def reliability_report() -> Iterator[None]:
    yield
    if should_write():
        written = REPORT.write_doc()
        print(f"\ndocs/reliability.md: rewrote the generated sections {', '.join(written)}", file=sys.stderr)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001
    lines = REPORT.summary_lines()
    if REPORT.figures:
        terminalreporter.section("reliability figures")
        for line in lines:
            terminalreporter.write_line(line)


class _Switch:
    """An ASGI app forwarding to whichever simulator the current test uses."""

    def __init__(self) -> None:
        self.target = None

    async def __call__(self, scope, receive, send) -> None:
        await self.target(scope, receive, send)


@pytest.fixture(scope="session")
def _loopback():
    from app.simulator import LoopbackServer

    switch = _Switch()
    with LoopbackServer(switch) as server:
        yield server, switch


@pytest.fixture
def sim_server(_loopback):
    """A fresh simulator behind a real loopback socket: (simulator, "http://127.0.0.1:PORT").

    Same as the top-level fixture, but one uvicorn server serves the whole session (stopping one
    costs ~0.2 s, and the fault matrix has over a hundred tests); each test gets its own simulator.
    """
    from app.simulator import Simulator

    server, switch = _loopback
    sim = Simulator()
    switch.target = sim.app
    yield sim, server.url
    switch.target = None


@pytest.fixture
def cli(home, capsys, monkeypatch) -> InProcessCli:
    """``app.cli.main`` in this process, on the test's home, with the in-memory keyring."""
    return InProcessCli(capsys, monkeypatch)


@pytest.fixture
def cross_keyring(tmp_path: Path) -> Iterator[CrossProcessKeyring]:
    """A credential store this process and ``closeout`` subprocesses share.

    The real Secret Service when ``CLOSEOUT_SECRET_SERVICE=1`` (``.ci/run``); otherwise the test-only
    file backend in ``closeout_test_keyring.py`` (kept outside the home).
    """
    store = CrossProcessKeyring.open(tmp_path / "test-keyring.json")
    try:
        yield store
    finally:
        store.cleanup()
