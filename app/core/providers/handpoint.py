"""Handpoint Cloud API: ``POST {base}/batch/close`` for a *numbered* batch (docs/providers/handpoint.md).

Handpoint has no idempotency key. What makes a close safe to send again is its batch number: the same
numbered close answers "closed" (now) or ``BATCH_ALREADY_CLOSED`` (closed before), and
``POST /batch/summary`` for that number tells whether it closed. So every close names a batch number,
chosen before it leaves and frozen with it; a lost answer is settled by asking the summary, then by
re-sending the same number, never by a close without a number. A number-less close ("the open batch")
exists only as the owner's explicit, confirmed action when no number is known, and is never retried.
"""

from __future__ import annotations

import json
import re
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

import httpx

from app.core.i18n import N_, _
from app.core.providers.base import (
    CloseResult,
    HttpAnswer,
    QueryFailure,
    ResultKind,
    Terminal,
    TransportFailure,
    get_json,
    post_json,
    short,
    url_host,
)
from app.core.providers.checks import CredentialCheck, Verdict
from app.core.providers.contract import Capability, Found, Listing, LostClose, Prepared, Provider
from app.core.states import AnswerKind, CloseStatus, Reason
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

NAME = "handpoint"
LABEL = "Handpoint"
SECRET_LABEL = N_("Cloud API key")
BASE_URLS = {"live": "https://cloud.handpoint.com", "test": "https://cloud.handpoint.io"}
CLOSE_PATH = "/batch/close"
SUMMARY_PATH = "/batch/summary"
DEVICES_PATH = "/devices"
OLD_DEVICES_PATH = "/initialize"  # the same list before it was renamed: asked on 404
QUERY_TIMEOUT_S = 30.0
UNNUMBERED = "unnumbered-"  # request ids of the owner's explicit number-less closes (never re-sent)
ALREADY_CLOSED = "BATCH_ALREADY_CLOSED"
NO_TRANSACTIONS = "NO_TRANSACTIONS"
LOOK_AHEAD = 3  # batch numbers tried past the expected one when the summary says it is closed already

FIELDS: tuple[Field, ...] = (
    Field(
        "device_type",
        N_("Device type"),
        text(40, what=N_("the device type, e.g. PAXA920PRO")),
        help=N_("The terminal's model code as Handpoint lists it, e.g. PAXA920PRO (VT for the virtual terminal)."),
        placeholder=N_("e.g. PAXA920PRO"),
    ),
    Field(
        "serial_number",
        N_("Serial number"),
        pattern(r"[\x21-\x7e]{1,32}", N_("the serial number, e.g. 0740013311")),
        help=N_("As printed on the terminal; leading zeros count."),
        placeholder=N_("e.g. 0740013311"),
    ),
    Field(
        "environment",
        N_("Environment"),
        choice(("test", "live")),
        choices=("test", "live"),
        choice_labels=ENVIRONMENTS,
        default="live",
        help=N_(
            "Live: cloud.handpoint.com (production and demo terminals); test: cloud.handpoint.io (debug terminals)."
        ),
    ),
    Field(
        "base_url",
        N_("Base URL"),
        base_url,
        required=False,
        advanced=True,
        help=N_("Leave empty to use Handpoint's address for the environment."),
        placeholder=N_("Leave empty for Handpoint's address"),
    ),
    Field(
        "currency",
        N_("Currency"),
        pattern(r"[A-Z]{3}", N_("a 3-letter currency code such as USD")),
        required=False,
        help=N_("Handpoint's batch answers name no currency: the report uses this one (e.g. USD, CAD)."),
        placeholder=N_("e.g. USD"),
    ),
    Field(
        "batch_number",
        N_("Open batch number"),
        pattern(r"[0-9]{1,9}", N_("digits, as on the terminal's batch report")),
        required=False,
        advanced=True,
        help=N_(
            "Only needed before the first close: the number of the open batch on the terminal's batch report. "
            "Afterwards Closeout counts on from the last close."
        ),
        placeholder=N_("e.g. 12, from the terminal's batch report"),
    ),
)


def validate_secret(value: str) -> str:
    value = secret(200, SECRET_LABEL)(value)
    if not re.fullmatch(r"[\x21-\x7e]+", value):
        raise ValidationError(
            SECRET_LABEL,
            _("may contain only letters, digits and symbols, no spaces; paste it again from the Handpoint portal."),
        )
    return value


def environment(terminal: Terminal) -> str:
    return terminal.get("environment", "live") or "live"


