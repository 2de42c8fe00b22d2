"""The rules both listeners (the CLI and the window) ask for, computed once, here.

Which terminals a run will really send to and which it skips (and why), what "closed this
business day" means, who is a duplicate of whom, a run's counts, words and exit code, and
settling a close in doubt by hand. Nothing here imports Qt; nothing outside ``app/core``
computes any of it again.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Iterable, Sequence

from app.core.i18n import N_, _
from app.core import providers
from app.core.days import CLOCK_TOLERANCE, DEFAULT_DAY_END, current_day_start
from app.core.engine import Outcome
from app.core.history import CloseRow, History, HistoryError, utcnow
from app.core.outcomes import EXIT_FAILED as EXIT_FAILED, EXIT_IN_DOUBT as EXIT_IN_DOUBT  # re-exported
from app.core.outcomes import EXIT_OK as EXIT_OK, EXIT_USAGE as EXIT_USAGE
from app.core.outcomes import OUTCOME_WORDS as OUTCOME_WORDS, outcome_word as outcome_word
from app.core.providers.base import Terminal
from app.core.states import CloseStatus, Reason

IN_DOUBT_ADVICE = N_(
    "In doubt means the close may have gone through. Do not close those terminals again by other "
    "means: re-send them safely ('closeout resolve', or Retry safely in the window), or check with "
    "the provider and settle them by hand ('closeout settle ID --closed|--not-closed')."
)


def in_doubt_advice() -> str:
    """What to do about closes in doubt, in the user's language (the window's button named as it shows it)."""
    return _(IN_DOUBT_ADVICE)


# -- terminals ------------------------------------------------------------------------------------


def duplicate_groups(terminals: Iterable[Terminal]) -> list[list[Terminal]]:
    """Entries that name the same physical terminal (provider identity), in list order; only groups of 2+."""
    groups: dict[str, list[Terminal]] = {}
    for terminal in terminals:
        groups.setdefault(providers.identity(terminal), []).append(terminal)
    return [group for group in groups.values() if len(group) > 1]


def duplicate_of(terminals: Sequence[Terminal]) -> dict[str, str]:
    """Entry id -> the name of the earlier entry it duplicates (the first of a group is the one that closes)."""
    marks: dict[str, str] = {}
    for group in duplicate_groups(terminals):
        for later in group[1:]:
            marks[later.id] = group[0].name
    return marks


def duplicates_notice(terminals: Sequence[Terminal]) -> str | None:
    """One sentence naming every set of entries that are the same physical terminal, or None."""
    groups = duplicate_groups(terminals)
    if not groups:
        return None
    names = "; ".join(" = ".join(f"'{t.name}'" for t in group) for group in groups)
    return _(
        "Some entries are the same physical terminal: {names}. Each is closed once per run; remove the extra entries."
    ).format(names=names)


def terminals_with_doubt(history: History, terminal: Terminal) -> list[CloseRow]:
    return history.in_doubt(identity=providers.identity(terminal))


# -- business day ---------------------------------------------------------------------------------


def closed_this_business_day(
    history: History, terminals: Iterable[Terminal], *, now: datetime | None = None, day_end: time = DEFAULT_DAY_END
) -> dict[str, CloseRow]:
    """Entry id -> the close that already closed its physical terminal this business day."""
    start = current_day_start(now or utcnow(), day_end)
    found: dict[str, CloseRow] = {}
    for terminal in terminals:
        if not providers.known(terminal.provider):
            continue
        row = history.last_done(providers.identity(terminal), since=start, outcomes=(CloseStatus.CLOSED,))
        if row is not None:
            found[terminal.id] = row
    return found


# -- what a run will do ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Skip:
    terminal: Terminal
    reason: Reason
    message: str
    at: datetime | None = None  # ALREADY_CLOSED: when (local time)


@dataclass(frozen=True)
class ClosePlan:
    """What pressing "close" will do: which entries get a request, which are skipped and why.

    ``resend_first`` are entries whose earlier close in doubt is re-sent (same id) before anything new.
    A skip for a clock problem stops that terminal (the run's exit code is then 2).
    """

    send: list[Terminal]
    skip: list[Skip] = field(default_factory=list)
    resend_first: list[Terminal] = field(default_factory=list)

    @property
    def clock_problem(self) -> bool:
        return any(s.reason == Reason.CLOCK for s in self.skip)


def plan_close(
    history: History,
    terminals: Sequence[Terminal],
    *,
    force: bool = False,
    empty_batches: frozenset[str] = frozenset(),
    now: datetime | None = None,
    day_end: time = DEFAULT_DAY_END,
) -> ClosePlan:
    """The same decisions the engine takes before sending, made ahead for the confirmation.

    ``empty_batches``: ids of SUNBAY entries whose open-batch preview said "empty" (nothing to close).
    The engine takes the decisions again under its locks: this is what to show, not a promise.
    """
    now = now or utcnow()
    start = current_day_start(now, day_end)
    send: list[Terminal] = []
    skip: list[Skip] = []
    resend: list[Terminal] = []
    first: dict[str, Terminal] = {}
    # Three queries for the whole list, whatever its length (never one per terminal).
    from_the_future = history.identities_started_after(now + CLOCK_TOLERANCE)
    doubtful = {row.identity for row in history.in_doubt()}
    closed_today = {} if force else history.newest_done(start, (CloseStatus.CLOSED,))
    for terminal in {t.id: t for t in terminals}.values():
        if not providers.known(terminal.provider):
            skip.append(Skip(terminal, Reason.UNKNOWN_PROVIDER, str(providers.get_error(terminal))))
            continue
        key = providers.identity(terminal)
        if key in first:
            skip.append(
                Skip(
                    terminal,
                    Reason.SAME_TERMINAL,
                    _("Same physical terminal as '{name}'; closed once.").format(name=first[key].name),
                )
            )
            continue
        first[key] = terminal
        if key in from_the_future:  # its newest close lies in the future
            skip.append(
                Skip(
                    terminal,
                    Reason.CLOCK,
                    _(
                        "This PC's clock looks wrong (a recorded close lies in the "
                        "future); set the date and time first."
                    ),
                )
            )
            continue
        if key in doubtful:
            resend.append(terminal)
            send.append(terminal)
            continue
        if not force:
            done_at = closed_today.get(key)
            if done_at is not None:
                at = done_at.astimezone().strftime("%H:%M")
                skip.append(
                    Skip(
                        terminal,
                        Reason.ALREADY_CLOSED,
                        _("Already closed this business day at {time}.").format(time=at),
                        at=done_at.astimezone(),
                    )
                )
                continue
            if terminal.id in empty_batches:
                skip.append(Skip(terminal, Reason.NOTHING_TO_CLOSE, _("Nothing to close: the open batch is empty.")))
                continue
        send.append(terminal)
    return ClosePlan(send, skip, resend)


# -- a run's result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunSummary:
    closed: int
    skipped: int
    failed: int
    in_doubt: int
    clock_problem: bool
    problems: tuple[Outcome, ...]  # every outcome that is not "closed", in run order

    @classmethod
    def of(cls, outcomes: Sequence[Outcome]) -> "RunSummary":
        def count(kind: str) -> int:
            return sum(1 for o in outcomes if o.outcome == kind)

        return cls(
            count(CloseStatus.CLOSED),
            count(CloseStatus.SKIPPED),
            count(CloseStatus.FAILED),
            count(CloseStatus.IN_DOUBT),
            any(o.reason == Reason.CLOCK for o in outcomes),
            tuple(o for o in outcomes if o.outcome != CloseStatus.CLOSED),
        )

    @property
    def exit_code(self) -> int:
        """3 anything in doubt; 2 the PC clock is wrong; 1 anything failed; 0 every terminal closed or skipped."""
        if self.in_doubt:
            return EXIT_IN_DOUBT
        if self.clock_problem:
            return EXIT_USAGE
        if self.failed:
            return EXIT_FAILED
        return EXIT_OK

    @property
    def counts_line(self) -> str:
        return _("{closed} closed, {skipped} skipped, {failed} failed, {in_doubt} in doubt.").format(
            closed=self.closed, skipped=self.skipped, failed=self.failed, in_doubt=self.in_doubt
        )


# -- settling by hand -----------------------------------------------------------------------------


def os_user() -> str:
    """Who is at this PC, for "marked closed by ..." (the OS account name)."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a service account, a container)
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown user"


class SettleError(HistoryError):
    """The close cannot be settled: unknown id, or not in doubt."""


def settle_refusal(close_id: int, row: CloseRow | None) -> str:
    """Why close ``close_id`` cannot be settled by hand (it is unknown, or not in doubt)."""
    if row is None:
        return _("There is no close number {id} in the history. See 'closeout history' for the numbers.").format(
            id=close_id
        )
    return _("Close {id} is {outcome}, not in doubt; there is nothing to settle.").format(
        id=close_id, outcome=outcome_word(row.outcome)
    )


def settle(history: History, close_id: int, *, closed: bool, note: str = "", by: str | None = None) -> CloseRow:
    """Mark a close in doubt as closed or not closed after checking with the provider; who and when are kept."""
    row = history.close_row(close_id)
    if row is None or row.outcome != CloseStatus.IN_DOUBT:
        raise SettleError(settle_refusal(close_id, row))
    history.settle(close_id, closed, by or os_user(), note.strip())
    settled = history.close_row(close_id)
    assert settled is not None
    return settled
