"""Crash test: ``closeout close --all --yes`` killed with SIGKILL at random moments.

50 simulated terminals of the three providers (Saferpay, SUNBAY, Handpoint) with latency (the simulator in
this process, behind a real loopback socket), the CLI in its own process on a temporary home. After every
kill, as after a real crash or power cut, the next start must find every close that may have been sent: in
the history as closed or in doubt, never missing and never still "sending"; ``closeout resolve --yes`` must
settle them (exit 0); and no physical terminal may ever be closed twice in one business day at the
simulator. Those checks read the simulator's provider-neutral close log (terminal, business day), so they
hold for Handpoint too, which has no request id (its batch number keeps a close single).

Terminals closed today are skipped by the next ``close`` (correct), so work runs out after a few
kills: the test runs rounds, each on a fresh home and simulator with 50 terminals, until it has
killed at least MIN_KILLS runs. The kill moments come from a seeded random generator. The homes' business
day ends twelve hours from now, so a run near 04:00 does not start a new business day mid-round.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from collections import Counter, defaultdict
from datetime import date, datetime, time as clock_time, timedelta
from pathlib import Path

from app.core import settings as settings_mod
from app.core.days import business_day
from app.core.history import History
from app.core.home import Home
from app.simulator import Fault, LoopbackServer, Simulator
from reliability_kit import (
    PROVIDERS,
    add_terminals_directly,
    add_to_simulator,
    closeout,
    settings_for,
    subprocess_env,
)
from reliability_report import REPORT

SEED = 20261121
TERMINALS = 50
MIN_KILLS = 12
MAX_TRIALS_PER_ROUND = 4
SP_SECRET = "crash-sp-pw-0e5d77"
SB_SECRET = "sk_test_crash_61f2b9aa"
HP_SECRET = "hp_crash_cloud_key_3c81"
SECRETS = {"saferpay": SP_SECRET, "sunbay": SB_SECRET, "handpoint": HP_SECRET}
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


def far_day_end() -> clock_time:
    """A business-day end twelve hours from now (local time): no round crosses it."""
    return (datetime.now() + timedelta(hours=12)).time().replace(minute=0, second=0, microsecond=0)


class Round:
    def __init__(self, number: int, base: Path, rng: random.Random, store) -> None:
        self.number, self.rng, self.store = number, rng, store
        self.root = base / f"round-{number}" / "home"
        self.sim = Simulator(seed=f"crash-{number}")
        self.server = LoopbackServer(self.sim.app).start()
        self.logs = base / f"round-{number}"
        self.keys: list[str] = []
        self.entry_of: dict[tuple[str, str], str] = {}  # the simulator's (provider, key) -> the history's entry id
        self.unsent: set[str] = set()
        self.day_end = far_day_end()
        home = Home(self.root).ensure()
        settings_mod.save(home.settings_path, settings_mod.Settings(business_day_end=self.day_end.strftime("%H:%M")))
        history = History(self.root / "history.db", self.root / "locks")
        items = []
        for n in range(TERMINALS):
            provider = PROVIDERS[n % len(PROVIDERS)]
            key = add_to_simulator(
                self.sim, provider, n, password=SP_SECRET, api_key=SECRETS[provider], latency=rng.uniform(0.15, 0.6)
            )
            self.keys.append(key)
            items.append((f"Till {n:02d}", provider, settings_for(provider, key, self.server.url), SECRETS[provider]))
        for (_, provider, _, _), terminal, key in zip(items, add_terminals_directly(history, store, items), self.keys):
            self.entry_of[(provider, key)] = terminal.id
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

    def day(self, moment: datetime) -> date:
        return business_day(moment, self.day_end)

    def check_after_restart(self) -> tuple[int, int]:
        """Open the history as the next start does, and compare it with what the provider saw.

        Provider-neutral: the simulator's close log says which physical terminal closed on which business day,
        whatever makes a close single at that provider (a request id, a batch number)."""
        history = History(self.root / "history.db", self.root / "locks")  # records orphaned closes
        try:
            assert "sending" not in raw_outcomes(self.root / "history.db"), "an orphaned close was not recovered"
            rows = history.closes()
            log = self.sim.close_log()
            per_day = Counter((record.terminal, record.business_day(self.day_end)) for record in log)
            twice = sorted(slot for slot, count in per_day.items() if count > 1)
            assert not twice, f"closed more than once in one business day at the simulator: {twice}"
            # Every close the provider saw is in the history: exactly one row of that terminal and business
            # day says closed or in doubt (a close in doubt is re-sent or resolved, never followed by a new one).
            kept: dict[tuple[str, date], list] = defaultdict(list)
            for row in rows:
                if row.outcome in ("closed", "in_doubt"):
                    kept[(row.terminal_id, self.day(row.started_at))].append(row)
            seen = {(self.entry_of[record.terminal], record.business_day(self.day_end)) for record in log}
            for slot in seen:
                assert len(kept[slot]) == 1, f"a close the provider saw is not exactly once in the history: {slot}"
            for slot, found in kept.items():
                assert len(found) == 1, f"two closes kept for one terminal and day: {found}"
                if found[0].outcome == "closed":
                    assert slot in seen, "the history says closed but the provider never closed"
            wire_ids = {record.request_id for record in log}
            for row in rows:
                if row.outcome == "failed":  # stopped before its first attempt was recorded: never sent
                    assert row.attempts == 0 and row.request_id not in wire_ids, row
            in_doubt = len(history.in_doubt())
            unsent = {r.request_id for r in rows if r.outcome == "failed"} - self.unsent
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
            assert {record.provider for record in rnd.sim.close_log()} == set(PROVIDERS)
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
