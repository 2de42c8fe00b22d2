"""Terminal discovery: list what a provider account holds, ready to add with the shared credentials.

Saferpay: the Management API's terminal list for a customer (one JSON API user may close all of
them). SUNBAY: the merchant's terminals, paged; a terminal with several payment channels becomes
one entry per channel, because a SUNBAY close names one ``channelCode``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

import httpx

from app.core import providers
from app.core.providers.base import Terminal
from app.core.providers.contract import Capability
from app.core.terminals import NAME_MAX, validate_settings
from app.core.validation import Field, ValidationError


@dataclass
class DiscoveredTerminal:
    provider: str
    name: str  # a suggestion, unique among the existing terminals and this list
    settings: dict[str, str]  # ready for app.core.terminals.new_terminal(name, provider, settings)
    already_configured: bool
    label: str  # what identifies it at the provider: "12345678", "T100 · TSYS"
    detail: str = ""  # what the provider says about it: type, description, model, channel name
    configured_as: str | None = None  # the existing terminal's name when already configured
    problem: str | None = None  # why it cannot be added as listed (a value Closeout cannot use)

    @property
    def can_add(self) -> bool:
        return not self.already_configured and self.problem is None


@dataclass
class DiscoveryResult:
    provider: str
    terminals: list[DiscoveredTerminal] = field(default_factory=list)
    error: str | None = None  # for people; with terminals, the list may be incomplete
    trace_id: str | None = None
    unreadable: int = 0  # entries the provider listed that could not be read

    @property
    def ok(self) -> bool:
        return self.error is None


def shared_fields(provider: str) -> tuple[Field, ...]:
    """The provider's fields that all terminals of one account share (the credentials form)."""
    module = providers.get(provider)
    return tuple(f for f in module.FIELDS if f.key not in module.PER_TERMINAL)


def validate_shared(provider: str, settings: Mapping[str, str | None]) -> dict[str, str]:
    """Check the shared settings as for a terminal; returns the normalised ones. Raises ValidationError."""
    clean: dict[str, str] = {}
    for f in shared_fields(provider):
        value = settings.get(f.key)
        if value is None or not str(value).strip():
            if f.required and f.default is None:
                f.validate(f.key, "")  # raises with what to enter
            if f.required:
                clean[f.key] = f.validate(f.key, f.default or "")
            continue
        clean[f.key] = f.validate(f.key, value)
    return clean


async def discover(
    client: httpx.AsyncClient,
    provider: str,
    settings: Mapping[str, str | None],
    secret: str,
    *,
    existing: Iterable[Terminal] = (),
    timeout: float = 30.0,
) -> DiscoveryResult:
    """List the account's terminals. Raises ValidationError for a bad shared setting or secret (nothing
    sent); network and provider trouble come back as ``result.error``."""
    module = providers.get(provider)
    shared = validate_shared(module.NAME, settings)
    module.validate_secret(secret)
    existing = list(existing)
    if not module.can(Capability.DISCOVERY):
        return DiscoveryResult(module.NAME, error=f"{module.LABEL} cannot list its terminals; add them one by one.")
    listing = await module.discover(client, shared, secret, timeout=timeout)
    result = DiscoveryResult(module.NAME, error=listing.error, trace_id=listing.trace_id, unreadable=listing.unreadable)
    for found in listing.found:
        entry = _entry(module.NAME, found.name, found.settings, found.label, found.detail)
        entry.problem = found.problem or entry.problem  # the provider's reason says more
        result.terminals.append(entry)
    _mark(result.terminals, existing)
    return result


def _entry(provider: str, name: str, settings: dict[str, str], label: str, detail: str) -> DiscoveredTerminal:
    entry = DiscoveredTerminal(provider, _clean_name(name), settings, False, label, detail)
    try:
        entry.settings = validate_settings(provider, settings)
    except ValidationError as exc:
        entry.problem = f"Closeout cannot use it as listed: {exc.field} {exc.message}"
    return entry


def _mark(found: list[DiscoveredTerminal], existing: list[Terminal]) -> None:
    """Mark what is configured already, and make the suggested names unique."""
    # The same physical terminal (provider identity, as the history checks it): adding it twice would close it twice.
    configured = {providers.identity(t): t for t in existing if providers.known(t.provider)}
    taken = {t.name.strip().casefold() for t in existing}
    for entry in found:
        same = configured.get(providers.identity(Terminal("", entry.name, entry.provider, dict(entry.settings))))
        if same is not None:
            entry.already_configured, entry.configured_as = True, same.name
            continue
        entry.name = _unique(entry.name, taken)
        taken.add(entry.name.casefold())


def _clean_name(name: str) -> str:
    name = "".join(c if c.isprintable() else " " for c in name)
    return " ".join(name.split())[:NAME_MAX].strip() or "Terminal"


def _unique(name: str, taken: set[str]) -> str:
    if name.casefold() not in taken:
        return name
    n = 2
    while True:
        suffix = f" ({n})"
        candidate = name[: NAME_MAX - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in taken:
            return candidate
        n += 1
