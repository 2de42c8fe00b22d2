"""A real HTTP server on loopback for the simulator (or any ASGI app), in a background thread."""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
import time
from typing import Any

import uvicorn
from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from app.simulator.wire import ABORT_EXTENSION, ASGIApp

# The cancel message of requests still running when the server stops (their connection is already broken).
_STOPPING = "closeout loopback server stopping"


class AbortableH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, plus an ``abort(reset)`` callable in ``scope["extensions"]``.

    The simulator uses it to really break the TCP connection: ``reset=False`` closes the
    socket (the client reads EOF), ``reset=True`` sets SO_LINGER 0 first so the kernel sends
    RST (the client gets ECONNRESET). Either way uvicorn sends nothing more, not even a 500.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        inner: ASGIApp = self.app

        async def app_with_abort(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http":
                scope["extensions"] = {**(scope.get("extensions") or {}), ABORT_EXTENSION: self._abort_connection}
            try:
                await inner(scope, receive, send)
            except asyncio.CancelledError as exc:
                if exc.args != (_STOPPING,):
                    raise
                # LoopbackServer.stop() broke the connection and cancelled us: end quietly.

        self.app = app_with_abort

    def _abort_connection(self, reset: bool) -> None:
        transport: asyncio.Transport | None = getattr(self, "transport", None)
        if transport is None or transport.is_closing():
            return
        if reset:
            sock = transport.get_extra_info("socket")
            if sock is not None:
                try:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                except OSError:
                    pass
        transport.abort()


class LoopbackServer:
    """uvicorn serving ``app`` on 127.0.0.1 in a daemon thread; a context manager.

    ``port=0`` picks a free port; ``url`` is then ``http://127.0.0.1:<port>``. Logs stay quiet
    (warnings only, no access log). The backlog is large enough for hundreds of
    simultaneous connections.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        graceful_timeout: float = 1.0,
        backlog: int = 2048,
    ) -> None:
        self.app = app
        self.host = host
        self.port = port
        self.graceful_timeout = graceful_timeout
        self.backlog = backlog
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def url(self) -> str:
        if self._socket is None:
            raise RuntimeError("The server is not running.")
        return f"http://{self.host}:{self.port}"

    def start(self) -> LoopbackServer:
        if self._thread is not None:
            raise RuntimeError("The server is already running.")
        # Bind first, in this thread: the port is known (and taken) before start() returns.
        # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted sockets only when the
        # listening socket says it is TCP; without it every answer waits ~40 ms for a delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            if self.port:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self.port))
            sock.listen(self.backlog)
        except OSError:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self.app,
            host=self.host,
            port=self.port,
            http=AbortableH11Protocol,
            ws="none",
            loop="asyncio",
            lifespan="off",
            log_config=None,
            log_level="warning",
            access_log=False,
            date_header=False,
            server_header=False,  # the simulator sets Date from its own clock
            backlog=self.backlog,
            timeout_graceful_shutdown=self.graceful_timeout,
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=self._run, args=(server, sock), name=f"loopback-server-{self.port}", daemon=True
        )
        self._server, self._thread, self._socket = server, thread, sock
        thread.start()
        deadline = time.monotonic() + 10.0
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"The loopback server on port {self.port} did not start.")
            time.sleep(0.002)
        return self

    def _run(self, server: uvicorn.Server, sock: socket.socket) -> None:
        async def serve() -> None:
            self._loop = asyncio.get_running_loop()
            await server.serve(sockets=[sock])

        asyncio.run(serve())

    def stop(self) -> None:
        """Stop at once: open connections break (as when a provider goes away), then uvicorn exits."""
        server, thread, sock, loop = self._server, self._thread, self._socket, self._loop
        self._server = self._thread = self._socket = self._loop = None
        if server is not None:
            if loop is not None and not loop.is_closed():
                try:
                    loop.call_soon_threadsafe(_break_connections, server)
                except RuntimeError:  # the loop closed meanwhile
                    pass
            server.should_exit = True
        if thread is not None:
            thread.join(timeout=self.graceful_timeout + 5.0)
        if sock is not None:
            sock.close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _break_connections(server: uvicorn.Server) -> None:
    """Runs on the server's loop: drop every connection and end the requests still running."""
    for connection in list(server.server_state.connections):
        if isinstance(connection, AbortableH11Protocol):
            connection._abort_connection(reset=False)
    for task in list(server.server_state.tasks):
        task.cancel(msg=_STOPPING)
