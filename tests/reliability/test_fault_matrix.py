"""Every fault the simulator can play, for each provider (Saferpay, SUNBAY, Handpoint), through the engine AND
through the CLI.

Real loopback sockets (uvicorn), a real SQLite history, the real engine. For each fault: the
outcome, the words a person reads, the attempts, the real closes at the simulator (never more
than one per close), the history row, and, for a close left in doubt, that ``resolve`` settles it
without a second close. The table in docs/reliability.md is generated from these runs.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Callable

import pytest

from app.core.engine import CloseEngine, Outcome, RetryPolicy
from app.core import providers
from app.core.history import History
from app.core.providers.contract import Capability, LostClose
from app.core.http import make_client
from app.core.secrets import MemoryStore
from app.simulator import Fault, Simulator
from reliability_kit import HP_BATCH, PROVIDERS, add_terminals_directly, add_to_simulator, cli_add_args, settings_for
from reliability_report import CASE_ORDER, REPORT, FaultRow

SP_SECRET = "rel-sp-pw-5b1f93"
SB_SECRET = "sk_test_rel_9c2e4a7d0b"
HP_SECRET = "hp_rel_cloud_key_4e90"
SECRETS = {"saferpay": SP_SECRET, "sunbay": SB_SECRET, "handpoint": HP_SECRET}
WRONG = {"saferpay": "rel-wrong-pw-000", "sunbay": "sk_test_rel_wrong_0000", "handpoint": "hp_rel_wrong_key_000"}

MAX_ATTEMPTS = 3
TIMEOUT = 5.0
SLOW_TIMEOUT = 1.0  # the slow faults answer after 2 s: beyond this timeout
EVERY = PROVIDERS  # a fault of the network or of HTTP: every provider meets it
EXIT = {"closed": 0, "skipped": 0, "failed": 1, "in_doubt": 3}
HTML_403 = b"<html><head><title>403 Forbidden</title></head><body>Request blocked.</body></html>"


@dataclass(frozen=True)
class Case:
    id: str
    fault: str  # how docs/reliability.md names it
    providers: tuple[str, ...]
    outcome: str
    attempts: int
    closes: int  # real closes at the simulator after this close
    words: dict[str, tuple[str, ...]]  # provider -> words the person must read in the message
    script: Callable[[], list[Fault]] = list
    timeout: float = TIMEOUT
    refused: bool = False
    wrong_secret: bool = False
    clock_offset: float = 0.0
    http_status: dict[str, int | None] = field(default_factory=dict)
    code: dict[str, str | None] = field(default_factory=dict)
    # provider -> (outcome, attempts, closes) where that provider's way differs from the case's
    differs: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    def expected(self, provider: str) -> tuple[str, int, int]:
        """(outcome, attempts, real closes) of this fault on ``provider``'s terminal."""
        return self.differs.get(provider, (self.outcome, self.attempts, self.closes))


def words(
    *common: str, saferpay: tuple[str, ...] = (), sunbay: tuple[str, ...] = (), handpoint: tuple[str, ...] = ()
) -> dict[str, tuple[str, ...]]:
    return {"saferpay": common + saferpay, "sunbay": common + sunbay, "handpoint": common + handpoint}


CLOSED = words(saferpay=("Batch closed.",), sunbay=("Batch closed.",), handpoint=(f"Batch {HP_BATCH} closed.",))
# The answer of the attempt that closed was lost: Handpoint has no request id to replay that answer, so the
# re-sent close (same batch number) is told the batch is closed already, which settles it.
CLOSED_BEFORE = words(
    saferpay=("Batch closed.",),
    sunbay=("Batch closed.",),
    handpoint=("an earlier attempt of this close went through", "already closed"),
)
IN_DOUBT = words("may have gone through", "will not be closed again blindly")

