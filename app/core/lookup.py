"""What the provider knows about a terminal's batches: the open one before a close, and whether an
in-doubt close went through after all ("Check with the provider").

Each provider answers for itself through the contract (:meth:`app.core.providers.Provider.look_up_close`):
one that can be asked looks the close up, one that cannot says where a person checks by hand. Nothing here
knows a provider by name.
"""

from __future__ import annotations

from typing import Mapping, Protocol

import httpx

from app.core import providers
from app.core.history import CloseRow
from app.core.i18n import N_, _, ngettext
from app.core.money import format_amount
from app.core.providers.base import Terminal
from app.core.providers.contract import CloseCheck, Verdict

__all__ = ["LookupResult", "NOTHING_TO_CLOSE", "QUERY_TIMEOUT_S", "Verdict", "check_close", "describe_open_batch"]

LookupResult = CloseCheck  # what "Check with the provider" found (verdict, batch, explanation, trace id)
QUERY_TIMEOUT_S = 30.0  # a read, not a close: it need not wait as long


class _Problem(Protocol):
    message: str


class OpenBatch(Protocol):
    """What a provider's preview (Capability.PREVIEW) answers."""

    @property
    def error(self) -> _Problem | None: ...

    @property
    def empty(self) -> bool: ...

    @property
    def count(self) -> int: ...

    def net_by_currency(self) -> Mapping[str, int]: ...


def _money(minor: int, currency: str | None) -> str:
    return f"{format_amount(minor, currency or '')} {currency or ''}".strip()


NOTHING_TO_CLOSE = N_("Nothing to close: the open batch has no transactions.")


def describe_open_batch(preview: OpenBatch) -> str:
    """One line for people: "Nothing to close…", "12 transactions, net 123.45 USD." or why it is unknown."""
    if preview.error is not None:
        return preview.error.message
    if preview.empty:
        return _(NOTHING_TO_CLOSE)
    amounts = ", ".join(_money(net, currency) for currency, net in preview.net_by_currency().items())
    if amounts:
        return ngettext(
            "{count} transaction, net {amount}.", "{count} transactions, net {amount}.", preview.count
        ).format(count=preview.count, amount=amounts)
    return ngettext("{count} transaction.", "{count} transactions.", preview.count).format(count=preview.count)


async def check_close(
    client: httpx.AsyncClient,
    terminal: Terminal,
    secret: str,
    row: CloseRow,
    *,
    timeout: float = QUERY_TIMEOUT_S,
) -> CloseCheck:
    """ "Check with the provider" for a close in doubt of any terminal: its provider looks it up where it can
    be asked, else says where a person checks. Never raises for network or provider trouble."""
    if not providers.known(terminal.provider):
        return CloseCheck("unknown", None, str(providers.get_error(terminal)))
    provider = providers.get(terminal.provider)
    return await provider.look_up_close(
        client, terminal, secret, row.request, started_at=row.started_at, timeout=timeout
    )
