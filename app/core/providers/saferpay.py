"""Saferpay JSON API: ``POST {base}/Payment/v1/Batch/Close``.

What Saferpay expects and answers, and how Closeout reads it: ``docs/providers/saferpay.md``.
"""

from __future__ import annotations

import dataclasses
import platform
import re
import uuid
from dataclasses import dataclass, field
from typing import Any, Mapping

import httpx

from app import __version__
from app.core.i18n import N_, _
from app.core.providers.checks import CredentialCheck, Verdict, from_query_error
from app.core.providers.contract import Capability, Found, Listing, LostClose, Provider
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
from app.core.validation import (
    ENVIRONMENTS,
    Field,
    ValidationError,
    base_url,
    choice,
    pattern,
    secret,
    text,
    validate_fields,
)

NAME = "saferpay"
LABEL = "Saferpay"
SECRET_LABEL = N_("JSON API password")
PATH = "/Payment/v1/Batch/Close"
BASE_URLS = {"live": "https://www.saferpay.com/api", "test": "https://test.saferpay.com/api"}
SPEC_VERSION = "1.53"  # latest published; older values stay valid (docs/providers/saferpay.md §2)
MAX_RETRY_INDICATOR = 9  # RetryIndicator is 0..9: at most ten attempts per RequestId

REQUEST_ID = re.compile(r"[A-Za-z0-9.:\-_]{1,50}")

FIELDS: tuple[Field, ...] = (
    Field(
        "customer_id",
        N_("Customer ID"),
        pattern(r"[0-9]{1,8}", N_("1 to 8 digits")),
        help=N_("Your Saferpay customer number: 1 to 8 digits, shown in the Saferpay Backoffice."),
        placeholder=N_("1 to 8 digits, e.g. 123456"),
        flag_help="Saferpay customer ID (1-8 digits)",
    ),
    Field(
        "terminal_id",
        N_("Terminal ID"),
        pattern(r"[0-9]{8}", N_("exactly 8 digits, e.g. 12341234")),
        help=N_(
            "The terminal's number: exactly 8 digits, listed in the Saferpay Backoffice under Settings > Terminals."
        ),
        placeholder=N_("8 digits, e.g. 12341234"),
        flag_help="Saferpay terminal ID (8 digits)",
    ),
    Field(
        "username",
        N_("JSON API user"),
        text(100, allow_colon=False, what=N_("the JSON API user name")),
        help=N_("The JSON API user created in the Saferpay Backoffice."),
        placeholder=N_("e.g. API_123456_12341234"),
        flag_help="JSON API user from the Saferpay Backoffice",
    ),
    Field(
        "environment",
        N_("Environment"),
        choice(("test", "live")),
        choices=("test", "live"),
        choice_labels=ENVIRONMENTS,
        default="test",
        help=N_("Test uses Saferpay's test system; Live closes real batches."),
        flag_help="test for Saferpay's test system, live for real money",
        flag_required=True,  # the dialogs offer "test"; on the command line the owner says which
    ),
    Field(
        "base_url",
        N_("Base URL"),
        base_url,
        required=False,
        advanced=True,
        help=N_("Leave empty to use Saferpay's address for the environment."),
        placeholder=N_("Leave empty for Saferpay's address"),
        flag_help="override the Saferpay address (https://, or http:// to this PC)",
    ),
    Field(
        "spec_version",
        N_("SpecVersion"),
        pattern(r"[0-9]{1,2}\.[0-9]{1,3}", N_("a version such as 1.53")),
        required=False,
        advanced=True,
        default=SPEC_VERSION,
        flag_help=f"Saferpay SpecVersion (default {SPEC_VERSION})",
    ),
)

validate_secret = secret(32, SECRET_LABEL)  # passwords are at most 32 characters (docs/providers/saferpay.md §1)


def environment(terminal: Terminal) -> str:
    return terminal.get("environment", "test") or "test"


def display_id(terminal: Terminal) -> str:
    return terminal.get("terminal_id", "") or ""


def endpoint(terminal: Terminal) -> str:
    base = terminal.get("base_url") or BASE_URLS[environment(terminal)]
    return base.rstrip("/") + PATH


