"""Bench accounts: ``n`` simulated terminals, half Saferpay and half SUNBAY, all well behaved.

One definition for both sides: the simulator process serves them (``--bench-terminals``) and the
benches configure matching Closeout terminals with :func:`bench_terminal`.
"""

from __future__ import annotations

from app.simulator.simulator import SAFERPAY_PREFIX, SUNBAY_PREFIX, Simulator

PASSWORD = "bench-pw"
API_KEY = "sk_test_bench"


def bench_simulator(n: int, latency: float) -> Simulator:
    sim = Simulator()
    for i in range(n):
        if i % 2:
            sim.add_saferpay(customer_id="401234", terminal_id=f"{20000000 + i}", username="API_401234_BENCH",
                             password=PASSWORD, latency=latency)
        else:
            sim.add_sunbay(app_id="app_bench", merchant_id="mch_bench", terminal_sn=f"SN{i:05d}",
                           channel_code="TSYS", api_key=API_KEY, latency=latency)
    return sim


def bench_terminal(i: int, root: str) -> tuple[str, str, dict[str, str], str]:
    """(name, provider, settings, secret) of bench terminal ``i`` served at ``root``."""
    if i % 2:
        return f"Saferpay {i:03d}", "saferpay", {
            "customer_id": "401234", "terminal_id": f"{20000000 + i}", "username": "API_401234_BENCH",
            "environment": "test", "base_url": f"{root}{SAFERPAY_PREFIX}"}, PASSWORD
    return f"SUNBAY {i:03d}", "sunbay", {
        "app_id": "app_bench", "merchant_id": "mch_bench", "terminal_sn": f"SN{i:05d}", "channel_code": "TSYS",
        "base_url": f"{root}{SUNBAY_PREFIX}"}, API_KEY