CASES: list[Case] = [
    # -- the network ---------------------------------------------------------------------------------
    Case(
        "refused",
        "connection refused (nothing listens), every attempt",
        EVERY,
        "failed",
        3,
        0,
        words("Gave up after 3 attempts", "Could not connect", "Check the internet connection"),
        refused=True,
    ),
    Case(
        "drop_before",
        "connection closed before the close, once",
        EVERY,
        "closed",
        2,
        1,
        CLOSED,
        lambda: [Fault.drop_before()],
    ),
    Case(
        "drop_before_reset",
        "connection reset (RST) before the close, once",
        EVERY,
        "closed",
        2,
        1,
        CLOSED,
        lambda: [Fault.drop_before(reset=True)],
    ),
    Case(
        "drop_before_always",
        "connection dropped before the close, every attempt",
        EVERY,
        "in_doubt",
        3,
        0,
        IN_DOUBT,
        lambda: [Fault.drop_before()] * 3,
    ),
    Case(
        "lost_after",
        "close done, then connection reset before the answer",
        EVERY,
        "closed",
        2,
        1,
        CLOSED_BEFORE,
        lambda: [Fault.lost_after()],
    ),
    Case(
        "lost_after_orderly",
        "close done, then connection closed before the answer",
        EVERY,
        "closed",
        2,
        1,
        CLOSED_BEFORE,
        lambda: [Fault.lost_after(reset=False)],
    ),
    Case(
        "lost_after_mid_body",
        "close done, answer cut in the middle of its body",
        EVERY,
        "closed",
        2,
        1,
        CLOSED_BEFORE,
        lambda: [Fault.lost_after(mid_body=True, reset=False)],
    ),
    Case(
        "lost_after_always",
        "close done, every answer lost",
        EVERY,
        "in_doubt",
        3,
        1,
        IN_DOUBT,
        lambda: [Fault.lost_after()] * 3,
    ),
    Case(
        "slow_closed",
        "slow beyond the timeout (1 s), the close happened",
        EVERY,
        "closed",
        2,
        1,
        CLOSED_BEFORE,
        lambda: [Fault.slow(2.0, close=True)],
        timeout=SLOW_TIMEOUT,
    ),
    Case(
        "slow_not_closed",
        "slow beyond the timeout (1 s), then dropped without closing",
        EVERY,
        "closed",
        2,
        1,
        CLOSED,
        lambda: [Fault.slow(2.0, close=False)],
        timeout=SLOW_TIMEOUT,
    ),
    # -- HTTP answers that are not the provider's ------------------------------------------------------
    Case("http_500_empty", "HTTP 500 without a body", EVERY, "closed", 2, 1, CLOSED, lambda: [Fault.http(500)]),
    Case(
        "http_502_html",
        "HTTP 502 with a proxy's HTML page",
        EVERY,
        "closed",
        2,
        1,
        CLOSED,
        lambda: [Fault.http(502, b"<html><body>Bad gateway</body></html>", "text/html")],
    ),
    Case(
        "http_503_after_close",
        "HTTP 503 although the close happened",
        EVERY,
        "closed",
        2,
        1,
        CLOSED_BEFORE,
        lambda: [Fault.http(503, close=True)],
    ),
    Case(
        "http_5xx_always", "HTTP 503 on every attempt", EVERY, "in_doubt", 3, 0, IN_DOUBT, lambda: [Fault.http(503)] * 3
    ),
    Case(
        "http_429",
        "HTTP 429 with Retry-After",
        EVERY,
        "closed",
        2,
        1,
        CLOSED,
        lambda: [Fault.http(429, retry_after=0.05)],
    ),
    Case(
        "http_401_plain",
        "HTTP 401 without JSON",
        EVERY,
        "failed",
        1,
        0,
        words("did not accept", "HTTP 401"),
        lambda: [Fault.http(401)],
        http_status={"saferpay": 401, "sunbay": 401},
    ),
    Case(
        "http_403_html",
        "HTTP 403 with a firewall's HTML page",
        EVERY,
        "failed",
        1,
        0,
        words("HTTP 403", saferpay=("denied",), sunbay=("denied",), handpoint=("did not accept the Cloud API key",)),
        lambda: [Fault.http(403, HTML_403, "text/html")],
        http_status={"saferpay": 403, "sunbay": 403, "handpoint": 403},
    ),
    Case(
        "wrong_secret",
        "wrong password / API key (the provider's own 401)",
        EVERY,
        "failed",
        1,
        0,
        words(
            saferpay=("did not accept", "AUTHENTICATION_FAILED"),
            sunbay=("Unauthorized", "code 401"),
            handpoint=("did not accept the Cloud API key", "HTTP 403"),
        ),
        wrong_secret=True,
        http_status={"saferpay": 401, "sunbay": 401, "handpoint": 403},
        code={"saferpay": "AUTHENTICATION_FAILED", "sunbay": "401"},
    ),
    # -- unreadable answers ---------------------------------------------------------------------------
    Case(
        "non_json",
        "HTML instead of JSON (HTTP 200), no close",
        EVERY,
        "closed",
        2,
        1,
        CLOSED,
        lambda: [Fault.non_json()],
    ),
    Case(
        "non_json_after_close",
        "HTML instead of JSON (HTTP 200) after the close",
        EVERY,
        "closed",
        2,
        1,
        CLOSED_BEFORE,
        lambda: [Fault.non_json(close=True)],
    ),
    Case(
        "truncated_json",
        "JSON cut half-way after the close",
        EVERY,
        "closed",
        2,
        1,
        CLOSED_BEFORE,
        lambda: [Fault.truncated_json()],
    ),
    Case(
        "empty_body", "empty JSON body after the close", EVERY, "closed", 2, 1, CLOSED_BEFORE, lambda: [Fault.empty()]
    ),
    Case(
        "truncated_always",
        "JSON cut half-way on every attempt",
        EVERY,
        "in_doubt",
        3,
        1,
        IN_DOUBT,
        lambda: [Fault.truncated_json()] * 3,
    ),
    # -- hostile answers (issue 12): too big, endless, a gzip bomb, formula text, terminal escapes ---------------
    Case(
        "oversized",
        "a 3 MiB answer (Closeout reads at most 1 MiB) after the close",
        EVERY,
        "closed",
        2,
        1,
        CLOSED_BEFORE,
        lambda: [Fault.oversized()],
    ),
    Case(
        "endless",
        "an answer that never ends, after the close",
        EVERY,
        "closed",
        2,
        1,
        CLOSED_BEFORE,
        lambda: [Fault.endless()],
    ),
    Case(
        "gzip_bomb",
        "a gzip bomb (256 MiB unpacked) after the close",
        EVERY,
        "closed",
        2,
        1,
        CLOSED_BEFORE,
        lambda: [Fault.gzip_bomb()],
    ),
    Case(
        "oversized_always",
        "a 3 MiB answer on every attempt",
        EVERY,
        "in_doubt",
        3,
        1,
        words("larger than 1 MiB", "may have gone through"),
        lambda: [Fault.oversized()] * 3,
    ),
    Case(
        "formula_text",
        "spreadsheet formulas in every text field of the answer",
        EVERY,
        "closed",
        1,
        1,
        CLOSED,
        lambda: [Fault.text_fields()],
    ),
    Case(
        "escape_error",
        "terminal escapes, a bell, a bidi override and a line break in every text of a refusal",
        EVERY,
        "failed",
        1,
        0,
        words("All batches closed", "desrever", saferpay=("HTTP 400",), sunbay=("code E1",), handpoint=("HTTP 400",)),
        lambda: [Fault.escape_error()],
        http_status={"saferpay": 400, "sunbay": 400, "handpoint": 400},
        code={"saferpay": "VALIDATION_FAILED", "sunbay": "E1", "handpoint": "E1"},
    ),
    # -- Saferpay's own errors (docs/providers/saferpay.md §3: Behavior) --------------------------------------
    Case(
        "sp_do_not_retry",
        "Saferpay error, Behavior DO_NOT_RETRY",
        ("saferpay",),
        "failed",
        1,
        0,
        words("ACTION_NOT_SUPPORTED", "Batch close refused", "HTTP 402"),
        lambda: [Fault.saferpay_error(402, "ACTION_NOT_SUPPORTED", "DO_NOT_RETRY", "Batch close refused")],
        http_status={"saferpay": 402},
        code={"saferpay": "ACTION_NOT_SUPPORTED"},
    ),
    Case(
        "sp_abort",
        "Saferpay error, legacy Behavior ABORT (before spec 1.33)",
        ("saferpay",),
        "failed",
        1,
        0,
        words("ACTION_NOT_SUPPORTED", "Batch close refused"),
        lambda: [Fault.saferpay_error(402, "ACTION_NOT_SUPPORTED", "ABORT", "Batch close refused")],
        http_status={"saferpay": 402},
        code={"saferpay": "ACTION_NOT_SUPPORTED"},
    ),
    Case(
        "sp_other_means",
        "Saferpay error, Behavior OTHER_MEANS",
        ("saferpay",),
        "failed",
        1,
        0,
        words("ACTION_NOT_SUPPORTED"),
        lambda: [Fault.saferpay_error(402, "ACTION_NOT_SUPPORTED", "OTHER_MEANS", "Use the Backoffice")],
    ),
    Case(
        "sp_unknown_behavior",
        "Saferpay error, unknown Behavior",
        ("saferpay",),
        "failed",
        1,
        0,
        words("SOMETHING_NEW", "Not today"),
        lambda: [Fault.saferpay_error(402, "SOMETHING_NEW", "WAIT_FOR_THE_MOON", "Not today")],
        code={"saferpay": "SOMETHING_NEW"},
    ),
    Case(
        "sp_permission_denied",
        "Saferpay PERMISSION_DENIED (terminal not the customer's)",
        ("saferpay",),
        "failed",
        1,
        0,
        words("PERMISSION_DENIED", "does not belong"),
        lambda: [Fault.saferpay_error(403, "PERMISSION_DENIED", "DO_NOT_RETRY", "Permission denied")],
        http_status={"saferpay": 403},
        code={"saferpay": "PERMISSION_DENIED"},
    ),
    Case(
        "sp_retry",
        "Saferpay error, Behavior RETRY",
        ("saferpay",),
        "closed",
        2,
        1,
        CLOSED,
        lambda: [Fault.saferpay_error(500, "INTERNAL_ERROR", "RETRY", "Try again")],
    ),
    Case(
        "sp_retry_later",
        "Saferpay error, Behavior RETRY_LATER with Retry-After",
        ("saferpay",),
        "closed",
        2,
        1,
        CLOSED,
        lambda: [Fault.saferpay_error(503, "SERVICE_BUSY", "RETRY_LATER", "Later", retry_after=0.05)],
    ),
    Case(
        "sp_wrong_echo",
        "Saferpay HTTP 200 answering another RequestId",
        ("saferpay",),
        "closed",
        2,
        1,
        CLOSED,
        lambda: [
            Fault.http(
                200, json.dumps({"ResponseHeader": {"SpecVersion": "1.53", "RequestId": "other-1"}}), "application/json"
            )
        ],
    ),
    Case(
        "sp_clock_skew",
        "PC clock 20 min off (Saferpay does not check it)",
        ("saferpay",),
        "closed",
        1,
        1,
        CLOSED,
        clock_offset=1200,
    ),
    # -- SUNBAY's own errors (seed: code "0" is success, anything else a failure) -------------------------
    Case(
        "sb_unknown_code",
        "SUNBAY unknown code (HTTP 200)",
        ("sunbay",),
        "failed",
        1,
        0,
        words("SUNBAY refused the close", "Batch is being settled", "code X99"),
        lambda: [Fault.sunbay_code("X99", "Batch is being settled")],
        code={"sunbay": "X99"},
        http_status={"sunbay": 200},
    ),
    Case(
        "sb_c17",
        "SUNBAY C17 parameter error",
        ("sunbay",),
        "failed",
        1,
        0,
        words("channelCode is invalid", "code C17"),
        lambda: [Fault.sunbay_code("C17", "Parameter error: channelCode is invalid")],
        code={"sunbay": "C17"},
    ),
    Case(
        "sb_code_5xx",
        "SUNBAY error code with HTTP 503",
        ("sunbay",),
        "closed",
        2,
        1,
        CLOSED,
        lambda: [Fault.sunbay_code("SYS_BUSY", "System busy", status=503)],
    ),
    Case(
        "sb_clock_behind",
        "PC clock 20 min behind SUNBAY (timestamp rejected)",
        ("sunbay",),
        "failed",
        1,
        0,
        words("clock is about 20 minutes behind", "Set the clock", "code C17"),
        clock_offset=1200,
        code={"sunbay": "C17"},
    ),
    Case(
        "sb_clock_ahead",
        "PC clock 20 min ahead of SUNBAY (timestamp rejected)",
        ("sunbay",),
        "failed",
        1,
        0,
        words("clock is about 20 minutes ahead", "Set the clock"),
        clock_offset=-1200,
        code={"sunbay": "C17"},
    ),
]
CASE_ORDER[:] = [c.id for c in CASES]
PARAMS = [pytest.param(case, provider, id=f"{case.id}-{provider}") for case in CASES for provider in case.providers]


