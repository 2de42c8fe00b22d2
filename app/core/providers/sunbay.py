"""SUNBAY Nexus open API: ``POST {base}/v1/settlement/batch-close``.

What SUNBAY expects and answers (envelope, timestamp window, the read-only endpoints), and how
Closeout reads it: ``docs/providers/sunbay.md``.
"""

from __future__ import annotations

import dataclasses
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

import httpx

from app.core.i18n import N_, _, ngettext
from app.core.money import format_amount
from app.core.providers.checks import CredentialCheck, Verdict, from_query_error
from app.core.providers.contract import Capability, CloseCheck, Found, Listing, LostClose, Provider
from app.core.providers.base import (
    CloseResult,
    HttpAnswer,
    QueryError,
    QueryFailure,
    Terminal,
    TransportFailure,
    get_json,
    post_json,
    short,
    url_host,
)
from app.core.states import AnswerKind
from app.core.validation import ENVIRONMENTS, Field, ValidationError, base_url, choice, pattern, secret, validate_fields

NAME = "sunbay"
LABEL = "SUNBAY"
SECRET_LABEL = N_("API key")
PATH = "/v1/settlement/batch-close"
PRODUCTION = "https://open.sunbay.us"
CLOCK_WINDOW_S = 600  # X-Timestamp must be within ±10 minutes of the server clock

TRANSACTION_REQUEST_ID = re.compile(r"[A-Za-z0-9_\-]{1,32}")
_ID = r"[\x21-\x7e]{1,32}"  # string(32): visible ASCII, no spaces

FIELDS: tuple[Field, ...] = (
    Field(
        "app_id",
        N_("App ID"),
        pattern(_ID, N_("1 to 32 characters without spaces, e.g. app_123456")),
        placeholder=N_("e.g. app_123456"),
        flag_help="the app id SUNBAY gave you",
    ),
    Field(
        "merchant_id",
        N_("Merchant ID"),
        pattern(_ID, N_("1 to 32 characters without spaces, e.g. mch_789012")),
        placeholder=N_("e.g. mch_789012"),
        flag_help="the merchant id SUNBAY gave you",
    ),
    Field(
        "terminal_sn",
        N_("Terminal serial number"),
        pattern(_ID, N_("1 to 32 characters without spaces, e.g. T1234567890")),
        placeholder=N_("e.g. T1234567890"),
        flag_help="terminal serial number",
    ),
    Field(
        "channel_code",
        N_("Channel code"),
        pattern(_ID, N_("1 to 32 characters without spaces, e.g. TSYS")),
        placeholder=N_("e.g. TSYS"),
        flag_help="payment channel code, e.g. TSYS",
    ),
    Field(
        "environment",
        N_("Environment"),
        choice(("test", "live")),
        required=False,
        choices=("test", "live"),
        choice_labels=ENVIRONMENTS,
        empty_choice=N_("Automatic (Live unless the base URL is a sandbox)"),
        help=N_("Defaults to live for SUNBAY's production address, test for any other base URL."),
        flag_help="default: live for SUNBAY production, test for any other base URL",
    ),
    Field(
        "base_url",
        N_("Base URL"),
        base_url,
        required=False,
        advanced=True,
        help=N_("Leave empty for SUNBAY production; sandbox (UAT) hosts are given by SUNBAY."),
        placeholder=N_("Leave empty for SUNBAY production"),
        flag_help="override the SUNBAY address (sandbox hosts are given by SUNBAY)",
    ),
)

_check_secret = secret(1000, SECRET_LABEL)  # Windows Credential Manager holds ~1280 characters


def validate_secret(value: str) -> str:
    """The key goes into an HTTP header as is: visible ASCII only."""
    value = _check_secret(value)
    if not re.fullmatch(r"[\x21-\x7e]+", value):
        raise ValidationError(
            SECRET_LABEL,
            "may contain only letters, digits and symbols, no spaces or accents; "
            "paste it again from the SUNBAY portal.",
        )
    return value


def environment(terminal: Terminal) -> str:
    explicit = terminal.get("environment")
    if explicit:
        return explicit
    base = terminal.get("base_url")
    return "live" if not base or urlsplit(base).hostname == urlsplit(PRODUCTION).hostname else "test"


def display_id(terminal: Terminal) -> str:
    return terminal.get("terminal_sn", "") or ""


def base(terminal: Terminal) -> str:
    return (terminal.get("base_url") or PRODUCTION).rstrip("/")


def endpoint(terminal: Terminal) -> str:
    return base(terminal) + PATH


def identity(terminal: Terminal) -> str:
    """One physical terminal at SUNBAY: host, merchant, serial number and channel."""
    return "|".join(
        (
            NAME,
            url_host(base(terminal)),
            terminal.get("merchant_id", "") or "",
            terminal.get("terminal_sn", "") or "",
            terminal.get("channel_code", "") or "",
        )
    )


def new_request_id() -> str:
    return uuid.uuid4().hex  # 32 characters of [0-9a-f]: fits transactionRequestId


def max_attempts_per_request() -> int | None:
    return None