def display_id(terminal: Terminal) -> str:
    return terminal.get("serial_number", "") or ""


def base(terminal: Terminal) -> str:
    return (terminal.get("base_url") or BASE_URLS[environment(terminal)]).rstrip("/")


def endpoint(terminal: Terminal) -> str:
    return base(terminal) + CLOSE_PATH


def identity(terminal: Terminal) -> str:
    """One physical terminal at Handpoint: host, device type and serial number."""
    return "|".join(
        (NAME, url_host(base(terminal)), terminal.get("device_type", "") or "", terminal.get("serial_number", "") or "")
    )


def headers(api_key: str) -> dict[str, str]:
    return {"ApiKeyCloud": api_key, "Content-Type": "application/json", "Accept": "application/json"}


def build_close(terminal: Terminal, api_key: str, request_id: str) -> tuple[str, dict[str, str], dict[str, Any]]:
    """URL, headers and body of a close. Raises ValidationError before anything is sent: a close without a
    batch number is built only for the owner's explicit number-less close."""
    settings = validate_fields(FIELDS, terminal.settings, LABEL)
    validate_secret(api_key)
    body: dict[str, Any] = {"deviceType": settings["device_type"], "serialNumber": settings["serial_number"]}
    number = settings.get("batch_number")
    if number:
        body["batchNumber"] = number
    elif not request_id.startswith(UNNUMBERED):
        raise ValidationError(
            "batch_number",
            "is not known, so no close was sent (a close without a number "
            "closes whatever batch is open and cannot be retried safely).",
        )
    return endpoint(Terminal(terminal.id, terminal.name, NAME, settings)), headers(api_key), body


async def close(
    client: httpx.AsyncClient, terminal: Terminal, api_key: str, request_id: str, attempt: int, timeout: float
) -> CloseResult:
    url, head, body = build_close(terminal, api_key, request_id)
    try:
        answer = await post_json(client, url, headers=head, body=body, auth=None, timeout=timeout, provider_label=LABEL)
    except TransportFailure as failure:
        result = failure.result
        result.resend_safe = "batchNumber" in body
        return result
    return parse_close(answer, numbered="batchNumber" in body, asked=body.get("batchNumber"))


# -- reading answers -------------------------------------------------------------------------------


def _error(doc: Mapping[str, Any] | None) -> tuple[str | None, str | None, str | None, str | None]:
    """(code, message, reason, errorGuid) of an error body, wherever this server put them."""
    if not doc:
        return None, None, None, None
    error: Mapping[str, Any] = doc["error"] if isinstance(doc.get("error"), dict) else doc
    details: Mapping[str, Any] = error["details"] if isinstance(error.get("details"), dict) else {}
    code = error.get("code") or details.get("errorCode")
    message = error.get("message")
    if isinstance(message, dict):  # terminal errors: {"error": 1004, "message": "..."}
        code = code or (str(message.get("error")) if message.get("error") is not None else None)
        message = message.get("message")
    reason = details.get("reason") or details.get("description")
    guid = details.get("errorGuid")
    return (
        short(code, 64) if code else None,
        short(message, 200) if message else None,
        short(reason, 200) if reason else None,
        short(guid, 64) if guid else None,
    )


def _says(code: str | None, message: str | None, wanted: str) -> bool:
    words = wanted.replace("_", " ").lower()
    return (code or "").upper() == wanted or wanted in (message or "").upper() or words in (message or "").lower()


def close_data(doc: Mapping[str, Any]) -> dict[str, Any]:
    """What to keep of a closed (or summarised) batch: its number, status, guid, time, count and net."""
    keep = (
        "batchNumber",
        "batchStatus",
        "closeBatchGuid",
        "batchSummaryGuid",
        "closedAt",
        "transactionCount",
        "netAmount",
        "issuerResponseCode",
        "issuerResponseText",
    )
    return {k: short(doc[k], 64) for k in keep if doc.get(k) not in (None, "")}


