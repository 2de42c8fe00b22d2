"""Read-only provider queries and the in-doubt check, over real loopback sockets against the simulator.

Open batch, closed batches, the paged terminal list and the merchant (SUNBAY); the Management API
terminal list (Saferpay); and "Check with the provider" (lookup.check_close, SUNBAY's look_up_close) through the real engine and history.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import uuid
from types import SimpleNamespace
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs

import httpx
import pytest

from app.core import lookup, providers
from app.core.engine import CloseEngine, RetryPolicy
from app.core.history import History
from app.core.http import make_client
from app.core.providers import saferpay, sunbay
from app.core.providers.base import Terminal
from app.core.secrets import MemoryStore
from app.core.terminals import new_terminal
from app.core.validation import ValidationError
from app.simulator import Fault, LoopbackServer

KEY = "sk_test_queries_key"
SP_PASSWORD = "sp-secret-pw"
HTML = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"


def run(coro):
    async def go():
        return await coro

    return asyncio.run(go())


async def with_client(fn):
    async with make_client() as client:
        return await fn(client)


def sunbay_terminal(sim, url, serial="T100", *, channel="TSYS", open_batch=None, key=KEY, add=True, **kw):
    if add:
        sim.add(
            "sunbay",
            app_id="app_1",
            merchant_id="mch_1",
            terminal_sn=serial,
            channel_code=channel,
            api_key=key,
            open_batch=open_batch,
            **kw,
        )
    return new_terminal(
        f"Bar {serial}",
        "sunbay",
        {
            "app_id": "app_1",
            "merchant_id": "mch_1",
            "terminal_sn": serial,
            "channel_code": channel,
            "base_url": f"{url}/sunbay",
        },
    )


def gets(sim, path):
    return [r for r in sim.requests if r.method == "GET" and r.path.endswith(path)]


def proxy_in_front(app, body=HTML, content_type="text/html", status=200):
    """An ASGI app answering every GET like a broken proxy would, and passing the rest to ``app``."""

    async def proxy(scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET":
            await send(
                {"type": "http.response.start", "status": status, "headers": [(b"content-type", content_type.encode())]}
            )
            await send({"type": "http.response.body", "body": body})
            return
        await app(scope, receive, send)

    return proxy


# --- SUNBAY: open batch ----------------------------------------------------------------------------


def test_open_batch_lists_count_and_net_per_channel(sim_server):
    sim, url = sim_server
    t = sunbay_terminal(sim, url, open_batch={"transactionCount": 3, "netAmount": 12345, "tipAmount": 100})
    result = run(with_client(lambda c: sunbay.query_open_batch(c, t, KEY, timeout=5)))
    assert result.ok and not result.empty
    [line] = result.lines
    assert (line.channel_code, line.currency, line.count, line.net_amount, line.tip_amount) == (
        "TSYS",
        "USD",
        3,
        12345,
        100,
    )
    assert line.batch_no == sim.open_batch("T100")["batchNo"]
    assert result.count == 3 and result.net_by_currency() == {"USD": 12345}
    assert lookup.describe_open_batch(result) == "3 transactions, net 123.45 USD."
    assert result.trace_id and re.fullmatch(r"[0-9a-f]{32}", result.trace_id)
    [request] = gets(sim, sunbay.BATCH_QUERY_PATH)
    assert parse_qs(request.query) == {"appId": ["app_1"], "merchantId": ["mch_1"], "terminalSn": ["T100"]}
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert re.fullmatch(r"[0-9]{13}", request.headers["x-timestamp"])
    assert uuid.UUID(request.headers["x-client-request-id"])
    assert "content-type" not in request.headers  # a GET has no body


def test_open_batch_empty_is_nothing_to_close(sim_server):
    sim, url = sim_server
    t = sunbay_terminal(sim, url, open_batch=0)
    result = run(with_client(lambda c: sunbay.query_open_batch(c, t, KEY, timeout=5)))
    assert result.ok and result.empty and result.lines == []
    assert lookup.describe_open_batch(result) == lookup.NOTHING_TO_CLOSE


def test_open_batch_every_request_gets_fresh_ids(sim_server):
    sim, url = sim_server
    t = sunbay_terminal(sim, url)

    async def twice(client):
        return [await sunbay.query_open_batch(client, t, KEY, timeout=5) for _ in range(2)]

    first, second = run(with_client(twice))
    assert first.ok and second.ok and first.trace_id != second.trace_id
    ids = {r.headers["x-client-request-id"] for r in gets(sim, sunbay.BATCH_QUERY_PATH)}
    assert len(ids) == 2


def test_open_batch_other_channel_does_not_count(sim_server):
    """A terminal's close names one channel: transactions of another channel leave it "nothing to close"."""
    sim, url = sim_server
    sunbay_terminal(sim, url, open_batch=5)
    mine = dataclasses.replace(
        sunbay_terminal(sim, url, add=False),
        settings={**sunbay_terminal(sim, url, add=False).settings, "channel_code": "FISERV"},
    )
    result = run(with_client(lambda c: sunbay.query_open_batch(c, mine, KEY, timeout=5)))
    assert result.ok and len(result.lines) == 1 and result.own_lines == [] and result.empty


