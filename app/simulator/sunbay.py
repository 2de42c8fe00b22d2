"""SUNBAY Nexus open API, as served under :data:`PREFIX`.

Contract: ``docs/providers/sunbay.md``: the close (``POST /v1/settlement/batch-close``, §3), the
timestamp window and duplicate rule (§2), the envelope (§4) and the query endpoints (§5), with field
names from the official SDK models.
"""

from __future__ import annotations

import base64
import binascii
import random
import re
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
from app.simulator.wire import Answer, is_json_content_type, json_object

if TYPE_CHECKING:
    from app.simulator.simulator import Simulator

NAME = "sunbay"
PREFIX = "/sunbay"
CLOSE_PATH = "/v1/settlement/batch-close"
BATCH_QUERY_PATH = "/v1/settlement/batch-query"
CLOSE_LIST_PATH = "/v1/settlement/batch-close-list"
TERMINALS_PATH = "/v1/merchant/terminals/query"
MERCHANT_PATH = "/v1/merchant/query"

SUCCESS = "0"
PARAMETER_ERROR = "C17"  # the one documented code (docs/providers/sunbay.md §4)
DUPLICATE_REQUEST = "DUPLICATE_REQUEST"
CLOCK_WINDOW_S = 600  # seed: X-Timestamp within ±10 minutes of server time
DUPLICATE_WINDOW_S = 600  # docs/providers/sunbay.md §2: the same X-Client-Request-Id on a POST within 10 minutes
CLIENT_REQUEST_ID_MAX = 64  # seed: string(64)
TIMESTAMP = re.compile(r"[0-9]{13}")  # seed: ^[0-9]{13}$
TRANSACTION_REQUEST_ID = re.compile(r"[A-Za-z0-9_\-]+")  # seed: ^[A-Za-z0-9_\-]+$
ID_MAX = 32  # seed: string(32)
TEXT_MAX = 128  # seed: description / attach string(128)
REQUIRED_FIELDS = ("appId", "merchantId", "transactionRequestId", "terminalSn", "channelCode")
PRINT_RECEIPT = ("TOTAL", "DETAIL", "BOTH", "NONE", "AUTO")  # docs/providers/sunbay.md §3: newer SDKs
TERMINALS_PAGE = 100  # docs/providers/sunbay.md §5: 100 a page
CLOSE_LIST_DEFAULT_S = 7 * 86400  # SDK: last 7 days by default
CLOSE_LIST_MAX_S = 30 * 86400  # SDK: the span cannot exceed 30 days
BATCH_STATUS_SUCCESS = "S"  # SDK: batchStatus S - Success
CLOSE_OK_MSG = "Batch close successful"  # seed example


def iso(epoch_seconds: float) -> str:
    return datetime.fromtimestamp(int(epoch_seconds), timezone.utc).isoformat(timespec="seconds")


