"""What the provider knows about a terminal's batches: the open one before a close, and whether an
in-doubt close went through after all.

SUNBAY lists a terminal's closed batches (``batch-close-list``), but the list carries no
``transactionRequestId`` (docs/providers/sunbay.md §5), so a lost close can only be matched by terminal, channel
and time: a batch of that terminal and channel closed right after the close started was
*probably* that close (an automatic close or a close on the terminal itself at the same moment
would look the same). Saferpay has no such query in the JSON API: the owner checks the
Backoffice, and this module says where.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Literal

import httpx

from app.core.i18n import N_, _, ngettext
from app.core.history import CloseRow
from app.core.providers import saferpay, sunbay
from app.core.providers.base import Terminal
from app.core.report import format_amount

Verdict = Literal["closed", "not_found", "unknown"]

# The window searched around the moment the close started: a little before (the PC clock and
# SUNBAY's may differ by a minute or two) and up to half an hour after (a slow settlement host).
BEFORE = timedelta(minutes=2)
AFTER = timedelta(minutes=30)
SUCCESS_STATUSES = ("S",)
_SECOND = timedelta(seconds=1)  # batchStatus "S" = success (SDK); other values are not a confirmed close


@dataclass
class LookupResult:
    verdict: Verdict
    batch: sunbay.ClosedBatch | None
    explanation: str  # sentences for people: what was found and what to do
    trace_id: str | None = None


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _money(minor: int, currency: str | None) -> str:
    return f"{format_amount(minor, currency or '')} {currency or ''}".strip()


def _amount(batch: sunbay.ClosedBatch) -> str:
    return ngettext(
        "{count} transaction, net {amount}", "{count} transactions, net {amount}", batch.total_count
    ).format(count=batch.total_count, amount=_money(batch.net_amount, batch.currency))


NOTHING_TO_CLOSE = N_("Nothing to close: the open batch has no transactions.")


def describe_open_batch(preview: sunbay.OpenBatchResult) -> str:
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


async def check_sunbay_close(
    client: httpx.AsyncClient,
    terminal: Terminal,
    api_key: str,
    row: CloseRow,
    *,
    timeout: float = sunbay.QUERY_TIMEOUT_S,
    now: datetime | None = None,
) -> LookupResult:
    """Look for a batch of ``terminal`` closed right after ``row`` started. Never raises for network or
    provider trouble (verdict "unknown"); a bad terminal setting raises ValidationError (nothing sent)."""
    if terminal.provider != sunbay.NAME:
        raise ValueError(f"check_sunbay_close() is for SUNBAY terminals, not {terminal.provider}.")
    started = row.started_at if row.started_at.tzinfo else row.started_at.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    start = started - BEFORE
    end = max(min(started + AFTER, now), start)  # never ask about the future
    channel = terminal.get("channel_code") or ""
    serial = terminal.get("terminal_sn") or ""
    listed = await sunbay.closed_batches(
        client, terminal, api_key, start=start, end=end, channel_code=channel, timeout=timeout
    )
    if listed.error is not None:
        return LookupResult(
            "unknown",
            None,
            _("Could not ask SUNBAY: {reason} Nothing was changed; try the check again later.").format(
                reason=listed.error.message
            ),
            listed.error.trace_id,
        )

    # SUNBAY was asked for this window, terminal and channel already; checked again here so that a
    # server ignoring a filter cannot make an unrelated batch look like this close.
    matches = [
        b
        for b in listed.items
        if b.terminal_sn in (None, serial)
        and b.channel_code in (None, channel)
        and start - _SECOND <= b.batch_time <= end + _SECOND
    ]  # times travel in whole seconds
    # The one closest after the start is the likeliest; one up to BEFORE earlier is clock difference.
    matches.sort(key=lambda b: (b.batch_time < started, abs((b.batch_time - started).total_seconds())))
    window = _("between {start} and {end}").format(start=_local(start), end=_local(end))
    confirmed = [b for b in matches if (b.batch_status or "S").upper() in SUCCESS_STATUSES]
    if confirmed:
        batch = confirmed[0]
        text = _(
            "Probably closed: SUNBAY lists batch {batch} of terminal {serial}, channel {channel}, closed at "
            "{closed_at} ({amount}), right after this close started at {started}. SUNBAY's list does not name "
            "the request, so this is a match by terminal, channel and time only; if someone closed this "
            "terminal another way at that moment, it would look the same."
        ).format(
            batch=batch.batch_no or _("(no number)"),
            serial=serial,
            channel=channel,
            closed_at=_local(batch.batch_time),
            amount=_amount(batch),
            started=_local(started),
        )
        if len(confirmed) > 1:
            text += " " + _("{count} batches of this terminal were closed {window}.").format(
                count=len(confirmed), window=window
            )
        return LookupResult("closed", batch, text + " " + _("You can mark this close as closed."), listed.trace_id)
    if matches:
        batch = matches[0]
        return LookupResult(
            "unknown",
            batch,
            _(
                "SUNBAY lists batch {batch} of terminal {serial} at {closed_at} with status '{status}', which is not a "
                "confirmed close. Check the batch in the SUNBAY portal before marking this close."
            ).format(
                batch=batch.batch_no or _("(no number)"),
                serial=serial,
                closed_at=_local(batch.batch_time),
                status=batch.batch_status,
            ),
            listed.trace_id,
        )
    if listed.unreadable:
        return LookupResult(
            "unknown",
            None,
            ngettext(
                "SUNBAY listed {count} closed batch {window} that could not be read, so this cannot be decided "
                "here. Check the terminal's closed batches in the SUNBAY portal.",
                "SUNBAY listed {count} closed batches {window} that could not be read, so this cannot be decided "
                "here. Check the terminal's closed batches in the SUNBAY portal.",
                listed.unreadable,
            ).format(count=listed.unreadable, window=window),
            listed.trace_id,
        )
    text = _(
        "Not found: SUNBAY lists no batch of terminal {serial}, channel {channel}, closed {window}, so this "
        "close most likely did not go through."
    ).format(serial=serial, channel=channel, window=window)
    if end < started + AFTER:
        text += " " + _(
            "SUNBAY may take a few minutes to list a close: if this close started less than {minutes} "
            "minutes ago, check again later."
        ).format(minutes=int(AFTER.total_seconds() // 60))
    text += " " + _("'Retry safely' sends the same close again, with the same id.")
    return LookupResult("not_found", None, text, listed.trace_id)


def saferpay_check_instructions(terminal: Terminal) -> str:
    """Where the owner can see whether a Saferpay close went through (the JSON API cannot be asked)."""
    terminal_id = saferpay.display_id(terminal) or "(terminal id)"
    site = (
        _("the live Saferpay Backoffice")
        if saferpay.environment(terminal) == "live"
        else _("the Saferpay test Backoffice")
    )
    return _(
        "Saferpay cannot be asked about a past close from here. Sign in to {site} and open Terminals → "
        "{terminal} → the batch close journal (the menu names may differ slightly). If a batch close is listed "
        "at the time of this close, mark it closed. If none is listed, mark it not closed, or use 'Retry "
        "safely', which re-sends this same request (same request id)."
    ).format(site=site, terminal=terminal_id)


async def check_close(
    client: httpx.AsyncClient,
    terminal: Terminal,
    secret: str,
    row: CloseRow,
    *,
    timeout: float = sunbay.QUERY_TIMEOUT_S,
) -> LookupResult:
    """ "Check with the provider" for any terminal: SUNBAY is asked; Saferpay gets instructions (verdict unknown)."""
    if terminal.provider == sunbay.NAME:
        return await check_sunbay_close(client, terminal, secret, row, timeout=timeout)
    if terminal.provider == saferpay.NAME:
        return LookupResult("unknown", None, saferpay_check_instructions(terminal))
    return LookupResult("unknown", None, f"Closeout cannot check {terminal.provider} closes; check with the provider.")
