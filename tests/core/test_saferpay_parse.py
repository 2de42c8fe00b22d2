"""Saferpay answers read into a CloseResult: saferpay.parse_response and the HttpAnswer helpers."""

from __future__ import annotations

import json
import math
from datetime import datetime, timezone

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.core.providers import saferpay
from app.core.providers.base import CloseResult, HttpAnswer

RID = "2f1c8a0e-5b7d-4e43-9a6a-3c1f0c9e7b21"
JSON = "application/json; charset=utf-8"
KINDS = {"closed", "failed", "retry", "lost"}
PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def answer(
    status: int, body: bytes | str | dict | list | None = None, *, ctype: str | None = JSON, **headers: str
) -> HttpAnswer:
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
    if isinstance(body, str):
        body = body.encode("utf-8")
    h = {k.replace("_", "-"): v for k, v in headers.items()}
    if ctype is not None:
        h["content-type"] = ctype
    return HttpAnswer(status, httpx.Headers(h), body or b"")


def parse(status, body=None, **kw) -> CloseResult:
    return saferpay.parse_response(answer(status, body, **kw), RID)


def error_body(name="VALIDATION_FAILED", behavior="DO_NOT_RETRY", message="Request validation failed", **extra):
    body = {"ResponseHeader": {"SpecVersion": "1.53", "RequestId": RID}}
    if behavior is not None:
        body["Behavior"] = behavior
    if name is not None:
        body["ErrorName"] = name
    if message is not None:
        body["ErrorMessage"] = message
    body.update(extra)
    return body


def one_line(result: CloseResult) -> None:
    assert result.message and result.message.strip()
    assert "\n" not in result.message and "\r" not in result.message


# ---------------------------------------------------------------- success


def test_success_with_the_echoed_request_id_is_closed():
    r = parse(200, {"ResponseHeader": {"SpecVersion": "1.53", "RequestId": RID}}, date="Sat, 21 Nov 2026 22:00:00 GMT")
    assert r.kind == "closed" and r.settled
    assert r.http_status == 200
    assert r.message == "Batch closed."
    assert r.provider_code is None and r.behavior is None
    assert r.server_date == datetime(2026, 11, 21, 22, 0, tzinfo=timezone.utc)
    assert r.request_sent is True


def test_success_ignores_unknown_fields_and_a_missing_content_type():
    body = {"ResponseHeader": {"SpecVersion": "1.60", "RequestId": RID, "New": 1}, "Extra": {"a": [1, 2]}}
    assert parse(200, body, ctype=None).kind == "closed"
    assert parse(200, body, ctype="application/json").kind == "closed"


def test_success_with_a_utf8_bom_is_still_read():
    raw = b"\xef\xbb\xbf" + json.dumps({"ResponseHeader": {"RequestId": RID}}).encode()
    assert parse(200, raw).kind == "closed"


@pytest.mark.parametrize("status", [201, 204, 299])
def test_other_2xx_with_the_header_are_closed(status):
    assert parse(status, {"ResponseHeader": {"RequestId": RID}}).kind == "closed"


def test_success_for_another_request_id_is_lost():
    r = parse(200, {"ResponseHeader": {"SpecVersion": "1.53", "RequestId": "someone-else"}})
    assert r.kind == "lost" and not r.settled
    assert "someone-else" in r.message
    assert r.http_status == 200


def test_wrong_echo_with_a_newline_is_reported_on_one_line():
    r = parse(200, {"ResponseHeader": {"RequestId": "evil\nline" + "x" * 200}})
    assert r.kind == "lost"
    one_line(r)


@pytest.mark.parametrize(
    "body,ctype",
    [
        (b"", JSON),
        (b"   \n", JSON),
        (b"<html><body>Gateway says hi</body></html>", "text/html"),
        (b'{"ResponseHeader": {"SpecVersion": "1.53", "Req', JSON),  # truncated
        (b'[{"ResponseHeader": {}}]', JSON),  # a JSON array
        (b'"ResponseHeader"', JSON),
        (b"null", JSON),
        (b"{}", JSON),
        (b'{"ResponseHeader": "ok"}', JSON),
        (b'{"ResponseHeader": {"RequestId": "%s"}}' % RID.encode(), "text/html"),  # JSON under a non-JSON type
        (b"\xff\xfe\x00garbage", JSON),
    ],
)
@pytest.mark.parametrize("status", [200, 204])
def test_unreadable_2xx_is_lost(status, body, ctype):
    r = parse(status, body, ctype=ctype)
    assert r.kind == "lost"
    assert f"HTTP {status}" in r.message
    assert r.http_status == status
    one_line(r)


# ---------------------------------------------------------------- error bodies by status


