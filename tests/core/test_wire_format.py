"""What the providers' close() puts on the wire, captured with httpx.MockTransport, and how
post_json turns transport errors into results. (A real-socket test against the simulator lives elsewhere.)
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import time

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app
from app.core.providers import saferpay, sunbay
from app.core.providers.base import CloseResult, HttpAnswer, TransportFailure, post_json
from app.core.validation import ValidationError

SAFERPAY = {"customer_id": "123456", "terminal_id": "12341234", "username": "API_123456_12345678"}
SUNBAY = {"app_id": "app_123456", "merchant_id": "mch_789012", "terminal_sn": "T1234567890", "channel_code": "TSYS"}
PASSWORD = "s3cr3t:Pa$$word"
API_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"
RID = "2f1c8a0e-5b7d-4e43-9a6a-3c1f0c9e7b21"
TRID = "BATCH_CLOSE_20231119001"


def terminal(provider: str, **settings_) -> saferpay.Terminal:
    base = SAFERPAY if provider == "saferpay" else SUNBAY
    return saferpay.Terminal("t1", "Counter 1", provider, {**base, **settings_})


class Recorder:
    """A MockTransport that records every request and answers with ``reply``."""

    def __init__(self, reply=None):
        self.requests: list[httpx.Request] = []
        self.reply = reply

    def __call__(self, request: httpx.Request):
        self.requests.append(request)
        if callable(self.reply):
            return self.reply(request)
        if self.reply is not None:
            return self.reply
        if "saferpay" in str(request.url) or request.url.path.endswith("/Batch/Close"):
            rid = json.loads(request.content)["RequestHeader"]["RequestId"]
            return httpx.Response(200, json={"ResponseHeader": {"SpecVersion": "1.53", "RequestId": rid}})
        return httpx.Response(200, json={"code": "0", "msg": "ok", "traceId": "TR1", "data": {"batchNo": "7"}})


def run(module, term, secret, request_id, attempt=0, *, reply=None, timeout=5.0):
    rec = Recorder(reply)

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(rec)) as client:
            return await module.close(client, term, secret, request_id, attempt, timeout)

    return asyncio.run(go()), rec.requests


def run_many(module, term, secret, request_id, attempts):
    rec = Recorder()

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(rec)) as client:
            return [await module.close(client, term, secret, request_id, a, 5.0) for a in attempts]

    return asyncio.run(go()), rec.requests


# ================================================================= Saferpay


def test_saferpay_request_on_the_wire():
    result, reqs = run(saferpay, terminal("saferpay"), PASSWORD, RID)
    assert result.kind == "closed"
    assert len(reqs) == 1
    req = reqs[0]
    assert req.method == "POST"
    assert str(req.url) == "https://test.saferpay.com/api/Payment/v1/Batch/Close"
    assert req.headers["content-type"] == "application/json; charset=utf-8"
    assert req.headers["accept"] == "application/json"
    expected_auth = "Basic " + base64.b64encode(f"API_123456_12345678:{PASSWORD}".encode()).decode()
    assert req.headers["authorization"] == expected_auth
    body = json.loads(req.content)
    assert set(body) == {"RequestHeader", "TerminalId"}
    assert body["TerminalId"] == "12341234" and isinstance(body["TerminalId"], str)
    header = body["RequestHeader"]
    assert set(header) == {"SpecVersion", "CustomerId", "RequestId", "RetryIndicator", "ClientInfo"}
    assert header["SpecVersion"] == "1.53"
    assert header["CustomerId"] == "123456" and isinstance(header["CustomerId"], str)
    assert header["RequestId"] == RID
    assert header["RetryIndicator"] == 0 and type(header["RetryIndicator"]) is int
    info = header["ClientInfo"]
    assert info["ShopInfo"] == f"Closeout {app.__version__}"
    assert isinstance(info["OsInfo"], str) and 1 <= len(info["OsInfo"]) <= 100
    assert set(info) == {"ShopInfo", "OsInfo"}


def test_saferpay_body_is_compact_utf8_json():
    _, reqs = run(saferpay, terminal("saferpay"), PASSWORD, RID)
    raw = reqs[0].content
    assert int(reqs[0].headers["content-length"]) == len(raw)
    body = json.loads(raw.decode("utf-8"))
    assert raw == json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assert raw.startswith(b'{"RequestHeader":{"SpecVersion":"1.53","CustomerId":"123456","RequestId":')


def test_saferpay_terminal_id_with_leading_zeros_stays_a_string():
    _, reqs = run(saferpay, terminal("saferpay", terminal_id="00012345", customer_id="007"), PASSWORD, RID)
    body = json.loads(reqs[0].content)
    assert body["TerminalId"] == "00012345"
    assert body["RequestHeader"]["CustomerId"] == "007"


def test_saferpay_retry_indicator_is_the_attempt_number_with_the_same_request_id():
    results, reqs = run_many(saferpay, terminal("saferpay"), PASSWORD, RID, range(10))
    assert [r.kind for r in results] == ["closed"] * 10
    headers = [json.loads(r.content)["RequestHeader"] for r in reqs]
    assert [h["RetryIndicator"] for h in headers] == list(range(10))
    assert {h["RequestId"] for h in headers} == {RID}


@pytest.mark.parametrize(
    "environment,url",
    [
        ("live", "https://www.saferpay.com/api/Payment/v1/Batch/Close"),
        ("test", "https://test.saferpay.com/api/Payment/v1/Batch/Close"),
        (None, "https://test.saferpay.com/api/Payment/v1/Batch/Close"),
    ],
)
def test_saferpay_live_and_test_urls(environment, url):
    extra = {"environment": environment} if environment else {}
    _, reqs = run(saferpay, terminal("saferpay", **extra), PASSWORD, RID)
    assert str(reqs[0].url) == url
    assert saferpay.BASE_URLS == {"live": "https://www.saferpay.com/api", "test": "https://test.saferpay.com/api"}


@pytest.mark.parametrize(
    "base,url",
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/Payment/v1/Batch/Close"),
        ("http://localhost:8080/sim/", "http://localhost:8080/sim/Payment/v1/Batch/Close"),
        ("https://proxy.example.com/saferpay/api", "https://proxy.example.com/saferpay/api/Payment/v1/Batch/Close"),
    ],
)
def test_saferpay_base_url_override_wins_over_environment(base, url):
    _, reqs = run(saferpay, terminal("saferpay", environment="live", base_url=base), PASSWORD, RID)
    assert str(reqs[0].url) == url


def test_saferpay_spec_version_override():
    _, reqs = run(saferpay, terminal("saferpay", spec_version="1.40"), PASSWORD, RID)
    assert json.loads(reqs[0].content)["RequestHeader"]["SpecVersion"] == "1.40"


def test_saferpay_uuid_request_ids_are_valid_and_fresh():
    ids = {saferpay.new_request_id() for _ in range(50)}
    assert len(ids) == 50
    assert all(saferpay.REQUEST_ID.fullmatch(i) for i in ids)
    assert saferpay.max_attempts_per_request() == 10


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    user=st.text(
        alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E, blacklist_characters=":"),
        min_size=1,
        max_size=100,
    ),
    password=st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=32).filter(
        lambda p: p == p.strip()
    ),
    request_id=st.from_regex(r"[A-Za-z0-9.:\-_]{1,50}", fullmatch=True),
    attempt=st.integers(0, 9),
)
def test_saferpay_property_basic_auth_and_header(user, password, request_id, attempt):
    _, reqs = run(saferpay, terminal("saferpay", username=user), password, request_id, attempt)
    req = reqs[0]
    assert req.headers["authorization"] == "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    header = json.loads(req.content)["RequestHeader"]
    assert header["RequestId"] == request_id and header["RetryIndicator"] == attempt


SAFERPAY_BAD = [
    ({"terminal_id": "1234123"}, PASSWORD, RID, 0, "terminal_id"),
    ({"terminal_id": "abcdefgh"}, PASSWORD, RID, 0, "terminal_id"),
    ({"customer_id": "123456789"}, PASSWORD, RID, 0, "customer_id"),
    ({"username": "API:1"}, PASSWORD, RID, 0, "username"),
    ({"username": ""}, PASSWORD, RID, 0, "username"),
    ({"environment": "production"}, PASSWORD, RID, 0, "environment"),
    ({"base_url": "http://saferpay.example.com"}, PASSWORD, RID, 0, "base_url"),
    ({"spec_version": "latest"}, PASSWORD, RID, 0, "spec_version"),
    ({"extra": "x"}, PASSWORD, RID, 0, "extra"),
    ({}, "x" * 33, RID, 0, "JSON API password"),
    ({}, "", RID, 0, "JSON API password"),
    ({}, " padded ", RID, 0, "JSON API password"),
    ({}, PASSWORD, "", 0, "RequestId"),
    ({}, PASSWORD, "a" * 51, 0, "RequestId"),
    ({}, PASSWORD, "has space", 0, "RequestId"),
    ({}, PASSWORD, "semi;colon", 0, "RequestId"),  # ';' lies between ':' and '_' but is not allowed
    ({}, PASSWORD, "at@sign", 0, "RequestId"),
    ({}, PASSWORD, RID + "\n", 0, "RequestId"),
    ({}, PASSWORD, RID, 10, "RetryIndicator"),
    ({}, PASSWORD, RID, -1, "RetryIndicator"),
]


@pytest.mark.parametrize("settings_,secret,request_id,attempt,field", SAFERPAY_BAD)
def test_saferpay_bad_field_raises_and_sends_nothing(settings_, secret, request_id, attempt, field):
    rec = Recorder()

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(rec)) as client:
            return await saferpay.close(client, terminal("saferpay", **settings_), secret, request_id, attempt, 5.0)

    with pytest.raises(ValidationError) as info:
        asyncio.run(go())
    assert info.value.field == field
    assert rec.requests == []


def test_saferpay_missing_required_setting_raises_and_sends_nothing():
    rec = Recorder()
    term = saferpay.Terminal("t", "n", "saferpay", {"customer_id": "1", "username": "u"})

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(rec)) as client:
            return await saferpay.close(client, term, PASSWORD, RID, 0, 5.0)

    with pytest.raises(ValidationError) as info:
        asyncio.run(go())
    assert info.value.field == "terminal_id" and rec.requests == []


def test_saferpay_answer_is_parsed_through_close():
    wrong = httpx.Response(200, json={"ResponseHeader": {"RequestId": "other"}})
    assert run(saferpay, terminal("saferpay"), PASSWORD, RID, reply=wrong)[0].kind == "lost"
    denied = httpx.Response(403, text="<html>Forbidden</html>", headers={"content-type": "text/html"})
    r = run(saferpay, terminal("saferpay"), PASSWORD, RID, reply=denied)[0]
    assert r.kind == "failed" and r.http_status == 403
    busy = httpx.Response(500, json={"Behavior": "RETRY", "ErrorName": "INTERNAL_ERROR", "ErrorMessage": "x"})
    assert run(saferpay, terminal("saferpay"), PASSWORD, RID, reply=busy)[0].kind == "retry"


@pytest.mark.parametrize(
    "extra,url",
    [
        ({"environment": "LIVE"}, "https://www.saferpay.com/api/Payment/v1/Batch/Close"),
        ({"environment": " live "}, "https://www.saferpay.com/api/Payment/v1/Batch/Close"),
        ({"base_url": " http://127.0.0.1:8080/ "}, "http://127.0.0.1:8080/Payment/v1/Batch/Close"),
    ],
)
def test_saferpay_url_uses_the_validated_settings(extra, url):
    _, reqs = run(saferpay, terminal("saferpay", **extra), PASSWORD, RID)
    assert str(reqs[0].url) == url


def test_saferpay_basic_auth_uses_the_validated_username():
    _, reqs = run(saferpay, terminal("saferpay", username="  API_123456_12345678 "), PASSWORD, RID)
    expected = "Basic " + base64.b64encode(f"API_123456_12345678:{PASSWORD}".encode()).decode()
    assert reqs[0].headers["authorization"] == expected


# ================================================================= SUNBAY


def test_sunbay_request_on_the_wire():
    before = int(time.time() * 1000)
    result, reqs = run(sunbay, terminal("sunbay"), API_KEY, TRID)
    after = int(time.time() * 1000)
    assert result.kind == "closed" and result.trace_id == "TR1" and result.data == {"batchNo": "7"}
    assert len(reqs) == 1
    req = reqs[0]
    assert req.method == "POST"
    assert str(req.url) == "https://open.sunbay.us/v1/settlement/batch-close"
    assert req.headers["authorization"] == f"Bearer {API_KEY}"
    assert req.headers["content-type"] == "application/json"
    assert req.headers["accept"] == "application/json"
    crid = req.headers["x-client-request-id"]
    assert 1 <= len(crid) <= 64
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", crid)
    stamp = req.headers["x-timestamp"]
    assert re.fullmatch(r"[0-9]{13}", stamp)
    assert before - 1000 <= int(stamp) <= after + 1000
    body = json.loads(req.content)
    assert body == {
        "appId": "app_123456",
        "merchantId": "mch_789012",
        "transactionRequestId": TRID,
        "terminalSn": "T1234567890",
        "channelCode": "TSYS",
        "description": "End of business day, close batch",
    }
    assert all(isinstance(v, str) for v in body.values())


def test_sunbay_fresh_client_request_id_but_same_transaction_request_id():
    results, reqs = run_many(sunbay, terminal("sunbay"), API_KEY, TRID, range(5))
    assert [r.kind for r in results] == ["closed"] * 5
    crids = [r.headers["x-client-request-id"] for r in reqs]
    assert len(set(crids)) == 5
    assert {json.loads(r.content)["transactionRequestId"] for r in reqs} == {TRID}
    stamps = [int(r.headers["x-timestamp"]) for r in reqs]
    assert stamps == sorted(stamps)


def test_sunbay_new_request_ids_fit_transaction_request_id():
    ids = {sunbay.new_request_id() for _ in range(50)}
    assert len(ids) == 50 and all(sunbay.TRANSACTION_REQUEST_ID.fullmatch(i) for i in ids)
    assert sunbay.max_attempts_per_request() is None


@pytest.mark.parametrize(
    "base,url",
    [
        ("https://uat.sunbay.example", "https://uat.sunbay.example/v1/settlement/batch-close"),
        ("https://uat.sunbay.example/open/", "https://uat.sunbay.example/open/v1/settlement/batch-close"),
        ("http://127.0.0.1:9000", "http://127.0.0.1:9000/v1/settlement/batch-close"),
    ],
)
def test_sunbay_base_url_override(base, url):
    _, reqs = run(sunbay, terminal("sunbay", base_url=base), API_KEY, TRID)
    assert str(reqs[0].url) == url


def test_sunbay_auth_headers_with_a_given_time():
    h = sunbay.auth_headers("sk_x", now_ms=1701234567890)
    assert h["X-Timestamp"] == "1701234567890"
    assert h["Authorization"] == "Bearer sk_x"
    assert h["X-Client-Request-Id"] != sunbay.auth_headers("sk_x", now_ms=1701234567890)["X-Client-Request-Id"]


@pytest.mark.parametrize("now_ms", [170123456789, 17012345678901, -1701234567890])
def test_sunbay_auth_headers_refuse_a_timestamp_that_is_not_13_digits(now_ms):
    with pytest.raises(ValidationError) as info:
        sunbay.auth_headers("sk_x", now_ms=now_ms)
    assert info.value.field == "X-Timestamp"


def test_sunbay_build_request_description_limit():
    url, headers, body = sunbay.build_request(terminal("sunbay"), API_KEY, TRID, "d" * 128, now_ms=1701234567890)
    assert body["description"] == "d" * 128 and headers["X-Timestamp"] == "1701234567890"
    assert "description" not in sunbay.build_request(terminal("sunbay"), API_KEY, TRID)[2]
    with pytest.raises(ValidationError) as info:
        sunbay.build_request(terminal("sunbay"), API_KEY, TRID, "d" * 129)
    assert info.value.field == "description"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ids=st.fixed_dictionaries(
        {
            k: st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=32)
            for k in SUNBAY
        }
    ),
    trid=st.from_regex(r"[A-Za-z0-9_\-]{1,32}", fullmatch=True),
    key=st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=200),
)
def test_sunbay_property_body_and_bearer(ids, trid, key):
    _, reqs = run(sunbay, terminal("sunbay", **ids), key, trid)
    req = reqs[0]
    assert req.headers["authorization"] == f"Bearer {key}"
    body = json.loads(req.content)
    assert body["appId"] == ids["app_id"] and body["merchantId"] == ids["merchant_id"]
    assert body["terminalSn"] == ids["terminal_sn"] and body["channelCode"] == ids["channel_code"]
    assert body["transactionRequestId"] == trid


SUNBAY_BAD = [
    ({"app_id": "app 1"}, API_KEY, TRID, "app_id"),
    ({"merchant_id": ""}, API_KEY, TRID, "merchant_id"),
    ({"terminal_sn": "T" * 33}, API_KEY, TRID, "terminal_sn"),
    ({"channel_code": "TSYS\n1"}, API_KEY, TRID, "channel_code"),
    ({"environment": "uat"}, API_KEY, TRID, "environment"),
    ({"base_url": "http://uat.sunbay.example"}, API_KEY, TRID, "base_url"),
    ({"unknown": "1"}, API_KEY, TRID, "unknown"),
    ({}, "", TRID, "API key"),
    ({}, " " + API_KEY, TRID, "API key"),
    ({}, API_KEY, "", "transactionRequestId"),
    ({}, API_KEY, "x" * 33, "transactionRequestId"),
    ({}, API_KEY, "BATCH.CLOSE", "transactionRequestId"),
    ({}, API_KEY, "BATCH:1", "transactionRequestId"),
    ({}, API_KEY, TRID + "\n", "transactionRequestId"),
]


@pytest.mark.parametrize("settings_,key,trid,field", SUNBAY_BAD)
def test_sunbay_bad_field_raises_and_sends_nothing(settings_, key, trid, field):
    rec = Recorder()

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(rec)) as client:
            return await sunbay.close(client, terminal("sunbay", **settings_), key, trid, 0, 5.0)

    with pytest.raises(ValidationError) as info:
        asyncio.run(go())
    assert info.value.field == field
    assert rec.requests == []


def test_sunbay_answer_is_parsed_through_close():
    failed = httpx.Response(200, json={"code": "C17", "msg": "Parameter error", "traceId": "TR7"})
    r = run(sunbay, terminal("sunbay"), API_KEY, TRID, reply=failed)[0]
    assert r.kind == "failed" and r.provider_code == "C17" and r.trace_id == "TR7"
    assert run(sunbay, terminal("sunbay"), API_KEY, TRID, reply=httpx.Response(502))[0].kind == "lost"
    assert run(sunbay, terminal("sunbay"), API_KEY, TRID, reply=httpx.Response(429))[0].kind == "retry"


def test_sunbay_url_uses_the_validated_base_url():
    _, reqs = run(sunbay, terminal("sunbay", base_url=" http://127.0.0.1:9000/ "), API_KEY, TRID)
    assert str(reqs[0].url) == "http://127.0.0.1:9000/v1/settlement/batch-close"


def test_sunbay_non_ascii_api_key_is_a_validation_error():
    with pytest.raises(ValidationError):
        run(sunbay, terminal("sunbay"), "sk_tëst_abc", TRID)


# ================================================================= transport errors


def raising(exc_type, text="boom"):
    def handler(request):
        raise exc_type(text, request=request)

    return handler


CASES = [(saferpay, "saferpay", PASSWORD, RID), (sunbay, "sunbay", API_KEY, TRID)]


@pytest.mark.parametrize("module,provider,secret,rid", CASES)
@pytest.mark.parametrize("exc_type", [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout])
def test_nothing_sent_is_retry(module, provider, secret, rid, exc_type):
    r, _ = run(module, terminal(provider), secret, rid, reply=raising(exc_type, "Name or service not known\nmore"))
    assert r.kind == "retry"
    assert r.request_sent is False
    assert module.LABEL in r.message and exc_type.__name__ in r.message
    assert "Name or service not known" in r.message and "\n" not in r.message
    assert r.http_status is None


@pytest.mark.parametrize("module,provider,secret,rid", CASES)
@pytest.mark.parametrize(
    "exc_type",
    [
        httpx.ReadTimeout,
        httpx.WriteTimeout,
        httpx.RemoteProtocolError,
        httpx.ReadError,
        httpx.WriteError,
        httpx.LocalProtocolError,
    ],
)
def test_broken_after_sending_is_lost(module, provider, secret, rid, exc_type):
    r, reqs = run(module, terminal(provider), secret, rid, reply=raising(exc_type, "peer closed connection"))
    assert r.kind == "lost"
    assert r.request_sent is True
    assert module.LABEL in r.message and exc_type.__name__ in r.message
    assert "\n" not in r.message
    assert len(reqs) == 1


@pytest.mark.parametrize("module,provider,secret,rid", CASES)
def test_exception_without_text_names_its_type(module, provider, secret, rid):
    r, _ = run(module, terminal(provider), secret, rid, reply=raising(httpx.ReadError, ""))
    assert r.kind == "lost" and "(ReadError)" in r.message


@pytest.mark.parametrize("module,provider,secret,rid", CASES)
def test_slow_answer_beyond_the_timeout_is_lost(module, provider, secret, rid):
    answered: list[bool] = []

    async def slow(request):
        await asyncio.sleep(10)
        answered.append(True)
        return httpx.Response(200)

    r, reqs = run(module, terminal(provider), secret, rid, reply=slow, timeout=0.1)
    assert answered == []  # the attempt ended at its timeout, not when the answer came
    assert r.kind == "lost"
    assert "0.1 s" in r.message and module.LABEL in r.message
    assert len(reqs) == 1


@pytest.mark.parametrize("module,provider,secret,rid", CASES)
def test_undecodable_answer_is_lost(module, provider, secret, rid):
    def bad_gzip(request):
        return httpx.Response(
            200,
            headers={"content-encoding": "gzip", "content-type": "application/json"},
            stream=httpx.ByteStream(b"not gzip at all"),
        )

    r, _ = run(module, terminal(provider), secret, rid, reply=bad_gzip)
    assert r.kind == "lost" and "DecodingError" in r.message


def post(handler, timeout=5.0, **kw):
    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await post_json(
                client,
                "https://x.example/p",
                headers={"X-A": "1"},
                body={"a": "ä", "n": 1},
                auth=kw.get("auth"),
                timeout=timeout,
                provider_label="Prov",
            )

    return asyncio.run(go())


def test_post_json_returns_the_raw_answer():
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(418, content=b"teapot", headers={"date": "Sat, 21 Nov 2026 22:00:00 GMT"})

    a = post(handler, auth=("u", "p"))
    assert isinstance(a, HttpAnswer)
    assert a.status == 418 and a.body == b"teapot" and a.headers["date"].startswith("Sat")
    assert seen[0].content == '{"a":"ä","n":1}'.encode()
    assert seen[0].headers["x-a"] == "1"
    assert seen[0].headers["authorization"] == "Basic " + base64.b64encode(b"u:p").decode()


@pytest.mark.parametrize(
    "exc_type,kind,sent",
    [
        (httpx.ConnectError, "retry", False),
        (httpx.ReadTimeout, "lost", True),
        (httpx.RemoteProtocolError, "lost", True),
        (httpx.ReadError, "lost", True),
    ],
)
def test_post_json_raises_transport_failure(exc_type, kind, sent):
    with pytest.raises(TransportFailure) as info:
        post(raising(exc_type))
    result = info.value.result
    assert isinstance(result, CloseResult)
    assert result.kind == kind and result.request_sent is sent and "Prov" in result.message
    assert str(info.value) == result.message


def test_post_json_timeout_bounds_the_whole_attempt():
    answered: list[bool] = []

    async def slow(request):
        await asyncio.sleep(10)
        answered.append(True)

    with pytest.raises(TransportFailure) as info:
        post(slow, timeout=0.05)
    assert answered == []  # the attempt ended at its timeout, not when the answer came
    assert info.value.result.kind == "lost" and "within 0.05 s" in info.value.result.message
