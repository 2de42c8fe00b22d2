"""Crash test: ``closeout close --all --yes`` killed with SIGKILL at random moments.

50 simulated terminals with latency (the simulator in this process, behind a real loopback socket),
the CLI in its own process on a temporary home. After every kill, as after a real crash or power
cut, the next start must find every close that may have been sent: in the history as closed or in
doubt, never missing and never still "sending"; ``closeout resolve --yes`` must settle them (exit 0);
and no terminal may ever be closed twice at the simulator.

Terminals closed today are skipped by the next ``close`` (correct), so work runs out after a few
kills: the test runs rounds, each on a fresh home and simulator with 50 terminals, until it has
killed at least MIN_KILLS runs. The kill moments come from a seeded random generator.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from app.core.history import History
from app.simulator import Fault, LoopbackServer, Simulator
from reliability_kit import add_terminals_directly, add_to_simulator, closeout, settings_for, subprocess_env
from reliability_report import REPORT

SEED = 20261121
TERMINALS = 50
MIN_KILLS = 12
MAX_TRIALS_PER_ROUND = 4
SP_SECRET = "crash-sp-pw-0e5d77"
SB_SECRET = "sk_test_crash_61f2b9aa"
RUN = ["close", "--all", "--yes", "--retry-delay", "0.05", "--timeout", "5"]


def drain(sim: Simulator, limit: float = 10.0) -> None:
    """Wait until the simulator has finished every request: a killed client's close may still complete."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with sim._lock:  # our own simulator's in-flight counter: a test may read it
            busy = any(sim._in_flight.values())
        if not busy:
            return
        time.sleep(0.02)
    raise AssertionError("the simulator is still busy")


def raw_outcomes(db_path: Path) -> dict[str, int]:
    db = sqlite3.connect(db_path)
    try:
        return dict(db.execute("SELECT outcome, count(*) FROM closes GROUP BY outcome").fetchall())
    finally:
        db.close()


class Round:
    def __init__(self, number: int, base: Path, rng: random.Random, store) -> None:
        self.number, self.rng, self.store = number, rng, store
        self.root = base / f"round-{number}" / "home"
        self.sim = Simulator(seed=f"crash-{number}")
        self.server = LoopbackServer(self.sim.app).start()
        self.logs = base / f"round-{number}"
        self.keys: list[str] = []
        self.unsent: set[str] = set()
        history = History(self.root / "history.db", self.root / "locks")
        items = []
        for n in range(TERMINALS):
            provider = ("saferpay", "sunbay")[n % 2]
            key = add_to_simulator(
                self.sim, provider, n, password=SP_SECRET, api_key=SB_SECRET, latency=rng.uniform(0.15, 0.6)
            )
            self.keys.append(key)
            items.append(
                (
                    f"Till {n:02d}",
                    provider,
                    settings_for(provider, key, self.server.url),
                    SP_SECRET if provider == "saferpay" else SB_SECRET,
                )
            )
        add_terminals_directly(history, store, items)
        history.close()
        # Some answers go wrong too, so kills also land between attempts and on lost answers.
        for key in rng.sample(self.keys, 12):
            self.sim.script(
                key,
                [
                    rng.choice(
                        [
                            Fault.lost_after(),
                            Fault.http(503),
                            Fault.drop_before(),
                            Fault.truncated_json(),
                            Fault.http(429, retry_after=0.1),
                        ]
                    )
                ],
            )
        self.env = subprocess_env(self.root, store)

    def start(self, args: list[str], name: str) -> subprocess.Popen:
        out = open(self.logs / f"{name}.out", "w")
        err = open(self.logs / f"{name}.err", "w")
        return subprocess.Popen(closeout(*args), env=self.env, stdout=out, stderr=err)

    def output(self, name: str) -> str:
        return (self.logs / f"{name}.out").read_text() + (self.logs / f"{name}.err").read_text()

    def check_after_restart(self) -> tuple[int, int]:
        """Open the history as the next start does, and compare it with what the provider saw."""
        history = History(self.root / "history.db", self.root / "locks")  # records orphaned closes
        try:
            assert "sending" not in raw_outcomes(self.root / "history.db"), "an orphaned close was not recovered"
            rows = {r.request_id: r for r in history.closes()}
            provider_closes = 0
            for key in self.keys:
                records = self.sim.closes(key)
                assert len(records) <= 1, f"terminal {key} was closed twice"
                for record in records:
                    provider_closes += 1
                    row = rows.get(record.request_id)
                    assert row is not None, f"a close the provider saw is missing from the history ({key})"
                    assert row.outcome in ("closed", "in_doubt"), (key, row.outcome, row.message)
            closed_ids = {rec.request_id for key in self.keys for rec in self.sim.closes(key)}
            for row in rows.values():
                if row.outcome == "closed":
                    assert row.request_id in closed_ids, "the history says closed but the provider never closed"
                if row.outcome == "failed":  # stopped before its first attempt was recorded: never sent
                    assert row.attempts == 0 and row.request_id not in closed_ids, row
            in_doubt = len(history.in_doubt())
            unsent = {r.request_id for r in rows.values() if r.outcome == "failed"} - self.unsent
            self.unsent |= unsent
            return in_doubt, len(unsent)
        finally:
            history.close()

    def resolve(self, name: str) -> int:
        """``closeout resolve --yes`` until nothing is in doubt; returns how many it settled."""
        in_doubt = self.check_after_restart()[0]
        if in_doubt:
            proc = self.start(["resolve", "--yes", "--retry-delay", "0.05", "--timeout", "5"], name)
            assert proc.wait(timeout=60) == 0, self.output(name)
            drain(self.sim)
            assert self.check_after_restart()[0] == 0, "resolve left a close in doubt"
        return in_doubt

    def close(self) -> None:
        self.server.stop()


