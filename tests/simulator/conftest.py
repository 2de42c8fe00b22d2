"""Fixtures for the simulator tests.

``env`` runs each test twice: over a real loopback socket (one uvicorn server for the whole
session, pointed at the test's own simulator) and in-process through simulator_transport.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

_HERE = str(Path(__file__).parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)  # for `import simhelpers`, whatever the import mode

from simhelpers import Env, Switch, make_simulator  # noqa: E402

from app.simulator import IN_PROCESS_ROOT, LoopbackServer  # noqa: E402


@pytest.fixture(scope="session")
def loopback() -> Iterator[tuple[LoopbackServer, Switch]]:
    switch = Switch()
    with LoopbackServer(switch) as server:
        yield server, switch


@pytest.fixture(params=["loopback", "in_process"])
def env(request: pytest.FixtureRequest, loopback: tuple[LoopbackServer, Switch]) -> Iterator[Env]:
    sim = make_simulator()
    if request.param == "loopback":
        server, switch = loopback
        switch.target = sim.app
        yield Env(sim, "loopback", server.url)
        switch.target = None
    else:
        yield Env(sim, "in_process", IN_PROCESS_ROOT)


@pytest.fixture
def inproc() -> Env:
    """In-process only: for rules that do not depend on the transport."""
    return Env(make_simulator(), "in_process", IN_PROCESS_ROOT)