def parse_close(answer: HttpAnswer, *, numbered: bool = True, asked: str | None = None) -> CloseResult:
    """Read one answer to a close (docs/providers/handpoint.md, "Errors"). Never raises."""
    status, doc, date = answer.status, answer.json_object(), answer.server_date()
    code, message, reason, guid = _error(doc)
    said = " ".join(p for p in (message, f"({reason})" if reason and reason != message else None) if p)
    tail = " [" + ", ".join(p for p in (code, f"HTTP {status}", f"error {guid}" if guid else None) if p) + "]"

    def result(kind: ResultKind, text_: str, data: dict[str, Any] | None = None) -> CloseResult:
        return CloseResult(
            kind,
            text_,
            http_status=status,
            provider_code=code,
            provider_message=message,
            trace_id=guid or (data or {}).get("closeBatchGuid"),
            data=data,
            server_date=date,
            retry_after=answer.retry_after(),
            resend_safe=numbered,
        )

    if 200 <= status < 300:
        if doc is None:
            return result(
                AnswerKind.LOST,
                _(
                    "Handpoint's answer (HTTP {status}) could not be read; whether batch {batch} closed is unknown."
                ).format(status=status, batch=asked or _("(open)")),
            )
        data = close_data(doc)
        if str(doc.get("issuerResponseCode", "")) == "00" or str(doc.get("batchStatus", "")).upper() == "CLOSED":
            return result(
                AnswerKind.CLOSED, _("Batch {batch} closed.").format(batch=data.get("batchNumber") or asked or ""), data
            )
        return result(
            AnswerKind.LOST,
            _("Handpoint answered without saying that batch {batch} closed ({said}).").format(
                batch=asked or _("(open)"), said=doc.get("issuerResponseText") or doc.get("issuerResponseCode") or "-"
            ),
            data,
        )
    if status in (400, 409) and _says(code, message, ALREADY_CLOSED):
        return result(
            AnswerKind.ALREADY_CLOSED,
            _(
                "Handpoint says batch {batch} is already closed (for example by the "
                "terminal's automatic close); nothing more to do."
            ).format(batch=asked or _("(open)"))
            + tail,
            {"batchNumber": asked} if asked else None,
        )
    if status in (400, 409) and _says(code, message, NO_TRANSACTIONS):
        return result(
            AnswerKind.NOTHING_TO_CLOSE,
            _("Nothing to close: the open batch has no transactions; nothing was closed.") + tail,
        )
    if status in (401, 403):
        return result(
            AnswerKind.FAILED,
            _(
                "Handpoint did not accept the Cloud API key; check it in the terminal's settings "
                "(Handpoint portal → API keys)."
            )
            + tail,
        )
    if status == 422:
        if not numbered and "batchnumber" in (said or "").replace(" ", "").lower():
            return result(
                AnswerKind.FAILED,
                _(
                    "This Handpoint server needs a batch number for every close. Enter the open "
                    "batch number (from the terminal's batch report) in the terminal's settings, "
                    "then close again."
                )
                + tail,
            )
        return result(
            AnswerKind.FAILED,
            _("Handpoint refused the request as invalid: {said}.").format(said=said or _("no reason given")) + tail,
        )
    if status == 429 or status >= 500:
        return result(
            AnswerKind.LOST,
            _("Handpoint's side failed (HTTP {status}) without saying whether batch {batch} closed.").format(
                status=status, batch=asked or _("(open)")
            )
            + tail,
        )
    return result(
        AnswerKind.FAILED, _("Handpoint refused the close: {said}.").format(said=said or _("no reason given")) + tail
    )


# -- the summary: did this numbered batch close? ---------------------------------------------------


async def summary(
    client: httpx.AsyncClient, terminal: Terminal, api_key: str, batch_number: str, *, timeout: float = QUERY_TIMEOUT_S
) -> CloseResult | None:
    """What Handpoint says about batch ``batch_number``: "closed" (with its totals), "open" (not closed yet:
    kind "failed" with provider_code "OPEN"), or None when it cannot tell (no answer, an error)."""
    settings = validate_fields(FIELDS, terminal.settings, LABEL)
    body = {
        "deviceType": settings["device_type"],
        "serialNumber": settings["serial_number"],
        "batchNumber": batch_number,
    }
    try:
        answer = await post_json(
            client,
            base(terminal) + SUMMARY_PATH,
            headers=headers(api_key),
            body=body,
            auth=None,
            timeout=timeout,
            provider_label=LABEL,
        )
    except TransportFailure:
        return None
    doc = answer.json_object()
    if not (200 <= answer.status < 300) or doc is None:
        return None
    data = close_data(doc)
    if str(doc.get("batchStatus", "")).upper() == "CLOSED":
        return CloseResult(
            AnswerKind.CLOSED,
            _("Handpoint's summary shows batch {batch} closed.").format(batch=batch_number),
            http_status=answer.status,
            data=data,
            trace_id=data.get("batchSummaryGuid"),
        )
    if doc.get("batchStatus"):
        return CloseResult(
            AnswerKind.FAILED,
            _("Handpoint's summary shows batch {batch} still {status}.").format(
                batch=batch_number, status=short(doc.get("batchStatus"), 20).lower()
            ),
            http_status=answer.status,
            provider_code="OPEN",
            data=data,
        )
    return None


