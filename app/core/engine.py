"""The close engine: closes terminals concurrently, safely, and never forgets a close.

Rules (docs/architecture.md, docs/providers/):
* at most ``concurrency`` requests in flight, and at most one per terminal (also across
  processes, through a terminal lock in the home folder);
* a history row is committed before a request leaves, and the attempt count before each attempt (a
  new close's row carries its first attempt: one commit);
* a close holds a slot only while its request is on the wire: what comes before (the history's word,
  the secret, the locks) is done ahead for the next closes, and the outcome's commit after;
* retries reuse the close's idempotency id and happen only when safe: connection failures,
  timeouts and lost answers, HTTP 5xx/429, Saferpay RETRY/RETRY_LATER;
* a close whose answer may have been lost, and that no later answer settles, is ``in_doubt``;
* a terminal with an in-doubt close is never closed anew blindly: that close is re-sent first.

The engine speaks in plain events (:class:`CloseEvent`); the CLI and the window listen.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path
from typing import (
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    ParamSpec,
    Protocol,
    Sequence,
    TypeVar,
    TypeVarTuple,
)

import httpx

from app.core.i18n import N_, _, ngettext
from app.core import locks, providers
from app.core.days import DEFAULT_DAY_END, business_day, current_day_start, day_bounds, in_future
from app.core.history import CloseQueries, CloseRow, History, HistoryError, HistoryReader, to_text, utcnow
from app.core.providers import Capability, LostClose
from app.core.providers.base import CloseResult, Terminal
from app.core.providers.contract import Provider
from app.core.secrets import SecretStore, SecretStoreError
from app.core.states import FINAL, AnswerKind, CloseStatus, Reason, Step
from app.core.validation import ValidationError

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")
Ts = TypeVarTuple("Ts")

# How long an outcome's write waits for a close about to be sent, to share its commit (_write_outcome).
OUTCOME_WAIT = 0.02

NOTHING_TO_CLOSE = N_("Nothing to close: the open batch has no transactions; nothing was sent.")


@dataclass(frozen=True)
class RetryPolicy:
    concurrency: int = 8
    timeout: float = 100.0  # Saferpay asks for 100 s per request (docs/providers/saferpay.md §4)
    max_attempts: int = 4  # per run and close: the first attempt and three retries
    backoff_base: float = 2.0
    backoff_max: float = 60.0
    jitter: float = 0.5  # up to +50 %
    retry_later_default: float = 30.0

    def delay(self, retry: int, asked: float | None, rng: random.Random) -> float:
        """Seconds to wait before retry number ``retry`` (1-based)."""
        base: float = min(self.backoff_max, self.backoff_base * (2 ** (retry - 1)))
        wait = base * (1 + self.jitter * rng.random())
        if asked is not None:
            wait = max(wait, min(asked, self.backoff_max * 5))
        return wait


@dataclass
class Outcome:
    """How one terminal's close ended in a run."""

    terminal_id: str
    name: str
    provider: str
    environment: str
    outcome: CloseStatus  # CLOSED, FAILED, IN_DOUBT or SKIPPED
    message: str
    request_id: str | None = None
    attempts: int = 0
    close_id: int | None = None
    http_status: int | None = None
    provider_code: str | None = None
    provider_message: str | None = None
    trace_id: str | None = None
    data: dict[str, Any] | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    # Why a terminal was skipped or stopped before sending (Reason), None otherwise.
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "terminal_id": self.terminal_id,
            "provider": self.provider,
            "environment": self.environment,
            "outcome": self.outcome,
            "message": self.message,
            "request_id": self.request_id,
            "attempts": self.attempts,
            "close_id": self.close_id,
            "http_status": self.http_status,
            "provider_code": self.provider_code,
            "provider_message": self.provider_message,
            "trace_id": self.trace_id,
            "data": self.data,
            "started_at": to_text(self.started_at),
            "finished_at": to_text(self.finished_at),
            "reason": self.reason,
        }


class GateVerdict(Protocol):
    refused: str | None  # skip the terminal with these words...
    reason: str | None  # ...and this Reason
    warning: str | None  # or go, and add these words to the outcome


class CloseGate(Protocol):
    """Asked before a new close of a physical terminal is sent, and told when it is over.

    A PC linked to a chain passes app.core.chain.ChainGate (a PostgreSQL advisory lock on the provider
    identity, and a look for another PC's close of this business day); without one nothing is asked.
    Both calls block (they run on the engine's own thread pool) and never raise.
    """

    def asks(self, queries: CloseQueries) -> bool:
        """Whether there is anything to ask now (ChainGate: this PC is linked to a chain). A history read
        through ``queries``: it runs on the engine's read thread, in the trip that reads the terminal's
        history, so an unlinked PC makes no trip to the gate's threads. Asked for every close: a link made
        meanwhile counts from the next one."""
        ...

    def enter(self, identity: str, since: datetime, until: datetime, *, force: bool = False) -> GateVerdict: ...

    def leave(self, verdict: GateVerdict) -> None: ...


@dataclass(frozen=True)
class CloseEvent:
    """A step of one terminal's close, emitted as it happens.

    status: a Step on the way (queued, resolving, sending, retrying), then a final CloseStatus
    """

    terminal_id: str
    name: str
    status: str
    attempt: int = 0
    message: str = ""
    delay: float = 0.0
    outcome: Outcome | None = None
    at: float = field(default_factory=time.monotonic)

    @property
    def final(self) -> bool:
        return self.status in FINAL


Listener = Callable[[CloseEvent], None]


