"""The states a close can be in, as types: one module that the engine, the history, the service, the
providers, the CLI and the window all import, instead of spelling the words in each.

They are ``StrEnum``: a member is its word (``CloseStatus.IN_DOUBT == "in_doubt"``), so the history's
rows, JSON exports and the chain's tables keep the words they always had. Words for people come from
``app.core.service.OUTCOME_WORDS`` (translated); these are the words machines store.
"""

from __future__ import annotations

from enum import StrEnum


class CloseStatus(StrEnum):
    """Where a close stands: a history row's outcome, and how a terminal's close ended in a run."""

    SENDING = "sending"  # the row is on disk and the request may be on its way (a crash leaves it in doubt)
    CLOSED = "closed"  # the provider confirmed the close
    FAILED = "failed"  # a definite answer that nothing was closed (or nothing was sent)
    IN_DOUBT = "in_doubt"  # the close may have gone through: settle it before closing again
    SKIPPED = "skipped"  # nothing was sent in this run (a Reason says why), or the batch was empty


# A close that is over: what a run reports for each terminal (SENDING is never an end).
FINAL = (CloseStatus.CLOSED, CloseStatus.FAILED, CloseStatus.IN_DOUBT, CloseStatus.SKIPPED)
# What a history row can hold.
ROW_STATUSES = (CloseStatus.SENDING, CloseStatus.CLOSED, CloseStatus.FAILED, CloseStatus.IN_DOUBT)


class Step(StrEnum):
    """A step of a close on its way, before it ends in a ``CloseStatus`` (``CloseEvent.status``)."""

    QUEUED = "queued"
    RESOLVING = "resolving"  # a close in doubt being settled (asked or re-sent)
    SENDING = "sending"
    RETRYING = "retrying"  # waiting before the next attempt


class AnswerKind(StrEnum):
    """What one attempt's answer (or its absence) says, as a provider module reads it."""

    CLOSED = "closed"  # the provider confirmed the close
    FAILED = "failed"  # a definite answer that the close did not happen and must not be retried as is
    RETRY = "retry"  # the provider (or the network before sending) says nothing happened: safe to try again
    LOST = "lost"  # the request may have reached the provider but no readable answer came back
    ALREADY_CLOSED = "already_closed"  # this very batch was closed before (Handpoint BATCH_ALREADY_CLOSED)
    NOTHING_TO_CLOSE = "nothing_to_close"  # the batch is empty: nothing closed, nothing to (NO_TRANSACTIONS)


class Reason(StrEnum):
    """Why nothing was sent for a terminal in a run (``Outcome.reason``)."""

    ALREADY_CLOSED = "already_closed"  # closed earlier this business day
    NOTHING_TO_CLOSE = "nothing_to_close"  # the provider showed an empty batch
    SAME_TERMINAL = "same_terminal"  # another entry of the run is the same physical terminal
    BUSY = "busy"  # being closed right now, here or by another Closeout
    CANCELLED = "cancelled"
    CLOCK = "clock"  # the PC clock is behind the newest recorded close
    UNKNOWN_PROVIDER = "unknown_provider"
    CONFIGURATION = "configuration"  # settings or secret unusable; nothing sent
    IN_DOUBT_ELSEWHERE = "in_doubt_elsewhere"  # another PC of the chain has a close of it in doubt
    CHAIN_UNREACHABLE = "chain_unreachable"  # the chain's lock is required and the chain did not answer


class DayState(StrEnum):
    """How a terminal's business day stands, as the head office and the closing report see it."""

    CLOSED = "closed"
    NOTHING_TO_CLOSE = "nothing_to_close"  # the provider said the batch was empty
    FAILED = "failed"
    IN_DOUBT = "in_doubt"
    NOT_CLOSED = "not_closed"  # no close of it this business day (yet)
