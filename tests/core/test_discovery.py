"""Terminal discovery over a real loopback socket against the simulator."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from app.core import discovery
from app.core.http import make_client
from app.core.terminals import new_terminal
from app.core.validation import ValidationError

KEY = "sk_test_discovery"
PASSWORD = "sp-secret-pw"


def discover(provider, settings, secret, existing=(), transport=None):
    async def go():
        async with make_client() if transport is None else httpx.AsyncClient(transport=transport) as client:
            return await discovery.discover(client, provider, settings, secret, existing=existing, timeout=5)

    return asyncio.run(go())


@pytest.fixture
def saferpay_account(sim_server):
    sim, url = sim_server
    sim.add("saferpay", "401234", "12345678", "API_401234_1", PASSWORD, description="Online shop")
    sim.add("saferpay", "401234", "12345679", "API_401234_1", PASSWORD, terminal_type="MPO", description="Phone orders")
    sim.add("saferpay", "401234", "12345680", "API_401234_1", PASSWORD, description="")
    shared = {
        "customer_id": "401234",
        "username": "API_401234_1",
        "environment": "test",
        "base_url": f"{url}/saferpay/api",
    }
    return sim, shared


@pytest.fixture
def sunbay_account(sim_server):
    sim, url = sim_server
    for sn, model in (("T100", "P3"), ("T200", "P2")):
        sim.add(
            "sunbay", app_id="app_1", merchant_id="mch_1", terminal_sn=sn, channel_code="TSYS", api_key=KEY, model=model
        )
    shared = {"app_id": "app_1", "merchant_id": "mch_1", "base_url": f"{url}/sunbay"}
    return sim, shared


def test_saferpay_discovery_marks_configured_terminals(saferpay_account):
    sim, shared = saferpay_account
    existing = [new_terminal("Online shop", "saferpay", {**shared, "terminal_id": "12345678"})]
    result = discover("saferpay", shared, PASSWORD, existing)
    assert result.ok and [t.label for t in result.terminals] == ["12345678", "12345679", "12345680"]
    done, phone, plain = result.terminals
    assert done.already_configured and done.configured_as == "Online shop" and not done.can_add
    assert phone.can_add and phone.name == "Phone orders" and phone.detail == "MPO · Phone orders"
    assert plain.name == "Saferpay 12345680" and plain.detail == "ECOM"
    assert phone.settings == {
        "customer_id": "401234",
        "terminal_id": "12345679",
        "username": "API_401234_1",
        "environment": "test",
        "base_url": shared["base_url"],
    }
    # Ready for new_terminal as is.
    t = new_terminal(phone.name, phone.provider, phone.settings)
    assert t.settings == phone.settings


def test_suggested_names_avoid_existing_ones(saferpay_account):
    sim, shared = saferpay_account
    existing = [
        new_terminal(
            "phone orders", "sunbay", {"app_id": "a", "merchant_id": "m", "terminal_sn": "X", "channel_code": "TSYS"}
        )
    ]
    result = discover("saferpay", shared, PASSWORD, existing)
    assert [t.name for t in result.terminals] == ["Online shop", "Phone orders (2)", "Saferpay 12345680"]


def test_saferpay_discovery_errors(saferpay_account, unused_port):
    sim, shared = saferpay_account
    wrong = discover("saferpay", shared, "wrong-password")
    assert not wrong.ok and wrong.terminals == [] and "AUTHENTICATION_FAILED" in wrong.error
    refused = discover("saferpay", {**shared, "base_url": f"http://127.0.0.1:{unused_port}/api"}, PASSWORD)
    assert refused.error.startswith("Could not connect to Saferpay")
    sim.clear_requests()
    with pytest.raises(ValidationError) as caught:
        discover("saferpay", {**shared, "customer_id": "12x"}, PASSWORD)
    assert caught.value.field == "customer_id"
    with pytest.raises(ValidationError):
        discover("saferpay", {**shared, "username": ""}, PASSWORD)
    with pytest.raises(ValidationError):
        discover("saferpay", shared, "")
    assert sim.requests == []


def test_sunbay_discovery_marks_configured_terminals(sunbay_account):
    sim, shared = sunbay_account
    existing = [new_terminal("Bar", "sunbay", {**shared, "terminal_sn": "T100", "channel_code": "TSYS"})]
    result = discover("sunbay", shared, KEY, existing)
    assert result.ok and result.trace_id
    assert [(t.label, t.name, t.already_configured) for t in result.terminals] == [
        ("T100 · TSYS", "SUNBAY P3 T100", True),
        ("T200 · TSYS", "SUNBAY P2 T200", False),
    ]
    assert result.terminals[0].configured_as == "Bar"
    new = result.terminals[1]
    assert new.settings == {
        "app_id": "app_1",
        "merchant_id": "mch_1",
        "terminal_sn": "T200",
        "channel_code": "TSYS",
        "base_url": shared["base_url"],
    }
    assert new.detail.startswith("SUNBAY P2 · TSYS · TID ")


def test_sunbay_terminal_with_several_channels_gives_one_entry_per_channel():
    data = {
        "terminals": [
            {
                "sn": "T1",
                "vendor": "SUNBAY",
                "model": "P3",
                "tidList": [
                    {"channelCode": "TSYS", "channelName": "TSYS Sierra", "tid": "11"},
                    {"channelCode": "FISERV", "channelName": "Fiserv", "tid": "12"},
                    {"channelCode": "TSYS", "channelName": "TSYS Sierra", "tid": "11"},
                ],
            },
            {"sn": "T2", "vendor": None, "model": None, "tidList": []},
            {"sn": "T" * 40, "model": "P3", "tidList": [{"channelCode": "TSYS"}]},
        ]
    }
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json={"code": "0", "traceId": "x", "data": data}))
    existing = [
        new_terminal(
            "Fiserv bar",
            "sunbay",
            {"app_id": "other_app", "merchant_id": "mch_1", "terminal_sn": "T1", "channel_code": "FISERV"},
        )
    ]
    result = discover("sunbay", {"app_id": "app_1", "merchant_id": "mch_1"}, KEY, existing, transport)
    tsys, fiserv, no_channel, too_long = result.terminals
    assert (tsys.label, tsys.name, tsys.can_add) == ("T1 · TSYS", "SUNBAY P3 T1 TSYS Sierra", True)
    assert tsys.settings["channel_code"] == "TSYS" and tsys.detail == "SUNBAY P3 · TSYS Sierra · TID 11"
    # The same terminal and channel under another app id is still the same batch: not added twice.
    assert fiserv.already_configured and fiserv.configured_as == "Fiserv bar"
    assert no_channel.problem and "no payment channel" in no_channel.problem and not no_channel.can_add
    assert too_long.problem and "terminal_sn" in too_long.problem


def test_sunbay_discovery_errors(sunbay_account, unused_port):
    sim, shared = sunbay_account
    wrong = discover("sunbay", shared, "sk_test_wrong")
    assert "did not accept the API key" in wrong.error and wrong.terminals == []
    refused = discover("sunbay", {**shared, "base_url": f"http://127.0.0.1:{unused_port}"}, KEY)
    assert refused.error.startswith("Could not connect to SUNBAY")
    with pytest.raises(ValidationError):
        discover("sunbay", {**shared, "merchant_id": ""}, KEY)
    with pytest.raises(ValidationError):
        discover("sunbay", {**shared, "environment": "staging"}, KEY)


def test_shared_fields_leave_out_the_per_terminal_ones():
    assert [f.key for f in discovery.shared_fields("saferpay")] == [
        "customer_id",
        "username",
        "environment",
        "base_url",
        "spec_version",
    ]
    assert [f.key for f in discovery.shared_fields("sunbay")] == ["app_id", "merchant_id", "environment", "base_url"]
    assert discovery.validate_shared("saferpay", {"customer_id": " 401234 ", "username": "u"}) == {
        "customer_id": "401234",
        "username": "u",
        "environment": "test",
    }