def test_open_batch_wrong_key_is_an_error_not_empty(sim_server):
    sim, url = sim_server
    t = sunbay_terminal(sim, url, open_batch=0)
    result = run(with_client(lambda c: sunbay.query_open_batch(c, t, "sk_test_wrong", timeout=5)))
    assert not result.ok and not result.empty
    assert result.error.http_status == 401 and result.error.provider_code == "401"
    assert "did not accept the API key" in result.error.message
    assert "sk_test_wrong" not in result.error.message
    assert lookup.describe_open_batch(result) == result.error.message


def test_open_batch_clock_skew_is_explained(sim_server):
    sim, url = sim_server
    t = sunbay_terminal(sim, url)
    sim.clock_offset = -3600  # SUNBAY's clock is an hour behind this PC
    result = run(with_client(lambda c: sunbay.query_open_batch(c, t, KEY, timeout=5)))
    assert not result.ok and result.error.provider_code == "C17"
    assert "about 60 minutes ahead of SUNBAY's" in result.error.message
    assert result.error.trace_id and result.error.trace_id in result.error.message


@pytest.mark.parametrize(
    "body,content_type",
    [
        (HTML, "text/html"),
        (b"", "application/json"),
        (b'{"code": "0", "data": {"batchList": [', "application/json"),
        (b'{"code": "0", "traceId": "t1", "data": {}}', "application/json"),
        (b'{"code": "0", "traceId": "t1", "data": {"batchList": "none"}}', "application/json"),
        (b'{"code": "0", "traceId": "t1", "data": {"batchList": [{"totalCount": "many"}]}}', "application/json"),
    ],
    ids=["html", "empty", "truncated", "no_list", "list_not_list", "bad_count"],
)
def test_open_batch_unreadable_answer_is_an_error_never_empty(sim_server, body, content_type):
    sim, _ = sim_server
    with LoopbackServer(proxy_in_front(sim.app, body, content_type)) as proxy:
        t = sunbay_terminal(sim, proxy.url, open_batch=0)
        result = run(with_client(lambda c: sunbay.query_open_batch(c, t, KEY, timeout=5)))
    assert not result.ok and not result.empty and result.lines == []
    assert "could not be read" in result.error.message or "no readable data" in result.error.message


def test_open_batch_proxy_error_status(sim_server):
    sim, _ = sim_server
    with LoopbackServer(proxy_in_front(sim.app, HTML, "text/html", 502)) as proxy:
        t = sunbay_terminal(sim, proxy.url)
        result = run(with_client(lambda c: sunbay.query_open_batch(c, t, KEY, timeout=5)))
    assert result.error.http_status == 502 and "SUNBAY's side failed (HTTP 502)" in result.error.message


