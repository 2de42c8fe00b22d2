"""What the simulator remembers, for tests to assert on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from typing import Any

from app.core.days import DEFAULT_DAY_END, business_day


@dataclass(frozen=True)
class CloseRecord:
    """One batch close that really happened (a replayed retry is not one)."""

    provider: str  # the simulated provider's NAME
    key: str  # the terminal at that provider: Saferpay TerminalId / SUNBAY terminalSn / Handpoint serialNumber
    # What made this close single: Saferpay RequestId / SUNBAY transactionRequestId / Handpoint batch number.
    request_id: str
    closed_at: float  # simulated server clock, epoch seconds
    retry_indicator: int | None = None  # Saferpay: RetryIndicator of the request that closed
    client_request_id: str | None = None  # SUNBAY: X-Client-Request-Id of the request that closed
    batch: dict[str, Any] | None = field(default=None, compare=False)  # SUNBAY, Handpoint: the success data

    @property
    def terminal(self) -> tuple[str, str]:
        """The physical terminal, whatever the provider: (provider, key)."""
        return self.provider, self.key

    def business_day(self, day_end: time = DEFAULT_DAY_END) -> date:
        """The business day (app.core.days, in this PC's time zone) the provider closed it in."""
        return business_day(datetime.fromtimestamp(self.closed_at, timezone.utc), day_end)


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
