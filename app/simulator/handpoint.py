"""Handpoint Cloud API batch endpoints, as served under :data:`PREFIX` (docs/providers/handpoint.md).

``POST /batch/close`` (numbered, or number-less since REST API 2.28), ``POST /batch/summary``,
``GET /devices`` (``/initialize`` before it was renamed). Where Handpoint's documentation leaves a
behaviour unconfirmed, :class:`HandpointModes` lets a test play each documented possibility.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Mapping

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from app.simulator.closing import run_close
from app.simulator.contract import SimulatedProvider
from app.simulator.faults import Fault
from app.simulator.records import CloseRecord
from app.simulator.wire import Answer, json_object

if TYPE_CHECKING:
    from app.simulator.simulator import Simulator

NAME = "handpoint"
PREFIX = "/handpoint"
CLOSE_PATH = "/batch/close"
SUMMARY_PATH = "/batch/summary"
DEVICES_PATH = "/devices"
OLD_DEVICES_PATH = "/initialize"


@dataclass
class HandpointModes:
    """Unconfirmed behaviours (docs/providers/handpoint.md §3-§7), one switch each."""

    require_batch_number: bool = False  # servers before 2.28 and the simulated acquirer: number-less = 422
    already_closed_in: str = "code"  # "code": 400 error.code; "message": only in error.message; "409": HTTP 409
    amounts: str = "minor"  # netAmount in "minor" units ("115133") or "major" ("1151.33")
    http_status_number: bool = False  # httpStatus as a number instead of "200"
    devices_renamed: bool = True  # False: only the old GET /initialize answers (404 on /devices)
    summary_of_open: str = "open"  # the open batch's summary: "open" (200, batchStatus OPEN) or "refuse" (400)


@dataclass
class HandpointTerminal:
    device_type: str
    serial_number: str
    api_key: str
    open_number: int
    width: int
    open_count: int = 0
    open_net: int = 0  # minor units
    closed: dict[str, dict[str, Any]] = field(default_factory=dict)  # batch number -> what its close answered

    def number(self, n: int) -> str:
        return str(n).zfill(self.width)


@dataclass
class HandpointState:
    terminals: dict[str, HandpointTerminal] = field(default_factory=dict)  # serial -> terminal
    modes: HandpointModes = field(default_factory=HandpointModes)

    def add(
        self, device_type: str, serial_number: str, api_key: str, open_number: int, width: int, transactions: int
    ) -> None:
        terminal = HandpointTerminal(device_type, serial_number, api_key, open_number, width)
        terminal.open_count = transactions
        terminal.open_net = 1250 * transactions
        self.terminals[serial_number] = terminal


def _key(headers: Mapping[str, str]) -> str | None:
    return headers.get("apikeycloud")  # header names are case-insensitive (ApiKeyCloud, ApiKeyCLoud)


def error(
    status: int,
    name: str,
    message: Any,
    code: str | None = None,
    *,
    reason: str | None = None,
    in_message_only: bool = False,
) -> Answer:
    body: dict[str, Any] = {"statusCode": status, "name": name, "message": message}
    if code and not in_message_only:
        body["code"] = code
        body["details"] = {
            "errorCode": code,
            "errorGuid": str(uuid.uuid4()),
            "httpStatus": 409,
            "reason": reason or message,
        }
    return Answer.json(status, {"error": body})


def _forbidden() -> Answer:
    return error(403, "ForbiddenError", "No valid key found in header")


def _validation(missing: str) -> Answer:
    return Answer.json(
        422,
        {
            "error": {
                "statusCode": 422,
                "name": "UnprocessableEntityError",
                "message": "The request body is invalid.",
                "code": "VALIDATION_FAILED",
                "details": [
                    {
                        "path": "",
                        "code": "required",
                        "message": f"must have required property '{missing}'",
                        "info": {"missingProperty": missing},
                    }
                ],
            }
        },
    )


def _stamp(sim: Simulator) -> str:
    moment = datetime.fromtimestamp(sim.now(), timezone.utc)
    return moment.strftime("%Y%m%d%H%M%S") + f"{moment.microsecond // 1000:03d}"


def _net(state: HandpointState, minor: int) -> str:
    return f"{minor / 100:.2f}" if state.modes.amounts == "major" else str(minor)


def _terminal(
    sim: Simulator, headers: Mapping[str, str], doc: dict[str, Any] | None, *, number_required: bool
) -> tuple[HandpointTerminal | None, Answer | None]:
    state: HandpointState = sim.state(NAME)
    key = _key(headers)
    if not key or not any(t.api_key == key for t in state.terminals.values()):
        return None, _forbidden()
    if doc is None:
        return None, _validation("deviceType")
    for name in ("deviceType", "serialNumber") + (("batchNumber",) if number_required else ()):
        if not isinstance(doc.get(name), str) or not doc.get(name):
            return None, _validation(name)
    terminal = state.terminals.get(doc["serialNumber"])
    if terminal is None or terminal.api_key != key or terminal.device_type != doc["deviceType"]:
        return None, error(400, "BadRequestError", {"error": 1004, "message": "Device not found for this key"})
    return terminal, None


def process_close(sim: Simulator, headers: Mapping[str, str], doc: dict[str, Any] | None) -> Answer:
    state: HandpointState = sim.state(NAME)
    with sim._lock:
        terminal, problem = _terminal(sim, headers, doc, number_required=state.modes.require_batch_number)
        if problem is not None:
            if (
                state.modes.require_batch_number
                and doc is not None
                and not doc.get("batchNumber")
                and doc.get("serialNumber") in state.terminals
            ):
                return error(
                    422,
                    "UnprocessableEntityError",
                    "batchNumber is required: no prior transaction found for this terminal",
                    "VALIDATION_FAILED",
                )
            return problem
        assert terminal is not None and doc is not None
        wanted = doc.get("batchNumber") or terminal.number(terminal.open_number)
        if wanted in terminal.closed:
            where = state.modes.already_closed_in
            if where == "message":
                return error(400, "BadRequestError", "BATCH_ALREADY_CLOSED: Batch already closed", in_message_only=True)
            return error(
                409 if where == "409" else 400, "BadRequestError", "Batch already closed", "BATCH_ALREADY_CLOSED"
            )
        if wanted != terminal.number(terminal.open_number):
            return error(400, "BadRequestError", f"Batch {wanted} not found", "BATCH_NOT_FOUND")
        if terminal.open_count == 0:
            return error(400, "BadRequestError", "No transactions in batch", "NO_TRANSACTIONS")
        data = {
            "httpStatus": 200 if state.modes.http_status_number else "200",
            "batchNumber": wanted,
            "closeBatchGuid": str(uuid.uuid4()),
            "closedAt": _stamp(sim),
            "issuerResponseCode": "00",
            "issuerResponseText": "ACCEPTED",
            "batchStatus": "CLOSED",
            "customerReference": {},
            "transactionCount": str(terminal.open_count),
            "netAmount": _net(state, terminal.open_net),
            "customFields": {
                "entry": {
                    "key": "issuerBatchCloseLocalTimestamp",
                    "value": datetime.fromtimestamp(sim.now()).isoformat(timespec="seconds"),
                }
            },
        }
        terminal.closed[wanted] = data
        terminal.open_number += 1
        terminal.open_count, terminal.open_net = 0, 0
        sim._record_close(CloseRecord(NAME, terminal.serial_number, wanted, sim.now(), batch=dict(data)))
        return Answer.json(200, data)


def summary(sim: Simulator, headers: Mapping[str, str], doc: dict[str, Any] | None) -> Answer:
    state: HandpointState = sim.state(NAME)
    with sim._lock:
        terminal, problem = _terminal(sim, headers, doc, number_required=True)
        if problem is not None:
            return problem
        assert terminal is not None and doc is not None
        number = doc["batchNumber"]
        closed = terminal.closed.get(number)
        if closed is not None:
            return Answer.json(
                200,
                {
                    "httpStatus": "200",
                    "batchNumber": number,
                    "batchStatus": "CLOSED",
                    "batchSummaryGuid": str(uuid.uuid4()),
                    "closedAt": closed["closedAt"],
                    "transactionCount": closed["transactionCount"],
                    "netAmount": closed["netAmount"],
                    "issuerResponseCode": "00",
                    "issuerResponseText": "DATA RETRIEVED",
                    "customerReference": {},
                },
            )
        if number == terminal.number(terminal.open_number) and state.modes.summary_of_open == "open":
            return Answer.json(
                200,
                {
                    "httpStatus": "200",
                    "batchNumber": number,
                    "batchStatus": "OPEN",
                    "transactionCount": str(terminal.open_count),
                    "netAmount": _net(state, terminal.open_net),
                },
            )
        return error(400, "BadRequestError", f"Batch {number} not found", "BATCH_NOT_FOUND")


def devices(sim: Simulator, headers: Mapping[str, str]) -> Answer:
    state: HandpointState = sim.state(NAME)
    with sim._lock:
        key = _key(headers)
        mine = [t for t in state.terminals.values() if t.api_key == key]
        if not key or not mine:
            return _forbidden()
        return Answer.json(
            200,
            [
                {
                    "merchant_id_alpha": "merchant-1",
                    "serial_number": t.serial_number,
                    "terminal_type": t.device_type,
                    "ssk": uuid.uuid4().hex,
                }
                for t in mine
            ],
        )


def fault_answer(sim: Simulator, fault: Fault) -> Answer:
    return error(fault.status, "BadRequestError", fault.message or "refused", fault.code or None)


def canned_success(sim: Simulator, doc: dict[str, Any] | None) -> Answer:
    return Answer.json(
        200,
        {
            "httpStatus": "200",
            "batchNumber": (doc or {}).get("batchNumber") or "1",
            "issuerResponseCode": "00",
            "batchStatus": "CLOSED",
            "closedAt": _stamp(sim),
        },
    )


def routes(sim: Simulator) -> list[BaseRoute]:
    async def batch_close(request: Request) -> Response:
        doc = json_object(await request.body())
        serial = doc.get("serialNumber") if doc else None
        headers = request.headers
        return await run_close(
            sim,
            NAME,
            serial if isinstance(serial, str) else None,
            process=lambda: process_close(sim, headers, doc),
            provider_error=lambda fault: fault_answer(sim, fault),
            canned_success=lambda: canned_success(sim, doc),
        )

    async def batch_summary(request: Request) -> Response:
        return summary(sim, request.headers, json_object(await request.body())).response()

    async def list_devices(request: Request) -> Response:
        if request.url.path.endswith(DEVICES_PATH) and not sim.state(NAME).modes.devices_renamed:
            return Response(b"Not Found", status_code=404, media_type="text/plain")
        return devices(sim, request.headers).response()

    return [
        Route(CLOSE_PATH, batch_close, methods=["POST"]),
        Route(SUMMARY_PATH, batch_summary, methods=["POST"]),
        Route(DEVICES_PATH, list_devices, methods=["GET"]),
        Route(OLD_DEVICES_PATH, list_devices, methods=["GET"]),
    ]


class SimulatedHandpoint(SimulatedProvider):
    NAME = NAME
    LABEL = "Handpoint"
    PREFIX = PREFIX
    KEY_FIELD = "serial_number"
    CLOSE_PATH = CLOSE_PATH
    OPEN_BATCHES = True

    def new_state(self) -> HandpointState:
        return HandpointState()

    def routes(self, sim: Simulator) -> list[BaseRoute]:
        return routes(sim)

    def add_terminal(
        self,
        sim: Simulator,
        state: HandpointState,
        device_type: str,
        serial_number: str,
        api_key: str,
        *,
        open_batch: str = "57",
        transactions: int = 3,
    ) -> None:
        """A Handpoint terminal reachable with ``api_key``; its open batch is number ``open_batch`` (its width,
        e.g. "001", is kept) with ``transactions`` sales (0: an empty batch, "nothing to close")."""
        state.add(device_type, serial_number, api_key, int(open_batch), len(open_batch), transactions)

    def client_settings(self, state: HandpointState, key: str, base_url: str) -> tuple[dict[str, str], str]:
        device = state.terminals[key]
        settings = {
            "device_type": device.device_type,
            "serial_number": key,
            "environment": "test",
            "base_url": base_url,
        }
        return settings, device.api_key

    def add_transactions(self, state: HandpointState, key: str, count: int) -> None:
        terminal = state.terminals[key]
        terminal.open_count += count
        terminal.open_net += 1250 * count

    def open_batch(self, state: HandpointState, key: str) -> dict[str, Any]:
        """The open batch in the fields of Handpoint's batch summary (amounts in minor units)."""
        terminal = state.terminals[key]
        return {
            "batchNumber": terminal.number(terminal.open_number),
            "batchStatus": "OPEN",
            "transactionCount": terminal.open_count,
            "netAmount": terminal.open_net,
        }


SIMULATED = SimulatedHandpoint()
