"""The provider registry: one module per provider, registered by its name.

Each provider module defines a subclass of :class:`app.core.providers.contract.Provider` (required
parts and optional capabilities) and exposes its instance as ``PROVIDER``; registering it is one line.
"""

from __future__ import annotations

from app.core.providers import handpoint, saferpay, sunbay
from app.core.providers.base import CloseResult, Terminal
from app.core.providers.contract import Capability, LostClose, Provider

# One line per provider: its module's PROVIDER (a app.core.providers.contract.Provider).
PROVIDERS: dict[str, Provider] = {p.NAME: p for p in (saferpay.PROVIDER, sunbay.PROVIDER, handpoint.PROVIDER)}


class UnknownProvider(KeyError):
    """A terminal of a provider this version of Closeout does not know (written by a newer one)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown provider"


def get(name: str) -> Provider:
    try:
        return PROVIDERS[name]
    except KeyError:
        raise UnknownProvider(
            f"This terminal uses the provider '{name}', which this version of Closeout does not "
            f"know (it knows: {', '.join(PROVIDERS)}); it was probably set up by a newer "
            f"Closeout. Update Closeout to close it."
        ) from None


def get_error(terminal: Terminal) -> UnknownProvider:
    """The error :func:`get` raises for ``terminal``'s provider (for messages about it)."""
    try:
        get(terminal.provider)
    except UnknownProvider as exc:
        return exc
    raise ValueError(f"{terminal.provider} is known")


def known(name: str) -> bool:
    return name in PROVIDERS


def identity(terminal: Terminal) -> str:
    """The key that names one physical terminal at its provider (docs/reliability.md, "one terminal").

    Two entries with the same identity are the same terminal, whatever they are called in Closeout.
    A provider Closeout does not know gets a key of its own per entry (it cannot be compared).
    """
    module = PROVIDERS.get(terminal.provider)
    if module is None:
        return f"unknown|{terminal.provider}|{terminal.id}"
    return module.identity(terminal)


def label(name: str) -> str:
    module = PROVIDERS.get(name)
    return module.LABEL if module is not None else name


def register(provider: Provider) -> None:
    """Add a provider (the registry line above does it for Closeout's own; tests register throwaway ones)."""
    PROVIDERS[provider.NAME] = provider


def unregister(name: str) -> None:
    PROVIDERS.pop(name, None)


def can(name: str, capability: Capability) -> bool:
    provider = PROVIDERS.get(name)
    return provider is not None and provider.can(capability)


__all__ = [
    "PROVIDERS",
    "Capability",
    "LostClose",
    "Provider",
    "UnknownProvider",
    "can",
    "get",
    "known",
    "identity",
    "label",
    "register",
    "unregister",
    "CloseResult",
    "Terminal",
]
