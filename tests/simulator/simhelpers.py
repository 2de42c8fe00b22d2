"""Helpers shared by the simulator tests: account constants and the ``Env`` request driver."""

from __future__ import annotations

import asyncio
import base64
import ssl
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, TypeVar

import httpx

from app.simulator import Simulator, simulator_transport

T = TypeVar("T")

# Building an SSL context costs ~20 ms per httpx client; every test client shares this one.
SSL_CONTEXT = ssl.create_default_context()

SAFERPAY = {
    "customer_id": "401234",
    "terminal_id": "12345678",
    "username": "API_401234_12345678",
    "password": "secret-pw",
}
SAFERPAY_OTHER = {
    "customer_id": "409999",
    "terminal_id": "87654321",
    "username": "API_409999_87654321",
    "password": "other-pw",
}
SUNBAY = {
    "app_id": "app_123456",
    "merchant_id": "mch_789012",
    "terminal_sn": "T1234567890",
    "channel_code": "TSYS",
    "api_key": "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
}
SUNBAY_OTHER = {
    "app_id": "app_654321",
    "merchant_id": "mch_210987",
    "terminal_sn": "T9999999999",
    "channel_code": "FISERV",
    "api_key": "sk_test_other",
}


def run(coro: Awaitable[T]) -> T:
    return asyncio.run(coro)  # type: ignore[arg-type]


def make_simulator(**kwargs: Any) -> Simulator:
    sim = Simulator(seed=kwargs.pop("seed", 7), **kwargs)
    sim.add("saferpay", **SAFERPAY)
    sim.add("saferpay", **SAFERPAY_OTHER)
    sim.add("sunbay", **SUNBAY)
    sim.add("sunbay", **SUNBAY_OTHER)
    return sim


class Switch:
    """An ASGI app that forwards to whichever simulator the current test uses."""

    def __init__(self) -> None:
        self.target: Any = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await self.target(scope, receive, send)


@dataclass
class Env:
    sim: Simulator
    mode: str  # "loopback" | "in_process"
    root: str
    timeout: float = 5.0
    last_sunbay_request_id: str = field(default="", init=False)

    # --- clients ---------------------------------------------------------------------------

    def client(self, **kwargs: Any) -> httpx.AsyncClient:
        kwargs.setdefault("timeout", self.timeout)
        kwargs.setdefault("verify", SSL_CONTEXT)
        if self.mode == "in_process":
            kwargs.setdefault("transport", simulator_transport(self.sim))
        return httpx.AsyncClient(**kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        timeout = kwargs.pop("timeout", self.timeout)

        async def go() -> httpx.Response:
            async with self.client(timeout=timeout) as client:
                async with asyncio.timeout(timeout):  # ASGITransport ignores httpx timeouts
                    return await client.request(method, url, **kwargs)

        return run(go())

    def gather(self, requests: list[Callable[[httpx.AsyncClient], Awaitable[T]]], **client_kwargs: Any) -> list[T]:
        async def go() -> list[T]:
            async with self.client(**client_kwargs) as client:
                return await asyncio.gather(*(make(client) for make in requests))

        return run(go())

    # --- Saferpay ------------------------------------------------------------------------------

    @property
    def saferpay_close_url(self) -> str:
        return self.sim.base("saferpay", self.root) + "/Payment/v1/Batch/Close"

    @staticmethod
    def saferpay_body(
        request_id: str = "req-1",
        retry: int = 0,
        terminal_id: str = SAFERPAY["terminal_id"],
        customer_id: str = SAFERPAY["customer_id"],
        spec: str = "1.53",
    ) -> dict[str, Any]:
        return {
            "RequestHeader": {
                "SpecVersion": spec,
                "CustomerId": customer_id,
                "RequestId": request_id,
                "RetryIndicator": retry,
                "ClientInfo": {"ShopInfo": "Closeout 0.1", "OsInfo": "Linux"},
            },
            "TerminalId": terminal_id,
        }

    @staticmethod
    def saferpay_headers(
        username: str = SAFERPAY["username"], password: str = SAFERPAY["password"], **extra: str
    ) -> dict[str, str]:
        token = base64.b64encode(f"{username}:{password}".encode()).decode()
        headers = {
            "Authorization": f"Basic {token}",
            "Content-Type": "application/json; charset=utf-8",
            "Accept": "application/json",
        }
        headers.update(extra)
        return {k: v for k, v in headers.items() if v is not None}

    def saferpay_close(self, body: Any = None, headers: dict[str, str] | None = None, **kwargs: Any) -> httpx.Response:
        body = self.saferpay_body() if body is None else body
        content = body if isinstance(body, bytes) else httpx.Request("POST", "/", json=body).content
        return self.request(
            "POST",
            self.saferpay_close_url,
            content=content,
            headers=self.saferpay_headers() if headers is None else headers,
            **kwargs,
        )

    # --- SUNBAY ----------------------------------------------------------------------------

    def sunbay_url(self, path: str) -> str:
        return self.sim.base("sunbay", self.root) + path

    @staticmethod
    def sunbay_body(transaction_request_id: str = "BATCH_CLOSE_1", **overrides: Any) -> dict[str, Any]:
        body = {
            "appId": SUNBAY["app_id"],
            "merchantId": SUNBAY["merchant_id"],
            "transactionRequestId": transaction_request_id,
            "terminalSn": SUNBAY["terminal_sn"],
            "channelCode": SUNBAY["channel_code"],
            "description": "End of business day, close batch",
        }
        body.update(overrides)
        return {k: v for k, v in body.items() if v is not None}

    def sunbay_headers(
        self,
        api_key: str = SUNBAY["api_key"],
        *,
        timestamp_ms: int | None = None,
        request_id: str | None = None,
        post: bool = True,
        **extra: str | None,
    ) -> dict[str, str]:
        self.last_sunbay_request_id = request_id or str(uuid.uuid4())
        headers: dict[str, str | None] = {
            "Authorization": f"Bearer {api_key}",
            "X-Client-Request-Id": self.last_sunbay_request_id,
            "X-Timestamp": str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000)),
        }
        if post:
            headers["Content-Type"] = "application/json"
        headers.update(extra)
        return {k: v for k, v in headers.items() if v is not None}

    def sunbay_close(self, body: Any = None, headers: dict[str, str] | None = None, **kwargs: Any) -> httpx.Response:
        body = self.sunbay_body() if body is None else body
        content = body if isinstance(body, bytes) else httpx.Request("POST", "/", json=body).content
        return self.request(
            "POST",
            self.sunbay_url("/v1/settlement/batch-close"),
            content=content,
            headers=self.sunbay_headers() if headers is None else headers,
            **kwargs,
        )

    def sunbay_get(
        self, path: str, params: dict[str, str] | None = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        query = {"appId": SUNBAY["app_id"], "merchantId": SUNBAY["merchant_id"]}
        query.update(params or {})
        return self.request(
            "GET",
            self.sunbay_url(path),
            params={k: v for k, v in query.items() if v is not None},
            headers=self.sunbay_headers(post=False) if headers is None else headers,
        )
