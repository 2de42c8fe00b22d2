"""What the simulator remembers, for tests to assert on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CloseRecord:
    """One batch close that really happened (a replayed retry is not one)."""

    provider: str  # "saferpay" | "sunbay"
    key: str  # Saferpay TerminalId / SUNBAY terminalSn
    request_id: str  # Saferpay RequestId / SUNBAY transactionRequestId
    closed_at: float  # simulated server clock, epoch seconds
    retry_indicator: int | None = None  # Saferpay: RetryIndicator of the request that closed
    client_request_id: str | None = None  # SUNBAY: X-Client-Request-Id of the request that closed
    batch: dict[str, Any] | None = field(default=None, compare=False)  # SUNBAY: the success data


@dataclass(frozen=True)
class RecordedRequest:
    """One request as it arrived, for wire-format tests."""

    method: str
    path: str
    query: str
    headers: dict[str, str]  # lower-case names; repeated headers joined with ", "
    body: bytes
    json: Any  # the parsed body, or None when it is not JSON
    received_at: float  # simulated server clock, epoch seconds
