"""The close engine over real loopback sockets against the simulator, with a real SQLite history."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest

from app.core import providers
from app.core.engine import CloseEngine, RetryPolicy
from app.core.history import History, utcnow
from app.core.http import make_client
from app.core.secrets import MemoryStore
from app.core.terminals import new_terminal
from app.simulator import Fault

FAST = RetryPolicy(concurrency=8, timeout=5.0, max_attempts=4, backoff_base=0.01, jitter=0.1)


class Rig:
    """Simulator + history + secrets + engine, the way the CLI and the window put them together."""

    def __init__(self, sim, url, home):
        self.sim, self.url, self.home = sim, url, home
        self.history = History(home.db_path, home.lock_dir)
        self.secrets = MemoryStore()
        self.events = []

    def saferpay(self, name, terminal_id, *, latency=0.0, password="sp-secret-pw", env="test"):
        self.sim.add(
            "saferpay",
            customer_id="401234",
            terminal_id=terminal_id,
            username="API_401234_1",
            password=password,
            latency=latency,
        )
        t = new_terminal(
            name,
            "saferpay",
            {
                "customer_id": "401234",
                "terminal_id": terminal_id,
                "username": "API_401234_1",
                "environment": env,
                "base_url": f"{self.url}/saferpay/api",
            },
        )
        self.history.add_terminal(t)
        self.secrets.set(t.id, password)
        return t

    def sunbay(self, name, serial, *, latency=0.0, key="sk_test_engine_key"):
        self.sim.add(
            "sunbay",
            app_id="app_1",
            merchant_id="mch_1",
            terminal_sn=serial,
            channel_code="TSYS",
            api_key=key,
            latency=latency,
        )
        t = new_terminal(
            name,
            "sunbay",
            {
                "app_id": "app_1",
                "merchant_id": "mch_1",
                "terminal_sn": serial,
                "channel_code": "TSYS",
                "base_url": f"{self.url}/sunbay",
            },
        )
        self.history.add_terminal(t)
        self.secrets.set(t.id, key)
        return t

    def run(self, coro_factory, policy=FAST):
        async def go():
            async with make_client() as client:
                engine = CloseEngine(self.history, self.secrets, client, policy=policy, seed=1)
                try:
                    return await coro_factory(engine)
                finally:
                    engine.shutdown()

        return asyncio.run(go())

    def close(self, terminals, policy=FAST, **kwargs):
        return self.run(lambda e: e.close(terminals, on_event=self.events.append, **kwargs), policy)

    def resolve(self, policy=FAST):
        return self.run(lambda e: e.resolve(on_event=self.events.append), policy)

    def close_requests(self, key):
        return [
            r
            for r in self.sim.requests
            if r.json and ((r.json.get("TerminalId") == key) or (r.json.get("terminalSn") == key))
        ]


@pytest.fixture
def rig(sim_server, home):
    sim, url = sim_server
    r = Rig(sim, url, home)
    yield r
    r.history.close()


def test_close_all_both_providers(rig):
    a = rig.saferpay("Counter 1", "12345678")
    b = rig.sunbay("Bar", "T100")
    outcomes = rig.close([a, b])
    assert [(o.name, o.outcome, o.attempts) for o in outcomes] == [("Counter 1", "closed", 1), ("Bar", "closed", 1)]
    assert rig.sim.close_count("12345678") == 1 and rig.sim.close_count("T100") == 1
    rows = {r.terminal_name: r for r in rig.history.closes()}
    assert rows["Counter 1"].outcome == "closed" and rows["Counter 1"].request_id == outcomes[0].request_id
    assert rows["Bar"].data["terminalSn"] == "T100" and rows["Bar"].trace_id
    statuses = [e.status for e in rig.events if e.terminal_id == a.id]
    assert statuses == ["queued", "sending", "closed"]


def test_lost_answer_is_retried_with_same_id_and_closes_exactly_once(rig):
    a = rig.saferpay("Counter 1", "12345678")
    b = rig.sunbay("Bar", "T100")
    rig.sim.script("12345678", [Fault.lost_after()])
    rig.sim.script("T100", [Fault.lost_after()])
    outcomes = rig.close([a, b])
    assert [o.outcome for o in outcomes] == ["closed", "closed"]
    assert rig.sim.close_count("12345678") == 1 and rig.sim.close_count("T100") == 1
    sp = [r.json["RequestHeader"] for r in rig.close_requests("12345678")]
    assert [h["RetryIndicator"] for h in sp] == [0, 1]
    assert sp[0]["RequestId"] == sp[1]["RequestId"] == outcomes[0].request_id
    sb = rig.close_requests("T100")
    assert sb[0].json["transactionRequestId"] == sb[1].json["transactionRequestId"]
    assert sb[0].headers["x-client-request-id"] != sb[1].headers["x-client-request-id"]
    assert rig.history.closes(terminal_id=a.id)[0].attempts == 2
    assert any(e.status == "retrying" and e.attempt == 1 for e in rig.events)


@pytest.mark.parametrize(
    "fault",
    [
        Fault.drop_before(),
        Fault.http(500),
        Fault.http(502, b"<html>bad gateway</html>", content_type="text/html"),
        Fault.http(429),
        Fault.saferpay_error(500, "INTERNAL_ERROR", "RETRY", "try again"),
        Fault.non_json(),
        Fault.truncated_json(),
        Fault.empty(),
    ],
    ids=["drop_before", "500", "502html", "429", "RETRY", "non_json", "truncated", "empty"],
)
def test_retryable_faults_end_closed_once(rig, fault):
    t = rig.saferpay("Counter 1", "12345678")
    rig.sim.script("12345678", [fault])
    [outcome] = rig.close([t])
    assert outcome.outcome == "closed", outcome.message
    assert outcome.attempts == 2
    assert rig.sim.close_count("12345678") == 1


@pytest.mark.parametrize("behavior", ["DO_NOT_RETRY", "ABORT", "OTHER_MEANS", "SOMETHING_NEW"])
def test_do_not_retry_fails_at_once_with_the_providers_reason(rig, behavior):
    t = rig.saferpay("Counter 1", "12345678")
    rig.sim.script("12345678", [Fault.saferpay_error(402, "ACTION_NOT_SUPPORTED", behavior, "Batch close refused")])
    [outcome] = rig.close([t])
    assert outcome.outcome == "failed" and outcome.attempts == 1
    assert "ACTION_NOT_SUPPORTED" in outcome.message and "Batch close refused" in outcome.message
    assert rig.sim.close_count("12345678") == 0
    row = rig.history.closes()[0]
    assert (row.outcome, row.http_status, row.provider_code) == ("failed", 402, "ACTION_NOT_SUPPORTED")


def test_wrong_password_is_a_failure_without_retry(rig):
    t = rig.saferpay("Counter 1", "12345678")
    rig.secrets.set(t.id, "wrong-password")
    [outcome] = rig.close([t])
    assert outcome.outcome == "failed" and outcome.attempts == 1
    assert "AUTHENTICATION_FAILED" in outcome.message
    assert "wrong-password" not in outcome.message


def test_sunbay_nonzero_code_is_a_failure_with_code_and_trace(rig):
    t = rig.sunbay("Bar", "T100")
    rig.sim.script("T100", [Fault.sunbay_code("T05", "Terminal is offline")])
    [outcome] = rig.close([t])
    assert outcome.outcome == "failed" and outcome.attempts == 1
    assert outcome.provider_code == "T05" and "Terminal is offline" in outcome.message and outcome.trace_id


def test_answers_lost_every_time_end_in_doubt_then_resolve_closes_once(rig):
    t = rig.sunbay("Bar", "T100")
    rig.sim.script("T100", [Fault.lost_after()] * 4)
    [outcome] = rig.close([t])
    assert outcome.outcome == "in_doubt" and outcome.attempts == 4
    assert "may have gone through" in outcome.message
    assert rig.sim.close_count("T100") == 1
    assert [r.request_id for r in rig.history.in_doubt()] == [outcome.request_id]
    [resolved] = rig.resolve()
    assert resolved.outcome == "closed" and resolved.request_id == outcome.request_id
    assert rig.sim.close_count("T100") == 1
    assert rig.history.in_doubt() == []
    assert len(rig.history.closes()) == 1


def test_definite_error_after_a_lost_answer_stays_in_doubt(rig):
    t = rig.saferpay("Counter 1", "12345678")
    rig.sim.script(
        "12345678",
        [
            Fault.drop_before(),
            Fault.http(504),
            Fault.saferpay_error(400, "VALIDATION_FAILED", "DO_NOT_RETRY", "RequestId reused"),
        ],
    )
    [outcome] = rig.close([t])
    assert outcome.outcome == "in_doubt" and outcome.attempts == 3
    assert "VALIDATION_FAILED" in outcome.message


def test_saferpay_retry_indicator_never_passes_9(rig):
    t = rig.saferpay("Counter 1", "12345678")
    rig.sim.script("12345678", [Fault.http(503)] * 12)
    many = RetryPolicy(concurrency=1, timeout=5, max_attempts=50, backoff_base=0.001, jitter=0)
    [outcome] = rig.close([t], policy=many)
    assert outcome.outcome == "in_doubt" and outcome.attempts == 10
    indicators = [r.json["RequestHeader"]["RetryIndicator"] for r in rig.close_requests("12345678")]
    assert indicators == list(range(10))
    [again] = rig.resolve(policy=many)  # a person must settle it: nothing more is sent
    assert again.outcome == "in_doubt" and len(rig.close_requests("12345678")) == 10


def test_in_doubt_terminal_is_resent_first_never_closed_anew(rig):
    t = rig.saferpay("Counter 1", "12345678")
    rig.sim.script("12345678", [Fault.lost_after()] * 4)
    [first] = rig.close([t])
    assert first.outcome == "in_doubt"
    [second] = rig.close([t])
    assert second.outcome == "closed" and second.request_id == first.request_id
    assert "confirmed" in second.message
    assert rig.sim.close_count("12345678") == 1
    assert len(rig.history.closes()) == 1
    assert any(e.status == "resolving" for e in rig.events)


def test_in_doubt_from_yesterday_is_settled_then_today_is_closed(rig):
    t = rig.saferpay("Counter 1", "12345678")
    yesterday = utcnow() - timedelta(days=1, hours=1)
    cid = rig.history.start_close(t, "test", "old-request-1", started_at=yesterday)
    rig.history.record_attempt(cid, 1)
    rig.history.finish_close(cid, "in_doubt", message="lost")
    outcomes = rig.close([t])
    assert outcomes[0].outcome == "closed" and outcomes[0].request_id != "old-request-1"
    assert rig.history.close_row(cid).outcome == "closed"
    assert len(rig.history.closes()) == 2
    # The yesterday close re-sent with its id and the next RetryIndicator, then a new close.
    headers = [r.json["RequestHeader"] for r in rig.close_requests("12345678")]
    assert [(h["RequestId"], h["RetryIndicator"]) for h in headers][0] == ("old-request-1", 1)


def test_closed_today_is_skipped_unless_forced(rig):
    t = rig.saferpay("Counter 1", "12345678")
    assert rig.close([t])[0].outcome == "closed"
    [skipped] = rig.close([t])
    assert skipped.outcome == "skipped" and "Already closed this business day" in skipped.message
    assert len(rig.history.closes()) == 1 and rig.sim.close_count("12345678") == 1
    [forced] = rig.close([t], force=True)
    assert forced.outcome == "closed" and rig.sim.close_count("12345678") == 2


def test_missing_secret_and_bad_settings_send_nothing(rig):
    t = rig.saferpay("Counter 1", "12345678")
    rig.secrets.delete(t.id)
    [outcome] = rig.close([t])
    assert outcome.outcome == "failed" and "Nothing was sent" in outcome.message
    assert rig.sim.requests == [] and rig.history.closes() == []


def test_concurrency_bound_and_one_request_per_terminal(rig):
    terminals = [rig.sunbay(f"T{i}", f"SN{i:03d}", latency=0.15) for i in range(12)]
    in_flight, peak = 0, 0

    def watch(event):
        nonlocal in_flight, peak
        if event.status == "sending":
            in_flight += 1
            peak = max(peak, in_flight)
        elif event.final:
            in_flight -= 1

    policy = RetryPolicy(concurrency=4, timeout=5, max_attempts=2, backoff_base=0.01)
    started = time.monotonic()
    outcomes = rig.run(lambda e: e.close(terminals + terminals[:3], on_event=watch), policy)
    elapsed = time.monotonic() - started
    assert len(outcomes) == 12 and all(o.outcome == "closed" for o in outcomes)
    assert peak == 4
    assert elapsed >= 0.15 * 3  # never more than 4 at once: 12 closes of 0.15 s take three rounds at least
    assert rig.sim.total_closes() == 12


def test_row_is_committed_before_the_request_reaches_the_provider(rig):
    t = rig.saferpay("Counter 1", "12345678", latency=0.4)
    seen = {}

    async def scenario(engine):
        task = asyncio.ensure_future(engine.close([t]))
        for _ in range(200):
            await asyncio.sleep(0.01)
            if rig.close_requests("12345678"):
                break
        # The simulator has the request; another connection to the file already shows the row.
        other = History(rig.home.db_path, rig.home.lock_dir)
        seen["rows"] = [(r.outcome, r.attempts) for r in other.closes()]
        other.close()
        return await task

    rig.run(scenario)
    assert seen["rows"] == [("sending", 1)]


def test_cancel_stops_what_was_not_sent(rig):
    terminals = [rig.saferpay(f"T{i}", f"1000000{i}", latency=0.3) for i in range(5)]

    async def scenario(engine):
        task = asyncio.ensure_future(engine.close(terminals, on_event=rig.events.append))
        while not any(e.status == "sending" for e in rig.events):
            await asyncio.sleep(0.005)
        engine.cancel()
        return await task

    outcomes = rig.run(scenario, RetryPolicy(concurrency=1, timeout=5, max_attempts=2, backoff_base=0.01))
    assert [o.outcome for o in outcomes] == ["closed"] + ["skipped"] * 4
    assert all("Cancelled" in o.message for o in outcomes[1:])
    assert rig.sim.total_closes() == 1 and len(rig.history.closes()) == 1


def test_hard_cancel_mid_request_records_in_doubt(rig):
    t = rig.sunbay("Bar", "T100", latency=1.0)

    async def scenario(engine):
        task = asyncio.ensure_future(engine.close([t], on_event=rig.events.append))
        while not any(e.status == "sending" for e in rig.events):
            await asyncio.sleep(0.005)
        await asyncio.sleep(0.1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    rig.run(scenario)
    [row] = rig.history.closes()
    assert row.outcome == "in_doubt" and row.attempts == 1
    assert rig.events[-1].status == "in_doubt"


def test_another_process_holding_the_terminal_lock_means_skip(rig):
    from app.core import locks

    t = rig.saferpay("Counter 1", "12345678")
    other = locks.terminal_lock(rig.home.lock_dir, providers.identity(t))
    assert other.acquire()
    try:
        [outcome] = rig.close([t])
    finally:
        other.release()
    assert outcome.outcome == "skipped" and "Another Closeout" in outcome.message
    assert rig.sim.requests == []


def test_connection_refused_is_failed_not_in_doubt(rig, unused_port):
    t = new_terminal(
        "Nowhere",
        "saferpay",
        {
            "customer_id": "1",
            "terminal_id": "12345678",
            "username": "u",
            "environment": "test",
            "base_url": f"http://127.0.0.1:{unused_port}/api",
        },
    )
    rig.history.add_terminal(t)
    rig.secrets.set(t.id, "pw-1234")
    [outcome] = rig.close([t], policy=RetryPolicy(max_attempts=3, backoff_base=0.01, timeout=2))
    assert outcome.outcome == "failed" and outcome.attempts == 3
    assert "Could not connect" in outcome.message


def test_skewed_pc_clock_is_explained_not_cryptic(rig):
    t = rig.sunbay("Bar", "T100")
    rig.sim.clock_offset = 30 * 60  # the provider's clock is 30 minutes ahead of this PC's
    captured = {}

    async def scenario(engine):
        outcomes = await engine.close([t])
        captured["warning"] = engine.clock_warning
        return outcomes

    [outcome] = rig.run(scenario)
    assert outcome.outcome == "failed" and outcome.attempts == 1
    assert "clock is about 30 minutes behind" in outcome.message and "X-Timestamp" in outcome.message
    assert captured["warning"] and "30 minutes" in captured["warning"]
    assert rig.sim.close_count("T100") == 0


def test_empty_sunbay_batch_is_skipped_nothing_to_close_not_sent(rig):
    rig.sim.add(
        "sunbay",
        app_id="app_1",
        merchant_id="mch_1",
        terminal_sn="EMPTY1",
        channel_code="TSYS",
        api_key="sk_test_engine_key",
        open_batch=0,
    )
    t = new_terminal(
        "Empty",
        "sunbay",
        {
            "app_id": "app_1",
            "merchant_id": "mch_1",
            "terminal_sn": "EMPTY1",
            "channel_code": "TSYS",
            "base_url": f"{rig.url}/sunbay",
        },
    )
    rig.history.add_terminal(t)
    rig.secrets.set(t.id, "sk_test_engine_key")
    [outcome] = rig.close([t])
    assert outcome.outcome == "skipped" and outcome.message.startswith("Nothing to close")
    assert rig.sim.close_count("EMPTY1") == 0
    [row] = rig.history.closes()  # kept for the day's report, with nothing sent
    assert (row.outcome, row.attempts, row.message) == ("skipped", 0, outcome.message)
    assert rig.history.in_doubt() == []
    [forced] = rig.close([t], force=True)  # the owner insists: it is sent
    assert forced.outcome == "closed" and rig.sim.close_count("EMPTY1") == 1


def test_a_bad_stored_setting_is_named_as_the_dialog_names_it(rig):
    from dataclasses import replace

    t = rig.saferpay("Counter 1", "12345678")
    broken = replace(t, settings={**t.settings, "terminal_id": "1234567"})  # e.g. an old, hand-edited file
    [outcome] = rig.close([broken])
    assert outcome.outcome == "failed"
    assert (
        outcome.message.startswith("The Terminal ID '1234567' is not valid") and "nothing was sent" in outcome.message
    )
    assert rig.sim.requests == []


def test_closes_starting_together_share_commits_and_each_row_is_on_disk_before_its_request(rig, monkeypatch):
    terminals = [rig.saferpay(f"T{i}", f"{30000000 + i}", latency=0.2) for i in range(8)]
    groups = []
    write_group = rig.history.write_group

    def counted(calls):
        groups.append(len(calls))
        return write_group(calls)

    monkeypatch.setattr(rig.history, "write_group", counted)
    seen_on_disk = []
    reader = History(rig.home.db_path, rig.home.lock_dir)

    def on_event(event):
        if event.status == "sending":  # the request is about to leave: its row and attempt are committed
            seen_on_disk.append(reader.last_close(event.terminal_id).attempts)

    try:
        outcomes = rig.run(
            lambda e: e.close(terminals, on_event=on_event),
            policy=RetryPolicy(concurrency=8, timeout=5, backoff_base=0.01),
        )
    finally:
        reader.close()
    assert [o.outcome for o in outcomes] == ["closed"] * 8
    assert seen_on_disk == [1] * 8
    assert sum(groups) == 8 * 2  # each close: its row with the first attempt counted, then its outcome
    assert len(groups) < 8 * 2  # ...in fewer commits than writes