def test_cases_are_unique_and_cover_every_fault_kind():
    assert len({c.id for c in CASES}) == len(CASES)
    from typing import get_args

    from app.simulator.faults import FaultKind

    played = {f.kind for c in CASES for f in c.script()}
    assert played == set(get_args(FaultKind)), "a fault the simulator can play is missing from the matrix"


# -- the checks both paths share ----------------------------------------------------------------------------


def close_requests(sim: Simulator, provider: str, key: str) -> list:
    simulated = sim.provider(provider)
    path = simulated.PREFIX + simulated.CLOSE_PATH
    return [r for r in sim.requests if r.path == path and r.json and key in r.json.values()]


def check_wire(sim: Simulator, provider: str, key: str, attempts: int, refused: bool) -> None:
    """Every attempt of one close reached the provider with the same idempotency id."""
    requests = close_requests(sim, provider, key)
    if refused:
        assert requests == []
        return
    assert len(requests) == attempts
    if provider == "saferpay":
        headers = [r.json["RequestHeader"] for r in requests]
        assert len({h["RequestId"] for h in headers}) == 1
        assert [h["RetryIndicator"] for h in headers] == list(range(attempts))
    elif provider == "sunbay":
        assert len({r.json["transactionRequestId"] for r in requests}) == 1
        assert len({r.headers["x-client-request-id"] for r in requests}) == attempts  # fresh per HTTP attempt
    else:
        # Handpoint has no request id: every attempt names the batch chosen before the first left, never none.
        assert [r.json.get("batchNumber") for r in requests] == [HP_BATCH] * attempts