@dataclass
class Totals:
    count: int = 0
    net: int = 0
    tip: int = 0
    surcharge: int = 0
    tax: int = 0

    @classmethod
    def random(cls, rng: random.Random, count: int) -> Totals:
        """``count`` plausible card transactions (minor units; about one in twelve a refund)."""
        totals = cls()
        for _ in range(count):
            amount = rng.randint(300, 20000)
            tax = amount * 8 // 108  # 8 % included in the amount
            totals.count += 1
            if rng.random() < 0.08:  # a refund of the goods only
                totals.net -= amount
                totals.tax -= tax
                continue
            tip = rng.choice((0, 0, 0, amount // 10, amount * 15 // 100, amount // 5))
            surcharge = rng.choice((0, 0, 0, amount * 3 // 100))
            totals.net += amount + tip + surcharge
            totals.tip += tip
            totals.surcharge += surcharge
            totals.tax += tax
        return totals

    @classmethod
    def from_mapping(cls, values: Mapping[str, int]) -> Totals:
        known = {"transactionCount", "netAmount", "tipAmount", "surchargeAmount", "taxAmount"}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"Unknown open-batch fields {sorted(unknown)}; use {sorted(known)}.")
        return cls(
            int(values.get("transactionCount", 0)),
            int(values.get("netAmount", 0)),
            int(values.get("tipAmount", 0)),
            int(values.get("surchargeAmount", 0)),
            int(values.get("taxAmount", 0)),
        )

    def add(self, other: Totals) -> None:
        self.count += other.count
        self.net += other.net
        self.tip += other.tip
        self.surcharge += other.surcharge
        self.tax += other.tax


@dataclass
class OpenBatch:
    batch_no: int
    start_time: float
    totals: Totals


@dataclass(frozen=True)
class ClosedBatch:
    batch_no: int
    batch_time: float
    totals: Totals
    channel_code: str
    currency: str
    terminal_sn: str
    tid: str
    mid: str


@dataclass
class SunbayMerchant:
    app_id: str
    merchant_id: str
    mid: str
    created_at: float
    info: dict[str, Any]


@dataclass
class SunbayTerminal:
    sn: str
    app_id: str
    merchant_id: str
    channel_code: str
    tid: str
    currency: str
    vendor: str
    model: str
    created_at: float
    rng: random.Random
    open: OpenBatch
    closed: list[ClosedBatch] = field(default_factory=list)


@dataclass(frozen=True)
class _FirstResult:
    terminal_sn: str
    data: dict[str, Any]


@dataclass
class SunbayState:
    keys: dict[str, tuple[str, str]] = field(default_factory=dict)  # api key -> (appId, merchantId)
    merchants: dict[tuple[str, str], SunbayMerchant] = field(default_factory=dict)
    terminals: dict[str, SunbayTerminal] = field(default_factory=dict)  # by sn, in creation order
    first_results: dict[tuple[str, str, str], _FirstResult] = field(default_factory=dict)
    client_request_ids: dict[tuple[str, str], float] = field(default_factory=dict)
    # Unconfirmed how SUNBAY answers a close of an empty batch: by default it succeeds with zero
    # totals; set (code, msg) to have it refused instead.
    empty_batch_error: tuple[str, str] | None = None

    def add(
        self,
        *,
        app_id: str,
        merchant_id: str,
        terminal_sn: str,
        channel_code: str,
        api_key: str,
        open_batch: int | Mapping[str, int] | None,
        currency: str,
        vendor: str,
        model: str,
        seed: Any,
        now: float,
    ) -> SunbayTerminal:
        for label, value in (
            ("app_id", app_id),
            ("merchant_id", merchant_id),
            ("terminal_sn", terminal_sn),
            ("channel_code", channel_code),
        ):
            if not value or len(value) > ID_MAX or any(c.isspace() for c in value):
                raise ValueError(f"SUNBAY {label} must be 1 to {ID_MAX} characters without spaces, not {value!r}.")
        if not api_key or any(c.isspace() for c in api_key):
            raise ValueError("A SUNBAY API key must be non-empty and without spaces.")
        known = self.keys.get(api_key)
        if known is not None and known != (app_id, merchant_id):
            raise ValueError("That SUNBAY API key already belongs to another app or merchant.")
        if terminal_sn in self.terminals:
            raise ValueError(f"SUNBAY terminal {terminal_sn} exists already.")
        self.keys[api_key] = (app_id, merchant_id)
        merchant = self.merchants.get((app_id, merchant_id))
        if merchant is None:
            merchant_rng = random.Random(f"{seed}:{app_id}:{merchant_id}")
            merchant = SunbayMerchant(
                app_id, merchant_id, f"{merchant_rng.randrange(10**12):012d}", now, default_merchant_info(merchant_id)
            )
            self.merchants[(app_id, merchant_id)] = merchant
        rng = random.Random(f"{seed}:{terminal_sn}")
        if isinstance(open_batch, Mapping):
            totals = Totals.from_mapping(open_batch)
        else:
            totals = Totals.random(rng, rng.randint(3, 12) if open_batch is None else int(open_batch))
        start = now - rng.randint(2, 14) * 3600
        terminal = SunbayTerminal(
            sn=terminal_sn,
            app_id=app_id,
            merchant_id=merchant_id,
            channel_code=channel_code,
            tid=f"{rng.randrange(10**8):08d}",
            currency=currency,
            vendor=vendor,
            model=model,
            created_at=now,
            rng=rng,
            open=OpenBatch(rng.randint(1, 400), start, totals),
        )
        self.terminals[terminal_sn] = terminal
        return terminal

    def set_merchant_info(self, app_id: str, merchant_id: str, **info: Any) -> None:
        """Override fields of the merchant-query answer (dbaName, street, cityName...)."""
        self.merchants[(app_id, merchant_id)].info.update(info)

    def account(self, authorization: str | None) -> tuple[str, tuple[str, str]] | None:
        scheme, _, token = (authorization or "").strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or token not in self.keys:
            return None
        return token, self.keys[token]


def default_merchant_info(merchant_id: str) -> dict[str, Any]:
    # Field names from the SDK's MerchantQueryResponse.
    return {
        "dbaName": f"Demo Shop {merchant_id}",
        "mcc": "5812",
        "country": "USA",
        "stateName": "California",
        "cityName": "San Jose",
        "street": "1 Market Street",
        "detailAddress": "Suite 100",
        "zipCode": "95113",
        "status": "Y",
    }


def validate_close_body(doc: Mapping[str, Any]) -> str | None:
    """The first format problem of a batch-close body, as a C17 msg (None: valid)."""
    for name in REQUIRED_FIELDS:
        value = doc.get(name)
        if value is None or value == "":
            return f"Parameter error: {name} is required"
        if not isinstance(value, str):
            return f"Parameter error: {name} must be a string"
        if len(value) > ID_MAX:
            return f"Parameter error: {name} must be at most {ID_MAX} characters"
    if not TRANSACTION_REQUEST_ID.fullmatch(doc["transactionRequestId"]):
        return r"Parameter error: transactionRequestId must match ^[A-Za-z0-9_\-]+$"
    for name in ("description", "attach"):
        value = doc.get(name)
        if value is not None and (not isinstance(value, str) or len(value) > TEXT_MAX):
            return f"Parameter error: {name} must be a string of at most {TEXT_MAX} characters"
    receipt = doc.get("printReceipt")
    if receipt is not None and receipt not in PRINT_RECEIPT:
        return f"Parameter error: printReceipt must be one of {', '.join(PRINT_RECEIPT)}"
    return None


def envelope(
    sim: Simulator, status: int, code: str, msg: str | None, data: Any = None, headers: tuple[tuple[str, str], ...] = ()
) -> Answer:
    """Seed: every answer is {code, msg, traceId, data}; a fresh traceId each time."""
    return Answer.json(status, {"code": code, "msg": msg, "traceId": sim._trace_id(), "data": data}, headers)


def _param_error(sim: Simulator, msg: str) -> Answer:
    return envelope(sim, 200, PARAMETER_ERROR, msg)


def check_request(
    sim: Simulator, headers: Mapping[str, str], *, post: bool
) -> tuple[tuple[str, str] | None, Answer | None]:
    """Headers every SUNBAY request needs. Returns ((appId, merchantId) of the key, None) or (None, error)."""
    state: SunbayState = sim.state(NAME)
    found = state.account(headers.get("authorization"))
    if found is None:
        return None, envelope(sim, 401, "401", "Unauthorized: the API key is missing or invalid")
    api_key, account = found
    if post and not is_json_content_type(headers.get("content-type")):
        return None, envelope(sim, 415, "415", "Unsupported Media Type: Content-Type must be application/json")
    client_request_id = headers.get("x-client-request-id")
    if not client_request_id:
        return None, _param_error(sim, "Parameter error: X-Client-Request-Id is required")
    if len(client_request_id) > CLIENT_REQUEST_ID_MAX:
        return None, _param_error(
            sim, f"Parameter error: X-Client-Request-Id must be at most {CLIENT_REQUEST_ID_MAX} characters"
        )
    stamp = headers.get("x-timestamp")
    if not stamp:
        return None, _param_error(sim, "Parameter error: X-Timestamp is required")
    if not TIMESTAMP.fullmatch(stamp):
        return None, _param_error(sim, "Parameter error: X-Timestamp must be 13 digits of epoch milliseconds")
    now = sim.now()
    if abs(int(stamp) - now * 1000) > CLOCK_WINDOW_S * 1000:
        return None, _param_error(
            sim, f"Parameter error: X-Timestamp {stamp} differs from server time ({iso(now)}) by more than 10 minutes"
        )
    if post:
        seen = state.client_request_ids
        for old in [k for k, at in seen.items() if now - at > DUPLICATE_WINDOW_S]:
            del seen[old]
        if (api_key, client_request_id) in seen:
            return None, envelope(
                sim,
                200,
                DUPLICATE_REQUEST,
                f"Duplicate request: X-Client-Request-Id {client_request_id} was already used within 10 minutes",
            )
        seen[(api_key, client_request_id)] = now
    return account, None


def _own_terminal(sim: Simulator, account: tuple[str, str], sn: str) -> SunbayTerminal | None:
    terminal = sim.state(NAME).terminals.get(sn)
    return terminal if terminal is not None and (terminal.app_id, terminal.merchant_id) == account else None


def _account_error(sim: Simulator, account: tuple[str, str], app_id: Any, merchant_id: Any) -> Answer | None:
    if app_id != account[0]:
        return _param_error(sim, f"Parameter error: appId {app_id} does not match the API key")
    if merchant_id != account[1]:
        return _param_error(sim, f"Parameter error: merchantId {merchant_id} is not a merchant of appId {app_id}")
    return None


def close_data(batch: ClosedBatch, attach: str | None) -> dict[str, Any]:
    # Fields per docs/providers/sunbay.md §4 / the SDK's BatchCloseResponse; amounts in minor units.
    data: dict[str, Any] = {
        "batchNo": f"{batch.batch_no:06d}",
        "terminalSn": batch.terminal_sn,
        "batchTime": iso(batch.batch_time),
        "transactionCount": batch.totals.count,
        "priceCurrency": batch.currency,
        "netAmount": batch.totals.net,
        "tipAmount": batch.totals.tip,
        "surchargeAmount": batch.totals.surcharge,
        "taxAmount": batch.totals.tax,
    }
    if attach is not None:
        data["attach"] = attach  # seed: "Additional data, returned as is"
    return data


def process_close(sim: Simulator, headers: Mapping[str, str], doc: dict[str, Any] | None) -> Answer:
    """Check one batch-close request and, when it is valid and new, close the terminal's batch.

    Check order (not published): API key (HTTP 401), Content-Type (415), X-Client-Request-Id
    and X-Timestamp (C17), duplicate X-Client-Request-Id, body format (C17), ids belonging to
    the key (C17), repeated transactionRequestId (first result replayed).
    """
    state: SunbayState = sim.state(NAME)
    with sim._lock:
        account, error = check_request(sim, headers, post=True)
        if error is not None:
            return error
        assert account is not None
        if doc is None:
            return _param_error(sim, "Parameter error: the request body must be a JSON object")
        problem = validate_close_body(doc)
        if problem:
            return _param_error(sim, problem)
        error = _account_error(sim, account, doc["appId"], doc["merchantId"])
        if error is not None:
            return error
        sn, channel = doc["terminalSn"], doc["channelCode"]
        terminal = _own_terminal(sim, account, sn)
        if terminal is None:
            return _param_error(sim, f"Parameter error: terminalSn {sn} is not a terminal of merchant {account[1]}")
        if channel != terminal.channel_code:
            return _param_error(sim, f"Parameter error: channelCode {channel} is not enabled on terminal {sn}")

        # Seed: transactionRequestId is the idempotency key; a repeat returns the first result.
        idempotency_key = (*account, doc["transactionRequestId"])
        first = state.first_results.get(idempotency_key)
        if first is not None:
            if first.terminal_sn != sn:
                return _param_error(
                    sim,
                    f"Parameter error: transactionRequestId {doc['transactionRequestId']} "
                    f"was already used for another terminal",
                )
            return envelope(sim, 200, SUCCESS, CLOSE_OK_MSG, dict(first.data))
        if terminal.open.totals.count == 0 and state.empty_batch_error is not None:
            return envelope(sim, 200, *state.empty_batch_error)

        now = sim.now()
        merchant = state.merchants[account]
        closed = ClosedBatch(
            terminal.open.batch_no,
            now,
            terminal.open.totals,
            terminal.channel_code,
            terminal.currency,
            sn,
            terminal.tid,
            merchant.mid,
        )
        terminal.closed.append(closed)
        terminal.open = OpenBatch(closed.batch_no + 1, now, Totals())
        data = close_data(closed, doc.get("attach"))
        state.first_results[idempotency_key] = _FirstResult(sn, data)
        sim._record_close(
            CloseRecord(
                NAME,
                sn,
                doc["transactionRequestId"],
                now,
                client_request_id=headers.get("x-client-request-id"),
                batch=dict(data),
            )
        )
        return envelope(sim, 200, SUCCESS, CLOSE_OK_MSG, dict(data))


def fault_answer(sim: Simulator, fault: Fault) -> Answer:
    return envelope(sim, fault.status, fault.code, fault.message, None, fault.headers)


def canned_success(sim: Simulator, doc: dict[str, Any] | None) -> Answer:
    sn = doc.get("terminalSn") if doc else None
    data = {
        "batchNo": "000000",
        "terminalSn": sn,
        "batchTime": iso(sim.now()),
        "transactionCount": 0,
        "priceCurrency": "USD",
        "netAmount": 0,
        "tipAmount": 0,
        "surchargeAmount": 0,
        "taxAmount": 0,
    }
    return envelope(sim, 200, SUCCESS, CLOSE_OK_MSG, data)


# --- the query endpoints (docs/providers/sunbay.md §5) -------------------------------------


def _query_account(
    sim: Simulator, headers: Mapping[str, str], query: Mapping[str, str]
) -> tuple[tuple[str, str] | None, Answer | None]:
    account, error = check_request(sim, headers, post=False)
    if error is not None:
        return None, error
    assert account is not None
    for name in ("appId", "merchantId"):
        if not query.get(name):
            return None, _param_error(sim, f"Parameter error: {name} is required")
    error = _account_error(sim, account, query["appId"], query["merchantId"])
    return (None, error) if error is not None else (account, None)


def batch_query(sim: Simulator, headers: Mapping[str, str], query: Mapping[str, str]) -> Answer:
    """The open batch of one terminal (or of all the merchant's terminals without terminalSn)."""
    with sim._lock:
        account, error = _query_account(sim, headers, query)
        if error is not None:
            return error
        assert account is not None
        sn = query.get("terminalSn")
        if sn:
            terminal = _own_terminal(sim, account, sn)
            if terminal is None:
                return _param_error(sim, f"Parameter error: terminalSn {sn} is not a terminal of merchant {account[1]}")
            terminals = [terminal]
        else:
            terminals = [t for t in sim.state(NAME).terminals.values() if (t.app_id, t.merchant_id) == account]
        # SDK: statistics grouped by channel and currency; an empty batch has none.
        batch_list = [
            {
                "batchNo": f"{t.open.batch_no:06d}",
                "startTime": iso(t.open.start_time),
                "channelCode": t.channel_code,
                "priceCurrency": t.currency,
                "totalCount": t.open.totals.count,
                "netAmount": t.open.totals.net,
                "tipAmount": t.open.totals.tip,
                "surchargeAmount": t.open.totals.surcharge,
                "taxAmount": t.open.totals.tax,
            }
            for t in terminals
            if t.open.totals.count
        ]
        return envelope(sim, 200, SUCCESS, "success", {"batchList": batch_list})


def _parse_time(value: str) -> float | None:
    if TIMESTAMP.fullmatch(value):
        return int(value) / 1000
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.timestamp()


def batch_close_list(sim: Simulator, headers: Mapping[str, str], query: Mapping[str, str]) -> Answer:
    """Closed batches of one terminal: last 7 days by default, a span of at most 30 days (SDK)."""
    with sim._lock:
        account, error = _query_account(sim, headers, query)
        if error is not None:
            return error
        assert account is not None
        sn = query.get("terminalSn")
        if not sn:
            return _param_error(sim, "Parameter error: terminalSn is required")
        terminal = _own_terminal(sim, account, sn)
        if terminal is None:
            return _param_error(sim, f"Parameter error: terminalSn {sn} is not a terminal of merchant {account[1]}")
        start_raw, end_raw = query.get("startTime"), query.get("endTime")
        if bool(start_raw) != bool(end_raw):
            return _param_error(sim, "Parameter error: startTime and endTime must both be present")
        if start_raw and end_raw:
            start, end = _parse_time(start_raw), _parse_time(end_raw)
            if start is None or end is None:
                return _param_error(sim, "Parameter error: startTime and endTime must be ISO 8601 times")
            if end < start:
                return _param_error(sim, "Parameter error: endTime is before startTime")
            if end - start > CLOSE_LIST_MAX_S:
                return _param_error(sim, "Parameter error: the time span cannot exceed 30 days")
        else:
            end = sim.now()
            start = end - CLOSE_LIST_DEFAULT_S
        channel = query.get("channelCode")
        batches = [
            b for b in terminal.closed if start <= b.batch_time <= end and (not channel or b.channel_code == channel)
        ]
        items = [
            {
                "batchNo": f"{b.batch_no:06d}",
                "batchStatus": BATCH_STATUS_SUCCESS,
                "batchTime": iso(b.batch_time),
                "totalCount": b.totals.count,
                "netAmount": b.totals.net,
                "priceCurrency": b.currency,
                "channelCode": b.channel_code,
                "terminalSn": b.terminal_sn,
                "mid": b.mid,
                "tid": b.tid,
            }
            for b in reversed(batches)  # newest first
        ]
        return envelope(sim, 200, SUCCESS, "success", {"batchCloseList": items})


def _page_token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def _page_offset(token: str) -> int | None:
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    name, _, number = text.partition(":")
    return int(number) if name == "offset" and number.isdigit() else None


def merchant_terminals(sim: Simulator, headers: Mapping[str, str], query: Mapping[str, str]) -> Answer:
    """The merchant's terminals, 100 a page; ``nextToken`` only while more remain (SDK)."""
    with sim._lock:
        account, error = _query_account(sim, headers, query)
        if error is not None:
            return error
        assert account is not None
        offset = 0
        if query.get("nextToken"):
            parsed = _page_offset(query["nextToken"])
            if parsed is None:
                return _param_error(sim, "Parameter error: nextToken is not valid")
            offset = parsed
        terminals = [t for t in sim.state(NAME).terminals.values() if (t.app_id, t.merchant_id) == account]
        page = terminals[offset : offset + TERMINALS_PAGE]
        data: dict[str, Any] = {
            "merchantId": account[1],
            "terminals": [
                {
                    "terminalId": f"TM{t.tid}",
                    "sn": t.sn,
                    "vendor": t.vendor,
                    "model": t.model,
                    "createTime": iso(t.created_at),
                    "tidList": [{"channelCode": t.channel_code, "channelName": t.channel_code, "tid": t.tid}],
                }
                for t in page
            ],
        }
        if offset + TERMINALS_PAGE < len(terminals):
            data["nextToken"] = _page_token(offset + TERMINALS_PAGE)
        return envelope(sim, 200, SUCCESS, "success", data)


def merchant_query(sim: Simulator, headers: Mapping[str, str], query: Mapping[str, str]) -> Answer:
    """Shop name and address (SDK MerchantQueryResponse)."""
    with sim._lock:
        account, error = _query_account(sim, headers, query)
        if error is not None:
            return error
        assert account is not None
        merchant = sim.state(NAME).merchants[account]
        channels = sorted(
            {t.channel_code for t in sim.state(NAME).terminals.values() if (t.app_id, t.merchant_id) == account}
        )
        data = {
            "merchantId": merchant.merchant_id,
            **merchant.info,
            "createTime": iso(merchant.created_at),
            "midList": [{"channelCode": c, "channelName": c, "mid": merchant.mid} for c in channels],
        }
        return envelope(sim, 200, SUCCESS, "success", data)


def routes(sim: Simulator) -> list[BaseRoute]:
    async def batch_close(request: Request) -> Response:
        doc = json_object(await request.body())
        sn = doc.get("terminalSn") if doc else None
        headers = request.headers
        return await run_close(
            sim,
            NAME,
            sn if isinstance(sn, str) else None,
            process=lambda: process_close(sim, headers, doc),
            provider_error=lambda fault: fault_answer(sim, fault),
            canned_success=lambda: canned_success(sim, doc),
        )

    def query_endpoint(handler: Any) -> Any:
        async def endpoint(request: Request) -> Response:
            return handler(sim, request.headers, request.query_params).response()

        return endpoint

    return [
        Route(CLOSE_PATH, batch_close, methods=["POST"]),
        Route(BATCH_QUERY_PATH, query_endpoint(batch_query), methods=["GET"]),
        Route(CLOSE_LIST_PATH, query_endpoint(batch_close_list), methods=["GET"]),
        Route(TERMINALS_PATH, query_endpoint(merchant_terminals), methods=["GET"]),
        Route(MERCHANT_PATH, query_endpoint(merchant_query), methods=["GET"]),
    ]


class SimulatedSunbay(SimulatedProvider):
    NAME = NAME
    LABEL = "SUNBAY"
    PREFIX = PREFIX
    KEY_FIELD = "terminal_sn"
    CLOSE_PATH = CLOSE_PATH
    OPEN_BATCHES = True

    def new_state(self) -> SunbayState:
        return SunbayState()

    def routes(self, sim: Simulator) -> list[BaseRoute]:
        return routes(sim)

    def add_terminal(
        self,
        sim: Simulator,
        state: SunbayState,
        app_id: str,
        merchant_id: str,
        terminal_sn: str,
        channel_code: str,
        api_key: str,
        open_batch: int | Mapping[str, int] | None = None,
        *,
        currency: str = "USD",
        vendor: str = "SUNBAY",
        model: str = "P3",
    ) -> None:
        """A SUNBAY terminal of a merchant, reachable with ``api_key``.

        ``open_batch``: None for a few generated transactions (deterministic from the seed), a
        count of transactions to generate, or explicit totals such as
        ``{"transactionCount": 0}`` (keys: transactionCount, netAmount, tipAmount,
        surchargeAmount, taxAmount).
        """
        state.add(
            app_id=app_id,
            merchant_id=merchant_id,
            terminal_sn=terminal_sn,
            channel_code=channel_code,
            api_key=api_key,
            open_batch=open_batch,
            currency=currency,
            vendor=vendor,
            model=model,
            seed=sim.seed,
            now=sim.now(),
        )

    def client_settings(self, state: SunbayState, key: str, base_url: str) -> tuple[dict[str, str], str]:
        terminal = state.terminals[key]
        api_key = next(k for k, account in state.keys.items() if account == (terminal.app_id, terminal.merchant_id))
        settings = {
            "app_id": terminal.app_id,
            "merchant_id": terminal.merchant_id,
            "terminal_sn": key,
            "channel_code": terminal.channel_code,
            "environment": "test",
            "base_url": base_url,
        }
        return settings, api_key

    def add_transactions(self, state: SunbayState, key: str, count: int) -> None:
        terminal = state.terminals[key]
        terminal.open.totals.add(Totals.random(terminal.rng, count))

    def open_batch(self, state: SunbayState, key: str) -> dict[str, Any]:
        """The open batch in the fields of the batch-query endpoint."""
        batch = state.terminals[key].open
        return {
            "batchNo": f"{batch.batch_no:06d}",
            "startTime": iso(batch.start_time),
            "totalCount": batch.totals.count,
            "netAmount": batch.totals.net,
            "tipAmount": batch.totals.tip,
            "surchargeAmount": batch.totals.surcharge,
            "taxAmount": batch.totals.tax,
        }


SIMULATED = SimulatedSunbay()
