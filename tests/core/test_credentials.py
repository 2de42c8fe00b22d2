"""Catch a wrong secret at once: a read-only check against the simulator over a real loopback socket."""

from __future__ import annotations

import asyncio

import pytest

from app.core.credentials import Verdict, check_credentials
from app.core.http import make_client
from app.core.terminals import new_terminal

PASSWORD = "sp-secret-pw-1"
KEY = "sk_test_credentials_1"


def check(terminal, secret):
    async def go():
        async with make_client() as client:
            return await check_credentials(client, terminal, secret, timeout=5)

    return asyncio.run(go())


@pytest.fixture
def accounts(sim_server):
    sim, url = sim_server
    sim.add("saferpay", "401234", "12345678", "API_401234_1", PASSWORD)
    sim.add("sunbay", app_id="app_1", merchant_id="mch_1", terminal_sn="T100", channel_code="TSYS", api_key=KEY)
    return sim, url


def saferpay_terminal(url, terminal_id="12345678", username="API_401234_1"):
    return new_terminal(
        "Counter",
        "saferpay",
        {
            "customer_id": "401234",
            "terminal_id": terminal_id,
            "username": username,
            "environment": "test",
            "base_url": f"{url}/saferpay/api",
        },
    )


def sunbay_terminal(url, sn="T100"):
    return new_terminal(
        "Bar",
        "sunbay",
        {
            "app_id": "app_1",
            "merchant_id": "mch_1",
            "terminal_sn": sn,
            "channel_code": "TSYS",
            "base_url": f"{url}/sunbay",
        },
    )


def test_right_credentials_are_accepted_and_nothing_is_closed(accounts):
    sim, url = accounts
    assert check(saferpay_terminal(url), PASSWORD).verdict == Verdict.ACCEPTED
    assert check(sunbay_terminal(url), KEY).verdict == Verdict.ACCEPTED
    assert sim.total_closes() == 0


def test_a_wrong_password_or_key_is_refused(accounts):
    sim, url = accounts
    wrong = check(saferpay_terminal(url), "not-the-password")
    assert wrong.verdict == Verdict.REFUSED and "password" in wrong.message
    wrong = check(sunbay_terminal(url), "sk_test_wrong_key_000")
    assert wrong.verdict == Verdict.REFUSED and "API key" in wrong.message
    assert sim.total_closes() == 0


def test_a_terminal_the_account_does_not_have_is_refused(accounts):
    _, url = accounts
    result = check(saferpay_terminal(url, terminal_id="99999999"), PASSWORD)
    assert result.verdict == Verdict.REFUSED and "99999999" in result.message and "12345678" in result.message


def test_an_unreachable_provider_is_said_so(unused_port):
    terminal = new_terminal(
        "Counter",
        "saferpay",
        {
            "customer_id": "401234",
            "terminal_id": "12345678",
            "username": "API_1",
            "environment": "test",
            "base_url": f"http://127.0.0.1:{unused_port}/saferpay/api",
        },
    )
    result = check(terminal, PASSWORD)
    assert result.verdict == Verdict.UNREACHABLE and result.message


@pytest.mark.parametrize(
    "status, code, verdict",
    [
        (401, None, Verdict.REFUSED),
        (402, "AUTHENTICATION_FAILED", Verdict.REFUSED),
        (None, None, Verdict.UNREACHABLE),
        (503, None, Verdict.UNREACHABLE),
        (429, None, Verdict.UNREACHABLE),
        (404, None, Verdict.UNCONFIRMED),
        (403, "PERMISSION_DENIED", Verdict.UNCONFIRMED),
    ],
)
def test_how_a_provider_answer_is_read(status, code, verdict):
    from app.core.providers.checks import from_query_error as _from_error
    from app.core.providers.base import QueryError

    result = _from_error(
        QueryError("Saferpay says no.", http_status=status, provider_code=code), ("AUTHENTICATION_FAILED",)
    )
    assert result.verdict == verdict and result.message == "Saferpay says no."
