"""The demo shop: simulated terminals of the three providers, some of which misbehave on purpose.

Used by ``closeout --demo``, ``closeout self-test`` and the benches. Secrets live in memory;
the HTTP client talks to the simulator in-process, so nothing leaves the PC.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from app.core import home as home_mod
from app.core.engine import RetryPolicy
from app.core.history import History
from app.core.workspace import Workspace
from app.core.providers.base import Terminal
from app.core.secrets import MemoryStore, SecretStore
from app.core.terminals import new_terminal
from app.simulator import Fault, Simulator, simulator_transport

DEMO_ROOT = "http://localhost"  # the in-process transport never connects; plain http passes only for localhost


@dataclass
class DemoTerminal:
    name: str
    provider: str
    settings: dict[str, str]
    secret: str
    key: str  # simulator key: Saferpay terminal id or SUNBAY serial
    latency: float
    faults: list[Fault]
    expected: str  # outcome the self-test expects on a first "close all"
    story: str  # what this terminal shows in the demo
    account: dict[str, Any] = field(default_factory=dict)  # the simulator's add_terminal arguments for it


def demo_terminals(root: str = DEMO_ROOT) -> list[DemoTerminal]:
    saferpay = f"{root}/saferpay/api"
    sunbay = f"{root}/sunbay"

    def sp(name, terminal_id, env, latency, faults, expected, story):
        return DemoTerminal(
            name,
            "saferpay",
            {
                "customer_id": "401234",
                "terminal_id": terminal_id,
                "username": "API_401234_DEMO",
                "environment": env,
                "base_url": saferpay,
            },
            "demo-password",
            terminal_id,
            latency,
            faults,
            expected,
            story,
            {
                "customer_id": "401234",
                "terminal_id": terminal_id,
                "username": "API_401234_DEMO",
                "password": "demo-password",
            },
        )

    def hp(name, serial, batch, latency, faults, expected, story):
        return DemoTerminal(
            name,
            "handpoint",
            {
                "device_type": "PAXA920PRO",
                "serial_number": serial,
                "environment": "test",
                "currency": "USD",
                "batch_number": batch,
                "base_url": f"{root}/handpoint",
            },
            "hp_demo_cloud_key",
            serial,
            latency,
            faults,
            expected,
            story,
            {
                "device_type": "PAXA920PRO",
                "serial_number": serial,
                "api_key": "hp_demo_cloud_key",
                "open_batch": batch,
                "transactions": 0 if expected == "skipped" else 5,
            },
        )

    def sb(name, serial, latency, faults, expected, story):
        return DemoTerminal(
            name,
            "sunbay",
            {
                "app_id": "app_demo",
                "merchant_id": "mch_demo",
                "terminal_sn": serial,
                "channel_code": "TSYS",
                "environment": "test",
                "base_url": sunbay,
            },
            "sk_test_demo_key",
            serial,
            latency,
            faults,
            expected,
            story,
            {
                "app_id": "app_demo",
                "merchant_id": "mch_demo",
                "terminal_sn": serial,
                "channel_code": "TSYS",
                "api_key": "sk_test_demo_key",
            },
        )

    return [
        sp("Counter 1", "17000001", "live", 1.4, [], "closed", "closes normally"),
        sp(
            "Counter 2",
            "17000002",
            "test",
            1.0,
            [Fault.http(503)],
            "closed",
            "the provider is briefly unavailable: one retry, then closed",
        ),
        sb(
            "Terrace",
            "T7000000003",
            1.8,
            [Fault.lost_after()],
            "closed",
            "the answer is lost after the close happened: the retry with the same id confirms it, one close",
        ),
        sb(
            "Bar",
            "T7000000004",
            1.2,
            [Fault.sunbay_code("T05", "Terminal is offline, turn it on and retry")],
            "failed",
            "SUNBAY refuses: the terminal is offline",
        ),
        sp(
            "Webshop",
            "17000005",
            "live",
            0.8,
            [Fault.saferpay_error(403, "PERMISSION_DENIED", "DO_NOT_RETRY", "Terminal not assigned to this customer")],
            "failed",
            "Saferpay refuses for good: wrong terminal for this customer",
        ),
        sp(
            "Kiosk",
            "17000006",
            "test",
            1.6,
            [Fault.lost_after()] * 3,
            "in_doubt",
            "every answer is lost: the close is in doubt and never re-done blindly",
        ),
        sb("Back office", "T7000000007", 0.6, [], "closed", "closes normally"),
        hp("Patio", "0740013301", "041", 1.1, [], "closed", "Handpoint: closes batch 041 by its number"),
        hp("Bakery", "0740013302", "017", 0.7, [], "skipped", "Handpoint: the batch is empty: nothing to close"),
        hp(
            "Garden",
            "0740013303",
            "112",
            1.3,
            [Fault.lost_after()] * 4,
            "in_doubt",
            "Handpoint: every answer is lost; Retry safely asks Handpoint's summary for batch 112, which says it "
            "closed: settled without a second close",
        ),
    ]


@dataclass
class Demo:
    sim: Simulator
    terminals: list[tuple[Terminal, DemoTerminal]] = field(default_factory=list)

    def transport(self) -> httpx.AsyncBaseTransport:
        return simulator_transport(self.sim)

    @property
    def expected(self) -> dict[str, str]:
        return {t.name: d.expected for t, d in self.terminals}


def build_simulator(specs: list[DemoTerminal], latency_scale: float = 1.0) -> Simulator:
    sim = Simulator()
    for d in specs:
        sim.add(d.provider, latency=d.latency * latency_scale, **d.account)
        if d.faults:
            sim.script(d.key, list(d.faults))
    return sim


def install_demo(history: History, secrets: SecretStore, *, latency_scale: float = 1.0) -> Demo:
    """Create the demo terminals in ``history`` and ``secrets`` and the simulator behind them."""
    specs = demo_terminals()
    demo = Demo(build_simulator(specs, latency_scale))
    for d in specs:
        terminal = new_terminal(d.name, d.provider, d.settings)
        secrets.set(terminal.id, d.secret)
        history.add_terminal(terminal)
        demo.terminals.append((terminal, d))
    return demo


DEMO_POLICY = RetryPolicy(concurrency=8, timeout=20.0, max_attempts=3, backoff_base=1.0, jitter=0.3)


def open_demo(*, latency_scale: float = 1.0, policy: RetryPolicy = DEMO_POLICY) -> Workspace:
    """A workspace on the demo shop: a throwaway home, secrets in memory, the simulator in-process.
    It never touches the real home or the OS credential store. (It lives here, above core: core never
    imports the simulator.)"""
    root = Path(tempfile.mkdtemp(prefix="closeout-demo-"))
    home = home_mod.Home(root).ensure()
    history = History(home.db_path, home.lock_dir)
    secrets = MemoryStore()
    demo = install_demo(history, secrets, latency_scale=latency_scale)
    return Workspace(
        home=home,
        history=history,
        secrets=secrets,
        policy=policy,
        transport=demo.transport(),
        demo=demo,
        _throwaway=root,
    )
