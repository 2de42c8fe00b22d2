"""SUNBAY batch close and query endpoints, over loopback and in-process."""

from __future__ import annotations

import email.utils
import time
from datetime import datetime, timedelta, timezone

import pytest
from simhelpers import SUNBAY, SUNBAY_OTHER, Env

SN = SUNBAY["terminal_sn"]
CLOSE_FIELDS = {
    "batchNo",
    "terminalSn",
    "batchTime",
    "transactionCount",
    "priceCurrency",
    "netAmount",
    "tipAmount",
    "surchargeAmount",
    "taxAmount",
}


def test_success_returns_the_open_batch_and_starts_a_new_one(env: Env) -> None:
    before = env.sim.open_batch(SN)
    assert before["totalCount"] > 0

    response = env.sunbay_close()

    assert response.status_code == 200
    doc = response.json()
    assert set(doc) == {"code", "msg", "traceId", "data"}
    assert doc["code"] == "0" and doc["traceId"]
    data = doc["data"]
    assert set(data) == CLOSE_FIELDS
    assert data["terminalSn"] == SN and data["priceCurrency"] == "USD"
    assert data["batchNo"] == before["batchNo"]
    assert (
        data["transactionCount"],
        data["netAmount"],
        data["tipAmount"],
        data["surchargeAmount"],
        data["taxAmount"],
    ) == (
        before["totalCount"],
        before["netAmount"],
        before["tipAmount"],
        before["surchargeAmount"],
        before["taxAmount"],
    )
    assert all(isinstance(data[k], int) for k in CLOSE_FIELDS - {"batchNo", "terminalSn", "batchTime", "priceCurrency"})
    assert abs(datetime.fromisoformat(data["batchTime"]).timestamp() - time.time()) < 5
    assert email.utils.parsedate_to_datetime(response.headers["date"]) is not None

    after = env.sim.open_batch(SN)
    assert after["totalCount"] == 0 and after["netAmount"] == 0
    assert int(after["batchNo"]) == int(before["batchNo"]) + 1
    [record] = env.sim.closes(SN)
    assert (record.provider, record.request_id, record.batch) == ("sunbay", "BATCH_CLOSE_1", data)
    assert record.client_request_id == env.last_sunbay_request_id


def test_batches_are_deterministic_from_the_seed(inproc: Env) -> None:
    from simhelpers import make_simulator

    assert make_simulator(seed=3).open_batch(SN) == make_simulator(seed=3).open_batch(SN)
    assert make_simulator(seed=3).open_batch(SN) != make_simulator(seed=4).open_batch(SN)


def test_attach_is_returned_as_is(inproc: Env) -> None:
    attach = '{"closeTime":"2023-11-19T22:00:00+08:00"}'
    data = inproc.sunbay_close(inproc.sunbay_body(attach=attach)).json()["data"]
    assert data["attach"] == attach


@pytest.mark.parametrize(
    "authorization", [None, "Bearer wrong", "Basic abc", "Bearer", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"]
)
def test_bad_api_key_is_http_401(env: Env, authorization: str | None) -> None:
    response = env.sunbay_close(headers=env.sunbay_headers(Authorization=authorization))
    assert response.status_code == 401
    doc = response.json()
    assert doc["code"] == "401" and doc["traceId"] and doc["data"] is None
    assert env.sim.total_closes() == 0


def test_other_merchants_key_cannot_close_this_terminal(inproc: Env) -> None:
    response = inproc.sunbay_close(headers=inproc.sunbay_headers(api_key=SUNBAY_OTHER["api_key"]))
    assert response.json()["code"] == "C17" and "appId" in response.json()["msg"]


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/xml"])
def test_wrong_content_type_is_refused(env: Env, content_type: str | None) -> None:
    response = env.sunbay_close(headers=env.sunbay_headers(**{"Content-Type": content_type}))
    assert response.status_code == 415
    assert response.json()["code"] != "0"
    assert env.sim.total_closes() == 0


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("X-Client-Request-Id", None),
        ("X-Client-Request-Id", "x" * 65),
        ("X-Timestamp", None),
        ("X-Timestamp", "170123456789"),
        ("X-Timestamp", "17012345678901"),
        ("X-Timestamp", "abcdefghijklm"),
        ("X-Timestamp", "now-11min"),
        ("X-Timestamp", "now+11min"),
    ],
)
def test_bad_x_headers_are_c17_naming_the_header(env: Env, header: str, value: str | None) -> None:
    # Computed here, not at collection time: a long suite would otherwise bring it inside the window.
    if value in ("now-11min", "now+11min"):
        value = str(int((time.time() + (11 * 60 if value == "now+11min" else -11 * 60)) * 1000))
    headers = env.sunbay_headers()
    if value is None:
        del headers[header]
    else:
        headers[header] = value
    doc = env.sunbay_close(headers=headers).json()
    assert doc["code"] == "C17"
    assert header in doc["msg"]
    assert env.sim.total_closes() == 0


