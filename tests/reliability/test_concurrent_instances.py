"""Two Closeout processes on one home never close the same terminal at the same time.

The engine holds a per-terminal file lock in the home (app/core/locks.py) while it closes a
terminal; the other process skips that terminal with a clear message. Real processes
(``python -m app close --all --yes``), a real loopback simulator, one home.
"""

from __future__ import annotations

import asyncio
import json
import subprocess

from app.core.engine import CloseEngine, RetryPolicy
from app.core.history import History
from app.core.http import make_client
from app.core.secrets import MemoryStore
from reliability_kit import add_terminals_directly, add_to_simulator, closeout, settings_for, subprocess_env
from reliability_report import REPORT

SP_SECRET = "conc-sp-pw-8d2e11"
SB_SECRET = "sk_test_conc_4b6a90ce"
LOCKED = "Another Closeout window or scheduled run is closing this terminal right now; it was not closed twice."
ALREADY = "Already closed this business day"  # the engine's words since the business day (issue 9)
FLAGS = ["--retry-delay", "0.05", "--timeout", "10", "--json"]


def shop(sim, url, home, store, count: int, latency) -> tuple[list[str], list]:
    history = History(home.db_path, home.lock_dir)
    try:
        keys, items = [], []
        for n in range(count):
            provider = ("saferpay", "sunbay")[n % 2]
            key = add_to_simulator(sim, provider, n, password=SP_SECRET, api_key=SB_SECRET, latency=latency(n))
            keys.append(key)
            items.append(
                (
                    f"Till {n:02d}",
                    provider,
                    settings_for(provider, key, url),
                    SP_SECRET if provider == "saferpay" else SB_SECRET,
                )
            )
        return keys, add_terminals_directly(history, store, items)
    finally:
        history.close()


def test_two_cli_processes_at_once_close_each_terminal_exactly_once(sim_server, home, cross_keyring):
    sim, url = sim_server
    keys, terminals = shop(sim, url, home, cross_keyring, 24, lambda n: 0.4 + 0.05 * (n % 5))
    env = subprocess_env(home.root, cross_keyring)
    procs = [
        subprocess.Popen(
            closeout("close", "--all", "--yes", *FLAGS),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err  # closed or skipped: nothing failed, nothing in doubt
        assert "Traceback" not in err
    runs = [{o["name"]: o for o in json.loads(out)} for out, _ in results]

    lock_skips = 0
    for terminal, key in zip(terminals, keys):
        first, second = runs[0][terminal.name], runs[1][terminal.name]
        assert sorted([first["outcome"], second["outcome"]]) == ["closed", "skipped"], (first, second)
        loser = first if first["outcome"] == "skipped" else second
        assert loser["message"] == LOCKED or loser["message"].startswith(ALREADY), loser["message"]
        lock_skips += loser["message"] == LOCKED
        assert sim.close_count(key) == 1
        assert sim.max_in_flight(key) == 1  # never two requests for one terminal at once
    assert lock_skips >= 1, "the two runs never overlapped: the test proved nothing"

    history = History(home.db_path, home.lock_dir)
    try:
        rows = history.closes()
        assert len(rows) == len(terminals) and {r.outcome for r in rows} == {"closed"}
    finally:
        history.close()
    REPORT.add("concurrent_runs", 2)
    REPORT.add("concurrent_lock_skips", lock_skips)
    REPORT.add("double_closes", sum(max(0, sim.close_count(k) - 1) for k in keys))


def test_a_scheduled_cli_run_skips_the_terminal_the_window_is_closing(sim_server, home, cross_keyring):
    """The window's engine (here: the engine in this process) is mid-close on one slow terminal when a
    scheduled ``closeout close --all --yes`` starts: it must skip that terminal, saying why, and close
    the others; the window's close ends closed. One real close per terminal."""
    sim, url = sim_server
    keys, terminals = shop(sim, url, home, cross_keyring, 4, lambda n: 5.0 if n == 0 else 0.05)
    slow, slow_key = terminals[0], keys[0]
    window_store = MemoryStore({t.id: cross_keyring.get(t.id) for t in terminals})
    env = subprocess_env(home.root, cross_keyring)
    events = []

    async def scenario():
        history = History(home.db_path, home.lock_dir)
        async with make_client() as client:
            engine = CloseEngine(
                history, window_store, client, lock_dir=home.lock_dir, policy=RetryPolicy(timeout=10, backoff_base=0.01)
            )
            try:
                window = asyncio.ensure_future(engine.close([slow], on_event=events.append))
                while not any(e.status == "sending" for e in events):
                    await asyncio.sleep(0.01)
                proc = await asyncio.create_subprocess_exec(
                    *closeout("close", "--all", "--yes", *FLAGS),
                    env=env,
                    stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.PIPE,
                )
                out, err = await proc.communicate()
                # The CLI run ended while the window's close was still on its way: it skipped, it did not wait.
                assert not window.done(), "the slow close ended before the CLI run: the test proved nothing"
                return await window, proc.returncode, out.decode(), err.decode()
            finally:
                engine.shutdown()
                history.close()

    [mine], code, out, err = asyncio.run(scenario())
    assert code == 0, err
    assert "Traceback" not in err
    theirs = {o["name"]: o for o in json.loads(out)}
    assert theirs[slow.name]["outcome"] == "skipped" and theirs[slow.name]["message"] == LOCKED
    assert f"{slow.name}: skipped: {LOCKED}" in err  # the person watching the scheduled run reads why
    assert [theirs[t.name]["outcome"] for t in terminals[1:]] == ["closed"] * 3
    assert mine.outcome == "closed"
    assert [sim.close_count(k) for k in keys] == [1, 1, 1, 1]
    assert sim.max_in_flight(slow_key) == 1
    REPORT.add("concurrent_runs", 2)
    REPORT.add("concurrent_lock_skips", 1)