def test_400_validation_failed_with_error_detail():
    details = [
        "TerminalId: The field TerminalId must match the regular expression '^[0-9]{8}$'.",
        "RequestHeader.CustomerId: The field CustomerId is invalid.",
    ]
    r = parse(400, error_body("VALIDATION_FAILED", "DO_NOT_RETRY", "Request validation failed", ErrorDetail=details))
    assert r.kind == "failed" and r.settled
    assert r.provider_code == "VALIDATION_FAILED"
    assert r.provider_message == "Request validation failed"
    assert r.behavior == "DO_NOT_RETRY"
    assert r.error_detail == details
    assert r.http_status == 400
    assert "refused the request as invalid" in r.message
    assert "Request validation failed" in r.message
    assert "TerminalId: The field TerminalId" in r.message
    assert r.message.endswith("[VALIDATION_FAILED, HTTP 400]")
    one_line(r)


def test_error_detail_shows_at_most_three_in_the_message_but_keeps_all():
    details = [f"detail number {i}" for i in range(6)]
    r = parse(400, error_body(ErrorDetail=details))
    assert r.error_detail == details
    assert "detail number 2" in r.message and "detail number 3" not in r.message


def test_error_detail_that_is_not_a_list_is_ignored():
    r = parse(400, error_body(ErrorDetail="just a string"))
    assert r.kind == "failed" and r.error_detail == []


def test_401_authentication_failed():
    r = parse(401, error_body("AUTHENTICATION_FAILED", "DO_NOT_RETRY", "Unable to authenticate request"))
    assert r.kind == "failed"
    assert r.provider_code == "AUTHENTICATION_FAILED"
    assert "user or password" in r.message and "[AUTHENTICATION_FAILED, HTTP 401]" in r.message


def test_402_action_failed_with_an_unknown_error_name():
    r = parse(
        402,
        error_body(
            "BATCH_CLOSE_FAILED",
            "DO_NOT_RETRY",
            "Batch could not be closed",
            ProcessorName="Acquirer",
            ProcessorResult="96",
            ProcessorMessage="System error",
        ),
    )
    assert r.kind == "failed"
    assert r.provider_code == "BATCH_CLOSE_FAILED"
    assert r.message.startswith("Saferpay refused the close.")
    assert "Batch could not be closed" in r.message and "[BATCH_CLOSE_FAILED, HTTP 402]" in r.message


def test_403_permission_denied_json():
    r = parse(403, error_body("PERMISSION_DENIED", "DO_NOT_RETRY", "Permission denied"))
    assert r.kind == "failed" and r.provider_code == "PERMISSION_DENIED"
    assert "customer ID" in r.message and "[PERMISSION_DENIED, HTTP 403]" in r.message


@pytest.mark.parametrize(
    "ctype,body", [("text/html", b"<html><h1>403 Forbidden</h1></html>"), (None, b""), (JSON, b"")]
)
def test_403_from_the_firewall_without_json(ctype, body):
    r = parse(403, body, ctype=ctype)
    assert r.kind == "failed"
    assert r.provider_code is None
    assert "firewall" in r.message and r.message.endswith("[HTTP 403]")


def test_401_without_json():
    r = parse(401, b"Unauthorized", ctype="text/plain")
    assert r.kind == "failed" and "user or password" in r.message and "[HTTP 401]" in r.message


@pytest.mark.parametrize("status,words", [(406, "Accept header"), (415, "Content-Type")])
def test_406_and_415_without_json(status, words):
    r = parse(status, b"", ctype=None)
    assert r.kind == "failed" and words in r.message and f"[HTTP {status}]" in r.message


@pytest.mark.parametrize("status", [406, 415])
def test_406_and_415_with_a_json_error_body(status):
    r = parse(status, error_body("VALIDATION_FAILED", "DO_NOT_RETRY", "Unsupported media"))
    assert r.kind == "failed" and r.provider_code == "VALIDATION_FAILED"
    assert f"HTTP {status}]" in r.message


def test_500_internal_error_with_retry_behavior_is_retry():
    r = parse(500, error_body("INTERNAL_ERROR", "RETRY", "Internal error"))
    assert r.kind == "retry" and not r.settled
    assert r.provider_code == "INTERNAL_ERROR" and r.behavior == "RETRY"
    assert "internal error" in r.message.lower() and "[INTERNAL_ERROR, HTTP 500]" in r.message


def test_500_internal_error_do_not_retry_is_failed():
    r = parse(500, error_body("INTERNAL_ERROR", "DO_NOT_RETRY", "Internal error"))
    assert r.kind == "failed" and r.provider_code == "INTERNAL_ERROR"


@pytest.mark.parametrize("status", [500, 502, 503, 504, 599])
@pytest.mark.parametrize(
    "ctype,body", [(None, b""), ("text/html", b"<h1>Bad gateway</h1>"), (JSON, b"{}"), (JSON, b"{broken")]
)
def test_5xx_without_a_saferpay_body_is_lost(status, ctype, body):
    r = parse(status, body, ctype=ctype)
    assert r.kind == "lost"
    assert f"HTTP {status}" in r.message and "whether the close happened" in r.message
    assert r.provider_code is None


