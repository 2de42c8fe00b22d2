"""SUNBAY Nexus open API: ``POST {base}/v1/settlement/batch-close``.

Contract: ``shared/seeds/sunbay-batch-close.md``; envelope, timestamp window and the other
endpoints from the provider notes (``shared/api-notes.md``, "SUNBAY Nexus open API").
"""

from __future__ import annotations

import dataclasses
import re
import time
import uuid
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import httpx

from app.core.providers.base import CloseResult, HttpAnswer, Terminal, TransportFailure, post_json, short
from app.core.validation import Field, ValidationError, base_url, choice, pattern, secret

NAME = "sunbay"
LABEL = "SUNBAY"
SECRET_LABEL = "API key"
PATH = "/v1/settlement/batch-close"
PRODUCTION = "https://open.sunbay.us"
CLOCK_WINDOW_S = 600  # X-Timestamp must be within ±10 minutes of the server clock

TRANSACTION_REQUEST_ID = re.compile(r"[A-Za-z0-9_\-]{1,32}")
_ID = r"[\x21-\x7e]{1,32}"  # string(32): visible ASCII, no spaces

FIELDS: tuple[Field, ...] = (
    Field("app_id", "App ID", pattern(_ID, "1 to 32 characters without spaces, e.g. app_123456")),
    Field("merchant_id", "Merchant ID", pattern(_ID, "1 to 32 characters without spaces, e.g. mch_789012")),
    Field("terminal_sn", "Terminal serial number", pattern(_ID, "1 to 32 characters without spaces, e.g. T1234567890")),
    Field("channel_code", "Channel code", pattern(_ID, "1 to 32 characters without spaces, e.g. TSYS")),
    Field("environment", "Environment", choice(("test", "live")), required=False, choices=("test", "live"),
          help="Defaults to live for SUNBAY's production address, test for any other base URL."),
    Field("base_url", "Base URL", base_url, required=False, advanced=True,
          help="Leave empty for SUNBAY production; sandbox (UAT) hosts are given by SUNBAY."),
)

_check_secret = secret(1000, SECRET_LABEL)  # Windows Credential Manager holds ~1280 characters


def validate_secret(value: str) -> str:
    """The key goes into an HTTP header as is: visible ASCII only."""
    value = _check_secret(value)
    if not re.fullmatch(r"[\x21-\x7e]+", value):
        raise ValidationError(SECRET_LABEL, "may contain only letters, digits and symbols, no spaces or accents; "
                                            "paste it again from the SUNBAY portal.")
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


def build_request(terminal: Terminal, api_key: str, transaction_request_id: str,
                  description: str | None = None, now_ms: int | None = None) -> tuple[str, dict[str, str], dict[str, Any]]:
    from app.core.terminals import validate_settings  # late: terminals imports the registry

    settings = validate_settings(NAME, terminal.settings)
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
        answer = await post_json(client, url, headers=headers, body=body, auth=None, timeout=timeout,
                                 provider_label=LABEL)
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
    way = "ahead of" if skew > 0 else "behind"
    return (f"This PC's clock is about {minutes} minutes {way} SUNBAY's; SUNBAY refuses requests when the "
            f"clock is off by more than 10 minutes. Set the clock (turn on automatic time) and try again.")


def parse_response(answer: HttpAnswer) -> CloseResult:
    """Read one answer into a CloseResult. Never raises on a malformed answer."""
    status = answer.status
    doc = answer.json_object()
    date = answer.server_date()
    envelope = doc is not None and "code" in doc

    if envelope:
        code = short(doc.get("code"), 16)
        msg = doc.get("msg")
        trace = doc.get("traceId")
        trace = short(trace, 64) if trace is not None else None
        data = doc.get("data") if isinstance(doc.get("data"), dict) else None
        if code == "0" and 200 <= status < 300:
            return CloseResult("closed", "Batch closed.", http_status=status, provider_code=code,
                               provider_message=_opt(msg), trace_id=trace, data=data, server_date=date)
        if status == 429 or status >= 500:
            kind = "retry" if status == 429 else "lost"
            return CloseResult(kind, f"SUNBAY's side failed (HTTP {status}): {short(msg or code, 200)} [code {code}]",
                               http_status=status, provider_code=code, provider_message=_opt(msg), trace_id=trace,
                               server_date=date, retry_after=answer.retry_after())
        said = f"SUNBAY refused the close: {short(msg, 200)}" if msg else "SUNBAY refused the close."
        warning = clock_warning(date)
        message = f"{warning} ({said})" if warning else said
        suffix = f" [code {code}" + (f", trace {trace}" if trace else "") + "]"
        return CloseResult("failed", message + suffix, http_status=status, provider_code=code,
                           provider_message=_opt(msg), trace_id=trace, data=data, server_date=date)

    if 200 <= status < 300:
        return CloseResult("lost", f"SUNBAY's answer (HTTP {status}) could not be read.", http_status=status,
                           server_date=date)
    if status == 429:
        return CloseResult("retry", "SUNBAY asked to slow down (HTTP 429).", http_status=status,
                           retry_after=answer.retry_after(), server_date=date)
    if status >= 500:
        return CloseResult("lost", f"SUNBAY's side failed (HTTP {status}) without saying whether the close happened.",
                           http_status=status, server_date=date, retry_after=answer.retry_after())
    reasons = {
        401: "SUNBAY did not accept the API key; check it in the terminal's settings.",
        403: "SUNBAY denied access (HTTP 403); check the API key and that no proxy blocks the request.",
    }
    message = reasons.get(status, f"SUNBAY refused the close (HTTP {status}).")
    warning = clock_warning(date)
    if warning:
        message = f"{warning} ({message})"
    return CloseResult("failed", f"{message} [HTTP {status}]", http_status=status, server_date=date)


def _opt(value: Any) -> str | None:
    return None if value is None else short(value, 128)