def test_sigkill_at_random_moments_never_loses_or_doubles_a_close(tmp_path, cross_keyring):
    rng = random.Random(SEED)
    figures = {"rounds": 0, "trials": 0, "kills": 0, "in_doubt": 0, "unsent": 0, "resolved": 0, "closes": 0}
    started = time.monotonic()
    number = 0
    while figures["kills"] < MIN_KILLS:
        number += 1
        assert number <= 8, f"only {figures['kills']} kills in {number - 1} rounds: runs end before the kill"
        rnd = Round(number, tmp_path, rng, cross_keyring)
        figures["rounds"] += 1
        try:
            for trial in range(MAX_TRIALS_PER_ROUND):
                name = f"close-{trial}"
                proc = rnd.start(RUN, name)
                figures["trials"] += 1
                try:
                    proc.wait(timeout=rng.uniform(0.3, 2.2))
                    finished = True
                except subprocess.TimeoutExpired:
                    os.kill(proc.pid, signal.SIGKILL)
                    proc.wait()
                    finished = False
                    figures["kills"] += 1
                drain(rnd.sim)
                if finished:
                    assert proc.returncode == 0, rnd.output(name)
                    assert "Traceback" not in rnd.output(name)
                in_doubt, unsent = rnd.check_after_restart()
                figures["in_doubt"] += in_doubt
                figures["unsent"] += unsent
                # Half the time `closeout resolve --yes` settles them now; otherwise the next `close` must
                # re-send them first (and may itself be killed while doing so).
                if in_doubt and (rng.random() < 0.5 or trial == MAX_TRIALS_PER_ROUND - 1 or finished):
                    figures["resolved"] += rnd.resolve(f"resolve-{trial}")
                if finished:
                    break
            figures["resolved"] += rnd.resolve("resolve-last")
            # A last run, not killed: every terminal ends closed, each exactly once at the provider.
            final = rnd.start(RUN, "final")
            assert final.wait(timeout=120) == 0, rnd.output("final")
            drain(rnd.sim)
            assert rnd.check_after_restart()[0] == 0
            assert [rnd.sim.close_count(k) for k in rnd.keys] == [1] * TERMINALS
            figures["closes"] += rnd.sim.total_closes()
        finally:
            rnd.close()
    elapsed = time.monotonic() - started
    print(
        f"\ncrash test: {figures['rounds']} rounds, {figures['trials']} runs, {figures['kills']} killed with "
        f"SIGKILL, {figures['closes']} closes recorded, {figures['in_doubt']} in doubt found, "
        f"{figures['unsent']} stopped before sending, {figures['resolved']} resolved, double closes: 0, "
        f"closes lost: 0 ({elapsed:.0f} s)"
    )
    REPORT.add("crash_rounds", figures["rounds"])
    REPORT.add("crash_trials", figures["trials"])
    REPORT.add("crash_kills", figures["kills"])
    REPORT.add("crash_closes", figures["closes"])
    REPORT.add("crash_in_doubt", figures["in_doubt"])
    REPORT.add("crash_unsent", figures["unsent"])
    REPORT.add("crash_resolved", figures["resolved"])
