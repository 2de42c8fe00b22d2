"""Provider simulator: every simulated provider (Saferpay, SUNBAY, Handpoint) in one in-process ASGI app.

One module per provider (``saferpay.py``, ``sunbay.py``, ``handpoint.py``: a
:class:`~app.simulator.contract.SimulatedProvider` each), registered in ``providers.py`` and mounted at its
``PREFIX``. Use it in-process::

    sim = Simulator()
    sim.add("saferpay", customer_id="401234", terminal_id="12345678", username="API_401234_12345678",
            password="secret-pw")
    async with httpx.AsyncClient(transport=simulator_transport(sim)) as client: ...
    # base URL: sim.base("saferpay")  ->  http://localhost/saferpay/api

or behind a real socket::

    with LoopbackServer(sim.app) as server:
        base = sim.base("sunbay", server.url)   # http://127.0.0.1:PORT/sunbay

Script failures with ``sim.script(key, [Fault.lost_after(), ...])`` and read what really
happened with ``sim.closes(key)``. ``python -m app.simulator --port N`` serves demo accounts.
"""

from app.simulator.faults import Fault, SimulatedDisconnect
from app.simulator.records import CloseRecord, RecordedRequest
from app.simulator.contract import SimulatedProvider
from app.simulator.simulator import IN_PROCESS_ROOT, Simulator
from app.simulator.transport import SimulatorTransport, simulator_transport

__all__ = [
    "CloseRecord",
    "Fault",
    "IN_PROCESS_ROOT",
    "LoopbackServer",
    "RecordedRequest",
    "SimulatedDisconnect",
    "SimulatedProvider",
    "Simulator",
    "SimulatorTransport",
    "simulator_transport",
]


def __getattr__(name: str):
    # The loopback server needs uvicorn, a test-only dependency: the demo (in-process transport)
    # and the bundle must import this package without it.
    if name == "LoopbackServer":
        from app.simulator.server import LoopbackServer

        return LoopbackServer
    raise AttributeError(f"module 'app.simulator' has no attribute {name!r}")