def test_5xx_keeps_retry_after():
    assert parse(503, b"", ctype=None, retry_after="120").retry_after == 120.0


@pytest.mark.parametrize("retry_after,expected", [(None, None), ("7", 7.0), ("0.5", 0.5), ("-3", 0.0), ("soon", None)])
def test_429_without_body_is_retry(retry_after, expected):
    kw = {"retry_after": retry_after} if retry_after is not None else {}
    r = parse(429, b"", ctype=None, **kw)
    assert r.kind == "retry" and r.retry_after == expected
    assert "429" in r.message


@pytest.mark.parametrize("status", [302, 404, 405, 409, 418])
def test_other_statuses_without_body_are_failed(status):
    r = parse(status, b"", ctype=None)
    assert r.kind == "failed" and f"HTTP {status}" in r.message


# ---------------------------------------------------------------- Behavior


@pytest.mark.parametrize(
    "behavior,kind",
    [
        ("RETRY", "retry"),
        ("retry", "retry"),
        ("RETRY_LATER", "retry"),
        ("DO_NOT_RETRY", "failed"),
        ("ABORT", "failed"),
        ("OTHER_MEANS", "failed"),
        ("SOMETHING_NEW", "failed"),
        ("", "failed"),
        (None, "failed"),
    ],
)
@pytest.mark.parametrize("status", [400, 402, 403, 500, 503])
def test_behavior_decides_the_kind(behavior, kind, status):
    r = parse(status, error_body("SOME_ERROR", behavior, "msg"))
    assert r.kind == kind
    assert r.provider_code == "SOME_ERROR"
    assert r.behavior == ((behavior or "").upper() or None)


def test_retry_later_without_retry_after_waits_30_seconds():
    r = parse(400, error_body("TOO_BUSY", "RETRY_LATER", "Try later"))
    assert r.kind == "retry" and r.retry_after == 30.0


def test_retry_later_keeps_the_providers_retry_after():
    r = parse(503, error_body("TOO_BUSY", "RETRY_LATER", "Try later"), retry_after="90")
    assert r.kind == "retry" and r.retry_after == 90.0


def test_plain_retry_has_no_invented_wait():
    assert parse(500, error_body("INTERNAL_ERROR", "RETRY", "x")).retry_after is None


def test_behavior_without_error_name_is_still_an_error_body():
    r = parse(400, {"Behavior": "DO_NOT_RETRY"})
    assert r.kind == "failed" and r.provider_code == "UNKNOWN_ERROR" and "UNKNOWN_ERROR" in r.message


def test_error_name_without_behavior_is_do_not_retry():
    r = parse(402, {"ErrorName": "TRANSACTION_DECLINED", "ErrorMessage": "Declined"})
    assert r.kind == "failed" and r.behavior is None


def test_429_with_a_saferpay_body_follows_behavior():
    assert parse(429, error_body("TOO_MANY", "DO_NOT_RETRY", "stop")).kind == "failed"
    assert parse(429, error_body("TOO_MANY", "RETRY_LATER", "slow")).kind == "retry"


def test_long_and_multiline_error_message_is_shortened_to_one_line():
    r = parse(400, error_body(message="line one\nline two\r\n" + "x" * 1000, ErrorDetail=["a\nb"] * 2))
    one_line(r)
    assert "line one line two" in r.message
    assert len(r.message) < 800
    assert r.provider_message.startswith("line one\nline two")  # kept as the provider sent it


@pytest.mark.parametrize("name", ["BAD\nNAME", "BAD\r\nNAME", "X" * 5000])
def test_error_name_with_a_newline_or_huge_still_gives_a_one_line_message(name):
    r = parse(400, error_body(name=name))
    one_line(r)
    assert len(r.message) < 1000
    assert r.provider_code in r.message


# ---------------------------------------------------------------- HttpAnswer helpers


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Sat, 21 Nov 2026 22:00:00 GMT", datetime(2026, 11, 21, 22, 0, tzinfo=timezone.utc)),
        ("Sat, 21 Nov 2026 23:00:00 +0100", datetime(2026, 11, 21, 22, 0, tzinfo=timezone.utc)),
        ("Sat, 21 Nov 2026 22:00:00 -0000", datetime(2026, 11, 21, 22, 0, tzinfo=timezone.utc)),
        ("", None),
        ("yesterday", None),
        ("Sat, 99 Nov 2026 22:00:00 GMT", None),
        ("Mon, 01 Jan 99999 00:00:00 GMT", None),
    ],
)
def test_server_date(raw, expected):
    got = answer(200, b"", date=raw).server_date()
    assert got == expected
    if got is not None:
        assert got.tzinfo is not None


