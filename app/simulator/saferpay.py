"""Saferpay JSON API, as served under :data:`PREFIX`.

Contract: ``docs/providers/saferpay.md`` (``POST /Payment/v1/Batch/Close``, §2-§3); formats, error
shapes (§3) and the Management API (§5) as described there.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from app.simulator.closing import run_close
from app.simulator.contract import SimulatedProvider
from app.simulator.faults import Fault
from app.simulator.records import CloseRecord
from app.simulator.wire import Answer, accepts_json, is_json_content_type, json_object

if TYPE_CHECKING:
    from app.simulator.simulator import Simulator

NAME = "saferpay"
PREFIX = "/saferpay/api"
CLOSE_PATH = "/Payment/v1/Batch/Close"
TERMINALS_PATH = "/rest/customers/{customer_id}/terminals"
LATEST_SPEC_VERSION = "1.53"  # docs/providers/saferpay.md §2: older values stay valid
TERMINAL_TYPES = ("ECOM", "SPG", "MPO")  # docs/providers/saferpay.md §5: Management API terminal types

# Formats from the seed (TerminalId Numeric[8..8]) and the notes (RequestHeader fields).
SPEC_VERSION = re.compile(r"([0-9]{1,2})\.([0-9]{1,3})")
CUSTOMER_ID = re.compile(r"[0-9]{1,8}")
TERMINAL_ID = re.compile(r"[0-9]{8}")
REQUEST_ID = re.compile(r"[A-Za-z0-9.:\-_]{1,50}")
MAX_RETRY_INDICATOR = 9
CLIENT_INFO_MAX = 100

VALIDATION_FAILED = "VALIDATION_FAILED"
DO_NOT_RETRY = "DO_NOT_RETRY"
WWW_AUTHENTICATE = (("WWW-Authenticate", 'Basic realm="Saferpay"'),)


@dataclass(frozen=True)
class SaferpayUser:
    username: str
    password: str
    customer_id: str


@dataclass(frozen=True)
class SaferpayTerminal:
    terminal_id: str
    customer_id: str
    type: str
    description: str


@dataclass
class _FirstAnswer:
    """The answer of the request that really closed, replayed to its retries."""

    retry_indicator: int  # the highest RetryIndicator seen for this RequestId
    answer: Answer


@dataclass
class SaferpayState:
    users: dict[str, SaferpayUser] = field(default_factory=dict)
    terminals: dict[str, SaferpayTerminal] = field(default_factory=dict)
    first_answers: dict[tuple[str, str], _FirstAnswer] = field(default_factory=dict)
    latest_spec_version: str = LATEST_SPEC_VERSION

    def add(
        self, customer_id: str, terminal_id: str, username: str, password: str, terminal_type: str, description: str
    ) -> None:
        if not CUSTOMER_ID.fullmatch(customer_id):
            raise ValueError(f"Saferpay CustomerId must be 1 to 8 digits, not {customer_id!r}.")
        if not TERMINAL_ID.fullmatch(terminal_id):
            raise ValueError(f"Saferpay TerminalId must be exactly 8 digits, not {terminal_id!r}.")
        if terminal_type not in TERMINAL_TYPES:
            raise ValueError(f"Saferpay terminal Type must be one of {TERMINAL_TYPES}.")
        if not username or ":" in username or not password:
            raise ValueError("A Saferpay JSON API user needs a name without ':' and a password.")
        known = self.users.get(username)
        if known is not None and (known.password, known.customer_id) != (password, customer_id):
            raise ValueError(f"Saferpay user {username!r} already exists with another password or customer.")
        terminal = self.terminals.get(terminal_id)
        if terminal is not None and terminal.customer_id != customer_id:
            raise ValueError(f"Saferpay terminal {terminal_id} already belongs to customer {terminal.customer_id}.")
        self.users[username] = SaferpayUser(username, password, customer_id)
        self.terminals[terminal_id] = SaferpayTerminal(terminal_id, customer_id, terminal_type, description)

    def authenticate(self, authorization: str | None) -> SaferpayUser | None:
        credentials = basic_credentials(authorization)
        if credentials is None:
            return None
        user = self.users.get(credentials[0])
        return user if user is not None and user.password == credentials[1] else None

    def spec_version_supported(self, value: str) -> bool:
        match = SPEC_VERSION.fullmatch(value)
        latest = SPEC_VERSION.fullmatch(self.latest_spec_version)
        if match is None or latest is None:
            return False
        # Older SpecVersions stay valid; ones not yet published are not (docs/providers/saferpay.md §2).
        return int(match[1]) == int(latest[1]) and int(match[2]) <= int(latest[2])


def basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    scheme, _, value = (authorization or "").strip().partition(" ")
    if scheme.lower() != "basic" or not value.strip():
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    username, colon, password = decoded.partition(":")
    return (username, password) if colon else None


def validate_close_body(doc: Mapping[str, Any], state: SaferpayState | None = None) -> list[str]:
    """Every format problem of a Batch Close body, as ErrorDetail lines (empty: valid)."""
    state = state or SaferpayState()
    errors: list[str] = []
    header = doc.get("RequestHeader")
    if not isinstance(header, dict):
        errors.append("RequestHeader: The field RequestHeader is required and must be an object.")
        header = {}
    else:
        spec = header.get("SpecVersion")
        if not isinstance(spec, str) or not SPEC_VERSION.fullmatch(spec):
            errors.append("RequestHeader.SpecVersion: The field SpecVersion is required and must look like 1.53.")
        elif not state.spec_version_supported(spec):
            errors.append(
                f"RequestHeader.SpecVersion: SpecVersion {spec} is not supported "
                f"(latest is {state.latest_spec_version})."
            )
        customer = header.get("CustomerId")
        if not isinstance(customer, str) or not CUSTOMER_ID.fullmatch(customer):
            errors.append("RequestHeader.CustomerId: The field CustomerId must be a string of 1 to 8 digits.")
        request_id = header.get("RequestId")
        if not isinstance(request_id, str) or not REQUEST_ID.fullmatch(request_id):
            errors.append(
                "RequestHeader.RequestId: The field RequestId must be 1 to 50 characters of A-Z a-z 0-9 . : - _"
            )
        retry = header.get("RetryIndicator")
        if isinstance(retry, bool) or not isinstance(retry, int) or not 0 <= retry <= MAX_RETRY_INDICATOR:
            errors.append(
                f"RequestHeader.RetryIndicator: The field RetryIndicator must be an integer "
                f"from 0 to {MAX_RETRY_INDICATOR}."
            )
        if "ClientInfo" in header:
            errors.extend(_client_info_errors(header["ClientInfo"]))
    terminal = doc.get("TerminalId")
    if not isinstance(terminal, str) or not TERMINAL_ID.fullmatch(terminal):
        errors.append("TerminalId: The field TerminalId must be a string of exactly 8 digits.")
    return errors


def _client_info_errors(info: Any) -> list[str]:
    if not isinstance(info, dict):
        return ["RequestHeader.ClientInfo: The field ClientInfo must be an object."]
    errors = []
    for name in ("ShopInfo", "OsInfo"):
        value = info.get(name)
        if value is not None and (not isinstance(value, str) or len(value) > CLIENT_INFO_MAX):
            errors.append(
                f"RequestHeader.ClientInfo.{name}: The field {name} must be a string of at most "
                f"{CLIENT_INFO_MAX} characters."
            )
    return errors


def response_header(doc: Mapping[str, Any] | None, latest: str = LATEST_SPEC_VERSION) -> dict[str, str]:
    """The ResponseHeader of an answer: the request's SpecVersion and RequestId when readable."""
    request_header = doc.get("RequestHeader") if doc else None
    request_header = request_header if isinstance(request_header, dict) else {}
    spec = request_header.get("SpecVersion")
    header = {"SpecVersion": spec if isinstance(spec, str) and SPEC_VERSION.fullmatch(spec) else latest}
    request_id = request_header.get("RequestId")
    if isinstance(request_id, str) and REQUEST_ID.fullmatch(request_id):
        header["RequestId"] = request_id
    return header


