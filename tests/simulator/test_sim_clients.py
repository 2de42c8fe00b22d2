"""Closeout's own provider modules against the simulator: the two must agree on the wire."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simhelpers import SAFERPAY, SUNBAY, Env, run

from app.core.providers import saferpay, sunbay
from app.core.providers.base import CloseResult, Terminal
from app.simulator import Fault
from app.simulator.saferpay import validate_close_body as validate_saferpay_body
from app.simulator.sunbay import validate_close_body as validate_sunbay_body


def attempt(env: Env, key: str, request_id: str, number: int = 0) -> CloseResult:
    provider, settings, secret = env.sim.client_settings(key, env.root)
    module = saferpay if provider == "saferpay" else sunbay
    terminal = Terminal(id=f"t-{key}", name="Counter", provider=provider, settings=settings)

    async def go() -> CloseResult:
        async with env.client() as client:
            return await module.close(client, terminal, secret, request_id, number, 2.0)

    return run(go())


def test_saferpay_client_closes_and_its_request_is_valid(env: Env) -> None:
    result = attempt(env, SAFERPAY["terminal_id"], saferpay.new_request_id())
    assert result.kind == "closed", result.message
    assert result.server_date is not None
    sent = env.sim.requests[-1]
    assert sent.json["RequestHeader"]["ClientInfo"]["ShopInfo"].startswith("Closeout")


def test_sunbay_client_closes_and_gets_the_batch(env: Env) -> None:
    before = env.sim.open_batch(SUNBAY["terminal_sn"])
    result = attempt(env, SUNBAY["terminal_sn"], sunbay.new_request_id())
    assert result.kind == "closed", result.message
    assert result.data is not None and result.data["transactionCount"] == before["totalCount"]
    assert result.trace_id


@pytest.mark.parametrize("key", [SAFERPAY["terminal_id"], SUNBAY["terminal_sn"]])
def test_a_lost_answer_retried_by_the_client_closes_once(env: Env, key: str) -> None:
    env.sim.script(
        key, [Fault.lost_after(), Fault.truncated_json(), Fault.http(502, "<html>Bad gateway</html>", "text/html")]
    )
    request_id = "0f" * 16
    kinds = [attempt(env, key, request_id, n).kind for n in range(4)]
    assert kinds == ["lost", "lost", "lost", "closed"]
    assert env.sim.close_count(key) == 1


def test_saferpay_behaviors_map_to_result_kinds(inproc: Env) -> None:
    key = SAFERPAY["terminal_id"]
    inproc.sim.script(
        key,
        [
            Fault.saferpay_error(500, "INTERNAL_ERROR", "RETRY", "try again"),
            Fault.saferpay_error(402, "TRANSACTION_DECLINED", "ABORT", "no"),
            Fault.http(403, "<html>WAF</html>", "text/html"),
        ],
    )
    assert [attempt(inproc, key, f"r{n}").kind for n in range(3)] == ["retry", "failed", "failed"]
    result = attempt(inproc, key, "wrong-pw")
    assert result.kind == "closed"


def test_saferpay_wrong_password_is_a_failure(inproc: Env) -> None:
    provider, settings, _ = inproc.sim.client_settings(SAFERPAY["terminal_id"], inproc.root)
    terminal = Terminal(id="t", name="Counter", provider=provider, settings=settings)

    async def go() -> CloseResult:
        async with inproc.client() as client:
            return await saferpay.close(client, terminal, "not-the-password", "r1", 0, 2.0)

    result = run(go())
    assert (result.kind, result.provider_code, result.http_status) == ("failed", "AUTHENTICATION_FAILED", 401)


def test_sunbay_clock_skew_is_explained(inproc: Env) -> None:
    inproc.sim.clock_offset = 30 * 60
    result = attempt(inproc, SUNBAY["terminal_sn"], sunbay.new_request_id())
    assert (result.kind, result.provider_code) == ("failed", "C17")
    assert "clock" in result.message and "X-Timestamp" in (result.provider_message or "")
    assert inproc.sim.total_closes() == 0


def test_sunbay_client_sends_a_fresh_client_request_id_per_attempt(inproc: Env) -> None:
    key = SUNBAY["terminal_sn"]
    inproc.sim.script(key, [Fault.lost_after()])
    assert attempt(inproc, key, "SAME_CLOSE", 0).kind == "lost"
    assert attempt(inproc, key, "SAME_CLOSE", 1).kind == "closed"  # not DUPLICATE_REQUEST
    ids = [r.headers["x-client-request-id"] for r in inproc.sim.requests]
    assert len(set(ids)) == 2


def test_transport_errors_are_httpx_errors_the_client_understands(env: Env) -> None:
    env.sim.script(SUNBAY["terminal_sn"], [Fault.drop_before()])
    result = attempt(env, SUNBAY["terminal_sn"], "DROPPED")
    assert result.kind == "lost" and "broke" in result.message
    assert issubclass(httpx.RemoteProtocolError, httpx.TransportError)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=60), st.from_regex(r"[A-Za-z0-9.:\-_]{1,55}", fullmatch=True)))
def test_saferpay_request_id_rule_matches_the_client(value: str) -> None:
    body = Env.saferpay_body(request_id=value)
    accepted = not any("RequestId" in line for line in validate_saferpay_body(body))
    assert accepted == bool(saferpay.REQUEST_ID.fullmatch(value))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.from_regex(r"[A-Za-z0-9_\-]{1,35}", fullmatch=True)))
def test_sunbay_transaction_request_id_rule_matches_the_client(value: str) -> None:
    problem = validate_sunbay_body(Env.sunbay_body(value or None))
    accepted = problem is None
    assert accepted == bool(sunbay.TRANSACTION_REQUEST_ID.fullmatch(value))