def check_message(message: str, case: Case, provider: str) -> None:
    for word in case.words[provider]:
        assert word in message, f"{word!r} missing from {message!r}"
    assert "\n" not in message and "Traceback" not in message
    assert SECRETS[provider] not in message and WRONG[provider] not in message


def setup_fault(sim: Simulator, key: str, case: Case) -> None:
    faults = case.script()
    if faults:
        sim.script(key, faults)
    sim.clock_offset = case.clock_offset


# -- through the engine -------------------------------------------------------------------------------------


@pytest.mark.parametrize("case, provider", PARAMS)
def test_fault_through_the_engine(case: Case, provider: str, sim_server, home, unused_port):
    sim, url = sim_server
    outcome_, attempts, closes_ = case.expected(provider)
    key = add_to_simulator(sim, provider, 1, password=SP_SECRET, api_key=SECRETS[provider])
    root = f"http://127.0.0.1:{unused_port}" if case.refused else url
    history = History(home.db_path, home.lock_dir)
    store = MemoryStore()
    secret = WRONG[provider] if case.wrong_secret else SECRETS[provider]
    [terminal] = add_terminals_directly(history, store, [("Till", provider, settings_for(provider, key, root), secret)])
    setup_fault(sim, key, case)
    policy = RetryPolicy(concurrency=8, timeout=case.timeout, max_attempts=MAX_ATTEMPTS, backoff_base=0.01)
    events = []

    async def run(action: str) -> list[Outcome]:
        async with make_client() as client:
            engine = CloseEngine(history, store, client, policy=policy, seed=6)
            try:
                if action == "close":
                    return await engine.close([terminal], on_event=events.append)
                return await engine.resolve(on_event=events.append)
            finally:
                engine.shutdown()

    try:
        [outcome] = asyncio.run(run("close"))
        assert (outcome.outcome, outcome.attempts) == (outcome_, attempts), outcome.message
        check_message(outcome.message, case, provider)
        assert sim.close_count(key) == closes_ <= 1
        check_wire(sim, provider, key, attempts, case.refused)
        if provider in case.http_status:
            assert outcome.http_status == case.http_status[provider]
        if provider in case.code:
            assert outcome.provider_code == case.code[provider]
        # The history row says the same, committed.
        [row] = history.closes(terminal_id=terminal.id)
        assert (row.outcome, row.attempts, row.request_id) == (outcome.outcome, outcome.attempts, outcome.request_id)
        assert (row.message, row.http_status, row.provider_code) == (
            outcome.message,
            outcome.http_status,
            outcome.provider_code,
        )
        assert row.finished_at is not None
        assert [e.status for e in events if e.final] == [outcome_]
        after, closes = "", sim.close_count(key)
        if outcome_ == "in_doubt":
            # A close in doubt is settled by re-sending the SAME close: still one real close.
            sim.clock_offset = 0
            [resolved] = asyncio.run(run("resolve"))
            assert resolved.outcome == "closed" and resolved.request_id == outcome.request_id, resolved.message
            assert sim.close_count(key) == 1
            [row] = history.closes(terminal_id=terminal.id)
            # Re-sent once; unless the provider's way is to ask about that close first and it happened.
            module = providers.get(provider)
            looked_up = closes_ == 1 and module.LOST_CLOSE == LostClose.ASK and module.can(Capability.CHECK_CLOSE)
            assert (row.outcome, row.attempts) == ("closed", attempts + (0 if looked_up else 1))
            after = "closed, 1 real close"
        REPORT.fault(
            FaultRow(
                case.id,
                case.fault,
                provider,
                outcome.outcome,
                outcome.attempts,
                closes,
                outcome.message,
                after_resolve=after,
            )
        )
        REPORT.add("faults_tried")
        REPORT.add("fault_cases")
        REPORT.add("double_closes", max(0, sim.close_count(key) - 1))
    finally:
        history.close()


