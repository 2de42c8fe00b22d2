"""Saferpay Batch Close and Management API rules, over loopback and in-process."""

from __future__ import annotations

import email.utils

import pytest
from simhelpers import SAFERPAY, SAFERPAY_OTHER, Env


def test_success_echoes_request_header_and_records_one_close(env: Env) -> None:
    response = env.saferpay_close(env.saferpay_body(request_id="close-2024-01-01", spec="1.40"))

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"ResponseHeader": {"SpecVersion": "1.40", "RequestId": "close-2024-01-01"}}
    assert email.utils.parsedate_to_datetime(response.headers["date"]) is not None
    [record] = env.sim.closes(SAFERPAY["terminal_id"])
    assert (record.provider, record.request_id, record.retry_indicator) == ("saferpay", "close-2024-01-01", 0)
    assert env.sim.total_closes() == 1


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", None, "application/json; charset=iso-8859-1"]
)
def test_wrong_content_type_is_415(env: Env, content_type: str | None) -> None:
    headers = env.saferpay_headers(**{"Content-Type": content_type})  # type: ignore[arg-type]
    response = env.saferpay_close(headers=headers)
    assert response.status_code == 415
    assert env.sim.total_closes() == 0


def test_charset_parameter_and_case_are_accepted(inproc: Env) -> None:
    response = inproc.saferpay_close(
        headers=inproc.saferpay_headers(**{"Content-Type": "Application/JSON; charset=UTF-8"})
    )
    assert response.status_code == 200


@pytest.mark.parametrize("accept", ["text/html", "application/xml, text/*", "application/json;q=0"])
def test_accept_without_json_is_406(env: Env, accept: str) -> None:
    response = env.saferpay_close(headers=env.saferpay_headers(Accept=accept))
    assert response.status_code == 406
    assert env.sim.total_closes() == 0


@pytest.mark.parametrize("accept", ["*/*", "application/*", "text/html, application/json;q=0.5"])
def test_accept_allowing_json_is_fine(inproc: Env, accept: str) -> None:
    assert inproc.saferpay_close(headers=inproc.saferpay_headers(Accept=accept)).status_code == 200


@pytest.mark.parametrize("authorization", [None, "Basic !!!notbase64", "Bearer abc", "wrong-password", "unknown-user"])
def test_bad_credentials_are_401_authentication_failed(env: Env, authorization: str | None) -> None:
    if authorization == "wrong-password":
        headers = env.saferpay_headers(password="nope")
    elif authorization == "unknown-user":
        headers = env.saferpay_headers(username="API_401234_99999999")
    else:
        headers = env.saferpay_headers(Authorization=authorization)  # type: ignore[arg-type]
    response = env.saferpay_close(headers=headers)

    assert response.status_code == 401
    doc = response.json()
    assert doc["Behavior"] == "DO_NOT_RETRY"
    assert doc["ErrorName"] == "AUTHENTICATION_FAILED"
    assert doc["ResponseHeader"]["RequestId"] == "req-1"
    assert env.sim.total_closes() == 0


def _mutate(body: dict, path: str, value: object) -> dict:
    target = body
    *parents, last = path.split(".")
    for name in parents:
        target = target[name]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value
    return body


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("TerminalId", "1234567", "TerminalId"),
        ("TerminalId", "123456789", "TerminalId"),
        ("TerminalId", 12345678, "TerminalId"),
        ("TerminalId", _DELETE, "TerminalId"),
        ("RequestHeader.CustomerId", "40123A", "CustomerId"),
        ("RequestHeader.CustomerId", "123456789", "CustomerId"),
        ("RequestHeader.CustomerId", 401234, "CustomerId"),
        ("RequestHeader.RequestId", "has space", "RequestId"),
        ("RequestHeader.RequestId", "x" * 51, "RequestId"),
        ("RequestHeader.RequestId", "", "RequestId"),
        ("RequestHeader.RetryIndicator", 10, "RetryIndicator"),
        ("RequestHeader.RetryIndicator", -1, "RetryIndicator"),
        ("RequestHeader.RetryIndicator", "0", "RetryIndicator"),
        ("RequestHeader.RetryIndicator", True, "RetryIndicator"),
        ("RequestHeader.SpecVersion", "latest", "SpecVersion"),
        ("RequestHeader.SpecVersion", "1.99", "SpecVersion"),
        ("RequestHeader.SpecVersion", _DELETE, "SpecVersion"),
        ("RequestHeader.ClientInfo.ShopInfo", "s" * 101, "ShopInfo"),
        ("RequestHeader.ClientInfo", "Closeout", "ClientInfo"),
        ("RequestHeader", _DELETE, "RequestHeader"),
    ],
)
def test_invalid_fields_are_400_validation_failed_naming_the_field(
    env: Env, path: str, value: object, field: str
) -> None:
    response = env.saferpay_close(_mutate(env.saferpay_body(), path, value))

    assert response.status_code == 400
    doc = response.json()
    assert (doc["ErrorName"], doc["Behavior"]) == ("VALIDATION_FAILED", "DO_NOT_RETRY")
    assert any(field in line for line in doc["ErrorDetail"]), doc["ErrorDetail"]
    assert env.sim.total_closes() == 0


def test_longest_valid_values_pass(inproc: Env) -> None:
    body = inproc.saferpay_body(request_id="A-z.0:_" * 7 + "a")  # 50 characters of every allowed kind
    body["RequestHeader"]["ClientInfo"] = {"ShopInfo": "s" * 100, "OsInfo": "o" * 100}
    body["RequestHeader"]["RetryIndicator"] = 9
    body["Unknown"] = "ignored, as newer fields are"
    assert inproc.saferpay_close(body).status_code == 200


