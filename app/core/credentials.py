"""Catch a wrong secret at once: check a terminal's credentials with a harmless read, never a close.

Saferpay: the Management API's terminal list of the customer (the same Basic auth as a close);
SUNBAY: the terminal's open-batch query (the same API key). Both only read. The answer is one of
``accepted`` (and for Saferpay the terminal is listed), ``refused`` (the provider said the user,
password, key or terminal is wrong: do not save), ``unreachable`` (no answer, or the provider's side
failed: it may be right, offer to save anyway) or ``unconfirmed`` (an answer that neither accepts nor
refuses, e.g. a wrong address: offer to save anyway, saying why).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Awaitable, Callable

import httpx

from app.core.providers import saferpay, sunbay
from app.core.providers.base import QueryError, Terminal
from app.core.validation import ValidationError

CHECK_TIMEOUT_S = 15.0


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    UNREACHABLE = "unreachable"
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True)
class CredentialCheck:
    verdict: Verdict
    message: str  # a sentence for people (English; the provider's own words kept in it and below)
    http_status: int | None = None
    provider_code: str | None = None
    provider_message: str | None = None

    @property
    def may_save(self) -> bool:
        """Saving without asking is fine; ``refused`` never saves; the others ask first."""
        return self.verdict == Verdict.ACCEPTED


def _from_error(error: QueryError, refused_codes: tuple[str, ...]) -> CredentialCheck:
    status = error.http_status
    if status in (401,) or (error.provider_code or "") in refused_codes:
        verdict = Verdict.REFUSED
    elif status is None or status >= 500 or status in (408, 429):
        verdict = Verdict.UNREACHABLE
    else:
        verdict = Verdict.UNCONFIRMED
    return CredentialCheck(verdict, error.message, status, error.provider_code, error.provider_message)


async def _saferpay(client: httpx.AsyncClient, terminal: Terminal, password: str, timeout: float) -> CredentialCheck:
    settings = terminal.settings
    listed = await saferpay.list_terminals(client, settings.get("customer_id") or "", settings.get("username") or "",
                                           password, settings.get("environment") or "test",
                                           settings.get("base_url") or None, timeout)
    if listed.error is not None:
        return _from_error(listed.error, ("AUTHENTICATION_FAILED",))
    wanted = settings.get("terminal_id")
    if listed.items and wanted not in {item.terminal_id for item in listed.items}:
        known = ", ".join(item.terminal_id for item in listed.items[:5])
        return CredentialCheck(Verdict.REFUSED, f"Saferpay accepted the user and password, but customer "
                                                f"{settings.get('customer_id')} has no terminal {wanted} (it has: "
                                                f"{known}). Check the terminal ID.")
    return CredentialCheck(Verdict.ACCEPTED, "Saferpay accepted the user and password.")


async def _sunbay(client: httpx.AsyncClient, terminal: Terminal, api_key: str, timeout: float) -> CredentialCheck:
    preview = await sunbay.query_open_batch(client, terminal, api_key, timeout=timeout)
    if preview.error is not None:
        return _from_error(preview.error, ())
    return CredentialCheck(Verdict.ACCEPTED, "SUNBAY accepted the API key and knows this terminal.")


_CHECKS: dict[str, Callable[[httpx.AsyncClient, Terminal, str, float], Awaitable[CredentialCheck]]] = {
    saferpay.NAME: _saferpay,
    sunbay.NAME: _sunbay,
}


async def check_credentials(client: httpx.AsyncClient, terminal: Terminal, secret: str, *,
                            timeout: float = CHECK_TIMEOUT_S) -> CredentialCheck:
    """Ask the provider, read-only, whether ``terminal``'s settings and ``secret`` are right. Never raises
    for network or provider trouble; a setting Closeout cannot send raises ValidationError (nothing sent)."""
    check = _CHECKS.get(terminal.provider)
    if check is None:
        return CredentialCheck(Verdict.UNCONFIRMED, f"Closeout cannot check {terminal.provider} credentials.")
    try:
        return await check(client, terminal, secret, timeout)
    except (httpx.HTTPError, OSError) as exc:  # the query helpers catch these; a last guard all the same
        return CredentialCheck(Verdict.UNREACHABLE, f"The provider could not be reached ({type(exc).__name__}).")


__all__ = ["CHECK_TIMEOUT_S", "CredentialCheck", "ValidationError", "Verdict", "check_credentials"]