def test_open_batch_connection_refused(sim_server, unused_port):
    sim, _ = sim_server
    t = sunbay_terminal(sim, f"http://127.0.0.1:{unused_port}")
    result = run(with_client(lambda c: sunbay.query_open_batch(c, t, KEY, timeout=5)))
    assert not result.ok and not result.empty
    assert result.error.message.startswith("Could not connect to SUNBAY")


def test_open_batch_bad_setting_sends_nothing(sim_server):
    sim, url = sim_server
    good = sunbay_terminal(sim, url)
    bad = Terminal(good.id, good.name, "sunbay", {**good.settings, "terminal_sn": "T 100"})
    with pytest.raises(ValidationError) as caught:
        run(with_client(lambda c: sunbay.query_open_batch(c, bad, KEY, timeout=5)))
    assert caught.value.field == "terminal_sn"
    with pytest.raises(ValidationError):
        run(with_client(lambda c: sunbay.query_open_batch(c, good, "key with spaces", timeout=5)))
    assert sim.requests == []


# --- SUNBAY: closed batches ----------------------------------------------------------------------


def close_at_sim(t, key=KEY):
    async def go(client):
        return await sunbay.close(client, t, key, sunbay.new_request_id(), 0, 5)

    return run(with_client(go))


def test_closed_batches_lists_a_real_close(sim_server):
    sim, url = sim_server
    t = sunbay_terminal(sim, url, open_batch={"transactionCount": 2, "netAmount": 5000})
    closed = close_at_sim(t)
    assert closed.kind == "closed"
    result = run(with_client(lambda c: sunbay.closed_batches(c, t, KEY, timeout=5)))
    assert result.ok and result.unreadable == 0
    [batch] = result.items
    assert batch.batch_no == closed.data["batchNo"] and batch.batch_status == "S"
    assert (batch.total_count, batch.net_amount, batch.currency) == (2, 5000, "USD")
    assert (batch.terminal_sn, batch.channel_code) == ("T100", "TSYS")
    assert abs(batch.batch_time - datetime.now(timezone.utc)) < timedelta(minutes=1)
    [request] = gets(sim, sunbay.CLOSE_LIST_PATH)
    assert "startTime" not in parse_qs(request.query)  # SUNBAY's default: the last 7 days


def test_closed_batches_window_and_channel_are_sent(sim_server):
    sim, url = sim_server
    t = sunbay_terminal(sim, url)
    close_at_sim(t)
    now = datetime.now(timezone.utc)

    async def query(client):
        inside = await sunbay.closed_batches(
            client,
            t,
            KEY,
            start=now - timedelta(hours=1),
            end=now + timedelta(minutes=1),
            channel_code="TSYS",
            timeout=5,
        )
        before = await sunbay.closed_batches(
            client, t, KEY, start=now - timedelta(days=3), end=now - timedelta(days=2), timeout=5
        )
        other = await sunbay.closed_batches(client, t, KEY, channel_code="FISERV", timeout=5)
        only_start = await sunbay.closed_batches(client, t, KEY, start=now - timedelta(hours=1), timeout=5)
        return inside, before, other, only_start

    inside, before, other, only_start = run(with_client(query))
    assert len(inside.items) == 1 and before.items == [] and other.items == [] and len(only_start.items) == 1
    first = parse_qs(gets(sim, sunbay.CLOSE_LIST_PATH)[0].query)
    assert first["channelCode"] == ["TSYS"]
    assert datetime.fromisoformat(first["startTime"][0]) == (now - timedelta(hours=1)).replace(microsecond=0)
    last = parse_qs(gets(sim, sunbay.CLOSE_LIST_PATH)[-1].query)
    assert "endTime" in last  # SUNBAY wants both or neither