def identity(terminal: Terminal) -> str:
    """One physical terminal at Saferpay: the host it is closed at, the customer and the terminal id."""
    return "|".join(
        (
            NAME,
            url_host(endpoint(terminal)),
            terminal.get("customer_id", "") or "",
            terminal.get("terminal_id", "") or "",
        )
    )


def new_request_id() -> str:
    return str(uuid.uuid4())


def max_attempts_per_request() -> int:
    return MAX_RETRY_INDICATOR + 1


def client_info() -> dict[str, str]:
    return {
        "ShopInfo": f"Closeout {__version__}"[:100],
        "OsInfo": f"{platform.system()} {platform.release()}".strip()[:100] or "unknown",
    }


def body_username(terminal: Terminal) -> str:
    return validate_fields(FIELDS, terminal.settings, LABEL)["username"]


def build_request(
    terminal: Terminal, request_id: str, retry_indicator: int
) -> tuple[str, dict[str, str], dict[str, Any]]:
    """URL, headers and body of one attempt. Validates every field first; raises ValidationError."""
    settings = validate_fields(FIELDS, terminal.settings, LABEL)
    terminal = dataclasses.replace(terminal, settings=settings)  # build from the checked values only
    if not REQUEST_ID.fullmatch(request_id or ""):
        raise ValidationError("RequestId", "must be 1 to 50 characters of A-Z a-z 0-9 . : - _")
    if not isinstance(retry_indicator, int) or not 0 <= retry_indicator <= MAX_RETRY_INDICATOR:
        raise ValidationError(
            "RetryIndicator", f"must be 0..{MAX_RETRY_INDICATOR}; this close needs a person to settle it."
        )
    body = {
        "RequestHeader": {
            "SpecVersion": settings.get("spec_version") or SPEC_VERSION,
            "CustomerId": settings["customer_id"],
            "RequestId": request_id,
            "RetryIndicator": retry_indicator,
            "ClientInfo": client_info(),
        },
        "TerminalId": settings["terminal_id"],
    }
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Accept": "application/json",
    }
    return endpoint(terminal), headers, body


async def close(
    client: httpx.AsyncClient,
    terminal: Terminal,
    password: str,
    request_id: str,
    attempt: int,
    timeout: float,
) -> CloseResult:
    """One attempt of one close. ``attempt`` counts from 0 and is sent as RetryIndicator."""
    url, headers, body = build_request(terminal, request_id, attempt)
    validate_secret(password)
    username = body_username(terminal)
    try:
        answer = await post_json(
            client,
            url,
            headers=headers,
            body=body,
            auth=httpx.BasicAuth(username, password),
            timeout=timeout,
            provider_label=LABEL,
        )
    except TransportFailure as failure:
        return failure.result
    return parse_response(answer, request_id)


_KNOWN = {  # translated where used (app/core/i18n.py)
    "AUTHENTICATION_FAILED": N_(
        "Saferpay did not accept the JSON API user or password; check them in the terminal's settings."
    ),
    "PERMISSION_DENIED": N_(
        "Saferpay says this terminal does not belong to the customer ID, or the user may not close it; check both IDs."
    ),
    "VALIDATION_FAILED": N_("Saferpay refused the request as invalid; check the terminal's settings."),
    "INTERNAL_ERROR": N_("Saferpay had an internal error."),
}