def _next(number: str) -> str:
    """The number after ``number``, keeping its width ("001" -> "002")."""
    return str(int(number) + 1).zfill(len(number))


def expected_number(terminal: Terminal, last: Mapping[str, Any] | None) -> str | None:
    """The batch number the next close should name: one past the last closed batch Closeout recorded, or the
    number the owner entered when it is further on (batches closed on the terminal itself)."""
    candidates = []
    closed = (last or {}).get("batchNumber")
    if isinstance(closed, str) and closed.isdigit():
        candidates.append(_next(closed))
    typed = terminal.get("batch_number")
    if typed and typed.isdigit():
        candidates.append(typed)
    return max(candidates, key=int) if candidates else None


# -- terminal discovery ----------------------------------------------------------------------------


async def list_devices(
    client: httpx.AsyncClient, api_key: str, base_url_: str, *, timeout: float = QUERY_TIMEOUT_S
) -> tuple[list[dict[str, str]], str | None, bool]:
    """The merchant's terminals ([{device_type, serial_number}]), an error for people (or None), and whether
    Handpoint refused the key.
    The terminal's shared secret (``ssk``) in the answer is dropped here: never stored, logged or shown."""
    for path in (DEVICES_PATH, OLD_DEVICES_PATH):
        try:
            answer = await get_json(
                client,
                base_url_.rstrip("/") + path,
                params={},
                headers=headers(api_key),
                auth=None,
                timeout=timeout,
                provider_label=LABEL,
            )
        except QueryFailure as failure:
            return [], failure.error.message, False
        if answer.status == 404 and path == DEVICES_PATH:
            continue
        if answer.status in (401, 403):
            return [], _("Handpoint did not accept the Cloud API key."), True
        if not (200 <= answer.status < 300):
            return [], _("Handpoint could not list the terminals (HTTP {status}).").format(status=answer.status), False
        try:
            items = json.loads(answer.body)
        except ValueError:
            items = None
        if not isinstance(items, list):
            return [], _("Handpoint's terminal list could not be read."), False
        found = []
        for item in items:
            if (
                isinstance(item, dict)
                and isinstance(item.get("serial_number"), str)
                and isinstance(item.get("terminal_type"), str)
            ):
                found.append({"device_type": item["terminal_type"], "serial_number": item["serial_number"]})
        return found, None, False
    return [], _("Handpoint has no terminal list at this address; check the base URL."), False


