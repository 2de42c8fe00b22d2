"""The loopback server, concurrency, thread safety, the request log, the clock and ``python -m``."""

from __future__ import annotations

import asyncio
import email.utils
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from simhelpers import SAFERPAY, SSL_CONTEXT, SUNBAY, Env, make_simulator, run

from app.simulator import Fault, LoopbackServer, SimulatedDisconnect, Simulator

REPO = Path(__file__).resolve().parents[2]


def test_loopback_server_starts_and_stops_cleanly() -> None:
    # How fast it starts and stops is a figure for benches/, not an assertion here.
    sim = make_simulator()
    server = LoopbackServer(sim.app).start()
    url = server.url
    try:
        assert url.startswith("http://127.0.0.1:") and server.port > 0
        response = httpx.get(url + "/nowhere", verify=SSL_CONTEXT)
        assert response.status_code == 404 and "date" in response.headers
        assert "server" not in response.headers
    finally:
        server.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/nowhere", verify=SSL_CONTEXT)
    with pytest.raises(RuntimeError):
        server.url  # noqa: B018


def test_stop_does_not_wait_for_a_stalled_request() -> None:
    sim = make_simulator()
    # Stalled for ten minutes, far beyond the test's own timeout: stop() returning at all shows it did not wait.
    sim.script(SAFERPAY["terminal_id"], [Fault.slow(600)])
    errors: list[BaseException] = []
    with LoopbackServer(sim.app, graceful_timeout=0.2) as server:
        env = Env(sim, "loopback", server.url, timeout=10)

        def stalled() -> None:
            try:
                env.saferpay_close()
            except BaseException as exc:  # noqa: BLE001 - recorded for the assertion below
                errors.append(exc)

        thread = threading.Thread(target=stalled)
        thread.start()
        while not sim.requests:
            time.sleep(0.01)
    thread.join(30)
    assert not thread.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], httpx.TransportError)


def test_concurrent_requests_overlap(env: Env) -> None:
    env.sim.set_latency(SAFERPAY["terminal_id"], 0.2)

    async def one(client: httpx.AsyncClient, n: int) -> int:
        body = env.saferpay_body(request_id=f"parallel-{n}")
        response = await client.post(env.saferpay_close_url, json=body, headers=env.saferpay_headers())
        return response.status_code

    started = time.monotonic()
    statuses = env.gather([lambda c, n=n: one(c, n) for n in range(16)])
    elapsed = time.monotonic() - started

    assert statuses == [200] * 16
    assert elapsed >= 0.2  # each answer waited for its latency
    assert env.sim.close_count(SAFERPAY["terminal_id"]) == 16
    assert env.sim.max_in_flight(SAFERPAY["terminal_id"]) == 16  # a client breaking "one at a time" shows


def test_two_hundred_connections_at_once_over_loopback(loopback: tuple) -> None:
    # Plain sockets, all opened at once: this checks the server, not httpx's connection pool
    # (which itself needs over a second to open 200 connections).
    server, switch = loopback
    sim = Simulator(seed=1)
    for n in range(200):
        sim.add("sunbay", SUNBAY["app_id"], SUNBAY["merchant_id"], f"T{n:010d}", "TSYS", SUNBAY["api_key"], latency=3.0)
    first_answer: list[float] = []
    switch.target = sim.app
    env = Env(sim, "loopback", server.url)

    async def one(n: int) -> bytes:
        body = json.dumps(env.sunbay_body(f"CLOSE_{n}", terminalSn=f"T{n:010d}")).encode()
        head = "".join(f"{name}: {value}\r\n" for name, value in env.sunbay_headers().items())
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(
            f"POST /sunbay/v1/settlement/batch-close HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n{head}\r\n".encode()
            + body
        )
        answer = await reader.read()
        first_answer.append(time.time())
        writer.close()
        return answer

    async def all_at_once() -> list[bytes]:
        return await asyncio.gather(*(one(n) for n in range(200)))

    answers = run(all_at_once())

    assert all(a.startswith(b"HTTP/1.1 200 ") and b'"code":"0"' in a for a in answers)
    # All 200 were in the server at once: the last one arrived before the first answer left (3 s latency).
    assert max(r.received_at for r in sim.requests) < min(first_answer)
    assert sim.total_closes() == 200 and all(sim.close_count(f"T{n:010d}") == 1 for n in range(200))