def auth_headers(api_key: str, now_ms: int | None = None) -> dict[str, str]:
    """Headers every SUNBAY request carries: a fresh request id and timestamp per HTTP attempt."""
    stamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
    if not re.fullmatch(r"[0-9]{13}", stamp):
        raise ValidationError("X-Timestamp", "must be 13 digits of epoch milliseconds; check the PC clock.")
    return {
        "Authorization": f"Bearer {api_key}",
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-Client-Request-Id": str(uuid.uuid4()),
        "X-Timestamp": stamp,
    }


def build_request(
    terminal: Terminal,
    api_key: str,
    transaction_request_id: str,
    description: str | None = None,
    now_ms: int | None = None,
) -> tuple[str, dict[str, str], dict[str, Any]]:
    settings = validate_fields(FIELDS, terminal.settings, LABEL)
    terminal = dataclasses.replace(terminal, settings=settings)  # build from the checked values only
    validate_secret(api_key)
    if not TRANSACTION_REQUEST_ID.fullmatch(transaction_request_id or ""):
        raise ValidationError("transactionRequestId", "must be 1 to 32 characters of letters, digits, _ and -.")
    body: dict[str, Any] = {
        "appId": settings["app_id"],
        "merchantId": settings["merchant_id"],
        "transactionRequestId": transaction_request_id,
        "terminalSn": settings["terminal_sn"],
        "channelCode": settings["channel_code"],
    }
    if description:
        if len(description) > 128:
            raise ValidationError("description", "must be at most 128 characters.")
        body["description"] = description
    return endpoint(terminal), auth_headers(api_key, now_ms), body


async def close(
    client: httpx.AsyncClient,
    terminal: Terminal,
    api_key: str,
    request_id: str,
    attempt: int,
    timeout: float,
) -> CloseResult:
    """One attempt of one close; every attempt re-sends the same transactionRequestId."""
    url, headers, body = build_request(terminal, api_key, request_id, "End of business day, close batch")
    try:
        answer = await post_json(
            client, url, headers=headers, body=body, auth=None, timeout=timeout, provider_label=LABEL
        )
    except TransportFailure as failure:
        return failure.result
    return parse_response(answer)


def clock_skew_s(server_date: datetime | None, now: float | None = None) -> float | None:
    """Seconds the PC clock is ahead (+) or behind (-) the server's, from an HTTP Date header."""
    if server_date is None:
        return None
    local = now if now is not None else time.time()
    return local - server_date.astimezone(timezone.utc).timestamp()


def clock_warning(server_date: datetime | None, now: float | None = None) -> str | None:
    skew = clock_skew_s(server_date, now)
    if skew is None or abs(skew) <= CLOCK_WINDOW_S:
        return None
    minutes = round(abs(skew) / 60)
    return (
        _(
            "This PC's clock is about {minutes} minutes ahead of SUNBAY's; SUNBAY refuses requests when the "
            "clock is off by more than 10 minutes. Set the clock (turn on automatic time) and try again."
        )
        if skew > 0
        else _(
            "This PC's clock is about {minutes} minutes behind SUNBAY's; SUNBAY refuses requests when the clock "
            "is off by more than 10 minutes. Set the clock (turn on automatic time) and try again."
        )
    ).format(minutes=minutes)


def parse_response(answer: HttpAnswer) -> CloseResult:
    """Read one answer into a CloseResult. Never raises on a malformed answer."""
    status = answer.status
    doc = answer.json_object()
    date = answer.server_date()
    if doc is not None and "code" in doc:
        code = short(doc.get("code"), 16)
        msg = doc.get("msg")
        trace = doc.get("traceId")
        trace = short(trace, 64) if trace is not None else None
        data = doc.get("data") if isinstance(doc.get("data"), dict) else None
        if code == "0" and 200 <= status < 300:
            return CloseResult(
                AnswerKind.CLOSED,
                _("Batch closed."),
                http_status=status,
                provider_code=code,
                provider_message=_opt(msg),
                trace_id=trace,
                data=data,
                server_date=date,
            )
        if code == "0":
            # The body says "done" while the status says otherwise (a proxy or gateway in between):
            # the close may have happened, so never a failure; the same close is re-sent (same id).
            return CloseResult(
                AnswerKind.LOST,
                _(
                    "SUNBAY's answer contradicts itself (HTTP {status} with code 0): whether the "
                    "close happened is unclear."
                ).format(status=status),
                http_status=status,
                provider_code=code,
                provider_message=_opt(msg),
                trace_id=trace,
                data=data,
                server_date=date,
                retry_after=answer.retry_after(),
            )
        if status == 429 or status >= 500:
            kind = AnswerKind.RETRY if status == 429 else AnswerKind.LOST
            return CloseResult(
                kind,
                _("SUNBAY's side failed (HTTP {status}): {text}").format(status=status, text=short(msg or code, 200))
                + f" [code {code}]",
                http_status=status,
                provider_code=code,
                provider_message=_opt(msg),
                trace_id=trace,
                server_date=date,
                retry_after=answer.retry_after(),
            )
        said = (
            _("SUNBAY refused the close: {text}").format(text=short(msg, 200))
            if msg
            else _("SUNBAY refused the close.")
        )
        warning = clock_warning(date)
        message = f"{warning} ({said})" if warning else said
        suffix = f" [code {code}" + (f", trace {trace}" if trace else "") + "]"
        return CloseResult(
            AnswerKind.FAILED,
            message + suffix,
            http_status=status,
            provider_code=code,
            provider_message=_opt(msg),
            trace_id=trace,
            data=data,
            server_date=date,
        )

    if 200 <= status < 300:
        return CloseResult(
            AnswerKind.LOST,
            _("SUNBAY's answer (HTTP {status}) could not be read.").format(status=status),
            http_status=status,
            server_date=date,
        )
    if status == 429:
        return CloseResult(
            AnswerKind.RETRY,
            _("SUNBAY asked to slow down (HTTP 429)."),
            http_status=status,
            retry_after=answer.retry_after(),
            server_date=date,
        )
    if status >= 500:
        return CloseResult(
            AnswerKind.LOST,
            _("SUNBAY's side failed (HTTP {status}) without saying whether the close happened.").format(status=status),
            http_status=status,
            server_date=date,
            retry_after=answer.retry_after(),
        )
    reasons = {
        401: N_("SUNBAY did not accept the API key; check it in the terminal's settings."),
        403: N_("SUNBAY denied access (HTTP 403); check the API key and that no proxy blocks the request."),
    }
    message = (
        _(reasons[status])
        if status in reasons
        else _("SUNBAY refused the close (HTTP {status}).").format(status=status)
    )
    warning = clock_warning(date)
    if warning:
        message = f"{warning} ({message})"
    return CloseResult(AnswerKind.FAILED, f"{message} [HTTP {status}]", http_status=status, server_date=date)