def parse_response(answer: HttpAnswer, request_id: str) -> CloseResult:
    """Read one answer into a CloseResult. Never raises on a malformed answer."""
    status = answer.status
    doc = answer.json_object()
    date = answer.server_date()

    if 200 <= status < 300:
        header = doc.get("ResponseHeader") if doc else None
        if isinstance(header, dict):
            echoed = header.get("RequestId")
            if echoed not in (None, request_id):
                return CloseResult(
                    AnswerKind.LOST,
                    _("Saferpay answered for another request ({request}); the outcome is unknown.").format(
                        request=short(echoed, 60)
                    ),
                    http_status=status,
                    server_date=date,
                )
            return CloseResult(AnswerKind.CLOSED, _("Batch closed."), http_status=status, server_date=date)
        # A 2xx that is not Saferpay's JSON (a proxy page, an empty body): the answer is lost.
        return CloseResult(
            AnswerKind.LOST,
            _("Saferpay's answer (HTTP {status}) could not be read.").format(status=status),
            http_status=status,
            server_date=date,
        )

    if doc is not None and ("ErrorName" in doc or "Behavior" in doc):
        name = short(_str(doc.get("ErrorName")) or "", 64) or "UNKNOWN_ERROR"
        behavior = (_str(doc.get("Behavior")) or "").upper()
        text_ = _str(doc.get("ErrorMessage"))
        details = doc.get("ErrorDetail")
        detail = [short(d, 200) for d in details] if isinstance(details, list) else []
        human = _(_KNOWN[name]) if name in _KNOWN else _("Saferpay refused the close.")
        said = " " + _("Saferpay says: {text}").format(text=short(text_, 200)) if text_ else ""
        if detail:
            said += f" ({'; '.join(detail[:3])})"
        message = f"{human}{said} [{name}, HTTP {status}]"
        result = CloseResult(
            AnswerKind.FAILED,
            message,
            http_status=status,
            provider_code=name,
            provider_message=text_,
            behavior=behavior or None,
            error_detail=detail,
            server_date=date,
            retry_after=answer.retry_after(),
        )
        if behavior in ("RETRY", "RETRY_LATER"):
            result.kind = AnswerKind.RETRY
            if behavior == "RETRY_LATER" and result.retry_after is None:
                result.retry_after = 30.0
        # DO_NOT_RETRY, legacy ABORT, OTHER_MEANS and unknown behaviours: do not retry.
        return result

    # No Saferpay error body: judge by the status alone (a firewall 403, a proxy 502...).
    if status == 429:
        return CloseResult(
            AnswerKind.RETRY,
            _("Saferpay asked to slow down (HTTP 429)."),
            http_status=status,
            retry_after=answer.retry_after(),
            server_date=date,
        )
    if status >= 500:
        return CloseResult(
            AnswerKind.LOST,
            _("Saferpay's side failed (HTTP {status}) without saying whether the close happened.").format(
                status=status
            ),
            http_status=status,
            server_date=date,
            retry_after=answer.retry_after(),
        )
    reasons = {
        401: N_("Saferpay did not accept the JSON API user or password; check them in the terminal's settings."),
        403: N_(
            "Access was denied (HTTP 403), often by Saferpay's firewall: check the user, and that no proxy blocks "
            "the request."
        ),
        406: N_("Saferpay refused the Accept header (HTTP 406)."),
        415: N_("Saferpay refused the Content-Type (HTTP 415)."),
    }
    message = (
        _(reasons[status])
        if status in reasons
        else _("Saferpay refused the close (HTTP {status}).").format(status=status)
    )
    return CloseResult(AnswerKind.FAILED, f"{message} [HTTP {status}]", http_status=status, server_date=date)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


# --- terminal discovery: Management API ---------------------------------------------------------
# docs/providers/saferpay.md §5: GET {base}/rest/customers/{CustomerId}/terminals with the same
# Basic auth and the headers Saferpay-ApiVersion and Saferpay-RequestId.

TERMINALS_PATH = "/rest/customers/{customer_id}/terminals"
MANAGEMENT_API_VERSION = (
    "1.14"  # the version docs/providers/saferpay.md §5 names; the Management API versions apart from SpecVersion
)
QUERY_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class SaferpayTerminalInfo:
    terminal_id: str
    type: str | None  # ECOM | SPG | MPO (docs/providers/saferpay.md §5); others may appear
    description: str | None


@dataclass
class TerminalList:
    """``items`` are :class:`SaferpayTerminalInfo`; with ``error`` set there are none."""

    items: list[SaferpayTerminalInfo] = field(default_factory=list)
    error: QueryError | None = None
    unreadable: int = 0  # listed entries without a readable TerminalId (skipped)

    @property
    def ok(self) -> bool:
        return self.error is None


def base_address(env: str, base: str | None = None) -> str:
    """The API root: the base URL when given, else Saferpay's for the environment."""
    return (base or BASE_URLS[env]).rstrip("/")