def test_closed_batches_span_is_checked_before_sending(sim_server):
    sim, url = sim_server
    t = sunbay_terminal(sim, url)
    now = datetime.now(timezone.utc)
    with pytest.raises(ValidationError, match="30 days"):
        run(with_client(lambda c: sunbay.closed_batches(c, t, KEY, start=now - timedelta(days=31), end=now)))
    with pytest.raises(ValidationError, match="before"):
        run(with_client(lambda c: sunbay.closed_batches(c, t, KEY, start=now, end=now - timedelta(hours=1))))
    with pytest.raises(ValidationError, match="time zone"):
        run(with_client(lambda c: sunbay.closed_batches(c, t, KEY, start=datetime(2024, 1, 1), end=now)))
    assert sim.requests == []
    assert sunbay.close_list_window(None, now) == (now - timedelta(days=7), now)


def test_closed_batches_errors(sim_server, unused_port):
    sim, url = sim_server
    t = sunbay_terminal(sim, url)
    wrong = run(with_client(lambda c: sunbay.closed_batches(c, t, "sk_test_wrong", timeout=5)))
    assert wrong.error.http_status == 401 and wrong.items == []
    refused = sunbay_terminal(sim, f"http://127.0.0.1:{unused_port}", add=False)
    assert (
        "Could not connect"
        in run(with_client(lambda c: sunbay.closed_batches(c, refused, KEY, timeout=5))).error.message
    )
    with LoopbackServer(proxy_in_front(sim.app)) as proxy:
        behind = sunbay_terminal(sim, proxy.url, add=False)
        assert (
            "could not be read"
            in run(with_client(lambda c: sunbay.closed_batches(c, behind, KEY, timeout=5))).error.message
        )


def test_closed_batches_skips_unreadable_entries():
    body = {
        "code": "0",
        "msg": "success",
        "traceId": "abc",
        "data": {
            "batchCloseList": [
                {
                    "batchNo": "000001",
                    "batchStatus": "S",
                    "batchTime": "2024-05-01T22:00:00Z",
                    "totalCount": "4",
                    "netAmount": 100,
                    "priceCurrency": "EUR",
                    "channelCode": "TSYS",
                    "terminalSn": "T100",
                },
                {"batchNo": "000002", "batchTime": "yesterday"},
                "garbage",
            ]
        },
    }
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    t = new_terminal(
        "Bar", "sunbay", {"app_id": "app_1", "merchant_id": "mch_1", "terminal_sn": "T100", "channel_code": "TSYS"}
    )

    async def go():
        async with httpx.AsyncClient(transport=transport) as client:
            return await sunbay.closed_batches(client, t, KEY)

    result = run(go())
    assert result.ok and result.unreadable == 2 and result.trace_id == "abc"
    [batch] = result.items
    assert batch.total_count == 4 and batch.batch_time == datetime(2024, 5, 1, 22, tzinfo=timezone.utc)


# --- SUNBAY: terminals and merchant -------------------------------------------------------------------


def test_list_terminals_follows_pages_to_the_end(sim_server):
    sim, url = sim_server
    for n in range(250):
        sim.add(
            "sunbay",
            app_id="app_1",
            merchant_id="mch_1",
            terminal_sn=f"T{n:04d}",
            channel_code="TSYS",
            api_key=KEY,
            model="P2" if n % 2 else "P3",
        )
    sim.add(
        "sunbay", app_id="app_2", merchant_id="mch_2", terminal_sn="OTHER", channel_code="TSYS", api_key="sk_test_2"
    )
    pages = []
    result = run(
        with_client(lambda c: sunbay.list_terminals(c, "app_1", "mch_1", KEY, f"{url}/sunbay", 5, on_page=pages.append))
    )
    assert result.ok and pages == [100, 200, 250]
    assert [t.sn for t in result.items] == [f"T{n:04d}" for n in range(250)]
    first = result.items[0]
    assert (first.vendor, first.model) == ("SUNBAY", "P3")
    assert [(c.channel_code, c.channel_name) for c in first.tid_list] == [("TSYS", "TSYS")]
    assert re.fullmatch(r"[0-9]{8}", first.tid_list[0].tid)
    requests = gets(sim, sunbay.TERMINALS_PATH)
    assert len(requests) == 3 and "nextToken" not in parse_qs(requests[0].query)
    assert all("nextToken" in parse_qs(r.query) for r in requests[1:])
    assert len({r.headers["x-client-request-id"] for r in requests}) == 3