def test_64_character_request_id_and_9_minute_skew_are_accepted(inproc: Env) -> None:
    headers = inproc.sunbay_headers(request_id="r" * 64, timestamp_ms=int((time.time() - 9 * 60) * 1000))
    assert inproc.sunbay_close(headers=headers).json()["code"] == "0"


def test_timestamp_window_follows_the_simulated_server_clock(env: Env) -> None:
    env.sim.clock_offset = 20 * 60  # the server is 20 minutes ahead of this PC
    response = env.sunbay_close()
    assert response.json()["code"] == "C17" and "X-Timestamp" in response.json()["msg"]
    server_date = email.utils.parsedate_to_datetime(response.headers["date"])
    assert abs(server_date.timestamp() - (time.time() + 20 * 60)) < 5  # the client can see the skew

    in_server_time = int((time.time() + 20 * 60) * 1000)
    assert env.sunbay_close(headers=env.sunbay_headers(timestamp_ms=in_server_time)).json()["code"] == "0"


def test_repeated_client_request_id_is_a_duplicate_for_10_minutes(env: Env) -> None:
    first = env.sunbay_close(headers=env.sunbay_headers(request_id="fixed-id"))
    assert first.json()["code"] == "0"

    repeat = env.sunbay_close(env.sunbay_body("BATCH_CLOSE_2"), headers=env.sunbay_headers(request_id="fixed-id"))
    assert repeat.json()["code"] == "DUPLICATE_REQUEST"
    assert env.sim.close_count(SN) == 1

    env.sim.clock_offset = 601  # ten minutes later the id may be used again
    later = int((time.time() + 601) * 1000)
    response = env.sunbay_close(
        env.sunbay_body("BATCH_CLOSE_3"), headers=env.sunbay_headers(request_id="fixed-id", timestamp_ms=later)
    )
    assert response.json()["code"] == "0"
    assert env.sim.close_count(SN) == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"appId": None}, "appId"),
        ({"merchantId": ""}, "merchantId"),
        ({"transactionRequestId": None}, "transactionRequestId"),
        ({"terminalSn": None}, "terminalSn"),
        ({"channelCode": None}, "channelCode"),
        ({"appId": "a" * 33}, "appId"),
        ({"terminalSn": 1234567890}, "terminalSn"),
        ({"transactionRequestId": "BATCH CLOSE"}, "transactionRequestId"),
        ({"transactionRequestId": "batch.close"}, "transactionRequestId"),
        ({"transactionRequestId": "x" * 33}, "transactionRequestId"),
        ({"description": "d" * 129}, "description"),
        ({"attach": {"json": "object"}}, "attach"),
        ({"printReceipt": "ALL"}, "printReceipt"),
    ],
)
def test_bad_body_fields_are_c17_naming_the_field(env: Env, overrides: dict, field: str) -> None:
    doc = env.sunbay_close(env.sunbay_body(**overrides)).json()
    assert doc["code"] == "C17"
    assert field in doc["msg"]
    assert env.sim.total_closes() == 0


def test_longest_valid_fields_pass(inproc: Env) -> None:
    body = inproc.sunbay_body("A_z-09" * 5 + "ab", description="d" * 128, attach="a" * 128, printReceipt="NONE")
    assert inproc.sunbay_close(body).json()["code"] == "0"


@pytest.mark.parametrize("raw", [b"", b"not json", b"[]"])
def test_unreadable_body_is_c17(inproc: Env, raw: bytes) -> None:
    assert inproc.sunbay_close(raw).json()["code"] == "C17"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"appId": "app_000000"}, "appId"),
        ({"merchantId": SUNBAY_OTHER["merchant_id"]}, "merchantId"),
        ({"terminalSn": SUNBAY_OTHER["terminal_sn"]}, "terminalSn"),
        ({"terminalSn": "T0000000000"}, "terminalSn"),
        ({"channelCode": "FISERV"}, "channelCode"),
    ],
)
def test_ids_that_are_not_the_keys_are_refused(inproc: Env, overrides: dict, field: str) -> None:
    doc = inproc.sunbay_close(inproc.sunbay_body(**overrides)).json()
    assert doc["code"] == "C17" and field in doc["msg"]
    assert inproc.sim.total_closes() == 0


