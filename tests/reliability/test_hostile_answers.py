"""Arbitrary answers, served by the real simulator over a real socket, through the whole engine.

The answer parsers and field validators have their own property tests (tests/core/test_*_parse.py,
test_validation.py). These go one level up: whatever a provider, proxy or broken middlebox answers
(any status, any bytes, any JSON, provider-shaped nonsense, odd Retry-After headers), the engine
never crashes, records what it did, says it in one line, never leaks a secret, and never closes
a terminal more than once for one close.
"""

from __future__ import annotations

import asyncio
import itertools
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.engine import CloseEngine, RetryPolicy
from app.core.history import History
from app.core.http import make_client
from app.core.secrets import MemoryStore
from app.simulator import Fault
from reliability_kit import add_terminals_directly, add_to_simulator, settings_for
from reliability_report import REPORT

SP_SECRET = "hostile-sp-pw-a41d"
SB_SECRET = "sk_test_hostile_c09e7b21"
EXAMPLES = 100  # per provider; derandomized, so CI runs the same answers every time
# Delays capped at 0.05 s (backoff_max * 5): a hostile Retry-After or RETRY_LATER cannot stall the suite.
# A roomy timeout: no answer here is slow on purpose, and a busy machine must not turn one into a lost answer.
POLICY = RetryPolicy(concurrency=1, timeout=10.0, max_attempts=2, backoff_base=0.01, backoff_max=0.01, jitter=0.0)
PROPS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), st.text(max_size=40))
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=16,
)
anything_or = lambda *values: st.one_of(st.sampled_from(values), json_values)  # noqa: E731

saferpay_docs = st.fixed_dictionaries(
    {},
    optional={
        "ResponseHeader": st.one_of(
            json_values,
            st.fixed_dictionaries(
                {}, optional={"SpecVersion": anything_or("1.53"), "RequestId": anything_or(None, "", "other-request")}
            ),
        ),
        "Behavior": anything_or("RETRY", "RETRY_LATER", "DO_NOT_RETRY", "ABORT", "OTHER_MEANS", "", "retry"),
        "ErrorName": anything_or("AUTHENTICATION_FAILED", "PERMISSION_DENIED", "VALIDATION_FAILED", "X" * 300),
        "ErrorMessage": st.one_of(st.text(max_size=300), json_values),
        "ErrorDetail": st.one_of(st.lists(st.text(max_size=50), max_size=5), json_values),
    },
)
sunbay_docs = st.fixed_dictionaries(
    {},
    optional={
        "code": anything_or("0", 0, "C17", "401", "", "0 ", None),
        "msg": st.one_of(st.text(max_size=300), json_values),
        "traceId": st.one_of(st.text(max_size=100), json_values),
        "data": st.one_of(
            json_values,
            st.dictionaries(
                st.sampled_from(["batchNo", "terminalSn", "transactionCount", "netAmount", "priceCurrency"]),
                json_values,
                max_size=5,
            ),
        ),
    },
)


def bodies(docs: st.SearchStrategy) -> st.SearchStrategy[bytes]:
    encoded = st.one_of(docs, json_values).map(lambda v: json.dumps(v).encode("utf-8"))
    cut = st.tuples(encoded, st.integers(0, 200)).map(lambda pair: pair[0][: pair[1]])
    return st.one_of(
        encoded,
        cut,
        st.binary(max_size=300),
        st.just(b""),
        st.just(b"<html>busy</html>"),
        st.text(max_size=100).map(lambda t: t.encode("utf-8", "surrogatepass")),
    )


statuses = st.one_of(
    st.sampled_from(
        [200, 201, 202, 204, 301, 400, 401, 402, 403, 404, 406, 409, 415, 418, 422, 429, 500, 502, 503, 504]
    ),
    st.integers(200, 599),
)
content_types = st.sampled_from(
    [
        None,
        "application/json",
        "application/json; charset=utf-8",
        "text/html",
        "text/plain",
        "application/problem+json",
        "application/octet-stream",
        "application/json; charset=latin-1",
        "JSON",
        "",
    ]
)
retry_afters = st.sampled_from(
    [None, "", "0", "-5", "nan", "inf", "1e309", "abc", "0.01", "Wed, 21 Oct 2015 07:28:00 GMT"]
)