def _opt(value: Any) -> str | None:
    return None if value is None else short(value, 128)


# --- read-only queries ----------------------------------------------------------------------------
# docs/providers/sunbay.md §5: batch-query (the open batch), batch-close-list (closed batches),
# merchant/terminals/query (paged) and merchant/query. Field names follow the official SDK models.
# A query changes nothing at SUNBAY; every failure becomes a QueryError on the result, never an exception
# (a bad setting still raises ValidationError before anything is sent).

BATCH_QUERY_PATH = "/v1/settlement/batch-query"
CLOSE_LIST_PATH = "/v1/settlement/batch-close-list"
TERMINALS_PATH = "/v1/merchant/terminals/query"
MERCHANT_PATH = "/v1/merchant/query"
QUERY_TIMEOUT_S = 30.0
CLOSE_LIST_DEFAULT = timedelta(days=7)  # what SUNBAY answers without startTime/endTime
CLOSE_LIST_MAX = timedelta(days=30)  # the longest span SUNBAY accepts
TERMINALS_MAX_PAGES = 1000  # at 100 a page, 100,000 terminals: beyond that a server is looping, not paging


@dataclass(frozen=True)
class OpenBatchLine:
    """The open batch of one channel and currency (``batchList[]`` of batch-query). Amounts in minor units."""

    batch_no: str
    channel_code: str | None
    currency: str | None
    count: int
    net_amount: int
    tip_amount: int = 0
    surcharge_amount: int = 0
    tax_amount: int = 0
    start_time: datetime | None = None


