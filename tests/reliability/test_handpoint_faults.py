"""Every provider-neutral fault of the fault matrix, played on a Handpoint terminal through the engine.

Handpoint has no idempotency key: what keeps a close single is its batch number. Whatever fails, the
simulator counts at most one close for the terminal, every close request names the batch chosen
before it left, and a close left in doubt is settled by ``resolve`` (the summary for that number, or
the same numbered close again), ending closed with exactly one real close.
"""

from __future__ import annotations

import asyncio

import pytest

from app.core.engine import CloseEngine, Outcome, RetryPolicy
from app.core.history import History
from app.core.http import make_client
from app.core.secrets import MemoryStore
from reliability_kit import add_terminals_directly
from test_fault_matrix import BOTH, CASES, MAX_ATTEMPTS, setup_fault

KEY = "hp_faults_key_7d2e"
SERIAL = "0740099901"
NEUTRAL = [case for case in CASES if case.providers == BOTH]


@pytest.mark.parametrize("case", NEUTRAL, ids=[c.id for c in NEUTRAL])
def test_fault_on_a_handpoint_terminal_never_closes_twice(case, sim_server, home, unused_port):
    sim, url = sim_server
    sim.add("handpoint", "PAXA920PRO", SERIAL, KEY, open_batch="0301", transactions=3)
    root = f"http://127.0.0.1:{unused_port}" if case.refused else url
    history = History(home.db_path, home.lock_dir)
    store = MemoryStore()
    settings = {
        "device_type": "PAXA920PRO",
        "serial_number": SERIAL,
        "environment": "test",
        "base_url": f"{root}/handpoint",
        "batch_number": "0301",
        "currency": "USD",
    }
    [terminal] = add_terminals_directly(
        history, store, [("Till", "handpoint", settings, "hp_wrong_key_0" if case.wrong_secret else KEY)]
    )
    setup_fault(sim, SERIAL, case)
    policy = RetryPolicy(concurrency=8, timeout=case.timeout, max_attempts=MAX_ATTEMPTS, backoff_base=0.01)

    async def run(action: str) -> list[Outcome]:
        async with make_client() as client:
            engine = CloseEngine(history, store, client, policy=policy, seed=6)
            try:
                if action == "close":
                    return await engine.close([terminal])
                return await engine.resolve()
            finally:
                engine.shutdown()

    try:
        [outcome] = asyncio.run(run("close"))
        closes = [r.json for r in sim.requests if r.path.endswith("/batch/close")]
        assert all(c and c.get("batchNumber") == "0301" for c in closes), closes  # never a number-less close
        assert sim.close_count(SERIAL) <= 1
        if outcome.outcome == "closed":
            assert sim.close_count(SERIAL) == 1 and outcome.data and outcome.data.get("batchNumber") == "0301"
        elif outcome.outcome == "in_doubt":
            [settled] = asyncio.run(run("resolve"))
            assert settled.outcome == "closed", settled.message
            assert sim.close_count(SERIAL) == 1
        else:
            assert outcome.outcome == "failed" and sim.close_count(SERIAL) == 0, outcome.message
        assert not history.in_doubt()
        assert sim.close_count(SERIAL) <= 1
    finally:
        history.close()