@pytest.mark.parametrize("raw", [b"", b"not json", b"[1, 2]", b'{"RequestHeader": '])
def test_unreadable_body_is_400(inproc: Env, raw: bytes) -> None:
    response = inproc.saferpay_close(raw)
    assert response.status_code == 400
    assert response.json()["ErrorName"] == "VALIDATION_FAILED"


def test_terminal_of_another_customer_is_403_permission_denied(env: Env) -> None:
    # Own customer id, but the terminal is the other customer's.
    response = env.saferpay_close(env.saferpay_body(terminal_id=SAFERPAY_OTHER["terminal_id"]))
    assert response.status_code == 403
    assert response.json()["ErrorName"] == "PERMISSION_DENIED"
    # The other customer's id with this user's credentials.
    response = env.saferpay_close(
        env.saferpay_body(customer_id=SAFERPAY_OTHER["customer_id"], terminal_id=SAFERPAY_OTHER["terminal_id"])
    )
    assert response.status_code == 403
    # An unknown terminal.
    assert env.saferpay_close(env.saferpay_body(terminal_id="11111111")).status_code == 403
    assert env.sim.total_closes() == 0


def test_retry_with_higher_retry_indicator_replays_the_first_answer(env: Env) -> None:
    first = env.saferpay_close(env.saferpay_body(request_id="same-id", retry=0))
    retry = env.saferpay_close(env.saferpay_body(request_id="same-id", retry=1, spec="1.40"))

    assert first.status_code == retry.status_code == 200
    assert retry.content == first.content  # the first answer, byte for byte (SpecVersion 1.53)
    assert env.sim.close_count(SAFERPAY["terminal_id"]) == 1


def test_reused_request_id_without_higher_retry_indicator_is_a_validation_error(env: Env) -> None:
    assert env.saferpay_close(env.saferpay_body(request_id="same-id", retry=0)).status_code == 200
    assert env.saferpay_close(env.saferpay_body(request_id="same-id", retry=2)).status_code == 200

    for retry in (0, 2, 1):
        response = env.saferpay_close(env.saferpay_body(request_id="same-id", retry=retry))
        assert response.status_code == 400
        assert "RequestId" in response.json()["ErrorDetail"][0]
    # A new RequestId is a new close.
    assert env.saferpay_close(env.saferpay_body(request_id="next-id")).status_code == 200
    assert [r.request_id for r in env.sim.closes(SAFERPAY["terminal_id"])] == ["same-id", "next-id"]


def test_same_request_id_on_another_terminal_is_independent(inproc: Env) -> None:
    inproc.sim.add("saferpay", SAFERPAY["customer_id"], "12345679", SAFERPAY["username"], SAFERPAY["password"])
    assert inproc.saferpay_close(inproc.saferpay_body(request_id="day-1")).status_code == 200
    assert inproc.saferpay_close(inproc.saferpay_body(request_id="day-1", terminal_id="12345679")).status_code == 200
    assert inproc.sim.total_closes() == 2


def test_newer_spec_version_becomes_valid_when_published(inproc: Env) -> None:
    assert inproc.saferpay_close(inproc.saferpay_body(spec="1.54")).status_code == 400
    inproc.sim.state("saferpay").latest_spec_version = "1.54"
    assert inproc.saferpay_close(inproc.saferpay_body(spec="1.54", request_id="r2")).status_code == 200


# --- Management API: terminal list ---------------------------------------------------------


def _terminals_headers(env: Env, **extra: str) -> dict[str, str]:
    headers = env.saferpay_headers(**{"Saferpay-ApiVersion": "1.14", "Saferpay-RequestId": "list-1"})
    del headers["Content-Type"]
    headers.update(extra)
    return {k: v for k, v in headers.items() if v is not None}


def test_terminal_list(env: Env) -> None:
    env.sim.add(
        "saferpay",
        SAFERPAY["customer_id"],
        "12345679",
        SAFERPAY["username"],
        SAFERPAY["password"],
        terminal_type="SPG",
        description="Counter 2",
    )
    url = env.sim.base("saferpay", env.root) + f"/rest/customers/{SAFERPAY['customer_id']}/terminals"
    response = env.request("GET", url, headers=_terminals_headers(env))

    assert response.status_code == 200
    assert response.json() == {
        "Terminals": [
            {"TerminalId": "12345678", "Type": "ECOM", "Description": "Terminal 12345678"},
            {"TerminalId": "12345679", "Type": "SPG", "Description": "Counter 2"},
        ]
    }
    assert "date" in response.headers


def test_terminal_list_rules(env: Env) -> None:
    base = env.sim.base("saferpay", env.root)
    own = f"{base}/rest/customers/{SAFERPAY['customer_id']}/terminals"
    other = f"{base}/rest/customers/{SAFERPAY_OTHER['customer_id']}/terminals"

    assert env.request("GET", own, headers=_terminals_headers(env, Authorization="Basic eDp5")).status_code == 401
    response = env.request("GET", own, headers=_terminals_headers(env, **{"Saferpay-ApiVersion": None}))  # type: ignore[arg-type]
    assert response.status_code == 400
    assert "Saferpay-ApiVersion" in response.json()["ErrorDetail"][0]
    response = env.request("GET", own, headers=_terminals_headers(env, **{"Saferpay-RequestId": None}))  # type: ignore[arg-type]
    assert response.status_code == 400
    forbidden = env.request("GET", other, headers=_terminals_headers(env))
    assert (forbidden.status_code, forbidden.json()["ErrorName"]) == (403, "PERMISSION_DENIED")
