"""The provider registry: one module per provider, registered by its name.

A provider module offers: NAME, LABEL, SECRET_LABEL, FIELDS, validate_secret(),
environment(), display_id(), new_request_id(), max_attempts_per_request() and
``async close(client, terminal, secret, request_id, attempt, timeout) -> CloseResult``.
"""

from __future__ import annotations

from types import ModuleType

from app.core.providers import saferpay, sunbay
from app.core.providers.base import CloseResult, Terminal

PROVIDERS: dict[str, ModuleType] = {saferpay.NAME: saferpay, sunbay.NAME: sunbay}


def get(name: str) -> ModuleType:
    try:
        return PROVIDERS[name]
    except KeyError:
        raise KeyError(f"Unknown provider '{name}'; Closeout knows: {', '.join(PROVIDERS)}.") from None


__all__ = ["PROVIDERS", "get", "CloseResult", "Terminal"]
