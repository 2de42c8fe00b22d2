"""Scripted faults: the things that go wrong between Closeout and a provider.

A test scripts a list of :class:`Fault` for one terminal (``Simulator.script``); each
batch-close request naming that terminal consumes the next one, whatever else is wrong
with it. The fault decides two things independently: whether the close really happens
(``Fault.close``: the request is then processed normally, validation included) and what
the client gets back (a normal answer, a provider error, garbage, or a broken connection).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Mapping

FaultKind = Literal[
    "drop_before",
    "lost_after",
    "slow",
    "http",
    "saferpay_error",
    "sunbay_code",
    "non_json",
    "truncated_json",
    "empty",
]

# A proxy or WAF page: what a client sees when something in front of the provider answers.
HTML_ERROR_PAGE = (
    b"<!DOCTYPE html><html><head><title>Service Unavailable</title></head>"
    b"<body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request.</p>"
    b"</body></html>"
)


class SimulatedDisconnect(Exception):
    """The connection breaks instead of an answer (in-process stand-in for a TCP drop).

    Behind a real server the socket is aborted instead and this is never raised;
    :func:`app.simulator.simulator_transport` turns it into the httpx error a real
    socket would give: ``httpx.ReadError`` for a reset, ``httpx.RemoteProtocolError``
    for a plain close.
    """

    def __init__(self, *, reset: bool, mid_body: bool = False) -> None:
        self.reset = reset
        self.mid_body = mid_body
        what = "reset" if reset else "closed"
        where = "in the middle of the answer" if mid_body else "before any answer"
        super().__init__(f"simulated connection {what} {where}")


@dataclass(frozen=True)
class Fault:
    """One scripted misbehaviour. Build it with the class methods, not the constructor."""

    kind: FaultKind
    delay: float = 0.0  # seconds to wait before acting (on top of the terminal's latency)
    close: bool = False  # does the real batch close happen?
    status: int = 200
    body: bytes = b""
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    seconds: float = 0.0  # slow(): how long the answer takes
    reset: bool = False  # connection faults: TCP reset (True) or orderly close (False)
    mid_body: bool = False  # lost_after(): status line and headers arrive, the body does not
    error_name: str = ""
    behavior: str = ""
    message: str = ""
    detail: tuple[str, ...] | None = None
    code: str = ""
    provider: str | None = None  # set for faults that only make sense for one provider

    def __post_init__(self) -> None:
        if self.delay < 0 or self.seconds < 0:
            raise ValueError("Fault delays must not be negative.")
        if not 100 <= self.status <= 599:
            raise ValueError(f"HTTP status {self.status} is not a valid status code.")

    # --- the connection breaks -------------------------------------------------------

    @classmethod
    def drop_before(cls, *, delay: float = 0.0, reset: bool = False) -> Fault:
        """The connection breaks before the provider acts: no close, no answer."""
        return cls("drop_before", delay=delay, reset=reset)

    @classmethod
    def lost_after(cls, *, delay: float = 0.0, reset: bool = True, mid_body: bool = False) -> Fault:
        """The close really happens, then the connection breaks: the answer is lost.

        ``mid_body=True`` sends the status line, the headers and half of the body first
        (the client fails while reading the body); use ``reset=False`` with it to get an
        orderly close after the partial body.
        """
        return cls("lost_after", delay=delay, close=True, reset=reset, mid_body=mid_body)

    @classmethod
    def slow(cls, seconds: float, close: bool = True, *, delay: float = 0.0) -> Fault:
        """A slow provider.

        ``close=True``: the close happens at once and the normal answer comes ``seconds``
        later (a client that times out first leaves a close that really happened).
        ``close=False``: the provider stalls for ``seconds`` and then drops the connection
        without closing (a client that times out first leaves nothing behind).
        """
        return cls("slow", delay=delay, close=close, seconds=seconds)

    # --- an answer other than the provider's normal one --------------------------------

    @classmethod
    def http(
        cls,
        status: int,
        body: bytes | str = b"",
        content_type: str | None = None,
        close: bool = False,
        *,
        headers: Mapping[str, str] | None = None,
        retry_after: float | str | None = None,
        delay: float = 0.0,
    ) -> Fault:
        """An arbitrary raw answer: a 500 without body, a proxy's 502 HTML, a WAF's 403, a 429..."""
        return cls(
            "http", delay=delay, close=close, status=status, body=_bytes(body),
            content_type=content_type, headers=_headers(headers, retry_after),
        )

    @classmethod
    def saferpay_error(
        cls,
        status: int,
        error_name: str,
        behavior: str,
        message: str,
        detail: list[str] | tuple[str, ...] | None = None,
        *,
        close: bool = False,
        headers: Mapping[str, str] | None = None,
        retry_after: float | str | None = None,
        delay: float = 0.0,
    ) -> Fault:
        """A Saferpay JSON error (api-notes: ResponseHeader, Behavior, ErrorName, ErrorMessage, ErrorDetail).

        ``behavior`` may be RETRY, RETRY_LATER, DO_NOT_RETRY, ABORT (before spec 1.33),
        OTHER_MEANS, or any unknown string.
        """
        return cls(
            "saferpay_error", delay=delay, close=close, status=status, error_name=error_name,
            behavior=behavior, message=message, detail=tuple(detail) if detail is not None else None,
            headers=_headers(headers, retry_after), provider="saferpay",
        )

    @classmethod
    def sunbay_code(
        cls,
        code: str,
        msg: str,
        status: int = 200,
        *,
        close: bool = False,
        headers: Mapping[str, str] | None = None,
        retry_after: float | str | None = None,
        delay: float = 0.0,
    ) -> Fault:
        """A SUNBAY envelope with a non-zero ``code`` (seed: code "0" is success, anything else a failure)."""
        return cls(
            "sunbay_code", delay=delay, close=close, status=status, code=str(code), message=msg,
            headers=_headers(headers, retry_after), provider="sunbay",
        )

    # --- unreadable answers --------------------------------------------------------------

    @classmethod
    def non_json(cls, status: int = 200, close: bool = False, *, delay: float = 0.0) -> Fault:
        """An HTML page instead of JSON (a proxy, a captive portal, a maintenance page)."""
        return cls("non_json", delay=delay, close=close, status=status, body=HTML_ERROR_PAGE,
                   content_type="text/html; charset=utf-8")

    @classmethod
    def truncated_json(cls, status: int = 200, close: bool = True, *, delay: float = 0.0) -> Fault:
        """A complete HTTP answer whose JSON body stops half-way."""
        return cls("truncated_json", delay=delay, close=close, status=status,
                   content_type="application/json; charset=utf-8")

    @classmethod
    def empty(cls, status: int = 200, close: bool = True, *, delay: float = 0.0) -> Fault:
        """A JSON content type with an empty body."""
        return cls("empty", delay=delay, close=close, status=status,
                   content_type="application/json; charset=utf-8")


def _bytes(body: bytes | str) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def _headers(headers: Mapping[str, str] | None, retry_after: float | str | None) -> tuple[tuple[str, str], ...]:
    pairs = [(str(k), str(v)) for k, v in (headers or {}).items()]
    if retry_after is not None:
        value = retry_after if isinstance(retry_after, str) else f"{retry_after:g}"
        pairs.append(("Retry-After", value))
    return tuple(pairs)
