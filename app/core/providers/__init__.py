"""The provider registry: one module per provider, registered by its name.

A provider module offers: NAME, LABEL, SECRET_LABEL, FIELDS, validate_secret(),
environment(), display_id(), identity(), new_request_id(), max_attempts_per_request() and
``async close(client, terminal, secret, request_id, attempt, timeout) -> CloseResult``.
"""

from __future__ import annotations

from types import ModuleType

from app.core.providers import saferpay, sunbay
from app.core.providers.base import CloseResult, Terminal

PROVIDERS: dict[str, ModuleType] = {saferpay.NAME: saferpay, sunbay.NAME: sunbay}


class UnknownProvider(KeyError):
    """A terminal of a provider this version of Closeout does not know (written by a newer one)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown provider"


def get(name: str) -> ModuleType:
    try:
        return PROVIDERS[name]
    except KeyError:
        raise UnknownProvider(f"This terminal uses the provider '{name}', which this version of Closeout does not "
                              f"know (it knows: {', '.join(PROVIDERS)}); it was probably set up by a newer "
                              f"Closeout. Update Closeout to close it.") from None


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


__all__ = ["PROVIDERS", "UnknownProvider", "get", "known", "identity", "label", "CloseResult", "Terminal"]
