"""In-process access: an httpx transport that runs the simulator's ASGI app directly."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
from starlette.types import Receive, Scope, Send

from app.simulator.faults import SimulatedDisconnect
from app.simulator.wire import IN_PROCESS_EXTENSION, ASGIApp

if TYPE_CHECKING:
    from app.simulator.simulator import Simulator


class SimulatorTransport(httpx.AsyncBaseTransport):
    """httpx.ASGITransport around ``sim.app`` that turns a simulated broken connection into
    the httpx error a real socket gives: a reset is ``httpx.ReadError``, an orderly close
    ``httpx.RemoteProtocolError``. Both are ``httpx.TransportError``.
    """

    def __init__(self, sim: Simulator, client: tuple[str, int] = ("127.0.0.1", 50123)) -> None:
        self._asgi = httpx.ASGITransport(app=_mark_in_process(sim.app), client=client)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._asgi.handle_async_request(request)
        except SimulatedDisconnect as exc:
            if exc.reset:
                raise httpx.ReadError("[Errno 104] Connection reset by peer (simulated)", request=request) from None
            if exc.mid_body:
                raise httpx.RemoteProtocolError(
                    "peer closed connection without sending complete message body (simulated)", request=request
                ) from None
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response. (simulated)", request=request
            ) from None

    async def aclose(self) -> None:
        await self._asgi.aclose()


def _mark_in_process(app: ASGIApp) -> ASGIApp:
    async def marked(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope = {**scope, "extensions": {**(scope.get("extensions") or {}), IN_PROCESS_EXTENSION: True}}
        await app(scope, receive, send)

    return marked


def simulator_transport(sim: Simulator) -> SimulatorTransport:
    """``httpx.AsyncClient(transport=simulator_transport(sim))`` talks to ``sim`` without a socket."""
    return SimulatorTransport(sim)