def test_same_transaction_request_id_returns_the_first_result(env: Env) -> None:
    first = env.sunbay_close(env.sunbay_body("DAY_1")).json()
    env.sim.add_transactions(SN, 3)
    again = env.sunbay_close(env.sunbay_body("DAY_1")).json()

    assert again["code"] == "0"
    assert again["data"] == first["data"]
    assert again["traceId"] != first["traceId"]
    assert env.sim.close_count(SN) == 1
    assert env.sim.open_batch(SN)["totalCount"] == 3  # the new transactions stay open


def test_transaction_request_id_used_for_another_terminal_is_refused(inproc: Env) -> None:
    inproc.sim.add("sunbay", SUNBAY["app_id"], SUNBAY["merchant_id"], "T1234567891", "TSYS", SUNBAY["api_key"])
    assert inproc.sunbay_close(inproc.sunbay_body("DAY_1")).json()["code"] == "0"
    doc = inproc.sunbay_close(inproc.sunbay_body("DAY_1", terminalSn="T1234567891")).json()
    assert doc["code"] == "C17" and "transactionRequestId" in doc["msg"]
    assert inproc.sim.total_closes() == 1


def test_closing_an_empty_batch(inproc: Env) -> None:
    first = inproc.sunbay_close(inproc.sunbay_body("DAY_1")).json()["data"]
    second = inproc.sunbay_close(inproc.sunbay_body("DAY_2")).json()
    assert second["code"] == "0"
    assert second["data"]["transactionCount"] == 0 and second["data"]["netAmount"] == 0
    assert int(second["data"]["batchNo"]) == int(first["batchNo"]) + 1

    inproc.sim.state("sunbay").empty_batch_error = ("EMPTY_BATCH", "No transactions in the current batch")
    third = inproc.sunbay_close(inproc.sunbay_body("DAY_3")).json()
    assert (third["code"], third["msg"]) == ("EMPTY_BATCH", "No transactions in the current batch")
    assert inproc.sim.close_count(SN) == 2


def test_explicit_open_batch(inproc: Env) -> None:
    inproc.sim.add(
        "sunbay",
        SUNBAY["app_id"],
        SUNBAY["merchant_id"],
        "T55",
        "TSYS",
        SUNBAY["api_key"],
        open_batch={"transactionCount": 2, "netAmount": 1500, "tipAmount": 200},
    )
    data = inproc.sunbay_close(inproc.sunbay_body(terminalSn="T55")).json()["data"]
    assert (data["transactionCount"], data["netAmount"], data["tipAmount"], data["taxAmount"]) == (2, 1500, 200, 0)


# --- query endpoints -------------------------------------------------------------------------


def test_batch_query_shows_the_open_batch(env: Env) -> None:
    response = env.sunbay_get("/v1/settlement/batch-query", {"terminalSn": SN})
    assert response.status_code == 200 and "date" in response.headers
    doc = response.json()
    assert doc["code"] == "0"
    [item] = doc["data"]["batchList"]
    expected = env.sim.open_batch(SN)
    assert item == {**expected, "channelCode": "TSYS", "priceCurrency": "USD"}

    env.sunbay_close()
    assert env.sunbay_get("/v1/settlement/batch-query", {"terminalSn": SN}).json()["data"]["batchList"] == []
    env.sim.add_transactions(SN, 2)
    [item] = env.sunbay_get("/v1/settlement/batch-query", {"terminalSn": SN}).json()["data"]["batchList"]
    assert item["totalCount"] == 2