def error_answer(
    status: int,
    name: str,
    behavior: str,
    message: str,
    detail: list[str] | tuple[str, ...] | None,
    header: dict[str, str] | None,
    headers: tuple[tuple[str, str], ...] = (),
) -> Answer:
    """A Saferpay error body (docs/providers/saferpay.md §3: ResponseHeader, Behavior, ErrorName, ErrorMessage, ErrorDetail)."""
    doc: dict[str, Any] = {}
    if header is not None:
        doc["ResponseHeader"] = header
    doc.update({"Behavior": behavior, "ErrorName": name, "ErrorMessage": message})
    if detail:
        doc["ErrorDetail"] = list(detail)
    return Answer.json(status, doc, headers)


def _plain(status: int, text: str) -> Answer:
    return Answer(status, text.encode("utf-8"), "text/plain; charset=utf-8")


def process_close(sim: Simulator, headers: Mapping[str, str], doc: dict[str, Any] | None) -> Answer:
    """Check one Batch Close request and, when it is valid and new, close the batch.

    The order of the checks is not published; this one is: credentials (401), media types
    (415, 406), body format (400), terminal ownership (403), repeated RequestId (400 or replay).
    """
    state: SaferpayState = sim.state(NAME)
    with sim._lock:
        header = response_header(doc, state.latest_spec_version)
        user = state.authenticate(headers.get("authorization"))
        if user is None:
            return error_answer(
                401,
                "AUTHENTICATION_FAILED",
                DO_NOT_RETRY,
                "Unable to authenticate request",
                ["Invalid credentials"],
                header,
                WWW_AUTHENTICATE,
            )
        # docs/providers/saferpay.md §3: 415 wrong Content-Type, 406 wrong Accept.
        if not is_json_content_type(headers.get("content-type")):
            return _plain(415, "Unsupported Media Type: send Content-Type: application/json; charset=utf-8")
        if not accepts_json(headers.get("accept")):
            return _plain(406, "Not Acceptable: the answer is application/json")
        if doc is None:
            return error_answer(
                400,
                VALIDATION_FAILED,
                DO_NOT_RETRY,
                "Request validation failed",
                ["The request body must be a JSON object."],
                header,
            )
        errors = validate_close_body(doc, state)
        if errors:
            return error_answer(400, VALIDATION_FAILED, DO_NOT_RETRY, "Request validation failed", errors, header)

        request_header = doc["RequestHeader"]
        customer_id, request_id = request_header["CustomerId"], request_header["RequestId"]
        retry_indicator, terminal_id = request_header["RetryIndicator"], doc["TerminalId"]
        terminal = state.terminals.get(terminal_id)
        if customer_id != user.customer_id or terminal is None or terminal.customer_id != customer_id:
            # docs/providers/saferpay.md §3: PERMISSION_DENIED for a terminal that is not the customer's.
            return error_answer(
                403,
                "PERMISSION_DENIED",
                DO_NOT_RETRY,
                "Permission denied",
                [f"Terminal {terminal_id} is not assigned to customer {customer_id} or the user may not use it."],
                header,
            )

        first = state.first_answers.get((terminal_id, request_id))
        if first is not None:
            # docs/providers/saferpay.md §4: a retry of the SAME close sends the SAME RequestId with RetryIndicator + 1;
            # the provider answers as the first time, without closing again.
            if retry_indicator <= first.retry_indicator:
                return error_answer(
                    400,
                    VALIDATION_FAILED,
                    DO_NOT_RETRY,
                    "Request validation failed",
                    [
                        f"RequestHeader.RequestId: {request_id} was already used; send a new "
                        f"RequestId, or a higher RetryIndicator to repeat that request."
                    ],
                    header,
                )
            first.retry_indicator = retry_indicator
            return first.answer

        # Seed: success is HTTP 200 with the ResponseHeader only (no batch number, no totals).
        answer = Answer.json(
            200, {"ResponseHeader": {"SpecVersion": request_header["SpecVersion"], "RequestId": request_id}}
        )
        state.first_answers[(terminal_id, request_id)] = _FirstAnswer(retry_indicator, answer)
        sim._record_close(CloseRecord(NAME, terminal_id, request_id, sim.now(), retry_indicator=retry_indicator))
        return answer


