"""The answer of a credential check (a harmless read call with a terminal's secret): shared by the
providers, which perform it, and app/core/credentials.py, which asks them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.providers.base import QueryError


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


def from_query_error(error: QueryError, refused_codes: tuple[str, ...]) -> CredentialCheck:
    status = error.http_status
    if status in (401,) or (error.provider_code or "") in refused_codes:
        verdict = Verdict.REFUSED
    elif status is None or status >= 500 or status in (408, 429):
        verdict = Verdict.UNREACHABLE
    else:
        verdict = Verdict.UNCONFIRMED
    return CredentialCheck(verdict, error.message, status, error.provider_code, error.provider_message)