@dataclass
class OpenBatchResult:
    """What is waiting in a terminal's open batch, before closing it.

    ``lines`` holds every channel and currency SUNBAY listed for the terminal; ``empty`` and
    ``own_lines`` look only at the terminal's configured channel, the one its close would close.
    """

    terminal_sn: str
    channel_code: str
    lines: list[OpenBatchLine] = field(default_factory=list)
    error: QueryError | None = None
    trace_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def own_lines(self) -> list[OpenBatchLine]:
        # A line without channelCode may be this channel's: counted as ours, so it is never skipped by mistake.
        return [line for line in self.lines if line.channel_code in (None, "", self.channel_code)]

    @property
    def empty(self) -> bool:
        """True only when SUNBAY answered and the configured channel has no transaction: nothing to close."""
        return self.ok and all(line.count == 0 for line in self.own_lines)

    @property
    def count(self) -> int:
        return sum(line.count for line in self.own_lines)

    def net_by_currency(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for line in self.own_lines:
            if line.count:
                totals[line.currency or ""] = totals.get(line.currency or "", 0) + line.net_amount
        return totals


@dataclass(frozen=True)
class ClosedBatch:
    """One closed batch (``batchCloseList[]`` of batch-close-list). Amounts in minor units."""

    batch_no: str
    batch_status: str | None
    batch_time: datetime
    total_count: int
    net_amount: int
    currency: str | None
    channel_code: str | None
    terminal_sn: str | None


@dataclass(frozen=True)
class TerminalChannel:
    channel_code: str
    channel_name: str | None
    tid: str | None


@dataclass(frozen=True)
class MerchantTerminal:
    """One terminal of the merchant (``terminals[]`` of merchant/terminals/query)."""

    sn: str
    vendor: str | None
    model: str | None
    tid_list: tuple[TerminalChannel, ...]


@dataclass
class QueryResult:
    """Items of a list query; with ``error`` set, ``items`` holds what was read before it (maybe nothing)."""

    items: list[Any] = field(default_factory=list)
    error: QueryError | None = None
    trace_id: str | None = None  # of the last answer
    unreadable: int = 0  # listed items that could not be read (skipped)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class MerchantInfo:
    """Shop name and address for a report header (merchant/query)."""

    dba_name: str | None = None
    address: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    error: QueryError | None = None
    trace_id: str | None = None


def _query_settings(app_id: str, merchant_id: str, api_key: str, base_url: str | None) -> tuple[str, str, str]:
    """Check the account fields before anything is sent; returns (app id, merchant id, base)."""
    app_id = _check("app_id", app_id)
    merchant_id = _check("merchant_id", merchant_id)
    validate_secret(api_key)
    base_ = _check("base_url", base_url) if base_url else PRODUCTION
    return app_id, merchant_id, base_.rstrip("/")


def _check(key: str, value: Any) -> str:
    """One setting checked by its field's own validator."""
    field_ = next(f for f in FIELDS if f.key == key)
    return field_.validate(key, value)


def _terminal_query(terminal: Terminal, api_key: str) -> tuple[dict[str, str], str]:
    settings = validate_fields(FIELDS, terminal.settings, LABEL)
    validate_secret(api_key)
    return settings, (settings.get("base_url") or PRODUCTION).rstrip("/")


async def _get(
    client: httpx.AsyncClient, base_: str, path: str, params: dict[str, str], api_key: str, timeout: float
) -> tuple[dict[str, Any] | None, str | None, QueryError | None]:
    """One GET: (data, traceId, None) on code "0", else (None, traceId, error)."""
    headers = auth_headers(api_key)  # a fresh X-Client-Request-Id and X-Timestamp for every request
    del headers["Content-Type"]  # a GET has no body
    try:
        answer = await get_json(
            client, base_ + path, params=params, headers=headers, auth=None, timeout=timeout, provider_label=LABEL
        )
    except QueryFailure as failure:
        return None, None, failure.error
    return read_query_answer(answer)


def read_query_answer(answer: HttpAnswer) -> tuple[dict[str, Any] | None, str | None, QueryError | None]:
    """The envelope of a query answer: (data, traceId, None) on success, (None, traceId, error) otherwise.

    Never raises. A clock more than 10 minutes off is named as the cause when SUNBAY refuses.
    """
    status = answer.status
    doc = answer.json_object()
    date = answer.server_date()
    if doc is not None and "code" in doc:
        code = short(doc.get("code"), 16)
        msg = _opt(doc.get("msg"))
        trace = short(doc["traceId"], 64) if doc.get("traceId") is not None else None
        data = doc.get("data")
        if code == "0" and 200 <= status < 300:
            if isinstance(data, dict):
                return data, trace, None
            return (
                None,
                trace,
                QueryError(
                    f"SUNBAY's answer (HTTP {status}) had no readable data.",
                    http_status=status,
                    provider_code=code,
                    trace_id=trace,
                    server_date=date,
                ),
            )
        if status == 401:
            said = "SUNBAY did not accept the API key; check it (and that it belongs to this App ID)."
        elif status == 429:
            said = "SUNBAY asked to slow down (HTTP 429); try again in a minute."
        elif status >= 500:
            said = f"SUNBAY's side failed (HTTP {status}); try again later."
        else:
            said = "SUNBAY refused the query."
        if msg:
            said += f" SUNBAY says: {msg}"
        warning = clock_warning(date)
        message = f"{warning} ({said})" if warning else said
        message += f" [code {code}" + (f", trace {trace}" if trace else "") + "]"
        return (
            None,
            trace,
            QueryError(
                message, http_status=status, provider_code=code, provider_message=msg, trace_id=trace, server_date=date
            ),
        )
    if 200 <= status < 300:
        message = f"SUNBAY's answer (HTTP {status}) could not be read; a proxy may be in the way."
    else:
        reasons = {
            401: "SUNBAY did not accept the API key; check it (and that it belongs to this App ID).",
            403: "SUNBAY denied access (HTTP 403); check the API key and that no proxy blocks the request.",
            404: "SUNBAY does not know this address (HTTP 404); check the base URL.",
            429: "SUNBAY asked to slow down (HTTP 429); try again in a minute.",
        }
        message = reasons.get(status) or (
            f"SUNBAY's side failed (HTTP {status}); try again later."
            if status >= 500
            else f"SUNBAY refused the query (HTTP {status})."
        )
        warning = clock_warning(date)
        if warning:
            message = f"{warning} ({message})"
        message += f" [HTTP {status}]"
    return None, None, QueryError(message, http_status=status, server_date=date)


def _unreadable(what: str, trace: str | None) -> QueryError:
    suffix = f" [trace {trace}]" if trace else ""
    return QueryError(f"SUNBAY's answer could not be read ({what}).{suffix}", trace_id=trace)


def _int(value: Any) -> int | None:
    """An integer field: an int, or a string of digits (some gateways send numbers as strings)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]{1,18}", value.strip()):
        return int(value.strip())
    return None


def _text(value: Any, limit: int = 64) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = short(value, limit)
    return text or None


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time or 13-digit epoch milliseconds, as an aware UTC datetime (naive: read as UTC)."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{13}", value.strip()):
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value / 1000, timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)  # unconfirmed which zone SUNBAY means; UTC is its API's norm
    return parsed.astimezone(timezone.utc)


def wire_time(moment: datetime, *, round_up: bool = False) -> str:
    """A time for startTime/endTime: ISO 8601 in UTC, the format SUNBAY's answers use for batchTime.

    Whole seconds; ``round_up`` for an end, so that a batch closed in its last second stays inside.
    """
    if moment.tzinfo is None:
        raise ValueError("startTime/endTime need a time zone (an aware datetime).")
    if round_up and moment.microsecond:
        moment = moment + timedelta(microseconds=1_000_000 - moment.microsecond)
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


async def query_open_batch(
    client: httpx.AsyncClient, terminal: Terminal, api_key: str, timeout: float = QUERY_TIMEOUT_S
) -> OpenBatchResult:
    """The terminal's open batch (batch-query): count and net amount per channel and currency.

    Raises ValidationError for a bad setting (nothing sent); every other problem is ``result.error``.
    """
    settings, base_ = _terminal_query(terminal, api_key)
    result = OpenBatchResult(settings["terminal_sn"], settings["channel_code"])
    params = {"appId": settings["app_id"], "merchantId": settings["merchant_id"], "terminalSn": settings["terminal_sn"]}
    data, result.trace_id, result.error = await _get(client, base_, BATCH_QUERY_PATH, params, api_key, timeout)
    if data is None:
        return result
    items = data.get("batchList")
    # Only an explicit list is an answer: "nothing to close" skips the close, so it must never be a guess.
    if not isinstance(items, list):
        result.error = _unreadable("it has no batchList", result.trace_id)
        return result
    for item in items:
        line = _open_line(item)
        if line is None:
            # One unreadable line makes the whole preview unknown: "empty" must never be a guess.
            result.lines = []
            result.error = _unreadable("an entry of batchList has no readable count or amount", result.trace_id)
            return result
        result.lines.append(line)
    return result


def _open_line(item: Any) -> OpenBatchLine | None:
    if not isinstance(item, dict):
        return None
    count, net = _int(item.get("totalCount")), _int(item.get("netAmount"))
    if count is None or count < 0 or (net is None and count):
        return None
    return OpenBatchLine(
        batch_no=_text(item.get("batchNo")) or "",
        channel_code=_text(item.get("channelCode"), 32),
        currency=_text(item.get("priceCurrency"), 3),
        count=count,
        net_amount=net or 0,
        tip_amount=_int(item.get("tipAmount")) or 0,
        surcharge_amount=_int(item.get("surchargeAmount")) or 0,
        tax_amount=_int(item.get("taxAmount")) or 0,
        start_time=parse_time(item.get("startTime")),
    )


def close_list_window(
    start: datetime | None, end: datetime | None, now: datetime | None = None
) -> tuple[datetime, datetime] | None:
    """The startTime/endTime to send (None: neither, SUNBAY's default of the last 7 days).

    Only one given: the other is 7 days away (and never past now). Raises ValidationError when the
    span is reversed or longer than SUNBAY's 30 days.
    """
    if start is None and end is None:
        return None
    for label, moment in (("startTime", start), ("endTime", end)):
        if moment is not None and moment.tzinfo is None:
            raise ValidationError(label, "needs a time zone.")
    now = now or datetime.now(timezone.utc)
    if start is None:
        assert end is not None
        start = end - CLOSE_LIST_DEFAULT
    if end is None:
        end = min(start + CLOSE_LIST_DEFAULT, max(now, start))
    if end < start:
        raise ValidationError("endTime", "is before startTime.")
    if end - start > CLOSE_LIST_MAX:
        raise ValidationError("startTime", "SUNBAY lists closed batches over at most 30 days; choose a shorter span.")
    return start, end


async def closed_batches(
    client: httpx.AsyncClient,
    terminal: Terminal,
    api_key: str,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    channel_code: str | None = None,
    timeout: float = QUERY_TIMEOUT_S,
) -> QueryResult:
    """The terminal's closed batches (batch-close-list), newest first as SUNBAY lists them.

    ``items`` are :class:`ClosedBatch`. Without start and end SUNBAY answers the last 7 days; a span
    may be at most 30 days (ValidationError otherwise, nothing sent). Entries that cannot be read are
    skipped and counted in ``unreadable``.
    """
    settings, base_ = _terminal_query(terminal, api_key)
    window = close_list_window(start, end)
    params = {"appId": settings["app_id"], "merchantId": settings["merchant_id"], "terminalSn": settings["terminal_sn"]}
    if channel_code:
        params["channelCode"] = _check("channel_code", channel_code)
    if window is not None:
        params["startTime"], params["endTime"] = wire_time(window[0]), wire_time(window[1], round_up=True)
    result = QueryResult()
    data, result.trace_id, result.error = await _get(client, base_, CLOSE_LIST_PATH, params, api_key, timeout)
    if data is None:
        return result
    if not _collect(data, "batchCloseList", _closed_batch, result):
        result.error = _unreadable("batchCloseList is not a list", result.trace_id)
    return result


def _collect(data: dict[str, Any], key: str, read: Callable[[Any], Any], result: QueryResult) -> bool:
    """Add the readable entries of ``data[key]`` to ``result.items`` (counting the others); False: no list."""
    items = data.get(key)
    if items is None:
        items = []  # a server may leave an empty list out
    if not isinstance(items, list):
        return False
    for item in items:
        value = read(item)
        if value is None:
            result.unreadable += 1
        else:
            result.items.append(value)
    return True


def _closed_batch(item: Any) -> ClosedBatch | None:
    if not isinstance(item, dict):
        return None
    when = parse_time(item.get("batchTime"))
    if when is None:
        return None
    return ClosedBatch(
        batch_no=_text(item.get("batchNo")) or "",
        batch_status=_text(item.get("batchStatus"), 16),
        batch_time=when,
        total_count=_int(item.get("totalCount")) or 0,
        net_amount=_int(item.get("netAmount")) or 0,
        currency=_text(item.get("priceCurrency"), 3),
        channel_code=_text(item.get("channelCode"), 32),
        terminal_sn=_text(item.get("terminalSn"), 32),
    )


async def list_terminals(
    client: httpx.AsyncClient,
    app_id: str,
    merchant_id: str,
    api_key: str,
    base_url: str | None = None,
    timeout: float = QUERY_TIMEOUT_S,
    *,
    on_page: Callable[[int], None] | None = None,
) -> QueryResult:
    """Every terminal of the merchant (merchant/terminals/query), following ``nextToken`` to the end.

    ``items`` are :class:`MerchantTerminal`. ``timeout`` bounds each page. A server that hands out a
    token it gave before would loop forever: the listing stops there and says it may be incomplete.
    ``on_page(n)`` is told how many terminals have been read so far, after every page.
    """
    app_id, merchant_id, base_ = _query_settings(app_id, merchant_id, api_key, base_url)
    result = QueryResult()
    seen_tokens: set[str] = set()
    token: str | None = None
    for _page in range(TERMINALS_MAX_PAGES):
        params = {"appId": app_id, "merchantId": merchant_id}
        if token:
            params["nextToken"] = token
        data, result.trace_id, error = await _get(client, base_, TERMINALS_PATH, params, api_key, timeout)
        if data is None:
            result.error = _partial(error, len(result.items))
            return result
        if not _collect(data, "terminals", _merchant_terminal, result):
            result.error = _partial(_unreadable("terminals is not a list", result.trace_id), len(result.items))
            return result
        if on_page is not None:
            on_page(len(result.items))
        next_token = data.get("nextToken")
        if next_token in (None, ""):
            return result
        if not isinstance(next_token, str):
            result.error = _partial(_unreadable("nextToken is not text", result.trace_id), len(result.items))
            return result
        if next_token in seen_tokens:
            result.error = QueryError(
                f"SUNBAY sent the same page of terminals again, so the listing stopped after "
                f"{len(result.items)} terminals; some may be missing. Try again later."
                + (f" [trace {result.trace_id}]" if result.trace_id else ""),
                trace_id=result.trace_id,
            )
            return result
        seen_tokens.add(next_token)
        token = next_token
    result.error = QueryError(
        f"SUNBAY kept sending more pages; the listing stopped after {len(result.items)} "
        f"terminals and some may be missing.",
        trace_id=result.trace_id,
    )
    return result


def _partial(error: QueryError | None, read: int) -> QueryError:
    error = error or QueryError("SUNBAY's answer could not be read.")
    if read:
        error = dataclasses.replace(error, message=f"{error.message} (Stopped after {read} terminals.)")
    return error


def _merchant_terminal(item: Any) -> MerchantTerminal | None:
    if not isinstance(item, dict):
        return None
    sn = _text(item.get("sn"), 64)
    if not sn:
        return None
    channels = []
    tids = item.get("tidList")
    for tid in tids if isinstance(tids, list) else []:
        if isinstance(tid, dict) and _text(tid.get("channelCode"), 64):
            channels.append(
                TerminalChannel(
                    _text(tid.get("channelCode"), 64) or "",
                    _text(tid.get("channelName"), 64),
                    _text(tid.get("tid"), 64),
                )
            )
    return MerchantTerminal(sn, _text(item.get("vendor")), _text(item.get("model")), tuple(channels))


async def merchant_info(
    client: httpx.AsyncClient,
    app_id: str,
    merchant_id: str,
    api_key: str,
    base_url: str | None = None,
    timeout: float = QUERY_TIMEOUT_S,
) -> MerchantInfo:
    """The shop's name and address (merchant/query), e.g. for a report header."""
    app_id, merchant_id, base_ = _query_settings(app_id, merchant_id, api_key, base_url)
    info = MerchantInfo()
    data, info.trace_id, info.error = await _get(
        client, base_, MERCHANT_PATH, {"appId": app_id, "merchantId": merchant_id}, api_key, timeout
    )
    if data is None:
        return info
    info.raw = data
    info.dba_name = _text(data.get("dbaName"), 128)
    city = " ".join(p for p in (_text(data.get("zipCode"), 16), _text(data.get("cityName"), 64)) if p)
    parts = [_text(data.get(k), 128) for k in ("street", "detailAddress")] + [
        city or None,
        _text(data.get("stateName"), 64),
        _text(data.get("country"), 64),
    ]
    info.address = ", ".join(p for p in parts if p) or None
    return info


# -- "Check with the provider": a close in doubt, looked up in the closed-batch list --------------------

# The window searched around the moment the close started: a little before (the PC clock and SUNBAY's may
# differ by a minute or two) and up to half an hour after (a slow settlement host).
LOOK_BEFORE = timedelta(minutes=2)
LOOK_AFTER = timedelta(minutes=30)
CLOSED_STATUSES = ("S",)  # batchStatus "S" = success (SDK); other values are not a confirmed close
_SECOND = timedelta(seconds=1)


def _local_time(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _batch_amount(batch: ClosedBatch) -> str:
    money = f"{format_amount(batch.net_amount, batch.currency or '')} {batch.currency or ''}".strip()
    return ngettext(
        "{count} transaction, net {amount}", "{count} transactions, net {amount}", batch.total_count
    ).format(count=batch.total_count, amount=money)


async def look_up_close(
    client: httpx.AsyncClient,
    terminal: Terminal,
    api_key: str,
    started_at: datetime,
    *,
    timeout: float = QUERY_TIMEOUT_S,
    now: datetime | None = None,
) -> CloseCheck:
    """ "Check with the provider": look for a batch of ``terminal`` closed right after a close in doubt started
    (``started_at``). The close list names no ``transactionRequestId`` (docs/providers/sunbay.md §5), so this
    matches by terminal, channel and time: a batch closed right after the close started was *probably* that
    close (an automatic close or a close on the terminal itself at that moment would look the same). Never
    raises for network or provider trouble (verdict "unknown"); a bad terminal setting raises ValidationError
    (nothing sent)."""
    started = started_at if started_at.tzinfo else started_at.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    start = started - LOOK_BEFORE
    end = max(min(started + LOOK_AFTER, now), start)  # never ask about the future
    channel = terminal.get("channel_code") or ""
    serial = terminal.get("terminal_sn") or ""
    listed = await closed_batches(
        client, terminal, api_key, start=start, end=end, channel_code=channel, timeout=timeout
    )
    if listed.error is not None:
        return CloseCheck(
            "unknown",
            None,
            _("Could not ask SUNBAY: {reason} Nothing was changed; try the check again later.").format(
                reason=listed.error.message
            ),
            listed.error.trace_id,
        )

    # SUNBAY was asked for this window, terminal and channel already; checked again here so that a
    # server ignoring a filter cannot make an unrelated batch look like this close.
    matches = [
        b
        for b in listed.items
        if b.terminal_sn in (None, serial)
        and b.channel_code in (None, channel)
        and start - _SECOND <= b.batch_time <= end + _SECOND
    ]  # times travel in whole seconds
    # The one closest after the start is the likeliest; one up to LOOK_BEFORE earlier is clock difference.
    matches.sort(key=lambda b: (b.batch_time < started, abs((b.batch_time - started).total_seconds())))
    window = _("between {start} and {end}").format(start=_local_time(start), end=_local_time(end))
    confirmed = [b for b in matches if (b.batch_status or "S").upper() in CLOSED_STATUSES]
    if confirmed:
        batch = confirmed[0]
        text = _(
            "Probably closed: SUNBAY lists batch {batch} of terminal {serial}, channel {channel}, closed at "
            "{closed_at} ({amount}), right after this close started at {started}. SUNBAY's list does not name "
            "the request, so this is a match by terminal, channel and time only; if someone closed this "
            "terminal another way at that moment, it would look the same."
        ).format(
            batch=batch.batch_no or _("(no number)"),
            serial=serial,
            channel=channel,
            closed_at=_local_time(batch.batch_time),
            amount=_batch_amount(batch),
            started=_local_time(started),
        )
        if len(confirmed) > 1:
            text += " " + _("{count} batches of this terminal were closed {window}.").format(
                count=len(confirmed), window=window
            )
        return CloseCheck("closed", batch, text + " " + _("You can mark this close as closed."), listed.trace_id)
    if matches:
        batch = matches[0]
        return CloseCheck(
            "unknown",
            batch,
            _(
                "SUNBAY lists batch {batch} of terminal {serial} at {closed_at} with status '{status}', which is not a "
                "confirmed close. Check the batch in the SUNBAY portal before marking this close."
            ).format(
                batch=batch.batch_no or _("(no number)"),
                serial=serial,
                closed_at=_local_time(batch.batch_time),
                status=batch.batch_status,
            ),
            listed.trace_id,
        )
    if listed.unreadable:
        return CloseCheck(
            "unknown",
            None,
            ngettext(
                "SUNBAY listed {count} closed batch {window} that could not be read, so this cannot be decided "
                "here. Check the terminal's closed batches in the SUNBAY portal.",
                "SUNBAY listed {count} closed batches {window} that could not be read, so this cannot be decided "
                "here. Check the terminal's closed batches in the SUNBAY portal.",
                listed.unreadable,
            ).format(count=listed.unreadable, window=window),
            listed.trace_id,
        )
    text = _(
        "Not found: SUNBAY lists no batch of terminal {serial}, channel {channel}, closed {window}, so this "
        "close most likely did not go through."
    ).format(serial=serial, channel=channel, window=window)
    if end < started + LOOK_AFTER:
        text += " " + _(
            "SUNBAY may take a few minutes to list a close: if this close started less than {minutes} "
            "minutes ago, check again later."
        ).format(minutes=int(LOOK_AFTER.total_seconds() // 60))
    text += " " + _("'Retry safely' sends the same close again, with the same id.")
    return CloseCheck("not_found", None, text, listed.trace_id)


class SunbayProvider(Provider):
    """SUNBAY Nexus as Closeout's contract sees it (docs/providers/sunbay.md)."""

    NAME = NAME
    LABEL = LABEL
    SECRET_LABEL = SECRET_LABEL
    SECRET_FLAG = "--api-key-stdin"
    FIELDS = FIELDS
    HELP = N_("Use the App ID, Merchant ID and API key from the SUNBAY Nexus portal.")
    IMPORT_HELP = N_(
        "Enter the App ID, Merchant ID and API key from the SUNBAY Nexus portal once; Closeout lists the "
        "merchant's terminals and adds the ones you tick, each with this key."
    )
    ADD_HELP = "a SUNBAY terminal (API key)"
    CHECKED = "the API key and terminal"
    LOST_CLOSE = LostClose.RESEND  # same transactionRequestId
    CAPABILITIES = frozenset(
        {
            Capability.PREVIEW,
            Capability.DISCOVERY,
            Capability.CREDENTIAL_CHECK,
            Capability.CHECK_CLOSE,
            Capability.BATCH_TOTALS,
            Capability.CLOCK_WINDOW,
        }
    )
    PER_TERMINAL = ("terminal_sn", "channel_code")  # a close names one channel: one entry per channel

    # The module's own functions are the contract's required parts.
    validate_secret = staticmethod(validate_secret)
    environment = staticmethod(environment)
    display_id = staticmethod(display_id)
    identity = staticmethod(identity)
    endpoint = staticmethod(endpoint)

    new_request_id = staticmethod(new_request_id)
    max_attempts_per_request = staticmethod(max_attempts_per_request)
    close = staticmethod(close)

    async def check_close(
        self, client: httpx.AsyncClient, terminal: Terminal, secret: str, request: Mapping[str, Any], *, timeout: float
    ) -> CloseResult | None:
        """SUNBAY cannot tell about one exact close: its closed-batch list names no request. A person can ask
        (look_up_close, a match by terminal, channel and time); a lost close is re-sent (LostClose.RESEND)."""
        return None

    async def look_up_close(
        self,
        client: httpx.AsyncClient,
        terminal: Terminal,
        secret: str,
        request: Mapping[str, Any] | None,
        *,
        started_at: datetime,
        timeout: float,
    ) -> CloseCheck:
        return await look_up_close(client, terminal, secret, started_at, timeout=timeout)

    async def preview(
        self, client: httpx.AsyncClient, terminal: Terminal, secret: str, *, timeout: float
    ) -> OpenBatchResult:
        return await query_open_batch(client, terminal, secret, timeout=timeout)

    def clock_warning(self, server_date: datetime | None, now: float) -> str | None:
        return clock_warning(server_date, now)

    def batch_totals(
        self, data: Mapping[str, Any] | None, terminal_settings: Mapping[str, str]
    ) -> dict[str, Any] | None:
        return dict(data) if data else None  # SUNBAY's answer already names batchNo, currency and amounts

    async def check_credentials(
        self, client: httpx.AsyncClient, terminal: Terminal, secret_: str, *, timeout: float
    ) -> CredentialCheck:
        """The terminal's open-batch query (the same API key as a close; it only reads)."""
        preview = await query_open_batch(client, terminal, secret_, timeout=timeout)
        if preview.error is not None:
            return from_query_error(preview.error, ())
        return CredentialCheck(Verdict.ACCEPTED, "SUNBAY accepted the API key and knows this terminal.")

    async def discover(
        self, client: httpx.AsyncClient, shared: Mapping[str, str], secret_: str, *, timeout: float
    ) -> Listing:
        """The merchant's terminals, paged; a terminal with several payment channels is one entry per channel."""
        listed = await list_terminals(
            client, shared["app_id"], shared["merchant_id"], secret_, shared.get("base_url"), timeout
        )
        listing = Listing(
            [],
            error=listed.error.message if listed.error is not None else None,
            trace_id=listed.trace_id,
            unreadable=listed.unreadable,
        )
        for info in listed.items:
            device = " ".join(p for p in (info.vendor or "SUNBAY", info.model) if p)
            channels = list({c.channel_code: c for c in info.tid_list}.values())  # one entry per channelCode
            if not channels:
                listing.found.append(
                    Found(
                        f"{device} {info.sn}",
                        {**shared, "terminal_sn": info.sn},
                        info.sn,
                        device,
                        "SUNBAY lists no payment channel for this terminal, so it cannot be closed.",
                    )
                )
                continue
            for channel in channels:
                shown = channel.channel_name or channel.channel_code
                name = f"{device} {info.sn}" + (f" {shown}" if len(channels) > 1 else "")
                detail = " · ".join(p for p in (device, shown, f"TID {channel.tid}" if channel.tid else None) if p)
                listing.found.append(
                    Found(
                        name,
                        {**shared, "terminal_sn": info.sn, "channel_code": channel.channel_code},
                        f"{info.sn} · {channel.channel_code}",
                        detail,
                    )
                )
        return listing


PROVIDER = SunbayProvider()