def fault_answer(fault: Fault, doc: dict[str, Any] | None) -> Answer:
    return error_answer(
        fault.status, fault.error_name, fault.behavior, fault.message, fault.detail, response_header(doc), fault.headers
    )


def canned_success(doc: dict[str, Any] | None) -> Answer:
    header = response_header(doc)
    header.setdefault("RequestId", "unknown")
    return Answer.json(200, {"ResponseHeader": header})


def list_terminals(sim: Simulator, headers: Mapping[str, str], customer_id: str) -> Answer:
    """Management API ``GET /rest/customers/{CustomerId}/terminals`` (docs/providers/saferpay.md §5)."""
    state: SaferpayState = sim.state(NAME)
    with sim._lock:
        user = state.authenticate(headers.get("authorization"))
        if user is None:
            return error_answer(
                401,
                "AUTHENTICATION_FAILED",
                DO_NOT_RETRY,
                "Unable to authenticate request",
                ["Invalid credentials"],
                None,
                WWW_AUTHENTICATE,
            )
        if not accepts_json(headers.get("accept")):
            return _plain(406, "Not Acceptable: the answer is application/json")
        errors = []
        api_version = headers.get("saferpay-apiversion")
        if not api_version or not SPEC_VERSION.fullmatch(api_version):
            errors.append("Saferpay-ApiVersion: The header Saferpay-ApiVersion is required, e.g. 1.14.")
        request_id = headers.get("saferpay-requestid")
        if not request_id or not REQUEST_ID.fullmatch(request_id):
            errors.append(
                "Saferpay-RequestId: The header Saferpay-RequestId is required "
                "(1 to 50 characters of A-Z a-z 0-9 . : - _)."
            )
        if not CUSTOMER_ID.fullmatch(customer_id):
            errors.append("CustomerId: The CustomerId in the path must be 1 to 8 digits.")
        if errors:
            return error_answer(400, VALIDATION_FAILED, DO_NOT_RETRY, "Request validation failed", errors, None)
        if customer_id != user.customer_id:
            return error_answer(
                403,
                "PERMISSION_DENIED",
                DO_NOT_RETRY,
                "Permission denied",
                [f"The user may not read customer {customer_id}."],
                None,
            )
        terminals = sorted(
            (t for t in state.terminals.values() if t.customer_id == customer_id), key=lambda t: t.terminal_id
        )
        return Answer.json(
            200,
            {
                "Terminals": [
                    {"TerminalId": t.terminal_id, "Type": t.type, "Description": t.description} for t in terminals
                ]
            },
        )