async def list_terminals(
    client: httpx.AsyncClient,
    customer_id: str,
    username: str,
    password: str,
    environment: str = "test",
    base_url: str | None = None,
    timeout: float = QUERY_TIMEOUT_S,
    *,
    api_version: str = MANAGEMENT_API_VERSION,
) -> TerminalList:
    """The customer's terminals through the Management API.

    Raises ValidationError for a bad field (nothing sent); every other problem is ``result.error``.
    """
    checks = {f.key: f for f in FIELDS}
    customer_id = checks["customer_id"].validate("customer_id", customer_id)
    username = checks["username"].validate("username", username)
    validate_secret(password)
    # The names shadow this module's environment() and the base_url validator: only the checks are used here.
    environment = checks["environment"].validate("environment", environment or "test")
    if base_url:
        base_url = checks["base_url"].validate("base_url", base_url)
    if not re.fullmatch(r"[0-9]{1,2}\.[0-9]{1,3}", api_version or ""):
        raise ValidationError("Saferpay-ApiVersion", "must be a version such as 1.14.")
    url = base_address(environment, base_url) + TERMINALS_PATH.format(customer_id=customer_id)
    headers = {
        "Accept": "application/json",
        "Saferpay-ApiVersion": api_version,
        "Saferpay-RequestId": str(uuid.uuid4()),
    }  # fresh for every request
    try:
        answer = await get_json(
            client,
            url,
            params={},
            headers=headers,
            auth=httpx.BasicAuth(username, password),
            timeout=timeout,
            provider_label=LABEL,
        )
    except QueryFailure as failure:
        return TerminalList(error=failure.error)
    return parse_terminal_list(answer)


def parse_terminal_list(answer: HttpAnswer) -> TerminalList:
    """Read the Management API's terminal list. Never raises on a malformed answer."""
    status = answer.status
    doc = answer.json_object()
    date = answer.server_date()
    if 200 <= status < 300:
        entries = doc.get("Terminals") if doc is not None else None
        if not isinstance(entries, list):
            return TerminalList(
                error=QueryError(
                    f"Saferpay's answer (HTTP {status}) could not be read; a proxy may be in the way.",
                    http_status=status,
                    server_date=date,
                )
            )
        result = TerminalList()
        for entry in entries:
            terminal_id = _str(entry.get("TerminalId")) if isinstance(entry, dict) else None
            if not terminal_id or not terminal_id.strip():
                result.unreadable += 1
                continue
            result.items.append(
                SaferpayTerminalInfo(
                    short(terminal_id, 32), _opt_short(entry.get("Type"), 16), _opt_short(entry.get("Description"), 200)
                )
            )
        return result
    if doc is not None and ("ErrorName" in doc or "Behavior" in doc):
        name = short(_str(doc.get("ErrorName")) or "", 64) or "UNKNOWN_ERROR"
        text_ = _str(doc.get("ErrorMessage"))
        details = doc.get("ErrorDetail")
        detail = [short(d, 200) for d in details] if isinstance(details, list) else []
        human = _LIST_KNOWN.get(name) or "Saferpay refused to list the terminals."
        said = f" Saferpay says: {short(text_, 200)}" if text_ else ""
        if detail:
            said += f" ({'; '.join(detail[:3])})"
        return TerminalList(
            error=QueryError(
                f"{human}{said} [{name}, HTTP {status}]",
                http_status=status,
                provider_code=name,
                provider_message=text_,
                server_date=date,
            )
        )
    reasons = {
        401: _LIST_KNOWN["AUTHENTICATION_FAILED"],
        403: "Access was denied (HTTP 403), often by Saferpay's firewall: check the user, and that no proxy "
        "blocks the request.",
        404: "Saferpay does not know this address (HTTP 404); check the environment and the base URL.",
        429: "Saferpay asked to slow down (HTTP 429); try again in a minute.",
    }
    message = reasons.get(status) or (
        f"Saferpay's side failed (HTTP {status}); try again later."
        if status >= 500
        else f"Saferpay refused to list the terminals (HTTP {status})."
    )
    return TerminalList(error=QueryError(f"{message} [HTTP {status}]", http_status=status, server_date=date))


_LIST_KNOWN = {
    "AUTHENTICATION_FAILED": "Saferpay did not accept the JSON API user or password; check them, and the "
    "environment (test and live have separate users).",
    "PERMISSION_DENIED": "Saferpay says this user may not read this customer's terminals; check the customer ID "
    "and that the JSON API user belongs to it.",
    "VALIDATION_FAILED": "Saferpay refused the request as invalid; check the customer ID.",
}


def _opt_short(value: Any, limit: int) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return short(value, limit) or None


