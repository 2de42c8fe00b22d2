"""What every provider module shares: the terminal, the one result type, sending.

A provider module builds its request, sends it through :func:`post_json` and reads
the answer into a :class:`CloseResult`. The engine decides what to do next from
``CloseResult.kind`` alone, so adding a provider means adding one module.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import math
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Mapping
from urllib.parse import urlsplit

import httpx

from app.core.i18n import _
from app.core.states import AnswerKind
from app.core.terminal import Terminal as Terminal  # re-exported: the providers' terminal type
from app.core.text import clean

log = logging.getLogger(__name__)

# What an answer says: app/core/states.py (AnswerKind).
ResultKind = AnswerKind  # the name the provider modules grew up with

# The most Closeout reads of any provider answer, after decompression (issue 12). Real answers are a
# few kilobytes; anything bigger is a fault, and reading on would only fill the memory.
MAX_ANSWER_BYTES = 1 << 20


@dataclass
class CloseResult:
    kind: ResultKind
    message: str  # one line for people
    http_status: int | None = None
    provider_code: str | None = None  # Saferpay ErrorName, SUNBAY code
    provider_message: str | None = None  # Saferpay ErrorMessage, SUNBAY msg
    behavior: str | None = None  # Saferpay Behavior
    error_detail: list[str] = field(default_factory=list)
    trace_id: str | None = None
    data: dict[str, Any] | None = None
    retry_after: float | None = None  # seconds the provider asked us to wait
    server_date: datetime | None = None  # from the HTTP Date header, for the clock check
    request_sent: bool = True  # False only when the request surely never left this PC
    resend_safe: bool = True  # False: sending this request again could close something else (never retried)

    @property
    def settled(self) -> bool:
        return self.kind in (
            AnswerKind.CLOSED,
            AnswerKind.FAILED,
            AnswerKind.ALREADY_CLOSED,
            AnswerKind.NOTHING_TO_CLOSE,
        )


@dataclass
class HttpAnswer:
    status: int
    headers: httpx.Headers
    body: bytes

    def json_object(self) -> dict[str, Any] | None:
        """The body as a JSON object, or None when it is not one (HTML from a proxy, empty, truncated)."""
        ctype = self.headers.get("content-type", "")
        if not self.body.strip():
            return None
        if ctype and "json" not in ctype.lower():
            return None
        try:
            value = json.loads(self.body)
        except (ValueError, UnicodeDecodeError, RecursionError):  # garbage, or absurdly deep nesting
            return None
        return value if isinstance(value, dict) else None

    def server_date(self) -> datetime | None:
        raw = self.headers.get("date")
        if not raw:
            return None
        try:
            parsed = email.utils.parsedate_to_datetime(raw)
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=timezone.utc)
            return parsed.astimezone(timezone.utc)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None

    def retry_after(self) -> float | None:
        raw = self.headers.get("retry-after")
        if not raw:
            return None
        try:
            value = float(raw)
        except ValueError:
            return None  # an HTTP date: the engine's own backoff applies
        return max(0.0, value) if math.isfinite(value) else None


class TransportFailure(Exception):
    """Sending failed at the network level; carries the result the engine should see."""

    def __init__(self, result: CloseResult) -> None:
        super().__init__(result.message)
        self.result = result


class _NetworkProblem(Exception):
    """What went wrong on the way, before any answer could be read (shared by POST and GET)."""

    def __init__(self, kind: ResultKind, message: str, request_sent: bool) -> None:
        super().__init__(message)
        self.kind, self.message, self.request_sent = kind, message, request_sent


class AnswerTooLarge(Exception):
    """The answer grew past MAX_ANSWER_BYTES (after decompression), or came in an encoding we cannot unpack."""


async def _read_bounded(response: httpx.Response, limit: int = MAX_ANSWER_BYTES) -> bytes:
    """The body, read as it streams in and never more than ``limit`` bytes of it, after decompression.

    We ask for no compression (``Accept-Encoding: identity``, :func:`app.core.http.make_client`); a
    server that compresses anyway gets gzip/deflate unpacked here under the same limit, with
    ``max_length`` so one small chunk cannot inflate to gigabytes (a "gzip bomb"). Other encodings are
    refused. Raises AnswerTooLarge.
    """
    if response.is_stream_consumed:  # an answer built in memory (an in-process transport): already whole
        if len(response.content) > limit:
            raise AnswerTooLarge(f"more than {limit} bytes")
        return response.content
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    declared = response.headers.get("content-length", "")
    if encoding in ("", "identity") and declared.isdigit() and int(declared) > limit:
        raise AnswerTooLarge(f"{int(declared)} bytes announced")
    if encoding in ("", "identity"):
        inflater = None
    elif encoding in ("gzip", "x-gzip", "deflate"):
        inflater = zlib.decompressobj(32 + zlib.MAX_WBITS)  # gzip or zlib framing, told by its header
    else:
        raise AnswerTooLarge(f"content encoding {encoding!r}")
    body = bytearray()
    async for raw in response.aiter_raw():
        if inflater is None:
            body += raw
        else:
            try:
                body += inflater.decompress(raw, limit + 1 - len(body))
            except zlib.error:
                raise httpx.DecodingError("the compressed answer is damaged") from None
        if len(body) > limit:
            raise AnswerTooLarge(f"more than {limit} bytes")
    return bytes(body)


async def _request(
    client: httpx.AsyncClient, method: str, url: str, *, timeout: float, provider_label: str, **kwargs: Any
) -> HttpAnswer:
    """One HTTP exchange bounded by ``timeout`` as a whole (connect, send, wait, read) and its answer by
    MAX_ANSWER_BYTES (read while it streams: an endless or huge answer never fills the memory)."""
    try:
        async with asyncio.timeout(timeout):
            async with client.stream(
                method, url, timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)), **kwargs
            ) as response:
                body = await _read_bounded(response)
                return HttpAnswer(response.status_code, response.headers, body)
    except AnswerTooLarge as exc:
        # The provider may have acted on the request; we stopped reading its answer.
        log.warning("answer from %s refused: %s", provider_label, exc)
        raise _NetworkProblem(
            AnswerKind.LOST,
            f"{provider_label}'s answer was larger than {MAX_ANSWER_BYTES >> 20} MiB "
            f"(or packed in a way Closeout does not read), so Closeout stopped reading it.",
            request_sent=True,
        ) from None
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
        # Nothing left this PC: safe to retry.
        raise _NetworkProblem(
            AnswerKind.RETRY,
            _("Could not connect to {provider} ({reason}). Check the internet connection.").format(
                provider=provider_label, reason=_reason(exc)
            ),
            request_sent=False,
        ) from None
    except httpx.ProxyError as exc:
        # The proxy refused to connect us: nothing reached the provider.
        raise _NetworkProblem(
            AnswerKind.RETRY,
            _("The proxy refused the connection to {provider} ({reason}).").format(
                provider=provider_label, reason=_reason(exc)
            ),
            request_sent=False,
        ) from None
    except httpx.UnsupportedProtocol as exc:
        raise _NetworkProblem(
            AnswerKind.FAILED,
            _("The request to {provider} could not be built ({reason}); check the base URL.").format(
                provider=provider_label, reason=_reason(exc)
            ),
            request_sent=False,
        ) from None
    except (TimeoutError, httpx.TimeoutException) as exc:
        raise _NetworkProblem(
            AnswerKind.LOST,
            _("No answer from {provider} within {seconds} s ({reason}).").format(
                provider=provider_label, seconds=f"{timeout:g}", reason=_reason(exc)
            ),
            request_sent=True,
        ) from None
    except (httpx.TransportError, httpx.DecodingError) as exc:
        # Dropped or reset mid-way: the request may have reached the provider.
        raise _NetworkProblem(
            AnswerKind.LOST,
            _("The connection to {provider} broke before its answer arrived ({reason}).").format(
                provider=provider_label, reason=_reason(exc)
            ),
            request_sent=True,
        ) from None


async def post_json(
    client: httpx.AsyncClient,
    url: str,
    *,
    headers: Mapping[str, str],
    body: Mapping[str, Any],
    auth: httpx.Auth | tuple[str, str] | None,
    timeout: float,
    provider_label: str,
) -> HttpAnswer:
    """POST one JSON request and return the raw answer, or raise :class:`TransportFailure`."""
    content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    try:
        return await _request(
            client,
            "POST",
            url,
            timeout=timeout,
            provider_label=provider_label,
            content=content,
            headers=dict(headers),
            auth=auth,
        )
    except _NetworkProblem as problem:
        raise TransportFailure(CloseResult(problem.kind, problem.message, request_sent=problem.request_sent)) from None


@dataclass
class QueryError:
    """Why a read-only query (open batch, closed batches, terminal list) gave no usable answer.

    ``message`` is one line for people; the provider's own code, message and trace id are kept
    alongside for support. A query never changes anything at the provider, so there is no
    retry/lost distinction as for a close.
    """

    message: str
    http_status: int | None = None
    provider_code: str | None = None
    provider_message: str | None = None
    trace_id: str | None = None
    server_date: datetime | None = None


async def get_json(
    client: httpx.AsyncClient,
    url: str,
    *,
    params: Mapping[str, str],
    headers: Mapping[str, str],
    auth: httpx.Auth | tuple[str, str] | None,
    timeout: float,
    provider_label: str,
) -> HttpAnswer:
    """GET one JSON resource and return the raw answer, or raise :class:`QueryFailure`."""
    try:
        return await _request(
            client,
            "GET",
            url,
            timeout=timeout,
            provider_label=provider_label,
            params=dict(params),
            headers=dict(headers),
            auth=auth,
        )
    except _NetworkProblem as problem:
        message = problem.message
        if problem.kind == AnswerKind.RETRY:
            message = message.replace(
                "Check the internet connection.", "Check the internet connection and the base URL."
            )
        raise QueryFailure(message) from None


class QueryFailure(Exception):
    """A query failed at the network level; ``error`` is what to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.error = QueryError(message)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {text[:120]}" if text else name


def url_host(url: str) -> str:
    """The host (and a port other than the scheme's default) of a URL, lower case: part of an identity."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    default = {"https": 443, "http": 80}.get(parts.scheme)
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if port and port != default else host


def short(value: Any, limit: int = 200) -> str:
    """A provider string made safe for a one-line message: plain text (no control characters), one line."""
    text = " ".join(clean(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