# -- through the CLI ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case, provider", PARAMS)
def test_fault_through_the_cli(case: Case, provider: str, sim_server, cli, unused_port):
    sim, url = sim_server
    outcome_, attempts, closes_ = case.expected(provider)
    key = add_to_simulator(sim, provider, 1, password=SP_SECRET, api_key=SECRETS[provider])
    root = f"http://127.0.0.1:{unused_port}" if case.refused else url
    secret = WRONG[provider] if case.wrong_secret else SECRETS[provider]
    added = cli(*cli_add_args(provider, "Till", settings_for(provider, key, root)), stdin=secret + "\n")
    assert added.code == 0, added.err
    setup_fault(sim, key, case)
    flags = ["--max-attempts", str(MAX_ATTEMPTS), "--retry-delay", "0.01", "--timeout", f"{case.timeout:g}"]

    done = cli("close", "Till", "--yes", *flags)
    assert done.code == EXIT[outcome_], done.text
    assert "Till: sending (attempt 1)" in done.err  # live progress on stderr
    counts = {k: int(k == outcome_) for k in ("closed", "skipped", "failed", "in_doubt")}
    assert (
        f"Summary: {counts['closed']} closed, 0 skipped, {counts['failed']} failed, {counts['in_doubt']} in doubt."
    ) in done.out
    if outcome_ != "closed":
        # What the person reads: the terminal, its outcome and the reason, on stdout.
        [line] = [ln for ln in done.out.splitlines() if ln.startswith("  Till: ")]
        assert line.startswith(f"  Till: {outcome_.replace('_', ' ')}: ")
        check_message(line, case, provider)
    if outcome_ == "in_doubt":
        assert "closeout resolve" in done.out
    assert sim.close_count(key) == closes_ <= 1
    check_wire(sim, provider, key, attempts, case.refused)

    [row] = json.loads(cli("history", "--json").out)
    assert (row["name"], row["outcome"], row["attempts"]) == ("Till", outcome_, attempts)
    check_message(row["message"], case, provider)
    if provider in case.http_status:
        assert row["http_status"] == case.http_status[provider]
    if provider in case.code:
        assert row["provider_code"] == case.code[provider]
    after = ""
    if outcome_ == "in_doubt":
        sim.clock_offset = 0
        settled = cli("resolve", "--yes", "--json", "--retry-delay", "0.01", "--timeout", f"{case.timeout:g}")
        assert settled.code == 0, settled.text
        [item] = json.loads(settled.out)
        assert (item["outcome"], item["request_id"]) == ("closed", row["request_id"])
        assert sim.close_count(key) == 1
        assert cli("resolve", "--yes").err.strip().endswith("No close is in doubt.")
        after = "closed, 1 real close"
    REPORT.fault_cli_exit(case.id, provider, done.code, after)
    REPORT.add("faults_tried")
    REPORT.add("double_closes", max(0, sim.close_count(key) - 1))
