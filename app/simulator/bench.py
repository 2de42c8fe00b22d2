"""Bench accounts: ``n`` simulated terminals, half Saferpay and half SUNBAY, all well behaved.

One definition for both sides: the simulator process serves them (``--bench-terminals``) and the
benches configure matching Closeout terminals with :func:`bench_terminal`.
"""

from __future__ import annotations

import json
import time
from typing import Any

from app.simulator import providers
from app.simulator.simulator import Simulator
from app.simulator.wire import ASGIApp

STATS_PATH = "/_bench/stats"  # GET: {"first": monotonic s of the first request since the reset, "requests": n}
RESET_PATH = "/_bench/reset"  # POST: forget the stamps; open batches (SUNBAY) get new sales again

PASSWORD = "bench-pw"
API_KEY = "sk_test_bench"


def bench_simulator(n: int, latency: float) -> Simulator:
    sim = Simulator()
    for i in range(n):
        if i % 2:
            sim.add(
                "saferpay",
                customer_id="401234",
                terminal_id=f"{20000000 + i}",
                username="API_401234_BENCH",
                password=PASSWORD,
                latency=latency,
            )
        else:
            sim.add(
                "sunbay",
                app_id="app_bench",
                merchant_id="mch_bench",
                terminal_sn=f"SN{i:05d}",
                channel_code="TSYS",
                api_key=API_KEY,
                latency=latency,
            )
    return sim


def bench_terminal(i: int, root: str) -> tuple[str, str, dict[str, str], str]:
    """(name, provider, settings, secret) of bench terminal ``i`` served at ``root``."""
    if i % 2:
        return (
            f"Saferpay {i:03d}",
            "saferpay",
            {
                "customer_id": "401234",
                "terminal_id": f"{20000000 + i}",
                "username": "API_401234_BENCH",
                "environment": "test",
                "base_url": providers.base("saferpay", root),
            },
            PASSWORD,
        )
    return (
        f"SUNBAY {i:03d}",
        "sunbay",
        {
            "app_id": "app_bench",
            "merchant_id": "mch_bench",
            "terminal_sn": f"SN{i:05d}",
            "channel_code": "TSYS",
            "base_url": providers.base("sunbay", root),
        },
        API_KEY,
    )


class BenchStamps:
    """The bench simulator's outermost ASGI layer: when the first request of a round arrived.

    ``time.monotonic()`` is one clock for every process of a Linux machine, so a bench can tell how long
    after a client process started its first request reached the provider. A reset starts a new round
    and gives every terminal with open batches (SUNBAY) a few new sales (a closed batch is empty; Closeout would skip it as
    "nothing to close"), so several clients can close the same terminals one after the other.
    """

    def __init__(self, sim: Simulator, inner: ASGIApp) -> None:
        self.sim = sim
        self.inner = inner
        self.first: float | None = None
        self.requests = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] in (STATS_PATH, RESET_PATH):
            if scope["path"] == RESET_PATH:
                self.first, self.requests = None, 0
                for key in self.sim.terminal_keys():
                    if self.sim.provider(self.sim.provider_of(key)).OPEN_BATCHES:
                        self.sim.add_transactions(key, 3)
            body = json.dumps({"first": self.first, "requests": self.requests}).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        if scope["type"] == "http":
            if self.first is None:
                self.first = time.monotonic()
            self.requests += 1
        await self.inner(scope, receive, send)