def routes(sim: Simulator) -> list[BaseRoute]:
    async def batch_close(request: Request) -> Response:
        doc = json_object(await request.body())
        terminal_id = doc.get("TerminalId") if doc else None
        key = terminal_id if isinstance(terminal_id, str) else None
        headers = request.headers
        return await run_close(
            sim,
            NAME,
            key,
            process=lambda: process_close(sim, headers, doc),
            provider_error=lambda fault: fault_answer(fault, doc),
            canned_success=lambda: canned_success(doc),
        )

    async def terminals(request: Request) -> Response:
        return list_terminals(sim, request.headers, request.path_params["customer_id"]).response()

    return [
        Route(CLOSE_PATH, batch_close, methods=["POST"]),
        Route(TERMINALS_PATH, terminals, methods=["GET"]),
    ]


class SimulatedSaferpay(SimulatedProvider):
    NAME = NAME
    LABEL = "Saferpay"
    PREFIX = PREFIX
    KEY_FIELD = "terminal_id"
    CLOSE_PATH = CLOSE_PATH

    def new_state(self) -> SaferpayState:
        return SaferpayState()

    def routes(self, sim: Simulator) -> list[BaseRoute]:
        return routes(sim)

    def add_terminal(
        self,
        sim: Simulator,
        state: SaferpayState,
        customer_id: str,
        terminal_id: str,
        username: str,
        password: str,
        *,
        terminal_type: str = "ECOM",
        description: str | None = None,
    ) -> None:
        """A Saferpay terminal and the JSON API user that may close it (one user may hold many terminals)."""
        state.add(
            customer_id,
            terminal_id,
            username,
            password,
            terminal_type,
            description if description is not None else f"Terminal {terminal_id}",
        )

    def client_settings(self, state: SaferpayState, key: str, base_url: str) -> tuple[dict[str, str], str]:
        terminal = state.terminals[key]
        user = next(u for u in state.users.values() if u.customer_id == terminal.customer_id)
        settings = {
            "customer_id": terminal.customer_id,
            "terminal_id": key,
            "username": user.username,
            "environment": "test",
            "base_url": base_url,
        }
        return settings, user.password


SIMULATED = SimulatedSaferpay()
