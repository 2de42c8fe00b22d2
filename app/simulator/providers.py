"""The simulated providers: one module each, registered by name (the simulator's side of app.core.providers).

A new simulator is built from the providers registered when it is created; each is mounted at its PREFIX.
"""

from __future__ import annotations

from app.simulator import handpoint, saferpay, sunbay
from app.simulator.contract import SimulatedProvider

# One line per provider: its module's SIMULATED (an app.simulator.contract.SimulatedProvider).
SIMULATED: dict[str, SimulatedProvider] = {
    p.NAME: p for p in (saferpay.SIMULATED, sunbay.SIMULATED, handpoint.SIMULATED)
}


def get(name: str) -> SimulatedProvider:
    try:
        return SIMULATED[name]
    except KeyError:
        raise KeyError(f"The simulator has no provider {name!r} (it has: {', '.join(SIMULATED)}).") from None


def register(provider: SimulatedProvider) -> None:
    """Add a simulated provider (the line above does it for Closeout's own; tests register throwaway ones)."""
    SIMULATED[provider.NAME] = provider


def unregister(name: str) -> None:
    SIMULATED.pop(name, None)


def base(name: str, root_url: str) -> str:
    """The base URL of provider ``name`` on a simulator served at ``root_url``."""
    return get(name).base(root_url)
