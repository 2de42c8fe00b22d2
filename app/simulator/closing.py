"""The part of a batch close both providers share: latency, the scripted fault, the answer."""

from __future__ import annotations

import asyncio
import functools
import json
import time
import zlib
from typing import TYPE_CHECKING, Any, AsyncIterator, Callable

from starlette.responses import Response, StreamingResponse

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


async def _apply(
    fault: Fault, process: Process, provider_error: ProviderError, canned_success: CannedSuccess
) -> Response:
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

    if kind == "text_fields":
        full = process() if fault.close else canned_success()
        return _with_text(full, fault.text).response()

    if fault.close:
        process()  # the close really happens; the client gets the fault's answer instead
    if kind == "oversized":
        body = b'{"pad":"' + b"x" * max(0, fault.size - 10) + b'"}'
        return Answer(fault.status, body, fault.content_type, fault.headers).response()
    if kind == "endless":
        return StreamingResponse(_endless(fault.seconds), status_code=fault.status, media_type=fault.content_type)
    if kind == "gzip_bomb":
        return Answer(fault.status, _gzip_bomb(fault.size), fault.content_type, fault.headers).response()
    if kind in ("saferpay_error", "sunbay_code", "escape_error"):
        return provider_error(fault).response()
    if kind in ("http", "non_json", "empty"):
        return Answer(fault.status, fault.body, fault.content_type, fault.headers).response()
    raise AssertionError(f"unknown fault kind {kind!r}")


# What ties an answer to its request and says it succeeded stays (Saferpay's RequestId, SUNBAY's code,
# Handpoint's batchNumber and issuerResponseCode); every other text field says the fault's text.
_KEEP = frozenset({"RequestId", "SpecVersion", "code", "batchNumber", "issuerResponseCode"})


def _with_text(answer: Answer, text: str) -> Answer:
    try:
        doc = json.loads(answer.body)
    except ValueError:
        return answer

    def rewrite(value: Any, key: str = "") -> Any:
        if key in _KEEP:
            return value
        if isinstance(value, dict):
            return {k: rewrite(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [rewrite(v) for v in value]
        return text if isinstance(value, str) else value

    return Answer(
        answer.status, json.dumps(rewrite(doc), ensure_ascii=False).encode("utf-8"), answer.content_type, answer.headers
    )


async def _endless(seconds: float) -> AsyncIterator[bytes]:
    """A JSON string that never closes, for at most ``seconds`` (the simulator stops by itself)."""
    chunk = b"x" * 65536
    end = time.monotonic() + seconds
    yield b'{"pad":"'
    while time.monotonic() < end:
        yield chunk
        await asyncio.sleep(0)


@functools.lru_cache(maxsize=4)
def _gzip_bomb(size: int) -> bytes:
    """gzip of a JSON object ``size`` bytes long (zeros compress about 1000:1). Built once per size."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b'{"pad":"')]
    block = b"0" * (1 << 20)
    left = max(0, size - 10)
    while left > 0:
        parts.append(packer.compress(block[: min(left, len(block))]))
        left -= len(block)
    parts += [packer.compress(b'"}'), packer.flush()]
    return b"".join(parts)