class HandpointProvider(Provider):
    """Handpoint Cloud as Closeout's contract sees it (docs/providers/handpoint.md)."""

    NAME = NAME
    LABEL = LABEL
    SECRET_LABEL = SECRET_LABEL
    SECRET_FLAG = "--api-key-stdin"
    FIELDS = FIELDS
    HELP = N_(
        "Use a Cloud API key (ApiKeyCloud) from the Handpoint portal; device type and serial number are on "
        "the terminal."
    )
    IMPORT_HELP = N_(
        "Enter a Cloud API key (ApiKeyCloud) from the Handpoint portal once; Closeout lists the terminals of "
        "its merchant and adds the ones you tick, each with this key."
    )
    ADD_HELP = "a Handpoint terminal (Cloud API key)"
    LOST_CLOSE = LostClose.ASK  # no idempotency key: ask the summary for that batch number, then re-send it
    CAPABILITIES = frozenset(
        {
            Capability.CHECK_CLOSE,
            Capability.NUMBERED_BATCH,
            Capability.CREDENTIAL_CHECK,
            Capability.BATCH_TOTALS,
            Capability.DISCOVERY,
        }
    )

    PER_TERMINAL = ("device_type", "serial_number", "batch_number", "currency")

    # The module's own functions are the contract's required parts.
    validate_secret = staticmethod(validate_secret)
    environment = staticmethod(environment)
    display_id = staticmethod(display_id)
    identity = staticmethod(identity)
    endpoint = staticmethod(endpoint)

    async def discover(
        self, client: httpx.AsyncClient, shared: Mapping[str, str], secret_: str, *, timeout: float
    ) -> Listing:
        """GET /devices (/initialize on 404); the terminal's ssk in the answer is dropped unread."""
        base_ = (shared.get("base_url") or BASE_URLS[shared.get("environment") or "live"]).rstrip("/")
        devices, error, _refused = await list_devices(client, secret_, base_, timeout=timeout)
        return Listing(
            [
                Found(
                    f"Handpoint {d['device_type']} {d['serial_number']}",
                    {**shared, **d},
                    d["serial_number"],
                    d["device_type"],
                )
                for d in devices
            ],
            error=error,
        )

    def new_request_id(self) -> str:
        return "hp-" + uuid.uuid4().hex  # kept in the history only: Handpoint has no request id

    def max_attempts_per_request(self) -> int | None:
        return None

    close = staticmethod(close)

    def can_resend(self, request: Mapping[str, Any] | None) -> bool:
        """Only a numbered close can be sent again: a number-less one would close the next batch."""
        settings = (request or {}).get("settings") or {}
        return bool(settings.get("batch_number"))

    async def check_close(
        self, client: httpx.AsyncClient, terminal: Terminal, secret_: str, request: Mapping[str, Any], *, timeout: float
    ) -> CloseResult | None:
        number = ((request or {}).get("settings") or {}).get("batch_number")
        if not number:
            return None  # a number-less close cannot be looked up: a person settles it
        return await summary(client, terminal, secret_, number, timeout=timeout)

    async def prepare_close(
        self,
        client: httpx.AsyncClient,
        terminal: Terminal,
        secret_: str,
        last: Mapping[str, Any] | None,
        *,
        timeout: float,
        unnumbered: bool = False,
    ) -> Prepared:
        if unnumbered:
            return Prepared(extra={"batch_number": ""}, request_id=UNNUMBERED + uuid.uuid4().hex)
        number = expected_number(terminal, last)
        if number is None:
            return Prepared(
                outcome=CloseStatus.FAILED,
                reason="configuration",
                message=_(
                    "Closeout does not know the number of this terminal's open batch yet, so nothing was sent. Enter it "
                    "in the terminal's settings (Open batch number, from the terminal's batch report), or close it once "
                    "without a number: 'closeout close NAME --unnumbered' (never retried automatically)."
                ),
            )
        for _look in range(LOOK_AHEAD + 1):
            said = await summary(client, terminal, secret_, number, timeout=min(timeout, QUERY_TIMEOUT_S))
            if said is None or said.kind != AnswerKind.CLOSED:
                return Prepared(extra={"batch_number": number})  # open, or Handpoint cannot tell: close it
            number = _next(number)  # closed already (an automatic close ran): the next one is open
        return Prepared(
            outcome=CloseStatus.SKIPPED,
            reason=Reason.ALREADY_CLOSED,
            message=_(
                "Handpoint shows the batches up to {batch} closed already (automatic closes?); nothing was sent. "
                "Check the terminal's batch report and enter its open batch number in the terminal's settings."
            ).format(batch=number),
        )

    def batch_totals(
        self, data: Mapping[str, Any] | None, terminal_settings: Mapping[str, str]
    ) -> dict[str, Any] | None:
        if not data or not data.get("batchNumber"):
            return None
        net = str(data.get("netAmount") or "")
        minor: int | None = None
        try:
            if "." in net:  # a dot: major units; digits only: minor units (docs/providers/handpoint.md §4)
                minor = int(Decimal(net) * 100)
            elif re.fullmatch(r"-?[0-9]+", net):
                minor = int(net)
        except InvalidOperation:
            minor = None
        count = str(data.get("transactionCount") or "")
        return {
            "batchNo": data["batchNumber"],
            "priceCurrency": terminal_settings.get("currency") or "",
            "transactionCount": int(count) if count.isdigit() else None,
            "netAmount": minor,
            **({"batchTime": data["closedAt"]} if data.get("closedAt") else {}),  # the history's "Batch time"
        }

    async def check_credentials(
        self, client: httpx.AsyncClient, terminal: Terminal, secret_: str, *, timeout: float
    ) -> CredentialCheck:
        devices, error, refused = await list_devices(client, secret_, base(terminal), timeout=timeout)
        if error is not None:
            verdict = Verdict.REFUSED if refused else Verdict.UNREACHABLE
            return CredentialCheck(verdict, error)
        serial = terminal.get("serial_number")
        if devices and serial not in {d["serial_number"] for d in devices}:
            return CredentialCheck(
                Verdict.REFUSED,
                _(
                    "Handpoint accepted the key, but it has no terminal {serial}. "
                    "Check the serial number (leading zeros count)."
                ).format(serial=serial),
            )
        return CredentialCheck(Verdict.ACCEPTED, _("Handpoint accepted the Cloud API key and knows this terminal."))


PROVIDER = HandpointProvider()