def test_batch_close_list(env: Env) -> None:
    assert env.sunbay_get("/v1/settlement/batch-close-list", {"terminalSn": SN}).json()["data"] == {
        "batchCloseList": []
    }
    first = env.sunbay_close(env.sunbay_body("DAY_1")).json()["data"]
    env.sim.add_transactions(SN, 4)
    second = env.sunbay_close(env.sunbay_body("DAY_2")).json()["data"]

    items = env.sunbay_get("/v1/settlement/batch-close-list", {"terminalSn": SN}).json()["data"]["batchCloseList"]
    assert [i["batchNo"] for i in items] == [second["batchNo"], first["batchNo"]]  # newest first
    assert items[0]["totalCount"] == 4
    assert {
        k: items[1][k]
        for k in ("batchStatus", "batchTime", "totalCount", "netAmount", "priceCurrency", "channelCode", "terminalSn")
    } == {
        "batchStatus": "S",
        "batchTime": first["batchTime"],
        "totalCount": first["transactionCount"],
        "netAmount": first["netAmount"],
        "priceCurrency": "USD",
        "channelCode": "TSYS",
        "terminalSn": SN,
    }

    other_channel = env.sunbay_get("/v1/settlement/batch-close-list", {"terminalSn": SN, "channelCode": "FISERV"})
    assert other_channel.json()["data"]["batchCloseList"] == []
    now = datetime.now(timezone.utc)
    old = {
        "terminalSn": SN,
        "startTime": (now - timedelta(days=20)).isoformat(),
        "endTime": (now - timedelta(days=10)).isoformat(),
    }
    assert env.sunbay_get("/v1/settlement/batch-close-list", old).json()["data"]["batchCloseList"] == []
    recent = {
        "terminalSn": SN,
        "startTime": (now - timedelta(hours=1)).isoformat(),
        "endTime": (now + timedelta(hours=1)).isoformat(),
    }
    assert len(env.sunbay_get("/v1/settlement/batch-close-list", recent).json()["data"]["batchCloseList"]) == 2


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"terminalSn": SN, "startTime": "2024-01-01T00:00:00Z"},
        {"terminalSn": SN, "startTime": "2024-01-01T00:00:00Z", "endTime": "2024-02-15T00:00:00Z"},
        {"terminalSn": SN, "startTime": "yesterday", "endTime": "today"},
        {"terminalSn": SUNBAY_OTHER["terminal_sn"]},
        {"terminalSn": SN, "appId": None},
    ],
)
def test_batch_close_list_parameter_errors(inproc: Env, params: dict) -> None:
    assert inproc.sunbay_get("/v1/settlement/batch-close-list", params).json()["code"] == "C17"


def test_terminal_list_pages_by_100(env: Env) -> None:
    for n in range(149):
        env.sim.add("sunbay", SUNBAY["app_id"], SUNBAY["merchant_id"], f"T9{n:04d}", "TSYS", SUNBAY["api_key"])
    first = env.sunbay_get("/v1/merchant/terminals/query").json()["data"]
    assert first["merchantId"] == SUNBAY["merchant_id"]
    assert len(first["terminals"]) == 100 and first["nextToken"]
    item = first["terminals"][0]
    assert item["sn"] == SN and item["vendor"] and item["model"]
    assert item["tidList"][0]["channelCode"] == "TSYS" and item["tidList"][0]["tid"]

    second = env.sunbay_get("/v1/merchant/terminals/query", {"nextToken": first["nextToken"]}).json()["data"]
    assert len(second["terminals"]) == 50 and "nextToken" not in second
    sns = [t["sn"] for t in first["terminals"] + second["terminals"]]
    assert len(set(sns)) == 150 and SUNBAY_OTHER["terminal_sn"] not in sns
    assert env.sunbay_get("/v1/merchant/terminals/query", {"nextToken": "garbage!"}).json()["code"] == "C17"


def test_merchant_query(env: Env) -> None:
    env.sim.state("sunbay").set_merchant_info(SUNBAY["app_id"], SUNBAY["merchant_id"], dbaName="Café Zürich")
    data = env.sunbay_get("/v1/merchant/query").json()["data"]
    assert data["merchantId"] == SUNBAY["merchant_id"] and data["dbaName"] == "Café Zürich"
    for name in ("street", "cityName", "stateName", "zipCode", "country"):
        assert data[name]
    assert env.sunbay_get("/v1/merchant/query", {"merchantId": SUNBAY_OTHER["merchant_id"]}).json()["code"] == "C17"


@pytest.mark.parametrize("path", ["/v1/settlement/batch-query", "/v1/merchant/terminals/query", "/v1/merchant/query"])
def test_gets_check_auth_and_x_headers_but_not_content_type_or_duplicates(env: Env, path: str) -> None:
    unauthorized = env.sunbay_get(path, headers=env.sunbay_headers("wrong", post=False))
    assert unauthorized.status_code == 401
    skewed = env.sunbay_get(path, headers=env.sunbay_headers(post=False, timestamp_ms=int((time.time() - 3600) * 1000)))
    assert skewed.json()["code"] == "C17" and "X-Timestamp" in skewed.json()["msg"]
    missing_id = env.sunbay_headers(post=False)
    del missing_id["X-Client-Request-Id"]
    assert env.sunbay_get(path, headers=missing_id).json()["code"] == "C17"
    for _ in range(2):  # the duplicate rule is for POSTs
        assert env.sunbay_get(path, headers=env.sunbay_headers(post=False, request_id="same")).json()["code"] == "0"
    assert env.sunbay_get(path, {"appId": None}).json()["code"] == "C17"
