"""Catch a wrong secret at once: check a terminal's credentials with a harmless read, never a close.

Each provider with Capability.CREDENTIAL_CHECK performs it (Saferpay: the Management API's terminal
list; SUNBAY: the terminal's open-batch query; Handpoint: the device list). All only read. The answer is one of
``accepted`` (and for Saferpay the terminal is listed), ``refused`` (the provider said the user,
password, key or terminal is wrong: do not save), ``unreachable`` (no answer, or the provider's side
failed: it may be right, offer to save anyway) or ``unconfirmed`` (an answer that neither accepts nor
refuses, e.g. a wrong address: offer to save anyway, saying why).
"""

from __future__ import annotations

import httpx

from app.core import providers
from app.core.providers.contract import Capability
from app.core.providers.base import Terminal
from app.core.providers.checks import CredentialCheck, Verdict
from app.core.validation import ValidationError

CHECK_TIMEOUT_S = 15.0


async def check_credentials(
    client: httpx.AsyncClient, terminal: Terminal, secret: str, *, timeout: float = CHECK_TIMEOUT_S
) -> CredentialCheck:
    """Ask the provider, read-only, whether ``terminal``'s settings and ``secret`` are right. Never raises
    for network or provider trouble; a setting Closeout cannot send raises ValidationError (nothing sent)."""
    provider = providers.PROVIDERS.get(terminal.provider)
    if provider is None or not provider.can(Capability.CREDENTIAL_CHECK):
        return CredentialCheck(Verdict.UNCONFIRMED, f"Closeout cannot check {terminal.provider} credentials.")
    try:
        return await provider.check_credentials(client, terminal, secret, timeout=timeout)
    except (httpx.HTTPError, OSError) as exc:  # the query helpers catch these; a last guard all the same
        return CredentialCheck(Verdict.UNREACHABLE, f"The provider could not be reached ({type(exc).__name__}).")


__all__ = ["CHECK_TIMEOUT_S", "CredentialCheck", "ValidationError", "Verdict", "check_credentials"]