def test_state_is_readable_from_another_thread_while_serving(env: Env) -> None:
    env.sim.set_latency(SUNBAY["terminal_sn"], 0.02)
    done = threading.Event()

    def serve_fifty() -> None:
        async def one(client: httpx.AsyncClient, n: int) -> None:
            await client.post(
                env.sunbay_url("/v1/settlement/batch-close"),
                json=env.sunbay_body(f"T_{n}"),
                headers=env.sunbay_headers(),
            )

        env.gather([lambda c, n=n: one(c, n) for n in range(50)])
        done.set()

    thread = threading.Thread(target=serve_fifty)
    thread.start()
    seen = []
    while not done.is_set():
        seen.append((env.sim.total_closes(), len(env.sim.requests), len(env.sim.closes(SUNBAY["terminal_sn"]))))
        time.sleep(0.001)
    thread.join()
    assert seen == sorted(seen)  # counts only grow, and are consistent snapshots
    assert env.sim.total_closes() == 50 and len(env.sim.requests) == 50


def test_requests_are_recorded_as_sent(env: Env) -> None:
    body = env.saferpay_body(request_id="wire-1")
    sent = httpx.Request("POST", "/", json=body).content
    env.saferpay_close(body, headers=env.saferpay_headers(**{"X-Extra": "1"}))

    [recorded] = env.sim.requests
    assert (recorded.method, recorded.path, recorded.query) == ("POST", "/saferpay/api/Payment/v1/Batch/Close", "")
    assert recorded.body == sent and recorded.json == body
    assert recorded.headers["content-type"] == "application/json; charset=utf-8"
    assert recorded.headers["authorization"].startswith("Basic ") and recorded.headers["x-extra"] == "1"
    assert all(name == name.lower() for name in recorded.headers)
    assert abs(recorded.received_at - time.time()) < 5

    env.sunbay_get("/v1/merchant/query")
    assert env.sim.requests[-1].query.startswith("appId=") and env.sim.requests[-1].json is None
    env.sim.clear_requests()
    assert env.sim.requests == []


def test_date_header_follows_the_simulated_clock(inproc: Env) -> None:
    sim = make_simulator(clock=lambda: 1_700_000_000.0)
    sim.clock_offset = 30
    env = Env(sim, "in_process", inproc.root)
    for response in (env.saferpay_close(), env.request("GET", env.root + "/nowhere")):
        assert response.headers["date"] == email.utils.formatdate(1_700_000_030, usegmt=True)


def test_plain_asgi_transport_surfaces_the_simulated_disconnect() -> None:
    sim = make_simulator()
    sim.script(SAFERPAY["terminal_id"], [Fault.drop_before()])
    env = Env(sim, "in_process", "http://simulator.localhost")

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app)) as client:
            await client.post(env.saferpay_close_url, json=env.saferpay_body(), headers=env.saferpay_headers())

    with pytest.raises(SimulatedDisconnect):  # use simulator_transport() to get httpx errors
        run(go())


def test_python_m_app_simulator_serves_the_demo_accounts() -> None:
    from app.simulator.demo import SAFERPAY_TERMINALS, SUNBAY_TERMINALS

    process = subprocess.Popen(
        [sys.executable, "-m", "app.simulator", "--port", "0", "--latency", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(1 + 1 + len(SAFERPAY_TERMINALS) + 1)]
        saferpay_base = lines[1].split()[-1]
        sunbay_base = lines[2 + len(SAFERPAY_TERMINALS)].split()[-1]
        assert saferpay_base.endswith("/saferpay/api") and sunbay_base.endswith("/sunbay")

        demo = SAFERPAY_TERMINALS[0]
        body = Env.saferpay_body(customer_id=demo.customer_id, terminal_id=demo.terminal_id)
        response = httpx.post(
            saferpay_base + "/Payment/v1/Batch/Close",
            json=body,
            verify=SSL_CONTEXT,
            headers=Env.saferpay_headers(demo.username, demo.password),
        )
        assert response.status_code == 200

        s = SUNBAY_TERMINALS[0]
        sim_env = Env(make_simulator(), "loopback", "")
        response = httpx.get(
            sunbay_base + "/v1/settlement/batch-query",
            verify=SSL_CONTEXT,
            params={"appId": s.app_id, "merchantId": s.merchant_id, "terminalSn": s.terminal_sn},
            headers=sim_env.sunbay_headers(s.api_key, post=False),
        )
        assert response.json()["code"] == "0" and response.json()["data"]["batchList"]
    finally:
        process.terminate()
        process.wait(5)
        assert process.stderr is not None
        process.stderr.close()
        process.stdout.close()