def hostile_run(provider: str, docs: st.SearchStrategy, sim, url, home) -> None:
    history = History(home.db_path, home.lock_dir)
    store = MemoryStore()
    numbers = itertools.count(1)
    secret = SP_SECRET if provider == "saferpay" else SB_SECRET
    tried = 0

    @PROPS
    @given(
        status=statuses, body=bodies(docs), content_type=content_types, retry_after=retry_afters, closes=st.booleans()
    )
    def one_answer(status, body, content_type, retry_after, closes):
        nonlocal tried
        n = next(numbers)
        key = add_to_simulator(sim, provider, n, password=SP_SECRET, api_key=SB_SECRET)
        [terminal] = add_terminals_directly(
            history, store, [(f"T{n}", provider, settings_for(provider, key, url), secret)]
        )
        headers = {"Retry-After": retry_after} if retry_after is not None else None
        sim.script(key, [Fault.http(status, body, content_type, close=closes, headers=headers)])

        async def run():
            async with make_client() as client:
                engine = CloseEngine(history, store, client, policy=POLICY, seed=n)
                try:
                    return await engine.close([terminal])
                finally:
                    engine.shutdown()

        [outcome] = asyncio.run(run())  # never raises, whatever came back
        tried += 1
        assert sim.close_count(key) <= 1, "one close, closed twice"
        assert outcome.outcome in ("closed", "failed"), outcome  # one bad answer, then a normal one: settled
        if outcome.outcome == "failed":
            assert outcome.attempts == 1, "a definite refusal is not retried"
            if not closes:
                assert sim.close_count(key) == 0
        else:
            assert outcome.attempts in (1, 2)
        assert outcome.message.strip() and "\n" not in outcome.message and "\r" not in outcome.message
        assert secret not in outcome.message and "Traceback" not in outcome.message
        [row] = history.closes(terminal_id=terminal.id)
        assert (row.outcome, row.attempts, row.request_id) == (outcome.outcome, outcome.attempts, outcome.request_id)
        json.dumps(row.as_dict())  # whatever the provider sent is stored as plain, serialisable data

    try:
        one_answer()
    finally:
        history.close()
        REPORT.add("hostile_answers", tried)
        REPORT.add("double_closes", sum(max(0, sim.close_count(k) - 1) for k in sim.terminal_keys()))


def test_arbitrary_saferpay_answers_through_the_engine(sim_server, home):
    sim, url = sim_server
    hostile_run("saferpay", saferpay_docs, sim, url, home)


def test_arbitrary_sunbay_answers_through_the_engine(sim_server, home):
    sim, url = sim_server
    hostile_run("sunbay", sunbay_docs, sim, url, home)


# -- what people type ---------------------------------------------------------------------------------------

field_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "12345678", "app_1", "-x", "a b", "é", "\x00", "https://example.com", "x" * 200]),
)
visible = st.characters(min_codepoint=0x21, max_codepoint=0x7E)


@st.composite
def terminal_input(draw) -> tuple[list[str], str]:
    """``terminal add`` arguments and the secret typed on stdin: about half valid, the rest anything."""
    valid = draw(st.booleans())

    def pick(good: st.SearchStrategy) -> str:
        return draw(good if valid else st.one_of(good, field_text))

    name = pick(
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=60).filter(
            lambda t: t.strip() and not t.startswith("-")
        )
    )
    if draw(st.booleans()):
        argv = [
            "terminal",
            "add",
            "saferpay",
            name,
            "--customer-id",
            pick(st.from_regex(r"[0-9]{1,8}", fullmatch=True)),
            "--terminal-id",
            pick(st.from_regex(r"[0-9]{8}", fullmatch=True)),
            "--username",
            pick(st.text(visible.filter(lambda ch: ch != ":"), min_size=1, max_size=30)),
            "--environment",
            draw(st.sampled_from(["test", "live"])),
            "--base-url",
            pick(st.sampled_from(["https://test.saferpay.com/api", "http://127.0.0.1:9/api"])),
            "--password-stdin",
            "--no-check",
        ]  # input handling only: no query to a real provider
        secret = pick(st.text(visible, min_size=1, max_size=32))
    else:
        ids = st.text(visible, min_size=1, max_size=32)
        argv = [
            "terminal",
            "add",
            "sunbay",
            name,
            "--app-id",
            pick(ids),
            "--merchant-id",
            pick(ids),
            "--terminal-sn",
            pick(ids),
            "--channel-code",
            pick(ids),
            "--api-key-stdin",
            "--no-check",
        ]
        secret = pick(st.text(visible, min_size=1, max_size=80))
    return argv, secret


def test_arbitrary_terminal_input_through_the_cli(cli, home, memory_keyring):
    """``closeout terminal add`` with any name, settings and secret: stored completely, or refused with
    exit 2 and nothing stored; never a traceback, never the secret echoed."""
    tried, stored = 0, 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(terminal_input())
    def add(typed_in):
        nonlocal tried, stored
        argv, secret = typed_in
        before_keys = dict(memory_keyring.values)
        before = json.loads(cli("terminal", "list", "--json").out)
        done = cli(*argv, stdin=secret + "\n")  # fails on a traceback
        tried += 1
        typed = secret.split("\n")[0]
        assert done.code in (0, 2), done.text
        after = json.loads(cli("terminal", "list", "--json").out)
        if done.code == 2:
            assert memory_keyring.values == before_keys, "a refused terminal left a secret behind"
            assert after == before
        else:
            new = set(memory_keyring.values) - set(before_keys)
            assert len(new) == 1 and memory_keyring.values[new.pop()] == typed  # kept exactly as typed
            assert len(after) == len(before) + 1
            stored += 1
        if len(typed) >= 8 and not any(typed in arg for arg in argv):
            assert typed not in done.text, "the secret was echoed"

    try:
        add()
    finally:
        REPORT.add("cli_inputs", tried)
    assert 0 < stored < tried, f"{stored} of {tried} stored: both paths must be tried"