class _Run:
    def __init__(self, listener: Listener | None, day_end: clock_time = DEFAULT_DAY_END) -> None:
        self.listener = listener
        self.cancelled = asyncio.Event()
        self.day_end = day_end  # read once per run (it comes from the settings file)
        self.aborted = False
        self.tasks: list[asyncio.Task[None]] = []  # the run's workers (CloseEngine._gather)
        self.warnings: dict[str, str] = {}  # terminal id -> the chain's warning, added to its outcome
        self.unnumbered = False  # the owner confirmed closes without a batch number (never retried)
        self.under_way = asyncio.Event()  # a close request has left, or a job is done (CloseEngine._gather)


class CloseEngine:
    def __init__(
        self,
        history: History,
        secrets: SecretStore,
        client: httpx.AsyncClient,
        *,
        lock_dir: Path | None = None,
        policy: RetryPolicy = RetryPolicy(),
        now: Callable[[], datetime] = utcnow,
        seed: int | None = None,
        day_end: Callable[[], clock_time] = lambda: DEFAULT_DAY_END,
        gate: CloseGate | None = None,
    ) -> None:
        self.history = history
        self.secrets = secrets
        self.client = client
        self.policy = policy
        self.lock_dir = Path(lock_dir) if lock_dir else history.lock_dir
        self._now = now
        self._day_end = day_end
        self._rng = random.Random(seed)
        # One slot per request on the wire (a close's, a preview's, a check's): at most policy.concurrency.
        self._wire = asyncio.Semaphore(max(1, policy.concurrency))
        self.clock_warning: str | None = None  # set when a provider's clock differs from ours by > 10 min
        self._active: dict[str, str] = {}  # provider identity -> terminal id, closing right now here
        self._runs: set[_Run] = set()
        # Own executors, shut down without waiting: a keychain prompt must not hang the exit.
        self._db = ThreadPoolExecutor(1, thread_name_prefix="closeout-db")  # writes (group commits)
        # Reads on a connection and thread of their own (WAL: they never wait for a commit, nor a commit for
        # them): a close about to be sent never queues behind the next closes' reads. Opened at first use.
        self._reads = ThreadPoolExecutor(1, thread_name_prefix="closeout-db-read")
        self._reader: HistoryReader | None = None
        self._writes: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []  # waiting for the next group
        self._writing = False  # a group commit is running on the db thread
        self._urgent = False  # a write waiting for the next group holds up a request (see _write)
        self._kick: asyncio.TimerHandle | None = None  # the next group's start, when only outcomes wait
        self._keys = ThreadPoolExecutor(2, thread_name_prefix="closeout-keyring")
        self.gate = gate
        self._gates = (
            ThreadPoolExecutor(max(1, policy.concurrency), thread_name_prefix="closeout-chain") if gate else None
        )

    # -- public -----------------------------------------------------------------------------------

    @property
    def busy(self) -> frozenset[str]:
        """Ids of the terminals being closed right now by this process."""
        return frozenset(self._active.values())

    def cancel(self) -> None:
        """Stop what has not been sent: queued closes are skipped and no new attempt starts.

        Requests already on their way finish (or end in doubt); nothing is forgotten.
        """
        for run in list(self._runs):
            run.cancelled.set()

    def abort(self) -> None:
        """Stop now (Ctrl+C, SIGTERM, quit): queued closes are skipped, requests on their way are cut off and
        recorded as in doubt. Each run still returns one outcome per terminal."""
        for run in list(self._runs):
            if run.aborted:
                continue
            run.aborted = True
            run.cancelled.set()
            for task in run.tasks:
                task.cancel()

    async def _gather(
        self, run: _Run, jobs: Sequence[tuple[Terminal, Callable[[], Awaitable[Outcome]]]]
    ) -> list[Outcome]:
        """Run one job per terminal, in order; a job cut off by :meth:`abort` before it settled, or never
        started, reports a skip."""
        # Twice as many workers as slots, each taking the next job when it is done with one: while one set of
        # closes is on the wire, the next set does its reads (locks, the history, the secret, a preview) and
        # waits ready for a slot. Only these tasks exist, so a run of 1,000 terminals does not make 1,000
        # tasks take their first step in one turn of the event loop before the first request can leave.
        results: list[Outcome | None] = [None] * len(jobs)
        order = iter(range(len(jobs)))  # shared by the workers: each job is taken once

        def stopped(terminal: Terminal) -> Outcome:
            return self._final(
                run,
                self._skipped(terminal, _("Stopped before this close was sent; nothing was sent."), Reason.CANCELLED),
            )

        async def worker(ahead: bool) -> None:
            if ahead:
                # The second set starts once the first closes are under way, so the first requests leave
                # without queueing behind their reads on the threads (process start -> first request).
                try:
                    await run.under_way.wait()
                except asyncio.CancelledError:
                    if not run.aborted:
                        raise
                    return
            for i in order:
                if run.aborted:
                    return  # the jobs left are reported below
                terminal, start = jobs[i]
                try:
                    results[i] = await start()
                except asyncio.CancelledError:
                    if not run.aborted:
                        raise
                    results[i] = stopped(terminal)
                run.under_way.set()

        slots = max(1, self.policy.concurrency)
        width = min(len(jobs), slots * 2)
        run.tasks = [asyncio.ensure_future(worker(ahead=n >= slots)) for n in range(width)]
        await asyncio.gather(*run.tasks)
        return [r if r is not None else stopped(jobs[i][0]) for i, r in enumerate(results)]

    async def close(
        self,
        terminals: Iterable[Terminal],
        *,
        force: bool = False,
        unnumbered: bool = False,
        on_event: Listener | None = None,
    ) -> list[Outcome]:
        """Close ``terminals`` concurrently; one Outcome per distinct entry, in the given order.

        Entries that name the same physical terminal (provider identity) are closed once: the
        first closes, the others are skipped and say which entry they duplicate.
        """
        unique = list({t.id: t for t in terminals}.values())
        first: dict[str, Terminal] = {}
        run = _Run(on_event, self._day_end())
        run.unnumbered = unnumbered
        self._runs.add(run)
        try:
            jobs = []
            for terminal in unique:
                self._emit(run, CloseEvent(terminal.id, terminal.name, Step.QUEUED))
                key = providers.identity(terminal)
                if key in first:
                    jobs.append((terminal, functools.partial(self._duplicate, run, terminal, first[key])))
                else:
                    first[key] = terminal
                    jobs.append((terminal, functools.partial(self._close_one, run, terminal, force)))
            return await self._gather(run, jobs)
        finally:
            self._runs.discard(run)

    async def _duplicate(self, run: _Run, terminal: Terminal, original: Terminal) -> Outcome:
        return self._final(
            run,
            self._skipped(
                terminal,
                _(
                    "This is the same physical terminal as '{name}', which this run closes; it was not closed twice. "
                    "Remove one of the two entries."
                ).format(name=original.name),
                Reason.SAME_TERMINAL,
            ),
        )

    async def resolve(
        self, *, on_event: Listener | None = None, close_ids: Iterable[int] | None = None
    ) -> list[Outcome]:
        """Re-send every in-doubt close (or the given ones) with its original id, and record the answer."""
        rows = await self._in_db(self.history.in_doubt)
        if close_ids is not None:
            wanted = set(close_ids)
            rows = [r for r in rows if r.id in wanted]
        run = _Run(on_event)
        self._runs.add(run)
        try:
            for row in rows:
                self._emit(run, CloseEvent(row.terminal_id, row.terminal_name, Step.QUEUED))
            return await self._gather(
                run,
                [
                    (
                        Terminal(r.terminal_id, r.terminal_name, r.provider, {}),
                        functools.partial(self._resolve_one, run, r),
                    )
                    for r in rows
                ],
            )
        finally:
            self._runs.discard(run)

    async def read_secret(self, terminal_id: str) -> str:
        """A terminal's secret, read off the event loop's thread (a keychain may prompt)."""
        return await self._in_keys(self.secrets.get, terminal_id)

    def shutdown(self) -> None:
        self._db.shutdown(wait=False, cancel_futures=False)
        reader, self._reader = self._reader, None
        if reader is not None:  # closed on its own thread, after the reads queued before it
            with contextlib.suppress(RuntimeError):
                self._reads.submit(reader.close)
        self._reads.shutdown(wait=False, cancel_futures=False)
        self._keys.shutdown(wait=False, cancel_futures=True)
        if self._gates is not None:
            self._gates.shutdown(wait=False, cancel_futures=True)

    # -- one terminal -----------------------------------------------------------------------------

    async def _close_one(self, run: _Run, terminal: Terminal, force: bool) -> Outcome:
        env = self._environment(terminal)
        if not providers.known(terminal.provider):
            return self._final(
                run,
                self._outcome(
                    terminal,
                    env,
                    CloseStatus.SKIPPED,
                    str(providers.get_error(terminal)),
                    reason=Reason.UNKNOWN_PROVIDER,
                ),
            )
        key = providers.identity(terminal)
        async with self._guard(run, terminal, env, key) as refused:
            if refused:
                return refused
            held: list[GateVerdict] = []  # the chain's verdict while its lock is held (at most one)
            try:
                return await self._close_unguarded(run, terminal, force, env, key, held)
            finally:
                if self.gate is not None:  # held stays empty without a gate
                    for verdict in held:
                        await self._in_gate(self.gate.leave, verdict)

    async def _close_unguarded(
        self,
        run: _Run,
        terminal: Terminal,
        force: bool,
        env: str,
        key: str,
        held: list[GateVerdict],
    ) -> Outcome:
        """_close_one's work under this PC's lock, and the chain's when linked (its verdict goes into ``held``;
        _close_one hands it back to the gate when the close is over)."""
        try:
            module = providers.get(terminal.provider)
            frozen = request_snapshot(terminal)
        except (ValidationError, KeyError) as exc:
            return self._final(
                run,
                self._outcome(
                    terminal, env, CloseStatus.FAILED, _config_message(terminal, exc), reason=Reason.CONFIGURATION
                ),
            )
        secret = ""

        async def read_secret() -> Outcome | None:
            """The secret, read only when something is sent (a skip never touches the credential store)."""
            nonlocal secret
            try:
                secret = module.validate_secret(await self._in_keys(self.secrets.get, terminal.id))
            except (ValidationError, SecretStoreError) as exc:
                return self._final(
                    run,
                    self._outcome(
                        terminal, env, CloseStatus.FAILED, _config_message(terminal, exc), reason=Reason.CONFIGURATION
                    ),
                )
            return None

        try:
            now = self._now()
            # What the history knows of this physical terminal, read in one trip to the db thread. The
            # terminal lock is held: no other close of it can change this meanwhile.
            newest, doubts, last, asks = await self._in_reads(self._recorded, key, self._day_start(run, now), force)
            if asks and self.gate is not None:  # asks only with a gate
                # The chain's word, under this PC's own lock: another PC's lock, close or doubt of this terminal.
                since, until = day_bounds(business_day(now, run.day_end), run.day_end)
                verdict = await self._in_gate(self.gate.enter, key, since, until, force=force)
                if verdict.refused:
                    return self._final(
                        run,
                        self._outcome(
                            terminal,
                            env,
                            CloseStatus.SKIPPED,
                            verdict.refused,
                            reason=Reason(verdict.reason) if verdict.reason else None,
                        ),
                    )
                held.append(verdict)
                if verdict.warning:
                    run.warnings[terminal.id] = verdict.warning
            if newest is not None and in_future(newest.started_at, now):
                # A close "from the future" is never a reason to skip: the PC clock went back.
                when = newest.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
                return self._final(
                    run,
                    self._outcome(
                        terminal,
                        env,
                        CloseStatus.FAILED,
                        _(
                            "This PC's clock looks wrong: the newest recorded close of this terminal started at {when}, "
                            "which is later than now. Nothing was sent. Set the date and time of this PC (turn on "
                            "automatic time), then close again."
                        ).format(when=when),
                        reason=Reason.CLOCK,
                    ),
                )

            # An earlier close in doubt is settled first, with its own id and its own frozen request:
            # never a blind new close, whichever entry of this physical terminal made it.
            for row in doubts:
                if not secret and (failed := await read_secret()):
                    return failed
                self._emit(
                    run,
                    CloseEvent(
                        terminal.id,
                        terminal.name,
                        Step.RESOLVING,
                        message=_("Re-sending an earlier close that is in doubt"),
                    ),
                )
                target = resend_terminal(row, terminal)
                earlier = await self._send(run, target, module, secret, row, resend=True)
                _as_entry(earlier, terminal)
                if earlier.outcome != CloseStatus.CLOSED:
                    earlier.message = (
                        _("An earlier close is still in doubt, so no new close was started.") + " " + earlier.message
                    )
                    return self._final(run, earlier)
                if earlier.started_at and earlier.started_at >= self._day_start(run, now):
                    earlier.message = _(
                        "An earlier close from this business day was in doubt; the provider has now confirmed it."
                    )
                    return self._final(run, earlier)

            if not force:
                if last is not None:
                    local = last.started_at.astimezone().strftime("%H:%M")
                    return self._final(
                        run,
                        self._outcome(
                            terminal,
                            env,
                            CloseStatus.SKIPPED,
                            _("Already closed this business day at {time}; not closed again.").format(time=local),
                            reason=Reason.ALREADY_CLOSED,
                        ),
                    )

            if not secret and (failed := await read_secret()):
                return failed
            if not force and module.can(Capability.PREVIEW):
                # An empty batch is "nothing to close", not a close and not a failure (docs/providers/sunbay.md §5).
                # A failed preview never blocks the close: only the provider's explicit empty list skips it.
                async with self._wire:
                    preview = await module.preview(
                        self.client, terminal, secret, timeout=min(self.policy.timeout, 30.0)
                    )
                if getattr(preview, "empty", False):
                    return self._final(run, await self._nothing_to_close(terminal, env, key, _(NOTHING_TO_CLOSE)))

            request_id = module.new_request_id()
            if module.can(Capability.NUMBERED_BATCH):
                # The close names a batch chosen now and frozen with it (docs/providers/handpoint.md).
                last_closed = await self._in_reads(lambda: self._queries().last_done(key, None, (CloseStatus.CLOSED,)))
                async with self._wire:
                    prepared = await module.prepare_close(
                        self.client,
                        terminal,
                        secret,
                        (last_closed.data or {}) if last_closed is not None else None,
                        timeout=min(self.policy.timeout, 30.0),
                        unnumbered=run.unnumbered,
                    )
                if prepared.outcome is not None:
                    return self._final(
                        run,
                        self._outcome(
                            terminal,
                            env,
                            prepared.outcome,
                            prepared.message,
                            reason=Reason(prepared.reason) if prepared.reason else None,
                        ),
                    )
                frozen["settings"] = {**frozen["settings"], **(prepared.extra or {})}
                terminal = Terminal(terminal.id, terminal.name, terminal.provider, frozen["settings"])
                request_id = prepared.request_id or request_id

            if run.cancelled.is_set():
                return self._final(run, self._cancelled(terminal, env))
            # The row is written when the first attempt takes its slot, with that attempt counted, in one
            # commit that is on disk before the request leaves.
            start = functools.partial(
                self._start_close, terminal, env, request_id, forced=force, identity=key, request=frozen, attempts=1
            )
            return self._final(run, await self._send(run, terminal, module, secret, start, resend=False))
        except HistoryError as exc:
            # The history could not be read or written before this terminal's close was sent (_send
            # handles its own history errors): this terminal fails, nothing left for it, and the other
            # terminals of the run carry on instead of being cut off mid-request (issue 6: disk full).
            log.error("history error before closing %s: %s", terminal.id, exc)
            return self._final(
                run,
                self._outcome(
                    terminal, env, CloseStatus.FAILED, f"{exc} This terminal was not closed; nothing was sent for it."
                ),
            )

    async def _resolve_one(self, run: _Run, row: CloseRow) -> Outcome:
        placeholder = Terminal(row.terminal_id, row.terminal_name, row.provider, {})
        try:
            entry = await self._in_db(self._entry_for, row)
        except HistoryError as exc:  # nothing sent: it stays in doubt, and the other closes carry on
            return self._final(
                run,
                self._from_row(
                    row, placeholder, CloseStatus.IN_DOUBT, _("{error} This close was not re-sent.").format(error=exc)
                ),
            )
        if entry is None:
            return self._final(
                run,
                self._from_row(
                    row,
                    placeholder,
                    CloseStatus.IN_DOUBT,
                    _(
                        "The terminal was removed, so this close cannot be re-sent. Check with the provider, then settle it "
                        "by hand: 'closeout settle {id} --closed' or '--not-closed' (or Review in the window)."
                    ).format(id=row.id),
                ),
            )
        key = row.identity or providers.identity(entry)
        async with self._guard(run, entry, row.environment, key) as refused:
            if refused:
                return refused
            try:
                module = providers.get(row.provider)
                secret = await self._in_keys(self.secrets.get, entry.id)
            except (SecretStoreError, KeyError) as exc:
                return self._final(run, self._from_row(row, entry, CloseStatus.IN_DOUBT, _config_message(entry, exc)))
            try:
                current = await self._in_db(self.history.close_row, row.id)
            except HistoryError as exc:
                return self._final(
                    run,
                    self._from_row(
                        row, entry, CloseStatus.IN_DOUBT, _("{error} This close was not re-sent.").format(error=exc)
                    ),
                )
            if current is None or current.outcome != CloseStatus.IN_DOUBT:
                return self._final(
                    run,
                    self._from_row(
                        current or row, entry, CloseStatus((current or row).outcome), "Already settled elsewhere."
                    ),
                )
            outcome = await self._send(run, resend_terminal(current, entry), module, secret, current, resend=True)
            return self._final(run, _as_entry(outcome, entry))

    def _recorded(
        self, key: str, day_start: datetime, force: bool
    ) -> tuple[CloseRow | None, list[CloseRow], CloseRow | None, bool]:
        """(newest close, closes in doubt, close that closed it this business day) of one physical terminal,
        and whether the chain gate has anything to ask (in one trip to the read thread)."""
        reader = self._queries()
        last = None if force else reader.last_done(key, day_start, (CloseStatus.CLOSED,))
        asks = self.gate is not None and self.gate.asks(reader)
        return reader.last_close_of(key), reader.in_doubt(identity=key), last, asks

    def _queries(self) -> HistoryReader:
        """The engine's reader (on the read thread only), opened at first use."""
        if self._reader is None:
            self._reader = self.history.reader()
        return self._reader

    def _start_close(self, terminal: Terminal, env: str, request_id: str, **kwargs: Any) -> CloseRow:
        """The new close's row, as committed (read back in the same transaction: one trip to the db thread)."""
        close_id = self.history.start_close(terminal, env, request_id, **kwargs)
        row = self.history.close_row(close_id)
        assert row is not None
        return row

    def _entry_for(self, row: CloseRow) -> Terminal | None:
        """The configured entry of the physical terminal an in-doubt close was for (its secret is used)."""
        if not providers.known(row.provider):
            return None
        for terminal in self.history.terminals():
            if row.identity is not None and providers.identity(terminal) == row.identity:
                return terminal
        return None

    @contextlib.asynccontextmanager
    async def _guard(self, run: _Run, terminal: Terminal, env: str, key: str) -> AsyncIterator[Outcome | None]:
        """Make sure nobody else (here or in another process) is closing this physical terminal: the locks
        are keyed on its provider identity, not on the entry."""
        if run.cancelled.is_set():
            yield self._final(run, self._cancelled(terminal, env))
            return
        if key in self._active:
            yield self._final(
                run, self._skipped(terminal, _("This terminal is already being closed."), Reason.BUSY, env)
            )
            return
        self._active[key] = terminal.id  # before the await below: a second close of it here sees it at once
        lock = locks.terminal_lock(self.lock_dir, key)
        # Non-blocking (one flock call), but on the read thread: creating the lock file waits for the file
        # system's journal when the disk is slow, and the event loop (the window's) must not wait with it.
        acquiring = asyncio.get_running_loop().run_in_executor(self._reads, lock.acquire)
        try:
            taken = await asyncio.shield(acquiring)
        except BaseException:
            self._active.pop(key, None)

            def let_go(done: asyncio.Future[bool]) -> None:  # cut off while it was being taken: nobody else will
                if not done.cancelled() and done.exception() is None and done.result():
                    lock.release()

            acquiring.add_done_callback(let_go)
            raise
        if not taken:
            self._active.pop(key, None)
            busy = _(
                "Another Closeout window or scheduled run is closing this terminal right now; it was not closed twice."
            )
            yield self._final(run, self._skipped(terminal, busy, Reason.BUSY, env))
            return
        try:
            yield None
        finally:
            self._active.pop(key, None)
            lock.release()

    async def _send(
        self,
        run: _Run,
        terminal: Terminal,
        module: Provider,
        secret: str,
        close: CloseRow | Callable[..., CloseRow],
        *,
        resend: bool,
    ) -> Outcome:
        """Attempts of one close until it is settled, in doubt, or out of tries: a close in doubt (its row,
        re-sent) or a new one (``close`` writes its row, with the first attempt counted, when that attempt
        has its slot: nothing is recorded for a close cancelled before it was sent)."""
        row = close if isinstance(close, CloseRow) else None
        if row is not None and resend:
            try:
                row = await self._write(self.history.claim, row.id)
            except HistoryError as exc:
                # Not claimed, so not re-sent: the close stays in doubt exactly as it was.
                return self._from_row(
                    row,
                    terminal,
                    CloseStatus.IN_DOUBT,
                    _("{error} This close was not re-sent and stays in doubt.").format(error=exc),
                )
        state = {
            "attempts": row.attempts if row is not None else 0,
            "maybe_sent": resend and row is not None and row.attempts > 0,
            "in_flight": False,
        }
        if row is not None and resend:
            settled = await self._settle_lost(run, terminal, module, secret, row)
            if settled is not None:
                outcome, message, result = settled
                base = self._from_row(row, terminal, CloseStatus.IN_DOUBT, "")
                base.outcome, base.message, base.finished_at = outcome, message, self._now()
                if result is not None:
                    base.http_status, base.provider_code = result.http_status, result.provider_code
                    base.provider_message, base.trace_id = result.provider_message, result.trace_id
                    base.data = result.data if result.data is not None else base.data
                await self._record(row.id, base)
                return base
        limit = module.max_attempts_per_request()
        tries = 0
        last: CloseResult | None = None
        starting: asyncio.Future[CloseRow] | None = None  # a new close's row, being committed

        async def finish(outcome: CloseStatus, message: str, result: CloseResult | None) -> Outcome:
            assert row is not None
            base = self._from_row(row, terminal, CloseStatus.IN_DOUBT, "")
            base.outcome, base.message, base.attempts = outcome, message, state["attempts"]
            if result is not None:
                base.http_status, base.provider_code = result.http_status, result.provider_code
                base.provider_message, base.trace_id, base.data = result.provider_message, result.trace_id, result.data
            base.finished_at = self._now()
            await self._record(row.id, base)
            return base

        def stopped(reason: str) -> tuple[CloseStatus, str]:
            if state["maybe_sent"] or state["in_flight"]:
                return CloseStatus.IN_DOUBT, _doubt(reason, state["attempts"])
            return CloseStatus.FAILED, _("Cancelled before the close reached the provider; nothing was closed.")

        try:
            while True:
                if limit is not None and state["attempts"] >= limit:
                    return await finish(
                        CloseStatus.IN_DOUBT,
                        _(
                            "No answer settled this close after {attempts} attempts, the most {provider} allows for one "
                            "close. It may have gone through: check in the {provider} back office and mark it by hand."
                        ).format(attempts=state["attempts"], provider=module.LABEL),
                        last,
                    )
                tries += 1
                async with self._wire:
                    if run.cancelled.is_set():
                        if row is None:  # nothing written, nothing sent
                            return self._cancelled(terminal, self._environment(terminal))
                        return await finish(*stopped(_("Cancelled after an answer was lost")), last)
                    if row is None:
                        # The row and the first attempt's count in one commit: a HistoryError goes up to
                        # _close_unguarded (this terminal fails, nothing was sent, the others carry on).
                        assert callable(close)
                        starting = asyncio.ensure_future(self._write(close, started_at=self._now()))
                        row = await asyncio.shield(starting)
                    else:
                        try:
                            await self._write(self.history.record_attempt, row.id, state["attempts"] + 1)
                        except HistoryError as exc:
                            # An attempt never leaves before its count is on file (so a crash reads as in
                            # doubt): stop here, and say what is known instead of aborting every terminal.
                            if state["maybe_sent"]:
                                return await finish(
                                    CloseStatus.IN_DOUBT,
                                    _doubt(
                                        _("{error} No further attempt was sent").format(error=exc), state["attempts"]
                                    ),
                                    last,
                                )
                            return await finish(
                                CloseStatus.FAILED,
                                (
                                    _("{error} The close was not sent again.")
                                    if tries > 1
                                    else _("{error} The close was not sent.")
                                ).format(error=exc),
                                last,
                            )
                    state["attempts"] += 1
                    state["in_flight"] = True
                    attempt = state["attempts"]
                    run.under_way.set()  # the lookahead workers may start (_gather)
                    self._emit(run, CloseEvent(terminal.id, terminal.name, Step.SENDING, attempt=attempt))
                    try:
                        result = await module.close(
                            self.client, terminal, secret, row.request_id, attempt - 1, self.policy.timeout
                        )
                    except ValidationError as exc:
                        result = CloseResult(
                            AnswerKind.FAILED, f"{exc.field} {exc.message} Nothing was sent.", request_sent=False
                        )
                    state["in_flight"] = False
                last = result
                self._check_clock(module, result)
                log.info(
                    "close %s %s attempt %d: %s (HTTP %s, code %s)",
                    terminal.provider,
                    row.request_id,
                    attempt,
                    result.kind,
                    result.http_status,
                    result.provider_code,
                )
                if result.kind == AnswerKind.CLOSED:
                    return await finish(CloseStatus.CLOSED, result.message, result)
                if result.kind == AnswerKind.ALREADY_CLOSED:
                    # This very batch was closed before: by an earlier attempt of this close, or another way
                    # (an automatic close). Either way it is closed and nothing is left to send.
                    message = (
                        _(
                            "Closed: an earlier attempt of this close went through (the provider says the batch "
                            "is already closed)."
                        )
                        if state["maybe_sent"]
                        else result.message
                    )
                    return await finish(CloseStatus.CLOSED, message, result)
                if result.kind == AnswerKind.NOTHING_TO_CLOSE:
                    if state["maybe_sent"]:  # an earlier attempt may have closed it and the next batch is empty
                        return await finish(CloseStatus.IN_DOUBT, _doubt(result.message, attempt), result)
                    skipped = await finish(CloseStatus.SKIPPED, _(NOTHING_TO_CLOSE), result)
                    skipped.reason = Reason.NOTHING_TO_CLOSE
                    return skipped
                if result.kind == AnswerKind.LOST:
                    state["maybe_sent"] = True
                if result.kind in (AnswerKind.LOST, AnswerKind.RETRY) and not result.resend_safe:
                    # Sending it again could close another batch: never retried; a person settles it.
                    if state["maybe_sent"]:
                        return await finish(CloseStatus.IN_DOUBT, _doubt_by_hand(result.message, attempt), result)
                    return await finish(
                        CloseStatus.FAILED, result.message + " " + _("Not retried: it had no batch number."), result
                    )
                if result.kind == AnswerKind.FAILED:
                    if state["maybe_sent"]:
                        return await finish(
                            CloseStatus.IN_DOUBT,
                            _doubt(
                                _("A later attempt was refused ({message}), but an earlier answer was lost").format(
                                    message=result.message
                                ),
                                attempt,
                            ),
                            result,
                        )
                    return await finish(CloseStatus.FAILED, result.message, result)
                if tries >= self.policy.max_attempts:
                    if state["maybe_sent"]:
                        return await finish(CloseStatus.IN_DOUBT, _doubt(result.message, attempt), result)
                    return await finish(
                        CloseStatus.FAILED,
                        ngettext(
                            "Gave up after {n} attempt: {message}", "Gave up after {n} attempts: {message}", attempt
                        ).format(n=attempt, message=result.message),
                        result,
                    )
                delay = self.policy.delay(tries, result.retry_after, self._rng)
                self._emit(
                    run,
                    CloseEvent(
                        terminal.id, terminal.name, Step.RETRYING, attempt=attempt, message=result.message, delay=delay
                    ),
                )
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(delay):
                        await run.cancelled.wait()
        except asyncio.CancelledError:
            # Cut off (abort, quit, or a hard cancel): record what may have been sent. After abort() the run
            # goes on reporting (this outcome); any other cancel goes on up.
            if row is None and starting is not None:  # cut off while its row was being committed
                with contextlib.suppress(HistoryError, asyncio.CancelledError):
                    row = await asyncio.shield(starting)
                if row is not None:  # on file with its first attempt counted, but that attempt never left
                    with contextlib.suppress(HistoryError, asyncio.CancelledError):
                        await asyncio.shield(self._write(self.history.record_attempt, row.id, 0))
            if row is None:
                raise  # nothing on file, nothing sent: _gather reports the skip
            outcome, message = stopped(_("Stopped while the request was on its way"))
            base = await asyncio.shield(finish(outcome, message, last))
            if run.aborted:
                return base
            self._emit(run, CloseEvent(terminal.id, terminal.name, outcome, base.attempts, message, outcome=base))
            raise

    # -- helpers ----------------------------------------------------------------------------------

    async def _record(self, close_id: int, outcome: Outcome) -> None:
        try:
            await self._write_outcome(
                self.history.finish_close,
                close_id,
                outcome.outcome,
                message=outcome.message,
                http_status=outcome.http_status,
                provider_code=outcome.provider_code,
                provider_message=outcome.provider_message,
                trace_id=outcome.trace_id,
                data=outcome.data,
                finished_at=outcome.finished_at,
            )
        except HistoryError as exc:
            # The row stays "sending" and reads as in doubt once this process is gone: not silent.
            log.error("could not record the outcome of close %s: %s", close_id, exc)
            outcome.message += f" (The history could not be updated: {exc})"

    def _check_clock(self, module: providers.Provider, result: CloseResult) -> None:
        """An answer's Date header tells whether this PC's clock is off, for providers that refuse a skewed
        clock (Capability.CLOCK_WINDOW); the warning names that provider."""
        if result.server_date is not None and module.can(Capability.CLOCK_WINDOW):
            self.clock_warning = module.clock_warning(result.server_date, self._now().timestamp())

    async def _settle_lost(
        self, run: _Run, terminal: Terminal, module: providers.Provider, secret: str, row: CloseRow
    ) -> tuple[CloseStatus, str, CloseResult | None] | None:
        """Before a close in doubt is sent again, settle it the provider's way (LostClose): ask the provider
        about that exact close, or leave it to a person. None: go on and re-send the same request."""
        if module.LOST_CLOSE == LostClose.ASK and module.can(Capability.CHECK_CLOSE):
            async with self._wire:
                said = await module.check_close(
                    self.client, terminal, secret, row.request or {}, timeout=min(self.policy.timeout, 30.0)
                )
            if said is not None and said.kind == AnswerKind.CLOSED:
                return (
                    CloseStatus.CLOSED,
                    said.message + " " + _("The close in doubt went through; nothing was sent again."),
                    said,
                )
        if module.LOST_CLOSE == LostClose.BY_HAND or not module.can_resend(row.request):
            return (
                CloseStatus.IN_DOUBT,
                _(
                    "This close cannot be sent again safely and the provider could not confirm it. "
                    "Check with the provider, then settle it by hand: 'closeout settle {id} --closed' "
                    "or '--not-closed' (or Review in the window)."
                ).format(id=row.id),
                None,
            )
        return None

    async def _nothing_to_close(self, terminal: Terminal, env: str, key: str, message: str) -> Outcome:
        skipped = self._outcome(terminal, env, CloseStatus.SKIPPED, message, reason=Reason.NOTHING_TO_CLOSE)
        # Recorded (nothing was sent) so the day's report says "nothing to close".
        skipped.close_id = await self._write_outcome(
            self.history.record_nothing_to_close, terminal, env, message, identity=key, at=self._now()
        )
        return skipped

    def _final(self, run: _Run, outcome: Outcome) -> Outcome:
        warning = run.warnings.pop(outcome.terminal_id, None)
        if warning:
            outcome.message = f"{outcome.message} {warning}".strip()
        self._emit(
            run,
            CloseEvent(
                outcome.terminal_id, outcome.name, outcome.outcome, outcome.attempts, outcome.message, outcome=outcome
            ),
        )
        return outcome

    def _emit(self, run: _Run, event: CloseEvent) -> None:
        if run.listener is None:
            return
        try:
            run.listener(event)
        except Exception:  # a listener's bug must not break a close
            log.exception("close event listener failed")

    def _outcome(
        self, terminal: Terminal, env: str, outcome: CloseStatus, message: str, *, reason: str | None = None
    ) -> Outcome:
        return Outcome(terminal.id, terminal.name, terminal.provider, env, outcome, message, reason=reason)

    def _skipped(self, terminal: Terminal, message: str, reason: Reason, env: str | None = None) -> Outcome:
        return self._outcome(terminal, env or self._environment(terminal), CloseStatus.SKIPPED, message, reason=reason)

    def _cancelled(self, terminal: Terminal, env: str) -> Outcome:
        return self._skipped(terminal, _("Cancelled before sending."), Reason.CANCELLED, env)

    def _from_row(self, row: CloseRow, terminal: Terminal, outcome: CloseStatus, message: str) -> Outcome:
        return Outcome(
            terminal.id,
            terminal.name,
            terminal.provider,
            row.environment,
            outcome,
            message or (row.message or ""),
            request_id=row.request_id,
            attempts=row.attempts,
            close_id=row.id,
            http_status=row.http_status,
            provider_code=row.provider_code,
            provider_message=row.provider_message,
            trace_id=row.trace_id,
            data=row.data,
            started_at=row.started_at,
            finished_at=row.finished_at,
        )

    def _environment(self, terminal: Terminal) -> str:
        try:
            return providers.get(terminal.provider).environment(terminal)
        except KeyError:
            return "unknown"

    def _day_start(self, run: _Run, now: datetime) -> datetime:
        return current_day_start(now, run.day_end)

    async def _in_reads(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        loop = asyncio.get_running_loop()
        return await asyncio.shield(loop.run_in_executor(self._reads, functools.partial(fn, *args, **kwargs)))

    async def _in_db(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        loop = asyncio.get_running_loop()
        return await asyncio.shield(loop.run_in_executor(self._db, functools.partial(fn, *args, **kwargs)))

    async def _write(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """A history write that a request waits for (a row, an attempt count): committed at once, together
        with the writes of the other closes that come in meanwhile (group commit: one fsync for closes
        starting or ending together). It returns once its commit is on disk, so a row is still on disk
        before its request leaves. Shielded: a cancel never loses it."""
        return await self._queue_write(functools.partial(fn, *args, **kwargs), urgent=True)

    async def _write_outcome(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """A write no request waits for (an outcome): it waits up to OUTCOME_WAIT for the next urgent write
        and rides in its commit, so a close about to be sent never queues behind another's outcome on
        the one db thread (nor the disk behind two fsyncs). Still on disk before it returns."""
        return await self._queue_write(functools.partial(fn, *args, **kwargs), urgent=False)

    async def _queue_write(self, call: Callable[[], R], *, urgent: bool) -> R:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[R] = loop.create_future()
        self._writes.append((call, done))
        self._urgent = self._urgent or urgent
        if not self._writing:
            if self._urgent:
                self._commit_group(loop)
            elif self._kick is None:
                self._kick = loop.call_later(OUTCOME_WAIT, self._commit_group, loop)
        return await asyncio.shield(done)

    def _commit_group(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._kick is not None:
            self._kick.cancel()
            self._kick = None
        group, self._writes = self._writes, []
        self._writing, self._urgent = True, False
        calls = [call for call, _ in group]
        try:
            committed = loop.run_in_executor(self._db, self.history.write_group, calls)
        except RuntimeError as exc:  # the engine was shut down: nothing of this group was written
            committed = loop.create_future()
            committed.set_exception(HistoryError(_("The history could not be written ({why}).").format(why=exc)))

        def settled(result: asyncio.Future[list[Any]]) -> None:
            try:
                answers = result.result()
            except BaseException as exc:  # noqa: BLE001 - the executor is gone, or write_group itself failed
                answers = [exc] * len(group)
            for (_, done), answer in zip(group, answers):
                if done.done():
                    continue
                if isinstance(answer, BaseException):
                    done.set_exception(answer)
                else:
                    done.set_result(answer)
            self._writing = False
            if self._urgent:
                self._commit_group(loop)
            elif self._writes and self._kick is None:
                self._kick = loop.call_later(OUTCOME_WAIT, self._commit_group, loop)

        committed.add_done_callback(settled)

    async def _in_gate(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        loop = asyncio.get_running_loop()
        return await asyncio.shield(loop.run_in_executor(self._gates, functools.partial(fn, *args, **kwargs)))

    async def _in_keys(self, fn: Callable[[*Ts], R], *args: *Ts) -> R:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._keys, fn, *args)


def _doubt(reason: str, attempts: int) -> str:
    return (
        reason.rstrip(".")
        + ". "
        + ngettext(
            "After {attempts} attempt the outcome is unknown: the close may have gone through. It will not be closed "
            "again blindly: the next close of this terminal first re-sends this same close (it cannot close twice), or "
            "check with the provider.",
            "After {attempts} attempts the outcome is unknown: the close may have gone through. It will not be closed "
            "again blindly: the next close of this terminal first re-sends this same close (it cannot close twice), or "
            "check with the provider.",
            attempts,
        ).format(attempts=attempts)
    )


def _doubt_by_hand(reason: str, attempts: int) -> str:
    return (
        reason.rstrip(".")
        + ". "
        + ngettext(
            "After {attempts} attempt the outcome is unknown: the close may have gone through. It cannot be sent again "
            "safely: check with the provider, then settle it by hand ('closeout settle' or Review in the window).",
            "After {attempts} attempts the outcome is unknown: the close may have gone through. It cannot be sent again "
            "safely: check with the provider, then settle it by hand ('closeout settle' or Review in the window).",
            attempts,
        ).format(attempts=attempts)
    )


def _config_message(terminal: Terminal, exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        # Name the field as the terminal dialog does ("Terminal ID"), not by its internal key.
        fields = getattr(providers.PROVIDERS.get(terminal.provider), "FIELDS", ())
        label = next((_(f.label) for f in fields if f.key == exc.field), exc.field)
        return _("The {field} {problem} Edit the terminal; nothing was sent.").format(field=label, problem=exc.message)
    if isinstance(exc, KeyError):
        return f"{exc.args[0] if exc.args else exc} Nothing was sent."
    return f"{exc} Nothing was sent."


def request_snapshot(terminal: Terminal) -> dict[str, Any]:
    """The frozen request of a new close: everything but the secret needed to send that exact close again.

    Validates the settings (raises ValidationError), so a close row never holds a request that cannot be sent.
    """
    from app.core.terminals import validate_settings

    settings = validate_settings(terminal.provider, terminal.settings)
    frozen = Terminal(terminal.id, terminal.name, terminal.provider, settings)
    return {
        "provider": terminal.provider,
        "identity": providers.identity(frozen),
        "environment": providers.get(terminal.provider).environment(frozen),
        "settings": settings,
    }


def resend_terminal(row: CloseRow, entry: Terminal) -> Terminal:
    """What a re-send of ``row`` is built from: its frozen request, never the entry's current settings.

    Rows written before frozen requests existed (schema < 3) fall back to the entry, which then has the
    same provider identity by construction of the migration.
    """
    if row.request and isinstance(row.request.get("settings"), dict):
        return Terminal(entry.id, entry.name, row.provider, dict(row.request["settings"]))
    return entry


def _as_entry(outcome: Outcome, entry: Terminal) -> Outcome:
    """Report a re-sent close under the entry the run is about (the row may carry an older entry's id)."""
    outcome.terminal_id, outcome.name = entry.id, entry.name
    return outcome