def paged_transport(pages, seen):
    """SUNBAY's terminal list from a script of (terminals, nextToken) pages: a server that repeats a token."""

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.params.get("nextToken"))
        sns, token = pages[min(len(seen) - 1, len(pages) - 1)]
        data = {
            "terminals": [
                {
                    "sn": sn,
                    "vendor": "SUNBAY",
                    "model": "P3",
                    "tidList": [{"channelCode": "TSYS", "channelName": "TSYS", "tid": "1"}],
                }
                for sn in sns
            ]
        }
        if token:
            data["nextToken"] = token
        return httpx.Response(200, json={"code": "0", "msg": "success", "traceId": f"trace{len(seen)}", "data": data})

    return httpx.MockTransport(handle)


def test_list_terminals_stops_on_a_repeated_token():
    seen: list = []
    transport = paged_transport([(["A1", "A2"], "tok1"), (["B1"], "tok2"), (["C1"], "tok1")], seen)

    async def go():
        async with httpx.AsyncClient(transport=transport) as client:
            return await sunbay.list_terminals(client, "app_1", "mch_1", KEY)

    result = run(go())
    assert seen == [None, "tok1", "tok2"]  # the repeated tok1 is not followed
    assert [t.sn for t in result.items] == ["A1", "A2", "B1", "C1"]
    assert not result.ok and "same page of terminals again" in result.error.message
    assert "4 terminals" in result.error.message and result.error.trace_id == "trace3"


def test_list_terminals_stops_at_the_page_limit(monkeypatch):
    monkeypatch.setattr(sunbay, "TERMINALS_MAX_PAGES", 3)
    counter = iter(range(100))

    def handle(request):
        n = next(counter)
        return httpx.Response(200, json={"code": "0", "traceId": "t", "data": {"terminals": [], "nextToken": f"t{n}"}})

    async def go():
        async with httpx.AsyncClient(transport=httpx.MockTransport(handle)) as client:
            return await sunbay.list_terminals(client, "app_1", "mch_1", KEY)

    result = run(go())
    assert result.items == [] and "kept sending more pages" in result.error.message


def test_list_terminals_errors(sim_server, unused_port):
    sim, url = sim_server
    sunbay_terminal(sim, url)
    wrong = run(with_client(lambda c: sunbay.list_terminals(c, "app_1", "mch_1", "sk_test_wrong", f"{url}/sunbay", 5)))
    assert wrong.error.http_status == 401 and wrong.items == []
    other = run(with_client(lambda c: sunbay.list_terminals(c, "app_1", "mch_9", KEY, f"{url}/sunbay", 5)))
    assert other.error.provider_code == "C17" and "mch_9" in other.error.message
    refused = run(
        with_client(
            lambda c: sunbay.list_terminals(c, "app_1", "mch_1", KEY, f"http://127.0.0.1:{unused_port}/sunbay", 5)
        )
    )
    assert refused.error.message.startswith("Could not connect to SUNBAY")
    with LoopbackServer(proxy_in_front(sim.app)) as proxy:
        garbage = run(with_client(lambda c: sunbay.list_terminals(c, "app_1", "mch_1", KEY, f"{proxy.url}/sunbay", 5)))
    assert "could not be read" in garbage.error.message
    with pytest.raises(ValidationError):
        run(with_client(lambda c: sunbay.list_terminals(c, "app 1", "mch_1", KEY, f"{url}/sunbay", 5)))
    with pytest.raises(ValidationError):
        run(with_client(lambda c: sunbay.list_terminals(c, "app_1", "mch_1", KEY, "http://example.com/sunbay", 5)))


