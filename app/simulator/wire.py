"""What goes on the wire: answers, broken connections, the Date header, the request log.

Breaking a connection needs help from whoever runs the app:

* behind :class:`app.simulator.LoopbackServer` the uvicorn protocol puts an ``abort``
  callable into ``scope["extensions"][ABORT_EXTENSION]`` that really drops the socket
  (FIN, or RST with SO_LINGER 0), so the client sees a genuine transport error;
* in-process, :func:`app.simulator.simulator_transport` marks the scope with
  ``IN_PROCESS_EXTENSION``; the app raises :class:`SimulatedDisconnect` and the
  transport turns it into the matching httpx error;
* under any other server the app promises a longer body than it sends and then
  fails, which every HTTP server turns into a cut connection.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Mapping

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from app.simulator.faults import SimulatedDisconnect

if TYPE_CHECKING:
    from app.simulator.simulator import Simulator

ABORT_EXTENSION = "closeout.simulator.abort"
IN_PROCESS_EXTENSION = "closeout.simulator.in_process"

JSON_TYPE = "application/json; charset=utf-8"


def dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def json_object(body: bytes) -> dict[str, Any] | None:
    """The body as a JSON object, or None when it is anything else."""
    if not body.strip():
        return None
    try:
        value = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def http_date(epoch_seconds: float) -> str:
    return email.utils.formatdate(epoch_seconds, usegmt=True)


def media_type(content_type: str | None) -> tuple[str, dict[str, str]]:
    """``"application/json; charset=UTF-8"`` -> ``("application/json", {"charset": "utf-8"})``."""
    if not content_type:
        return "", {}
    main, *params = content_type.split(";")
    parsed: dict[str, str] = {}
    for param in params:
        name, _, value = param.partition("=")
        parsed[name.strip().lower()] = value.strip().strip('"').lower()
    return main.strip().lower(), parsed


def is_json_content_type(content_type: str | None) -> bool:
    kind, params = media_type(content_type)
    return kind == "application/json" and params.get("charset", "utf-8") in ("utf-8", "utf8")


def accepts_json(accept: str | None) -> bool:
    """Whether an Accept header allows application/json (no header: anything goes, RFC 9110)."""
    if accept is None or not accept.strip():
        return True
    for item in accept.split(","):
        kind, params = media_type(item)
        if kind not in ("application/json", "application/*", "*/*"):
            continue
        try:
            if float(params.get("q", "1")) > 0:
                return True
        except ValueError:
            continue
    return False


@dataclass(frozen=True)
class Answer:
    """A complete HTTP answer, kept as bytes so a replay is byte-identical."""

    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def json(cls, status: int, value: Any, headers: tuple[tuple[str, str], ...] = ()) -> Answer:
        return cls(status, dumps(value), JSON_TYPE, headers)

    def response(self) -> Response:
        response = Response(self.body, status_code=self.status, media_type=self.content_type)
        for name, value in self.headers:
            response.headers.append(name, value)
        return response


class DisconnectResponse(Response):
    """Not an answer: the connection breaks (optionally after part of ``partial``)."""

    def __init__(self, *, reset: bool, partial: Answer | None = None) -> None:
        super().__init__(b"", status_code=200)
        self.reset = reset
        self.partial = partial

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        extensions = scope.get("extensions") or {}
        abort: Callable[[bool], None] | None = extensions.get(ABORT_EXTENSION)
        if abort is not None:
            await self._send_partial(send)
            abort(self.reset)
            await _wait_for_disconnect(receive)
            return
        if extensions.get(IN_PROCESS_EXTENSION):
            await self._send_partial(send)
            raise SimulatedDisconnect(reset=self.reset, mid_body=self.partial is not None)
        # Unknown server: promise more than we send, then fail; the server must cut the connection.
        if self.partial is None:
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", JSON_TYPE.encode()), (b"content-length", b"1024")],
                }
            )
            await send({"type": "http.response.body", "body": b"{", "more_body": True})
        else:
            await self._send_partial(send)
        raise SimulatedDisconnect(reset=self.reset, mid_body=True)

    async def _send_partial(self, send: Send) -> None:
        if self.partial is None:
            return
        full = self.partial.response()
        cut = full.body[: max(1, len(full.body) // 2)] if full.body else b""
        await send({"type": "http.response.start", "status": full.status_code, "headers": full.raw_headers})
        await send({"type": "http.response.body", "body": bytes(cut), "more_body": True})


async def _wait_for_disconnect(receive: Receive, limit: float = 5.0) -> None:
    """After an abort the server reports the disconnect on the next receive()."""
    try:
        async with asyncio.timeout(limit):
            while (await receive())["type"] != "http.disconnect":
                pass
    except TimeoutError:
        pass


ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SimulatorASGI:
    """The outermost ASGI layer: records every request and stamps every answer with ``Date``.

    ``Date`` comes from the simulated server clock (``sim.now()``), so a client can
    detect clock skew exactly as against the real providers.
    """

    def __init__(self, sim: Simulator, inner: ASGIApp) -> None:
        self.sim = sim
        self.inner = inner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.inner(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client left before sending its body: nothing to answer
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        self.sim._record_request(scope, body)

        replayed = False

        async def replay() -> Mapping[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def send_with_date(message: Mapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"date" for name, _ in headers):
                    headers.append((b"date", http_date(self.sim.now()).encode("ascii")))
                message = {**message, "headers": headers}
            await send(message)

        await self.inner(scope, replay, send_with_date)