def test_json_object_only_for_objects():
    assert answer(200, {"a": 1}).json_object() == {"a": 1}
    assert answer(200, [1]).json_object() is None
    assert answer(200, {"a": 1}, ctype="text/plain").json_object() is None
    assert answer(200, {"a": 1}, ctype="APPLICATION/PROBLEM+JSON").json_object() == {"a": 1}


@pytest.mark.parametrize("status", [200, 400, 502])
def test_deeply_nested_json_never_raises(status):
    r = parse(status, b"[" * 100_000)
    assert r.kind in KINDS


@pytest.mark.parametrize("raw", ["inf", "Infinity", "1e999"])
def test_retry_after_is_finite(raw):
    r = parse(429, b"", ctype=None, retry_after=raw)
    assert r.retry_after is None or math.isfinite(r.retry_after)


# ---------------------------------------------------------------- properties

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
# Line breaks are kept out of ErrorName here: that case is the known bug pinned above.
error_names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=40)
saferpay_like = st.fixed_dictionaries(
    {},
    optional={
        "ResponseHeader": st.one_of(
            json_values,
            st.fixed_dictionaries(
                {}, optional={"RequestId": st.one_of(st.just(RID), json_values), "SpecVersion": json_values}
            ),
        ),
        "Behavior": st.one_of(
            st.sampled_from(["RETRY", "RETRY_LATER", "DO_NOT_RETRY", "ABORT", "OTHER_MEANS"]), json_values
        ),
        "ErrorName": st.one_of(
            st.sampled_from(["VALIDATION_FAILED", "AUTHENTICATION_FAILED", "PERMISSION_DENIED", "INTERNAL_ERROR"]),
            error_names,
            st.integers(),
        ),
        "ErrorMessage": json_values,
        "ErrorDetail": st.one_of(st.lists(json_values, max_size=5), json_values),
    },
)
bodies = st.one_of(
    st.binary(max_size=200),
    json_values.map(lambda v: json.dumps(v).encode()),
    saferpay_like.map(lambda v: json.dumps(v).encode()),
    saferpay_like.map(lambda v: json.dumps(v).encode()[: len(json.dumps(v)) // 2]),
)
header_values = st.one_of(
    st.binary(max_size=40).filter(lambda b: b"\r" not in b and b"\n" not in b),
    st.sampled_from(
        [
            b"application/json",
            b"text/html",
            b"",
            b"0",
            b"-1",
            b"nan",
            b"120",
            b"Sat, 21 Nov 2026 22:00:00 GMT",
            b"Mon, 01 Jan 1990 00:00:00 +2359",
        ]
    ),
)
headers = st.dictionaries(st.sampled_from(["content-type", "date", "retry-after", "x-other"]), header_values)


@PROPS
@given(st.integers(100, 599), headers, bodies, st.sampled_from([RID, "x", "a" * 50]))
@example(200, {}, b"", RID)
@example(403, {"content-type": b"text/html"}, b"<html>", RID)
def test_property_parse_never_raises_and_gives_one_line(status, hdrs, body, request_id):
    a = HttpAnswer(status, httpx.Headers(hdrs), body)
    r = saferpay.parse_response(a, request_id)
    assert isinstance(r, CloseResult)
    assert r.kind in KINDS
    assert r.http_status == status
    one_line(r)
    if r.provider_code is not None:
        assert r.provider_code in r.message
    if r.kind == "closed":
        assert 200 <= status < 300
    if r.retry_after is not None:
        assert r.retry_after >= 0


@SOME
@given(st.integers(200, 299), saferpay_like, headers)
def test_property_2xx_is_closed_only_with_a_matching_header(status, doc, hdrs):
    hdrs = {**hdrs, "content-type": b"application/json"}
    r = saferpay.parse_response(HttpAnswer(status, httpx.Headers(hdrs), json.dumps(doc).encode()), RID)
    header = doc.get("ResponseHeader")
    if isinstance(header, dict) and header.get("RequestId") in (None, RID):
        assert r.kind == "closed"
    else:
        assert r.kind == "lost"


@SOME
@given(
    st.integers(300, 599),
    st.sampled_from(["RETRY", "RETRY_LATER", "DO_NOT_RETRY", "ABORT", "OTHER_MEANS"]),
    st.from_regex(r"[A-Z_]{1,30}", fullmatch=True),
    st.text(max_size=100),
)
def test_property_error_bodies_follow_behavior(status, behavior, name, text):
    r = parse(status, error_body(name, behavior, text))
    assert r.kind == ("retry" if behavior.startswith("RETRY") else "failed")
    assert r.provider_code == name and f"[{name}, HTTP {status}]" in r.message
    one_line(r)