def test_merchant_info(sim_server):
    sim, url = sim_server
    sunbay_terminal(sim, url)
    sim.state("sunbay").set_merchant_info("app_1", "mch_1", dbaName="Café Rosa")
    info = run(with_client(lambda c: sunbay.merchant_info(c, "app_1", "mch_1", KEY, f"{url}/sunbay", 5)))
    assert info.error is None and info.dba_name == "Café Rosa"
    assert info.address == "1 Market Street, Suite 100, 95113 San Jose, California, USA"
    wrong = run(with_client(lambda c: sunbay.merchant_info(c, "app_1", "mch_1", "sk_test_wrong", f"{url}/sunbay", 5)))
    assert wrong.error.http_status == 401 and wrong.dba_name is None


# --- Saferpay: Management API terminal list ---------------------------------------------------------


def saferpay_accounts(sim):
    sim.add("saferpay", "401234", "12345678", "API_401234_1", SP_PASSWORD, description="Online shop")
    sim.add("saferpay", "401234", "12345679", "API_401234_1", SP_PASSWORD, terminal_type="MPO", description="Phone")
    sim.add("saferpay", "409999", "87654321", "API_409999_1", "other-pw")


def test_saferpay_list_terminals(sim_server):
    sim, url = sim_server
    saferpay_accounts(sim)

    async def twice(client):
        return [
            await saferpay.list_terminals(
                client, "401234", "API_401234_1", SP_PASSWORD, "test", f"{url}/saferpay/api", 5
            )
            for _ in range(2)
        ]

    result, _ = run(with_client(twice))
    assert result.ok and result.unreadable == 0
    assert [(t.terminal_id, t.type, t.description) for t in result.items] == [
        ("12345678", "ECOM", "Online shop"),
        ("12345679", "MPO", "Phone"),
    ]
    requests = gets(sim, "/rest/customers/401234/terminals")
    assert len(requests) == 2
    assert requests[0].headers["saferpay-apiversion"] == saferpay.MANAGEMENT_API_VERSION == "1.14"
    assert requests[0].headers["authorization"].startswith("Basic ")
    assert requests[0].headers["accept"] == "application/json"
    assert uuid.UUID(requests[0].headers["saferpay-requestid"])
    assert requests[0].headers["saferpay-requestid"] != requests[1].headers["saferpay-requestid"]


def test_saferpay_list_terminals_errors(sim_server, unused_port):
    sim, url = sim_server
    saferpay_accounts(sim)
    base = f"{url}/saferpay/api"

    async def query(client, customer="401234", user="API_401234_1", password=SP_PASSWORD, base_url=base):
        return await saferpay.list_terminals(client, customer, user, password, "test", base_url, 5)

    wrong = run(with_client(lambda c: query(c, password="wrong-pw")))
    assert wrong.error.provider_code == "AUTHENTICATION_FAILED" and wrong.error.http_status == 401
    assert (
        "did not accept the JSON API user or password" in wrong.error.message and "wrong-pw" not in wrong.error.message
    )
    other = run(with_client(lambda c: query(c, customer="409999")))
    assert other.error.provider_code == "PERMISSION_DENIED" and other.items == []
    refused = run(with_client(lambda c: query(c, base_url=f"http://127.0.0.1:{unused_port}/api")))
    assert refused.error.message.startswith("Could not connect to Saferpay")
    with LoopbackServer(proxy_in_front(sim.app, status=200)) as proxy:
        html = run(with_client(lambda c: query(c, base_url=f"{proxy.url}/saferpay/api")))
    assert "could not be read" in html.error.message
    with LoopbackServer(proxy_in_front(sim.app, b"", "text/plain", 403)) as proxy:
        firewall = run(with_client(lambda c: query(c, base_url=f"{proxy.url}/saferpay/api")))
    assert firewall.error.http_status == 403 and "firewall" in firewall.error.message
    sim.clear_requests()
    for bad in ({"customer": "12345678901"}, {"user": "a:b"}, {"password": ""}, {"base_url": "ftp://x"}):
        with pytest.raises(ValidationError):
            run(with_client(lambda c, bad=bad: query(c, **bad)))
    assert sim.requests == []


