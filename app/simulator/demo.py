"""Demo accounts: what ``python -m app.simulator`` serves and ``closeout --demo`` can use."""

from __future__ import annotations

from dataclasses import dataclass

from app.simulator.simulator import Simulator


@dataclass(frozen=True)
class DemoSaferpay:
    customer_id: str
    terminal_id: str
    username: str
    password: str
    description: str


@dataclass(frozen=True)
class DemoSunbay:
    app_id: str
    merchant_id: str
    terminal_sn: str
    channel_code: str
    api_key: str


SAFERPAY_TERMINALS = (
    DemoSaferpay("401234", "12345678", "API_401234_12345678", "demo-password-1", "Counter 1"),
    DemoSaferpay("401234", "12345679", "API_401234_12345678", "demo-password-1", "Counter 2"),
)
SUNBAY_TERMINALS = (
    DemoSunbay("app_123456", "mch_789012", "T1234567890", "TSYS", "sk_test_demo_4eC39HqLyjWDarjtT1zdp7dc"),
    DemoSunbay("app_123456", "mch_789012", "T1234567891", "TSYS", "sk_test_demo_4eC39HqLyjWDarjtT1zdp7dc"),
)


def demo_simulator(seed: int | str = 0, latency: float = 0.3) -> Simulator:
    """A simulator holding the demo terminals, each answering after ``latency`` seconds."""
    sim = Simulator(seed=seed)
    for t in SAFERPAY_TERMINALS:
        sim.add(
            "saferpay",
            customer_id=t.customer_id,
            terminal_id=t.terminal_id,
            username=t.username,
            password=t.password,
            latency=latency,
            terminal_type="SPG",
            description=t.description,
        )
    for s in SUNBAY_TERMINALS:
        sim.add(
            "sunbay",
            app_id=s.app_id,
            merchant_id=s.merchant_id,
            terminal_sn=s.terminal_sn,
            channel_code=s.channel_code,
            api_key=s.api_key,
            latency=latency,
        )
    return sim