class SaferpayProvider(Provider):
    """Saferpay as Closeout's contract sees it (docs/providers/saferpay.md)."""

    NAME = NAME
    LABEL = LABEL
    SECRET_LABEL = SECRET_LABEL
    SECRET_FLAG = "--password-stdin"
    FIELDS = FIELDS
    HELP = N_(
        "Use a JSON API user from the Saferpay Backoffice (Settings → JSON API basic authentication). "
        "Turn off 'Automatic closure' for this terminal there."
    )
    IMPORT_HELP = N_(
        "Enter the customer ID and a JSON API user from the Saferpay Backoffice once; Closeout lists the "
        "customer's terminals and adds the ones you tick, each with this user."
    )
    ADD_HELP = "a Saferpay terminal (JSON API user and password)"
    CHECKED = "user and password"
    LOST_CLOSE = LostClose.RESEND  # same RequestId, RetryIndicator + 1
    CAPABILITIES = frozenset({Capability.DISCOVERY, Capability.CREDENTIAL_CHECK})
    PER_TERMINAL = ("terminal_id",)  # one JSON API user may close all of the customer's terminals

    # The module's own functions are the contract's required parts.
    validate_secret = staticmethod(validate_secret)
    environment = staticmethod(environment)
    display_id = staticmethod(display_id)
    identity = staticmethod(identity)
    endpoint = staticmethod(endpoint)

    new_request_id = staticmethod(new_request_id)
    max_attempts_per_request = staticmethod(max_attempts_per_request)
    close = staticmethod(close)

    def by_hand_instructions(self, terminal: Terminal) -> str:
        """Where the owner sees whether a close went through: the JSON API cannot be asked about a past close."""
        terminal_id = display_id(terminal) or "(terminal id)"
        site = (
            _("the live Saferpay Backoffice") if environment(terminal) == "live" else _("the Saferpay test Backoffice")
        )
        return _(
            "Saferpay cannot be asked about a past close from here. Sign in to {site} and open Terminals → "
            "{terminal} → the batch close journal (the menu names may differ slightly). If a batch close is listed "
            "at the time of this close, mark it closed. If none is listed, mark it not closed, or use 'Retry "
            "safely', which re-sends this same request (same request id)."
        ).format(site=site, terminal=terminal_id)

    async def check_credentials(
        self, client: httpx.AsyncClient, terminal: Terminal, secret_: str, *, timeout: float
    ) -> CredentialCheck:
        """The Management API's terminal list of the customer (the same Basic auth as a close)."""
        settings = terminal.settings
        listed = await list_terminals(
            client,
            settings.get("customer_id") or "",
            settings.get("username") or "",
            secret_,
            settings.get("environment") or "test",
            settings.get("base_url") or None,
            timeout,
        )
        if listed.error is not None:
            return from_query_error(listed.error, ("AUTHENTICATION_FAILED",))
        wanted = settings.get("terminal_id")
        if listed.items and wanted not in {item.terminal_id for item in listed.items}:
            known = ", ".join(item.terminal_id for item in listed.items[:5])
            return CredentialCheck(
                Verdict.REFUSED,
                f"Saferpay accepted the user and password, but customer "
                f"{settings.get('customer_id')} has no terminal {wanted} (it has: "
                f"{known}). Check the terminal ID.",
            )
        return CredentialCheck(Verdict.ACCEPTED, "Saferpay accepted the user and password.")

    async def discover(
        self, client: httpx.AsyncClient, shared: Mapping[str, str], secret_: str, *, timeout: float
    ) -> Listing:
        """The Management API's terminal list of the customer."""
        listed = await list_terminals(
            client,
            shared["customer_id"],
            shared["username"],
            secret_,
            shared["environment"],
            shared.get("base_url"),
            timeout,
        )
        listing = Listing([], unreadable=listed.unreadable)
        if listed.error is not None:
            listing.error = listed.error.message
            return listing
        for info in listed.items:
            detail = " · ".join(p for p in (info.type, info.description) if p)
            name = (
                info.description
                if info.description and info.description != info.terminal_id
                else f"Saferpay {info.terminal_id}"
            )
            listing.found.append(Found(name, {**shared, "terminal_id": info.terminal_id}, info.terminal_id, detail))
        return listing


PROVIDER = SaferpayProvider()