def test_saferpay_list_terminals_skips_entries_without_id():
    body = {"Terminals": [{"TerminalId": "12345678", "Type": "ECOM"}, {"Type": "SPG"}, 7]}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))

    async def go():
        async with httpx.AsyncClient(transport=transport) as client:
            return await saferpay.list_terminals(client, "401234", "API_401234_1", SP_PASSWORD, "live")

    result = run(go())
    assert [t.terminal_id for t in result.items] == ["12345678"] and result.unreadable == 2
    assert result.items[0].description is None


# --- Check with the provider (lookup) ----------------------------------------------------------------

ONE_TRY = RetryPolicy(concurrency=4, timeout=5.0, max_attempts=1, backoff_base=0.01, jitter=0.0)


@pytest.fixture
def in_doubt(sim_server, home):
    """A SUNBAY close left in doubt by the real engine after a fault: (sim, terminal, history row)."""
    sim, url = sim_server
    history = History(home.db_path, home.lock_dir)
    secrets = MemoryStore()

    def make(fault, serial="T100"):
        t = sunbay_terminal(sim, url, serial, open_batch={"transactionCount": 4, "netAmount": 9900})
        history.add_terminal(t)
        secrets.set(t.id, KEY)
        sim.script(serial, [fault])

        async def go():
            async with make_client() as client:
                engine = CloseEngine(history, secrets, client, lock_dir=home.lock_dir, policy=ONE_TRY, seed=1)
                try:
                    return await engine.close([t])
                finally:
                    engine.shutdown()

        [outcome] = asyncio.run(go())
        assert outcome.outcome == "in_doubt", outcome.message
        [row] = history.in_doubt(t.id)
        return t, row

    yield sim, make
    history.close()


def check(t, row, key=KEY):
    """ "Check with the provider" as the window and the CLI ask it: through the provider's contract."""
    return run(with_client(lambda c: lookup.check_close(c, t, key, row, timeout=5)))


def test_lookup_finds_a_close_whose_answer_was_lost(in_doubt):
    sim, make = in_doubt
    t, row = make(Fault.lost_after())
    [record] = sim.closes("T100")
    result = check(t, row)
    assert result.verdict == "closed", result.explanation
    assert result.batch.batch_no == record.batch["batchNo"] and result.batch.total_count == 4
    assert result.explanation.startswith("Probably closed") and "terminal T100, channel TSYS" in result.explanation
    assert "does not name the request" in result.explanation and result.trace_id
    query = parse_qs(gets(sim, sunbay.CLOSE_LIST_PATH)[0].query)
    assert query["channelCode"] == ["TSYS"] and query["terminalSn"] == ["T100"]
    start, end = (datetime.fromisoformat(query[k][0]) for k in ("startTime", "endTime"))
    assert start <= row.started_at - timedelta(minutes=2) + timedelta(seconds=1) and end >= row.started_at


def test_lookup_not_found_when_nothing_was_closed(in_doubt):
    sim, make = in_doubt
    t, row = make(Fault.drop_before())
    assert sim.close_count("T100") == 0
    result = check(t, row)
    assert result.verdict == "not_found" and result.batch is None
    assert "most likely did not go through" in result.explanation and "check again later" in result.explanation


def test_lookup_ignores_a_batch_closed_long_after(in_doubt):
    sim, make = in_doubt
    t, row = make(Fault.lost_after())
    earlier = dataclasses.replace(row, started_at=row.started_at - timedelta(hours=2))
    result = check(t, earlier)
    assert result.verdict == "not_found"
    assert "check again later" not in result.explanation  # the whole window is in the past


def test_lookup_unknown_when_sunbay_cannot_be_asked(in_doubt):
    sim, make = in_doubt
    t, row = make(Fault.lost_after())
    result = check(t, row, key="sk_test_wrong")
    assert result.verdict == "unknown" and result.batch is None
    assert result.explanation.startswith("Could not ask SUNBAY") and "API key" in result.explanation


