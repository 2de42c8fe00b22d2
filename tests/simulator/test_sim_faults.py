"""Every fault kind, for both providers, over loopback and in-process."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from simhelpers import SAFERPAY, SUNBAY, Env

from app.simulator import Fault

PROVIDERS = ["saferpay", "sunbay"]
KEY = {"saferpay": SAFERPAY["terminal_id"], "sunbay": SUNBAY["terminal_sn"]}


def close(env: Env, provider: str, request_id: str = "R1", attempt: int = 0, **kwargs: object) -> httpx.Response:
    """One close attempt; a retry of the same close keeps ``request_id`` and raises ``attempt``."""
    if provider == "saferpay":
        return env.saferpay_close(env.saferpay_body(request_id=request_id, retry=attempt), **kwargs)
    return env.sunbay_close(env.sunbay_body(request_id), **kwargs)  # a fresh X-Client-Request-Id each time


def closed_ok(provider: str, response: httpx.Response) -> bool:
    if response.status_code != 200:
        return False
    doc = response.json()
    return "ResponseHeader" in doc if provider == "saferpay" else doc.get("code") == "0"


@pytest.mark.parametrize("provider", PROVIDERS)
def test_drop_before_breaks_the_connection_without_closing(env: Env, provider: str) -> None:
    env.sim.script(KEY[provider], [Fault.drop_before(), Fault.drop_before(reset=True)])

    with pytest.raises(httpx.RemoteProtocolError):
        close(env, provider)
    with pytest.raises(httpx.ReadError):
        close(env, provider, attempt=1)
    assert env.sim.close_count(KEY[provider]) == 0

    assert closed_ok(provider, close(env, provider, attempt=2))  # faults used up: normal again
    assert env.sim.close_count(KEY[provider]) == 1


@pytest.mark.parametrize("provider", PROVIDERS)
def test_lost_after_closes_and_a_retry_with_the_same_id_does_not_close_again(env: Env, provider: str) -> None:
    env.sim.script(KEY[provider], [Fault.lost_after()])

    with pytest.raises(httpx.ReadError):
        close(env, provider, request_id="LOST_1")
    assert env.sim.close_count(KEY[provider]) == 1

    retry = close(env, provider, request_id="LOST_1", attempt=1)
    assert closed_ok(provider, retry)
    [record] = env.sim.closes(KEY[provider])
    assert record.request_id == "LOST_1"
    if provider == "sunbay":
        assert retry.json()["data"] == record.batch  # the first result, not an empty second batch


@pytest.mark.parametrize("provider", PROVIDERS)
def test_lost_after_mid_body_fails_while_reading_the_body(env: Env, provider: str) -> None:
    env.sim.script(KEY[provider], [Fault.lost_after(mid_body=True, reset=False), Fault.lost_after(mid_body=True)])
    with pytest.raises(httpx.RemoteProtocolError):
        close(env, provider, request_id="CUT_1")
    with pytest.raises(httpx.TransportError):
        close(env, provider, request_id="CUT_2")
    assert env.sim.close_count(KEY[provider]) == 2


def test_a_broken_connection_on_an_invalid_request_closes_nothing(env: Env) -> None:
    env.sim.script(KEY["saferpay"], [Fault.lost_after()])
    with pytest.raises(httpx.TransportError):
        env.saferpay_close(headers=env.saferpay_headers(password="wrong"))
    assert env.sim.total_closes() == 0 and env.sim.pending_faults(KEY["saferpay"]) == 0


@pytest.mark.parametrize("provider", PROVIDERS)
def test_slow_answer_after_a_close_that_already_happened(env: Env, provider: str) -> None:
    env.sim.script(KEY[provider], [Fault.slow(0.4), Fault.slow(0.2)])

    with pytest.raises((httpx.TimeoutException, TimeoutError)):
        close(env, provider, request_id="SLOW_1", timeout=0.1)
    assert env.sim.close_count(KEY[provider]) == 1  # the client gave up; the close happened anyway

    started = time.monotonic()
    assert closed_ok(provider, close(env, provider, request_id="SLOW_2"))
    assert time.monotonic() - started >= 0.2
    assert env.sim.close_count(KEY[provider]) == 2


@pytest.mark.parametrize("provider", PROVIDERS)
def test_slow_without_close_stalls_then_drops(env: Env, provider: str) -> None:
    env.sim.script(KEY[provider], [Fault.slow(0.2, close=False)])
    started = time.monotonic()
    with pytest.raises(httpx.RemoteProtocolError):
        close(env, provider)
    assert time.monotonic() - started >= 0.2
    assert env.sim.close_count(KEY[provider]) == 0


@pytest.mark.parametrize("provider", PROVIDERS)
def test_raw_http_answers(env: Env, provider: str) -> None:
    html = "<html><body>502 Bad Gateway</body></html>"
    env.sim.script(
        KEY[provider],
        [
            Fault.http(500),
            Fault.http(502, html, "text/html"),
            Fault.http(429, retry_after=7),
            Fault.http(403, b"<html>Request blocked</html>", "text/html"),
            Fault.http(503, close=True),
        ],
    )

    r500 = close(env, provider, "H1")
    assert (r500.status_code, r500.content) == (500, b"")
    assert "content-type" not in r500.headers and "date" in r500.headers
    r502 = close(env, provider, "H2")
    assert (r502.status_code, r502.text, r502.headers["content-type"]) == (502, html, "text/html; charset=utf-8")
    r429 = close(env, provider, "H3")
    assert (r429.status_code, r429.headers["retry-after"]) == (429, "7")
    r403 = close(env, provider, "H4")
    assert r403.status_code == 403 and r403.headers["content-type"].startswith("text/html")
    assert env.sim.close_count(KEY[provider]) == 0

    assert close(env, provider, "H5").status_code == 503
    assert env.sim.close_count(KEY[provider]) == 1  # close=True: it happened behind the 503


@pytest.mark.parametrize("behavior", ["RETRY", "RETRY_LATER", "DO_NOT_RETRY", "ABORT", "OTHER_MEANS", "NEW_BEHAVIOR"])
def test_saferpay_error(env: Env, behavior: str) -> None:
    env.sim.script(
        KEY["saferpay"],
        [
            Fault.saferpay_error(
                500,
                "INTERNAL_ERROR",
                behavior,
                "Internal error",
                ["detail one", "detail two"],
                retry_after=30 if behavior == "RETRY_LATER" else None,
            ),
        ],
    )
    response = close(env, "saferpay", "E1")

    assert response.status_code == 500
    assert response.json() == {
        "ResponseHeader": {"SpecVersion": "1.53", "RequestId": "E1"},
        "Behavior": behavior,
        "ErrorName": "INTERNAL_ERROR",
        "ErrorMessage": "Internal error",
        "ErrorDetail": ["detail one", "detail two"],
    }
    if behavior == "RETRY_LATER":
        assert response.headers["retry-after"] == "30"
    assert env.sim.total_closes() == 0
    assert closed_ok("saferpay", close(env, "saferpay", "E1", attempt=1))  # nothing happened: the retry closes
    assert env.sim.total_closes() == 1


def test_sunbay_code(env: Env) -> None:
    env.sim.script(
        KEY["sunbay"],
        [
            Fault.sunbay_code("SYSTEM_BUSY", "System busy, try later"),
            Fault.sunbay_code("500", "Internal error", status=500),
        ],
    )
    busy = close(env, "sunbay", "C1")
    assert busy.status_code == 200
    doc = busy.json()
    assert (doc["code"], doc["msg"], doc["data"]) == ("SYSTEM_BUSY", "System busy, try later", None)
    assert doc["traceId"]
    assert close(env, "sunbay", "C1").status_code == 500
    assert env.sim.total_closes() == 0


@pytest.mark.parametrize("provider", PROVIDERS)
def test_unreadable_answers(env: Env, provider: str) -> None:
    env.sim.script(
        KEY[provider],
        [
            Fault.non_json(),
            Fault.non_json(503, close=True),
            Fault.truncated_json(close=False),
            Fault.truncated_json(),
            Fault.empty(),
        ],
    )

    page = close(env, provider, "U1")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.text.startswith("<!DOCTYPE html>")
    assert env.sim.close_count(KEY[provider]) == 0
    assert close(env, provider, "U2").status_code == 503
    assert env.sim.close_count(KEY[provider]) == 1

    for request_id, closes_after in (("U3", 1), ("U4", 2)):
        cut = close(env, provider, request_id)
        assert cut.status_code == 200 and cut.headers["content-type"].startswith("application/json")
        assert cut.content.startswith(b"{")
        with pytest.raises(ValueError):
            json.loads(cut.content)
        assert env.sim.close_count(KEY[provider]) == closes_after

    empty = close(env, provider, "U5")
    assert (empty.status_code, empty.content) == (200, b"")
    assert empty.headers["content-type"].startswith("application/json")
    assert env.sim.close_count(KEY[provider]) == 3

    retry = close(env, provider, "U4", attempt=1)  # the truncated answer's close is found again
    assert closed_ok(provider, retry)
    assert env.sim.close_count(KEY[provider]) == 3


def test_faults_apply_in_order_to_their_terminal_only(inproc: Env) -> None:
    inproc.sim.script(KEY["saferpay"], [Fault.http(500), Fault.http(502)])
    inproc.sim.script(KEY["saferpay"], [Fault.http(504)])  # appended
    assert inproc.sim.pending_faults(KEY["saferpay"]) == 3

    assert closed_ok("sunbay", close(inproc, "sunbay"))  # another terminal is unaffected
    assert [close(inproc, "saferpay", f"O{n}").status_code for n in range(4)] == [500, 502, 504, 200]
    assert inproc.sim.pending_faults(KEY["saferpay"]) == 0


def test_fault_delay(inproc: Env) -> None:
    inproc.sim.script(KEY["sunbay"], [Fault.http(500, delay=0.2)])
    started = time.monotonic()
    assert close(inproc, "sunbay").status_code == 500
    assert time.monotonic() - started >= 0.2


def test_script_checks_its_arguments(inproc: Env) -> None:
    with pytest.raises(KeyError):
        inproc.sim.script("00000000", [Fault.http(500)])
    with pytest.raises(ValueError):
        inproc.sim.script(KEY["sunbay"], [Fault.saferpay_error(500, "INTERNAL_ERROR", "RETRY", "x")])
    with pytest.raises(ValueError):
        inproc.sim.script(KEY["saferpay"], [Fault.sunbay_code("X", "y")])
    with pytest.raises(TypeError):
        inproc.sim.script(KEY["saferpay"], ["http 500"])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        Fault.http(700)
    with pytest.raises(ValueError):
        Fault.slow(-1)
    assert inproc.sim.pending_faults(KEY["saferpay"]) == 0
