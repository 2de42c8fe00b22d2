"""The part of a batch close both providers share: latency, the scripted fault, the answer."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Callable

from starlette.responses import Response

from app.simulator.faults import Fault
from app.simulator.wire import JSON_TYPE, Answer, DisconnectResponse

if TYPE_CHECKING:
    from app.simulator.simulator import Simulator

Process = Callable[[], Answer]  # validates and (when valid) really closes; runs under the sim lock
ProviderError = Callable[[Fault], Answer]  # saferpay_error / sunbay_code answers
CannedSuccess = Callable[[], Answer]  # a success-shaped answer, for truncating without closing


async def run_close(
    sim: Simulator,
    provider: str,
    key: str | None,
    *,
    process: Process,
    provider_error: ProviderError,
    canned_success: CannedSuccess,
) -> Response:
    """Serve one batch-close request for ``provider``'s terminal ``key`` (None: the body names none)."""
    fault, latency = sim._start_close(provider, key)
    try:
        # Latency is a non-blocking sleep so that concurrent requests overlap.
        if latency > 0:
            await asyncio.sleep(latency)
        if fault is None:
            return process().response()
        if fault.delay > 0:
            await asyncio.sleep(fault.delay)
        return await _apply(fault, process, provider_error, canned_success)
    finally:
        sim._finish_close(provider, key)


async def _apply(fault: Fault, process: Process, provider_error: ProviderError,
                 canned_success: CannedSuccess) -> Response:
    kind = fault.kind
    if kind == "drop_before":
        return DisconnectResponse(reset=fault.reset)
    if kind == "lost_after":
        answer = process()
        return DisconnectResponse(reset=fault.reset, partial=answer if fault.mid_body else None)
    if kind == "slow":
        if fault.close:
            answer = process()  # the close happens now; only the answer is late
            await asyncio.sleep(fault.seconds)
            return answer.response()
        await asyncio.sleep(fault.seconds)
        return DisconnectResponse(reset=False)
    if kind == "truncated_json":
        full = process() if fault.close else canned_success()
        cut = full.body[: max(1, len(full.body) // 2)]
        return Answer(fault.status, cut, JSON_TYPE).response()

    if fault.close:
        process()  # the close really happens; the client gets the fault's answer instead
    if kind in ("saferpay_error", "sunbay_code"):
        return provider_error(fault).response()
    if kind in ("http", "non_json", "empty"):
        return Answer(fault.status, fault.body, fault.content_type, fault.headers).response()
    raise AssertionError(f"unknown fault kind {kind!r}")