def test_lookup_unconfirmed_status_is_unknown(in_doubt):
    sim, make = in_doubt
    t, row = make(Fault.drop_before())
    when = row.started_at + timedelta(minutes=1)
    body = {
        "code": "0",
        "traceId": "t",
        "data": {
            "batchCloseList": [
                {
                    "batchNo": "000009",
                    "batchStatus": "F",
                    "batchTime": when.isoformat(),
                    "totalCount": 1,
                    "netAmount": 1,
                    "channelCode": "TSYS",
                    "terminalSn": "T100",
                },
                {
                    "batchNo": "000010",
                    "batchStatus": "S",
                    "batchTime": when.isoformat(),
                    "totalCount": 1,
                    "netAmount": 1,
                    "channelCode": "OTHER",
                    "terminalSn": "T100",
                },
            ]
        },
    }
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))

    async def go():
        async with httpx.AsyncClient(transport=transport) as client:
            return await sunbay.look_up_close(client, t, KEY, row.started_at, now=row.started_at + timedelta(hours=1))

    result = run(go())
    assert result.verdict == "unknown" and result.batch.batch_no == "000009" and "'F'" in result.explanation


def test_check_close_dispatches_and_saferpay_instructions():
    sp = new_terminal(
        "Counter",
        "saferpay",
        {"customer_id": "401234", "terminal_id": "12345678", "username": "API_401234_1", "environment": "live"},
    )
    text = providers.get("saferpay").by_hand_instructions(sp)
    assert "live Saferpay Backoffice" in text and "Terminals → 12345678 → the batch close journal" in text
    row = SimpleNamespace(request=None, started_at=datetime.now(timezone.utc))
    result = run(lookup.check_close(None, sp, SP_PASSWORD, row))  # nothing is sent: Saferpay cannot be asked
    assert result.verdict == "unknown" and result.explanation == text


def test_describe_open_batch_per_currency_and_channel():
    preview = sunbay.OpenBatchResult(
        "T100",
        "TSYS",
        [
            sunbay.OpenBatchLine("000001", "TSYS", "JPY", 2, 1500),
            sunbay.OpenBatchLine("000001", None, "USD", 1, -250),
            sunbay.OpenBatchLine("000002", "FISERV", "USD", 9, 99999),
        ],
    )
    assert not preview.empty and preview.count == 3
    assert lookup.describe_open_batch(preview) == "3 transactions, net 1,500 JPY, -2.50 USD."
    zero = sunbay.OpenBatchResult("T100", "TSYS", [sunbay.OpenBatchLine("000001", "TSYS", "USD", 0, 0)])
    assert zero.empty and lookup.describe_open_batch(zero) == lookup.NOTHING_TO_CLOSE


def test_a_provider_that_cannot_be_asked_says_where_to_look_and_an_unknown_one_says_update():
    from app.core.providers.contract import Capability, LostClose
    from app.core.providers.handpoint import HandpointProvider

    class ByHand(HandpointProvider):  # no summary to ask, nothing safe to re-send
        NAME = "byhand"
        LABEL = "Byhand Pay"
        LOST_CLOSE = LostClose.BY_HAND
        CAPABILITIES = HandpointProvider.CAPABILITIES - {Capability.CHECK_CLOSE}

    provider = ByHand()
    t = Terminal(7, "Till", "byhand", {"device_type": "PAX", "serial_number": "1", "environment": "test"})
    row = SimpleNamespace(request=None, started_at=datetime.now(timezone.utc))
    result = run(provider.look_up_close(None, t, "k", None, started_at=row.started_at, timeout=5))
    assert result.verdict == "unknown" and result.batch is None
    assert "cannot ask Byhand Pay about this close" in result.explanation and "Retry safely" not in result.explanation
    assert "'Retry safely' re-sends" in providers.Provider.by_hand_instructions(providers.get("sunbay"), t)
    gone = Terminal(8, "Old", "acme-2030", {})
    unknown = run(lookup.check_close(None, gone, "k", row))
    assert unknown.verdict == "unknown" and "does not know" in unknown.explanation
