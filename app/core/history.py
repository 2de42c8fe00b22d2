"""The local history: configured terminals and one row per close, in one SQLite file.

A close row is written and committed (state ``sending``) *before* its request leaves, and
updated on every attempt and outcome, so a crash or power cut leaves an in-doubt trail and
never a silent gap. A row still ``sending`` whose owning process is gone is in doubt; the
first process to open the history afterwards records it as such.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, TypeVar

from app.core import locks
from app.core.i18n import N_, _
from app.core.files import private_file
from app.core.text import name_key
from app.core.states import ROW_STATUSES, CloseStatus
from app.core.terminal import Terminal

log = logging.getLogger(__name__)
T = TypeVar("T")

SCHEMA_VERSION = 4
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024
OUTCOMES = ROW_STATUSES  # what a row can hold (app/core/states.py)

# Recorded in the language of the process that records them (translated where they are written or read).
UNSENT_MESSAGE = N_("Closeout stopped before this close was sent; nothing reached the provider.")
STOPPED_MESSAGE = N_(
    "Closeout was stopped while this close was on its way; whether it reached the provider is unknown."
)
ORPHAN_MESSAGE = N_(
    "Closeout stopped (crash, power cut or kill) while this close was being sent; "
    "whether it reached the provider is unknown."
)

# Forward migrations: MIGRATIONS[n] takes a database from version n to n + 1.
MIGRATIONS: dict[int, str] = {
    0: """
        CREATE TABLE terminals (
            id          TEXT PRIMARY KEY,
            name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
            provider    TEXT NOT NULL,
            settings    TEXT NOT NULL,
            position    INTEGER NOT NULL DEFAULT 0,
            created_at  TEXT NOT NULL
        );
        CREATE TABLE closes (
            id               INTEGER PRIMARY KEY,
            terminal_id      TEXT NOT NULL,
            terminal_name    TEXT NOT NULL,
            provider         TEXT NOT NULL,
            environment      TEXT NOT NULL,
            request_id       TEXT NOT NULL UNIQUE,
            started_at       TEXT NOT NULL,
            finished_at      TEXT,
            attempts         INTEGER NOT NULL DEFAULT 0,
            outcome          TEXT NOT NULL,
            http_status      INTEGER,
            provider_code    TEXT,
            provider_message TEXT,
            message          TEXT,
            trace_id         TEXT,
            data             TEXT,
            forced           INTEGER NOT NULL DEFAULT 0,
            owner            TEXT
        );
        CREATE INDEX closes_by_time ON closes (started_at);
        CREATE INDEX closes_by_terminal ON closes (terminal_id, started_at);
    """,
    1: """
        ALTER TABLE closes ADD COLUMN settled_by TEXT;
        ALTER TABLE closes ADD COLUMN settled_at TEXT;
        ALTER TABLE closes ADD COLUMN note TEXT;
        CREATE INDEX closes_by_outcome ON closes (outcome, started_at);
    """,
    2: """
        ALTER TABLE closes ADD COLUMN identity TEXT;
        ALTER TABLE closes ADD COLUMN request TEXT;
        CREATE INDEX closes_by_identity ON closes (identity, started_at);
    """,
    # v4, chains (app/core/chain.py): the link to a chain's PostgreSQL and the outbox of changes on their way
    # there. Triggers write the outbox, so each entry is committed in the very transaction that changes a close
    # or the terminal list, whichever code path makes the change; they fire only while this PC is linked.
    3: """
        CREATE TABLE chain_link (
            id                INTEGER PRIMARY KEY CHECK (id = 1),
            url               TEXT NOT NULL,
            shop              TEXT NOT NULL,
            pc_id             TEXT NOT NULL,
            pc_name           TEXT NOT NULL,
            connected_at      TEXT NOT NULL,
            unreachable_since TEXT,
            last_error        TEXT,
            last_sent_at      TEXT
        );
        CREATE TABLE outbox (
            seq       INTEGER PRIMARY KEY AUTOINCREMENT,
            kind      TEXT NOT NULL,
            ref       TEXT NOT NULL,
            queued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))
        );
        CREATE INDEX outbox_by_ref ON outbox (kind, ref, seq);
        CREATE TRIGGER outbox_close_added AFTER INSERT ON closes WHEN EXISTS (SELECT 1 FROM chain_link)
        BEGIN INSERT INTO outbox (kind, ref) VALUES ('close', NEW.id); END;
        CREATE TRIGGER outbox_close_changed AFTER UPDATE ON closes WHEN EXISTS (SELECT 1 FROM chain_link)
        BEGIN INSERT INTO outbox (kind, ref) VALUES ('close', NEW.id); END;
        CREATE TRIGGER outbox_terminal_added AFTER INSERT ON terminals WHEN EXISTS (SELECT 1 FROM chain_link)
        BEGIN INSERT INTO outbox (kind, ref) VALUES ('terminal', NEW.id); END;
        CREATE TRIGGER outbox_terminal_changed AFTER UPDATE ON terminals WHEN EXISTS (SELECT 1 FROM chain_link)
        BEGIN INSERT INTO outbox (kind, ref) VALUES ('terminal', NEW.id); END;
        CREATE TRIGGER outbox_terminal_removed AFTER DELETE ON terminals WHEN EXISTS (SELECT 1 FROM chain_link)
        BEGIN INSERT INTO outbox (kind, ref) VALUES ('terminal', OLD.id); END;
    """,
}


def _fill_identities(db: sqlite3.Connection) -> None:
    """v3: every close names the physical terminal (provider identity) it was for.

    Closes of configured terminals get that terminal's identity; closes of terminals removed
    before v3 keep one of their own (their settings are gone, so they cannot be matched).
    """
    from app.core.providers import identity  # the registry; it never imports the history

    for r in db.execute("SELECT id, provider, settings FROM terminals").fetchall():
        terminal = Terminal(r[0], "", r[1], json.loads(r[2]))
        db.execute("UPDATE closes SET identity = ? WHERE terminal_id = ?", (identity(terminal), terminal.id))
    db.execute("UPDATE closes SET identity = 'legacy|' || terminal_id WHERE identity IS NULL")


# Python steps that run after MIGRATIONS[n], in the same transaction.
MIGRATION_STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {2: _fill_identities}


class HistoryError(Exception):
    """The history cannot be used; the message says why and what to do."""


class DuplicateName(HistoryError):
    pass


class DuplicateTerminal(HistoryError):
    """Another entry already names the same physical terminal (same provider identity)."""

    def __init__(self, existing: str) -> None:
        super().__init__(
            _(
                "This terminal is already set up as '{name}'; one physical terminal can be set up "
                "only once. Edit '{name}' instead."
            ).format(name=existing)
        )
        self.existing = existing


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def to_text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("history times must be timezone-aware")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def from_text(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def stamp(value: str) -> datetime:
    """A time of a NOT NULL column (written by to_text)."""
    return datetime.fromisoformat(value)


@dataclass(frozen=True)
class CloseRow:
    id: int
    terminal_id: str
    terminal_name: str
    provider: str
    environment: str
    request_id: str
    started_at: datetime
    finished_at: datetime | None
    attempts: int
    outcome: str  # as shown everywhere: an orphaned "sending" row reads as "in_doubt"
    http_status: int | None
    provider_code: str | None
    provider_message: str | None
    message: str | None
    trace_id: str | None
    data: dict[str, Any] | None
    forced: bool
    owner: str | None
    settled_by: str | None = None
    settled_at: datetime | None = None
    note: str | None = None
    identity: str | None = None  # the physical terminal (provider identity), schema v3
    request: dict[str, Any] | None = None  # the frozen request: what a re-send must send again

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "terminal_id": self.terminal_id,
            "name": self.terminal_name,
            "provider": self.provider,
            "environment": self.environment,
            "outcome": self.outcome,
            "started_at": to_text(self.started_at),
            "finished_at": to_text(self.finished_at),
            "attempts": self.attempts,
            "request_id": self.request_id,
            "http_status": self.http_status,
            "provider_code": self.provider_code,
            "provider_message": self.provider_message,
            "message": self.message,
            "trace_id": self.trace_id,
            "data": self.data,
            "forced": self.forced,
            "settled_by": self.settled_by,
            "settled_at": to_text(self.settled_at),
            "note": self.note,
            "identity": self.identity,
        }


@dataclass(frozen=True)
class CloseFilter:
    """Which closes the history view shows: a time range, one terminal, one outcome, a search.

    ``since``/``until`` are instants (the view turns local days into them); ``text`` is split on
    spaces and every word must appear (case-insensitively for ASCII) in the terminal name,
    request id, trace id, provider code, provider message or message.
    """

    since: datetime | None = None
    until: datetime | None = None
    terminal_id: str | None = None
    outcome: str | None = None
    text: str = ""

    @property
    def words(self) -> list[str]:
        return self.text.split()


@dataclass(frozen=True)
class PageCursor:
    """Where the next page starts: the stored key of the last row shown (keyset paging, no OFFSET)."""

    started_at: str
    id: int


@dataclass(frozen=True)
class ClosePage:
    rows: list[CloseRow]
    after: PageCursor | None  # pass back to get the next page; None when this page was the last


@dataclass(frozen=True)
class HistoryTerminal:
    """A terminal that has closes in the history, named as on its newest close."""

    id: str
    name: str
    last_started_at: datetime | None


class QueryAborted(HistoryError):
    """A read was stopped because its answer is no longer wanted (the filter changed)."""


_SEARCH_COLUMNS = ("terminal_name", "request_id", "trace_id", "provider_code", "provider_message", "message")


class CloseQueries:
    """Read-only queries, shared by History and HistoryReader: the history view's, and what the engine
    reads of a terminal before closing it (on a reader of its own, so reads never queue behind commits).

    Every page query walks an index in (started_at DESC, id DESC) order and stops after one page, so
    its cost does not grow with the history: closes_by_time, closes_by_terminal and
    closes_by_outcome all end in started_at and (implicitly) the rowid ``id``.
    """

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        raise NotImplementedError

    def _row(self, r: sqlite3.Row) -> CloseRow:
        raise NotImplementedError

    def _query_one(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        rows = self._query(sql, params)
        return rows[0] if rows else None

    # -- what the engine reads of one physical terminal before it closes it (on either connection) --

    def last_close_of(self, identity: str) -> CloseRow | None:
        """The newest close of one physical terminal, under whichever entry it was made."""
        row = self._query_one(
            f"SELECT {_COLUMNS} FROM closes WHERE identity = ? ORDER BY started_at DESC, id DESC LIMIT 1", (identity,)
        )
        return self._row(row) if row else None

    def last_done(
        self,
        identity: str,
        since: datetime | None = None,
        outcomes: tuple[str, ...] = (CloseStatus.CLOSED, CloseStatus.SKIPPED),
        until: datetime | None = None,
    ) -> CloseRow | None:
        """The newest close of a physical terminal with one of ``outcomes`` (by default: closed, or an empty
        batch recorded as "nothing to close"), started in [``since``, ``until``)."""
        marks = ", ".join("?" for _ in outcomes)
        sql = f"SELECT {_COLUMNS} FROM closes WHERE identity = ? AND +outcome IN ({marks})"
        params: list[Any] = [identity, *outcomes]
        if since is not None:
            sql += " AND started_at >= ?"
            params.append(to_text(since))
        if until is not None:
            sql += " AND started_at < ?"
            params.append(to_text(until))
        row = self._query_one(sql + " ORDER BY started_at DESC, id DESC LIMIT 1", params)
        return self._row(row) if row else None

    def in_doubt(self, terminal_id: str | None = None, *, identity: str | None = None) -> list[CloseRow]:
        """Closes whose outcome is unknown (including orphaned ``sending`` rows), oldest first."""
        sql = f"SELECT {_COLUMNS} FROM closes WHERE outcome IN ('in_doubt', 'sending')"
        params: list[Any] = []
        if terminal_id is not None:
            sql += " AND terminal_id = ?"
            params.append(terminal_id)
        if identity is not None:
            sql += " AND identity = ?"
            params.append(identity)
        rows = [self._row(r) for r in self._query(sql + " ORDER BY started_at, id", params)]
        return [r for r in rows if r.outcome == CloseStatus.IN_DOUBT]

    def chain_link(self) -> ChainLink | None:
        row = self._query_one(
            "SELECT url, shop, pc_id, pc_name, connected_at, unreachable_since, last_error, "
            "last_sent_at FROM chain_link WHERE id = 1"
        )
        if row is None:
            return None
        return ChainLink(
            row["url"],
            row["shop"],
            row["pc_id"],
            row["pc_name"],
            from_text(row["connected_at"]),
            from_text(row["unreachable_since"]),
            row["last_error"],
            from_text(row["last_sent_at"]),
        )

    def close_page(
        self, filters: CloseFilter = CloseFilter(), after: PageCursor | None = None, limit: int = 200
    ) -> ClosePage:
        """One page of matching closes, newest first, starting after ``after``."""
        where, params = _where(filters, after)
        rows = self._query(
            f"SELECT {_COLUMNS} FROM closes{where} ORDER BY started_at DESC, id DESC LIMIT ?", [*params, limit]
        )
        last = rows[-1] if len(rows) == limit else None
        return ClosePage(
            [self._row(r) for r in rows], PageCursor(last["started_at"], last["id"]) if last is not None else None
        )

    def iter_closes(self, filters: CloseFilter = CloseFilter(), chunk: int = 2000) -> Iterator[CloseRow]:
        """Every matching close, newest first, read in chunks (each its own short read transaction)."""
        after: PageCursor | None = None
        while True:
            page = self.close_page(filters, after, chunk)
            yield from page.rows
            if page.after is None:
                return
            after = page.after

    def count_matching(self, filters: CloseFilter = CloseFilter(), cap: int | None = None) -> int:
        """How many closes match; with ``cap``, counting stops there (the answer is then ``cap``)."""
        where, params = _where(filters, None)
        if cap is None:
            return int(self._query(f"SELECT count(*) FROM closes{where}", params)[0][0])
        return int(self._query(f"SELECT count(*) FROM (SELECT 1 FROM closes{where} LIMIT ?)", [*params, cap])[0][0])

    def history_terminals(self) -> list[HistoryTerminal]:
        """Every terminal id that has closes (also removed terminals), with its newest recorded name.

        A skip-scan of closes_by_terminal: one index seek per terminal, not a scan of the closes.
        """
        rows = self._query("""
            WITH RECURSIVE ids(tid) AS (
                SELECT (SELECT min(terminal_id) FROM closes)
                UNION ALL
                SELECT (SELECT min(terminal_id) FROM closes WHERE terminal_id > ids.tid) FROM ids
                WHERE ids.tid IS NOT NULL
            )
            SELECT tid,
                   (SELECT terminal_name || char(31) || started_at FROM closes WHERE terminal_id = tid
                    ORDER BY started_at DESC, id DESC LIMIT 1) AS newest
            FROM ids WHERE tid IS NOT NULL""")
        found = []
        for r in rows:
            name, _, started = (r["newest"] or "").rpartition(chr(31))
            found.append(HistoryTerminal(r["tid"], name, from_text(started)))
        return found


def _where(filters: CloseFilter, after: PageCursor | None) -> tuple[str, list[Any]]:
    """The WHERE clause of every close query (History.closes too), with the search and the page cursor.
    With a terminal, its index drives and the outcome is only checked (``+outcome``): one terminal's
    closes are few, while the closes of one outcome over all terminals are many."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.since is not None:
        clauses.append("started_at >= ?")
        params.append(to_text(filters.since))
    if filters.until is not None:
        clauses.append("started_at < ?")
        params.append(to_text(filters.until))
    column = "outcome"
    if filters.terminal_id is not None:
        clauses.append("terminal_id = ?")
        params.append(filters.terminal_id)
        column = "+outcome"
    if filters.outcome == CloseStatus.IN_DOUBT:
        # "in doubt" includes rows left sending by a stopped process (recovered on open).
        clauses.append(f"{column} IN ('in_doubt', 'sending')")
    elif filters.outcome is not None:
        clauses.append(f"{column} = ?")
        params.append(filters.outcome)
    for word in filters.words:
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in _SEARCH_COLUMNS) + ")")
        params += [pattern] * len(_SEARCH_COLUMNS)
    if after is not None:
        # The first term bounds the index range; the second only sorts out rows of the same instant.
        clauses.append("started_at <= ? AND (started_at < ? OR id < ?)")
        params += [after.started_at, after.started_at, after.id]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


_COLUMNS = (
    "id, terminal_id, terminal_name, provider, environment, request_id, started_at, finished_at, attempts, "
    "outcome, http_status, provider_code, provider_message, message, trace_id, data, forced, owner, "
    "settled_by, settled_at, note, identity, request"
)


class History(CloseQueries):
    """One open history file. Thread-safe: the engine writes from a worker thread."""

    def __init__(self, path: Path | str, lock_dir: Path | str | None = None) -> None:
        self.path = Path(path)
        self.lock_dir = Path(lock_dir) if lock_dir else self.path.parent / "locks"
        self.owner = uuid.uuid4().hex
        self.notice: str | None = None  # set when a damaged file had to be moved aside
        self._lock = threading.RLock()
        self._grouped = False  # inside write_group (under _lock): writes are savepoints of one transaction
        self._owner_lock = locks.owner_lock(self.lock_dir, self.owner)
        if not self._owner_lock.acquire():  # a fresh random token: cannot be held by anyone else
            raise HistoryError(_("Closeout could not take its lock in the home folder."))
        self._dead_owners: set[str] = set()
        try:
            self._db = self._open()
        except BaseException:
            self._owner_lock.release()
            raise
        self.recover_orphans()

    # -- opening ----------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        private_file(self.path)  # 0600 whatever the umask; SQLite gives the WAL and SHM files the same mode
        db = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, check_same_thread=False)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA busy_timeout = 10000")
        return db

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(
                _("Closeout cannot create its folder {path} ({why}).").format(path=self.path.parent, why=exc.strerror)
            ) from None
        db = None
        try:
            db = self._connect()
            version = self._prepare(db)
        except sqlite3.DatabaseError as exc:
            if db is not None:
                db.close()  # Windows cannot rename a file that is still open
            if _is_damage(exc):
                moved = self._move_aside()
                self.notice = _(
                    "The history file was damaged and has been moved aside to {name}; nothing was "
                    "deleted. Closeout started a new history."
                ).format(name=moved.name)
                log.error("history damaged (%s); moved to %s", exc, moved)
                db = self._connect()
                version = self._prepare(db)
            else:
                raise HistoryError(_explain(exc, self.path)) from None
        log.info("history %s at schema version %d", self.path, version)
        return db

    def _prepare(self, db: sqlite3.Connection) -> int:
        version: int = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            db.close()
            raise HistoryError(
                _(
                    "The history in {path} was written by a newer Closeout (schema {version}; this one knows "
                    "{known}). Update Closeout; the file was left untouched."
                ).format(path=self.path, version=version, known=SCHEMA_VERSION)
            )
        # Touch the schema so a damaged file fails here, not halfway through a close. A shop's history
        # stays small for years; only then is a full page check cheap enough for every start (~0.1 s
        # for 64 MB). Damage found later in a large file is reported when a query meets it.
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if self.path.exists() and self.path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            verdict = db.execute("PRAGMA quick_check(1)").fetchone()[0]
            if verdict != "ok":
                db.close()
                raise sqlite3.DatabaseError(f"database disk image is malformed ({verdict})")
        if db.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            log.warning("history: WAL journal not available; using the default journal")
        db.execute("PRAGMA synchronous = FULL")  # durable commits: a close row survives a power cut
        db.execute("PRAGMA foreign_keys = ON")
        for step in range(version, SCHEMA_VERSION):
            self._migrate(db, step)
        return max(version, SCHEMA_VERSION)

    @staticmethod
    def _migrate(db: sqlite3.Connection, step: int) -> None:
        log.info("history: migrating schema %d -> %d", step, step + 1)
        db.execute("BEGIN IMMEDIATE")
        try:
            # Re-read inside the write lock: another process may have migrated meanwhile.
            if db.execute("PRAGMA user_version").fetchone()[0] != step:
                db.execute("ROLLBACK")
                return
            for statement in _statements(MIGRATIONS[step]):
                db.execute(statement)
            if step in MIGRATION_STEPS:
                MIGRATION_STEPS[step](db)
            db.execute(f"PRAGMA user_version = {step + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _move_aside(self) -> Path:
        stamp = utcnow().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        self.path.rename(target)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
        return target

    @property
    def schema_version(self) -> int:
        return self._query_int("PRAGMA user_version")

    def reader(self) -> HistoryReader:
        """A separate read-only connection (close it when done): see HistoryReader."""
        return HistoryReader(self)

    def close(self) -> None:
        with self._lock:
            try:
                self._db.close()
            finally:
                self._owner_lock.release(remove=True)

    # -- plumbing ---------------------------------------------------------------------------------

    def write_group(self, calls: list[Callable[[], Any]]) -> list[Any]:
        """Run several writes (calls of this history's write methods) in one transaction: one commit, one
        fsync for all of them. A call's result is only handed back once that commit is on disk, so "the row
        is on disk before the request leaves" holds for each. Each call runs in a savepoint of its own: one
        that fails (its exception is its result) is undone alone. If the commit itself fails, every call's
        result is that HistoryError: nothing of the group was written."""
        results: list[Any] = [None] * len(calls)
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                return [HistoryError(_explain(exc, self.path))] * len(calls)
            written: list[int] = []  # calls whose work is in the open transaction
            self._grouped = True
            try:
                for i, call in enumerate(calls):
                    self._db.execute("SAVEPOINT one_call")
                    try:
                        results[i] = call()
                        self._db.execute("RELEASE one_call")
                        written.append(i)
                    except BaseException as exc:  # noqa: BLE001 - handed to that call's caller
                        results[i] = exc
                        if self._db.in_transaction:
                            self._db.execute("ROLLBACK TO one_call")  # this call's writes only
                            self._db.execute("RELEASE one_call")
                        else:
                            # SQLite rolled the whole transaction back (disk full, I/O error): the calls
                            # before this one are undone too; go on in a new transaction.
                            for j in written:
                                results[j] = HistoryError(str(exc)) if isinstance(exc, HistoryError) else exc
                            written = []
                            self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                failure = HistoryError(_explain(exc, self.path))
                for j in written:
                    results[j] = failure
                for j in range(len(calls)):
                    if results[j] is None and j not in written:
                        results[j] = failure
            finally:
                self._grouped = False
        return results

    def _transaction(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work(db)`` in one write transaction; HistoryError on failure (IntegrityError passes).
        Inside :meth:`write_group` it is a savepoint of the group's transaction."""
        with self._lock:
            if self._grouped:
                return self._savepoint(work)
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    result = work(self._db)
                    self._db.execute("COMMIT")
                except BaseException:
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    raise
                return result
            except sqlite3.IntegrityError:
                raise
            except sqlite3.Error as exc:
                raise HistoryError(_explain(exc, self.path)) from None

    def _savepoint(self, work: Callable[[sqlite3.Connection], T]) -> T:
        try:
            self._db.execute("SAVEPOINT one_write")
            try:
                result = work(self._db)
                self._db.execute("RELEASE one_write")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK TO one_write")
                    self._db.execute("RELEASE one_write")
                raise
            return result
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise HistoryError(_explain(exc, self.path)) from None

    def _write(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self._transaction(lambda db: db.execute(sql, tuple(params)))

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._db.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                raise HistoryError(_explain(exc, self.path)) from None

    def _query_int(self, sql: str, params: Iterable[Any] = ()) -> int:
        """The one number a query answers (a count, a pragma)."""
        row = self._query_one(sql, params)
        assert row is not None  # an aggregate or a pragma answers one row
        return int(row[0])

    # -- terminals --------------------------------------------------------------------------------

    def add_terminal(self, terminal: Terminal) -> None:
        """Store a new terminal. Raises DuplicateName or DuplicateTerminal (the same physical terminal)."""
        self._store_terminal(terminal, new=True)

    def update_terminal(self, terminal: Terminal) -> None:
        self._store_terminal(terminal, new=False)

    def _store_terminal(self, terminal: Terminal, *, new: bool) -> None:
        from app.core.providers import identity

        wanted = identity(terminal)
        settings = json.dumps(dict(terminal.settings), sort_keys=True)

        def store(db: sqlite3.Connection) -> sqlite3.Cursor:
            # Checked inside the write transaction: two windows adding the same terminal at once
            # cannot both pass.
            for other in self._terminal_rows(db):
                if other.id != terminal.id and identity(other) == wanted:
                    raise DuplicateTerminal(other.name)
                if other.id != terminal.id and name_key(other.name) == name_key(terminal.name):
                    raise sqlite3.IntegrityError("name")  # the same name under Unicode case folding
            if new:
                position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM terminals").fetchone()[0]
                return db.execute(
                    "INSERT INTO terminals (id, name, provider, settings, position, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (terminal.id, terminal.name, terminal.provider, settings, position, to_text(utcnow())),
                )
            return db.execute(
                "UPDATE terminals SET name = ?, provider = ?, settings = ? WHERE id = ?",
                (terminal.name, terminal.provider, settings, terminal.id),
            )

        try:
            cursor = self._transaction(store)
        except sqlite3.IntegrityError:
            raise DuplicateName(
                _("A terminal named '{name}' already exists; choose another name.").format(name=terminal.name)
            ) from None
        if not new and cursor.rowcount == 0:
            raise HistoryError(_("The terminal '{name}' no longer exists.").format(name=terminal.name))

    def remove_terminal(self, terminal_id: str) -> None:
        """Forget a terminal's settings; its closes stay in the history (they happened)."""
        self._write("DELETE FROM terminals WHERE id = ?", (terminal_id,))

    @staticmethod
    def _terminal_rows(db: sqlite3.Connection) -> list[Terminal]:
        rows = db.execute("SELECT id, name, provider, settings FROM terminals ORDER BY position, name").fetchall()
        return [Terminal(r["id"], r["name"], r["provider"], json.loads(r["settings"])) for r in rows]

    def terminals(self) -> list[Terminal]:
        rows = self._query("SELECT id, name, provider, settings FROM terminals ORDER BY position, name")
        return [Terminal(r["id"], r["name"], r["provider"], json.loads(r["settings"])) for r in rows]

    def terminal(self, terminal_id: str) -> Terminal | None:
        return next((t for t in self.terminals() if t.id == terminal_id), None)

    def terminal_by_name(self, name: str) -> Terminal | None:
        row = self._query_one(
            "SELECT id, name, provider, settings FROM terminals WHERE name = ? COLLATE NOCASE", (name.strip(),)
        )
        if row is None:  # NOCASE folds ASCII only: "STRASSE" finds "Straße", "ÉTÉ" finds "été"
            return next((t for t in self.terminals() if name_key(t.name) == name_key(name)), None)
        return Terminal(row["id"], row["name"], row["provider"], json.loads(row["settings"]))

    def terminals_created_at(self) -> dict[str, datetime]:
        """Terminal id -> when it was added, for every terminal: one query."""
        return {r["id"]: stamp(r["created_at"]) for r in self._query("SELECT id, created_at FROM terminals")}

    def terminal_created_at(self, terminal_id: str) -> datetime | None:
        row = self._query_one("SELECT created_at FROM terminals WHERE id = ?", (terminal_id,))
        return from_text(row["created_at"]) if row else None

    # -- closes -----------------------------------------------------------------------------------

    def start_close(
        self,
        terminal: Terminal,
        environment: str,
        request_id: str,
        *,
        forced: bool = False,
        started_at: datetime | None = None,
        identity: str | None = None,
        request: Mapping[str, Any] | None = None,
        attempts: int = 0,
    ) -> int:
        """Record a close as ``sending``, committed before any request leaves. Returns the row id.

        ``request`` is the frozen request (provider identity, environment, non-secret settings):
        a re-send of this close is built from it, never from the terminal's current settings.
        ``attempts=1``: the first attempt leaves right after this commit, and is counted in it (the
        engine's way: one commit instead of two; nothing can happen in between).
        """
        if identity is None:
            from app.core.providers import identity as identity_of

            identity = identity_of(terminal)
        cursor = self._write(
            "INSERT INTO closes (terminal_id, terminal_name, provider, environment, request_id, started_at, "
            "attempts, outcome, forced, owner, identity, request) VALUES (?, ?, ?, ?, ?, ?, ?, 'sending', ?, ?, ?, ?)",
            (
                terminal.id,
                terminal.name,
                terminal.provider,
                environment,
                request_id,
                to_text(started_at or utcnow()),
                attempts,
                int(forced),
                self.owner,
                identity,
                json.dumps(dict(request), sort_keys=True) if request is not None else None,
            ),
        )
        return _new_id(cursor)

    def record_nothing_to_close(
        self,
        terminal: Terminal,
        environment: str,
        message: str,
        *,
        identity: str | None = None,
        at: datetime | None = None,
    ) -> int:
        """A close that was not sent because the provider showed an empty batch: kept for the report."""
        if identity is None:
            from app.core.providers import identity as identity_of

            identity = identity_of(terminal)
        now = to_text(at or utcnow())
        cursor = self._write(
            "INSERT INTO closes (terminal_id, terminal_name, provider, environment, request_id, started_at, "
            "finished_at, attempts, outcome, message, identity) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'skipped', ?, ?)",
            (
                terminal.id,
                terminal.name,
                terminal.provider,
                environment,
                f"none-{uuid.uuid4().hex}",
                now,
                now,
                message,
                identity,
            ),
        )
        return _new_id(cursor)

    def claim(self, close_id: int) -> CloseRow:
        """Take over an in-doubt close to re-send it: it becomes ``sending`` under this process."""
        self._write("UPDATE closes SET outcome = 'sending', owner = ? WHERE id = ?", (self.owner, close_id))
        row = self.close_row(close_id)
        assert row is not None
        return row

    def record_attempt(self, close_id: int, attempts: int) -> None:
        """Committed before attempt number ``attempts`` leaves, so the count never undercounts."""
        self._write("UPDATE closes SET attempts = ? WHERE id = ?", (attempts, close_id))

    def finish_close(
        self,
        close_id: int,
        outcome: str,
        *,
        message: str | None = None,
        http_status: int | None = None,
        provider_code: str | None = None,
        provider_message: str | None = None,
        trace_id: str | None = None,
        data: Mapping[str, Any] | None = None,
        finished_at: datetime | None = None,
    ) -> None:
        if outcome not in (
            CloseStatus.CLOSED,
            CloseStatus.FAILED,
            CloseStatus.IN_DOUBT,
            CloseStatus.SKIPPED,
        ):  # skipped: the provider said nothing to close
            raise ValueError(f"not a final outcome: {outcome}")
        self._write(
            "UPDATE closes SET outcome = ?, finished_at = ?, message = ?, http_status = ?, provider_code = ?, "
            "provider_message = ?, trace_id = coalesce(?, trace_id), data = coalesce(?, data) WHERE id = ?",
            (
                outcome,
                to_text(finished_at or utcnow()),
                message,
                http_status,
                provider_code,
                provider_message,
                trace_id,
                json.dumps(data, sort_keys=True) if data is not None else None,
                close_id,
            ),
        )

    def settle(self, close_id: int, closed: bool, by: str, note: str = "") -> None:
        """A person checked with the provider and settles an in-doubt close."""
        row = self.close_row(close_id)
        if row is None:
            raise HistoryError(_("That close is not in the history."))
        if row.outcome != CloseStatus.IN_DOUBT:
            raise HistoryError(
                _("That close is {outcome}, not in doubt; nothing to settle.").format(
                    outcome=_(row.outcome.replace("_", " "))
                )
            )
        outcome = CloseStatus.CLOSED if closed else CloseStatus.FAILED
        message = (
            _("Marked closed by {who} after checking with the provider.")
            if closed
            else _("Marked not closed by {who} after checking with the provider.")
        ).format(who=by)
        if note:
            message += " " + _("Note: {note}").format(note=note)
        self._write(
            "UPDATE closes SET outcome = ?, settled_by = ?, settled_at = ?, note = ?, message = ?, "
            "finished_at = coalesce(finished_at, ?) WHERE id = ?",
            (outcome, by, to_text(utcnow()), note or None, message, to_text(utcnow()), close_id),
        )

    def finish_unfinished(self) -> int:
        """Before this process ends: record its own closes still ``sending`` (cut off by Ctrl+C or a stop)
        as failed when no attempt left (nothing sent) or in doubt otherwise. Returns how many."""
        rows = self._query("SELECT id, attempts FROM closes WHERE outcome = 'sending' AND owner = ?", (self.owner,))
        for r in rows:
            outcome, message = (
                (CloseStatus.FAILED, _(UNSENT_MESSAGE))
                if r["attempts"] == 0
                else (CloseStatus.IN_DOUBT, _(STOPPED_MESSAGE))
            )
            self._write(
                "UPDATE closes SET outcome = ?, message = ?, finished_at = coalesce(finished_at, ?) "
                "WHERE id = ? AND outcome = 'sending'",
                (outcome, message, to_text(utcnow()), r["id"]),
            )
        return len(rows)

    def recover_orphans(self) -> int:
        """Record every ``sending`` row whose process is gone as in doubt. Returns how many."""
        rows = self._query("SELECT id, owner, attempts FROM closes WHERE outcome = 'sending'")
        orphans = [r for r in rows if not self._owner_live(r["owner"])]
        for r in orphans:
            # attempts is committed before each attempt leaves: 0 means nothing was ever sent.
            outcome, message = (
                (CloseStatus.FAILED, _(UNSENT_MESSAGE))
                if r["attempts"] == 0
                else (CloseStatus.IN_DOUBT, _(ORPHAN_MESSAGE))
            )
            self._write(
                "UPDATE closes SET outcome = ?, message = ? WHERE id = ? AND outcome = 'sending'",
                (outcome, message, r["id"]),
            )
        if orphans:
            log.warning("history: %d close(s) left sending by a stopped process are now in doubt", len(orphans))
        return len(orphans)

    def _owner_live(self, owner: str | None) -> bool:
        if owner == self.owner:
            return True
        if not owner or owner in self._dead_owners:
            return False
        if locks.owner_alive(self.lock_dir, owner):
            return True
        self._dead_owners.add(owner)  # a dead process never comes back
        return False

    def _row(self, r: sqlite3.Row) -> CloseRow:
        outcome = r["outcome"]
        message = r["message"]
        if outcome == CloseStatus.SENDING and not self._owner_live(r["owner"]):
            if r["attempts"] == 0:
                outcome, message = CloseStatus.FAILED, _(UNSENT_MESSAGE)
            else:
                outcome, message = CloseStatus.IN_DOUBT, message or _(ORPHAN_MESSAGE)
        return CloseRow(
            id=r["id"],
            terminal_id=r["terminal_id"],
            terminal_name=r["terminal_name"],
            provider=r["provider"],
            environment=r["environment"],
            request_id=r["request_id"],
            started_at=stamp(r["started_at"]),
            finished_at=from_text(r["finished_at"]),
            attempts=r["attempts"],
            outcome=outcome,
            http_status=r["http_status"],
            provider_code=r["provider_code"],
            provider_message=r["provider_message"],
            message=message,
            trace_id=r["trace_id"],
            data=json.loads(r["data"]) if r["data"] else None,
            forced=bool(r["forced"]),
            owner=r["owner"],
            settled_by=r["settled_by"],
            settled_at=from_text(r["settled_at"]),
            note=r["note"],
            identity=r["identity"],
            request=json.loads(r["request"]) if r["request"] else None,
        )

    def close_row(self, close_id: int) -> CloseRow | None:
        row = self._query_one(f"SELECT {_COLUMNS} FROM closes WHERE id = ?", (close_id,))
        return self._row(row) if row else None

    def last_close(self, terminal_id: str) -> CloseRow | None:
        row = self._query_one(
            f"SELECT {_COLUMNS} FROM closes WHERE terminal_id = ? ORDER BY started_at DESC, id DESC LIMIT 1",
            (terminal_id,),
        )
        return self._row(row) if row else None

    def last_closes(self) -> dict[str, CloseRow]:
        """Terminal id -> its newest close, for every configured terminal that has one: one statement, one
        index seek per terminal (what the window's list shows)."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM closes WHERE id IN (SELECT (SELECT c.id FROM closes c "
            "WHERE c.terminal_id = t.id ORDER BY c.started_at DESC, c.id DESC LIMIT 1) FROM terminals t)"
        )
        return {r["terminal_id"]: self._row(r) for r in rows}

    def close_rows(self, close_ids: Iterable[int]) -> list[CloseRow]:
        """The rows of several closes, in one query per 500 ids."""
        ids = list(dict.fromkeys(close_ids))
        found: list[CloseRow] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            found += [self._row(r) for r in self._query(f"SELECT {_COLUMNS} FROM closes WHERE id IN ({marks})", chunk)]
        return found

    def newest_done(self, since: datetime, outcomes: tuple[str, ...] = (CloseStatus.CLOSED,)) -> dict[str, datetime]:
        """Physical terminal (provider identity) -> when its newest close with one of ``outcomes`` started,
        for closes started since ``since``: one range of the time index, whatever the number of terminals."""
        marks = ", ".join("?" for _ in outcomes)
        rows = self._query(
            f"SELECT identity, max(started_at) FROM closes WHERE started_at >= ? "
            f"AND +outcome IN ({marks}) GROUP BY identity",
            [to_text(since), *outcomes],
        )
        return {r[0]: stamp(r[1]) for r in rows if r[0] is not None}

    def identities_started_after(self, moment: datetime) -> set[str]:
        """The physical terminals with a close recorded as started after ``moment`` (one query)."""
        rows = self._query("SELECT DISTINCT identity FROM closes WHERE started_at > ?", (to_text(moment),))
        return {r[0] for r in rows if r[0] is not None}

    def done_identities(
        self,
        since: datetime,
        until: datetime | None = None,
        outcomes: tuple[str, ...] = (CloseStatus.CLOSED, CloseStatus.SKIPPED),
    ) -> set[str]:
        """The physical terminals (provider identities) with a close of one of ``outcomes`` started in
        [``since``, ``until``): one range of the time index, whatever the number of terminals."""
        marks = ", ".join("?" for _ in outcomes)
        sql = f"SELECT DISTINCT identity FROM closes WHERE started_at >= ? AND +outcome IN ({marks})"
        params: list[Any] = [to_text(since), *outcomes]
        if until is not None:
            sql += " AND started_at < ?"
            params.append(to_text(until))
        return {r[0] for r in self._query(sql, params) if r[0] is not None}

    def last_success(self, terminal_id: str) -> CloseRow | None:
        row = self._query_one(
            f"SELECT {_COLUMNS} FROM closes WHERE terminal_id = ? AND outcome = 'closed' "
            "ORDER BY started_at DESC, id DESC LIMIT 1",
            (terminal_id,),
        )
        return self._row(row) if row else None

    def closes(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        terminal_id: str | None = None,
        outcome: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[CloseRow]:
        """Close rows, newest first, filtered."""
        where, params = self._filters(since, until, terminal_id, outcome)
        sql = f"SELECT {_COLUMNS} FROM closes{where} ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [self._row(r) for r in self._query(sql, params)]

    def count_closes(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        terminal_id: str | None = None,
        outcome: str | None = None,
    ) -> int:
        where, params = self._filters(since, until, terminal_id, outcome)
        return self._query_int(f"SELECT count(*) FROM closes{where}", params)

    @staticmethod
    def _filters(
        since: datetime | None, until: datetime | None, terminal_id: str | None, outcome: str | None
    ) -> tuple[str, list[Any]]:
        return _where(CloseFilter(since=since, until=until, terminal_id=terminal_id, outcome=outcome), None)

    # -- the chain's outbox (schema v4; app/core/chain.py sends it) --------------------------------------

    def link_chain(self, url: str, shop: str, pc_id: str, pc_name: str) -> None:
        """Link this PC to a chain and queue every terminal and close for it, in one transaction."""

        def link(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM outbox")
            db.execute(
                "INSERT OR REPLACE INTO chain_link (id, url, shop, pc_id, pc_name, connected_at) "
                "VALUES (1, ?, ?, ?, ?, ?)",
                (url, shop, pc_id, pc_name, to_text(utcnow())),
            )
            db.execute("INSERT INTO outbox (kind, ref) SELECT 'terminal', id FROM terminals ORDER BY position")
            db.execute("INSERT INTO outbox (kind, ref) SELECT 'close', id FROM closes ORDER BY id")

        self._transaction(link)

    def unlink_chain(self) -> None:
        """Forget the chain: the link and whatever was still waiting to be sent."""

        def unlink(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM chain_link")
            db.execute("DELETE FROM outbox")

        self._transaction(unlink)

    def mark_chain(self, *, reachable: bool, error: str | None = None) -> None:
        """Remember whether the chain answered (the status bar's "unreachable since")."""
        now = to_text(utcnow())
        if reachable:
            self._write(
                "UPDATE chain_link SET unreachable_since = NULL, last_error = NULL, last_sent_at = ? WHERE id = 1",
                (now,),
            )
        else:
            self._write(
                "UPDATE chain_link SET unreachable_since = coalesce(unreachable_since, ?), last_error = ? WHERE id = 1",
                (now, error),
            )

    def outbox_waiting(self) -> int:
        """How many closes and terminals have changes not yet in the chain."""
        return self._query_int("SELECT count(*) FROM (SELECT 1 FROM outbox GROUP BY kind, ref)")

    def outbox_batch(self, limit: int = 500, identity: str | None = None) -> list[OutboxItem]:
        """The oldest waiting changes, one item per close or terminal, each with its state now and the
        newest outbox entry it covers (read in one snapshot, so that state includes that entry's change)."""
        if identity is None:
            pick = "SELECT DISTINCT kind, ref FROM (SELECT kind, ref FROM outbox ORDER BY seq LIMIT ?)"
            params: list[Any] = [limit]
        else:
            pick = (
                "SELECT DISTINCT o.kind, o.ref FROM outbox o JOIN closes c ON c.id = CAST(o.ref AS INTEGER) "
                "WHERE o.kind = 'close' AND c.identity = ? LIMIT ?"
            )
            params = [identity, limit]
        with self._lock:
            try:
                self._db.execute("BEGIN")
                try:
                    picked = self._db.execute(
                        f"SELECT p.kind, p.ref, (SELECT max(seq) FROM outbox o WHERE o.kind = p.kind "
                        f"AND o.ref = p.ref) AS seq FROM ({pick}) p ORDER BY seq",
                        params,
                    ).fetchall()
                    items = []
                    for r in picked:
                        if r["kind"] == "close":
                            found = self._db.execute(
                                f"SELECT {_COLUMNS} FROM closes WHERE id = ?", (int(r["ref"]),)
                            ).fetchone()
                            items.append(
                                OutboxItem("close", r["ref"], r["seq"], close=self._row(found) if found else None)
                            )
                        else:
                            found = self._db.execute(
                                "SELECT id, name, provider, settings FROM terminals WHERE id = ?", (r["ref"],)
                            ).fetchone()
                            terminal = (
                                Terminal(found["id"], found["name"], found["provider"], json.loads(found["settings"]))
                                if found
                                else None
                            )
                            items.append(OutboxItem("terminal", r["ref"], r["seq"], terminal=terminal))
                finally:
                    self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                raise HistoryError(_explain(exc, self.path)) from None
        return items

    def outbox_done(self, items: Iterable[OutboxItem]) -> None:
        """The chain has these states: drop their outbox entries (later changes stay waiting)."""
        done = [(i.kind, i.ref, i.seq) for i in items]
        if done:
            self._transaction(
                lambda db: db.executemany("DELETE FROM outbox WHERE kind = ? AND ref = ? AND seq <= ?", done)
            )


@dataclass(frozen=True)
class ChainLink:
    """This PC's link to a chain (the password is in the OS credential store, never here)."""

    url: str
    shop: str
    pc_id: str
    pc_name: str
    connected_at: datetime | None
    unreachable_since: datetime | None = None
    last_error: str | None = None
    last_sent_at: datetime | None = None


@dataclass(frozen=True)
class OutboxItem:
    kind: str  # close | terminal
    ref: str  # the close's or the terminal's id
    seq: int  # the newest outbox entry this state covers
    close: CloseRow | None = None
    terminal: Terminal | None = None  # None for a removed terminal


class HistoryReader(CloseQueries):
    """A read-only connection of its own, for the history view and exports.

    Long reads (a search over years, an export of every close) run on it from a worker thread,
    so they never wait for, nor hold up, the engine's writes on the history's own connection.
    Use it from one thread at a time. ``abort_when`` installs a check that stops a running query
    (``QueryAborted``) as soon as it returns true, e.g. when the view's filter has changed.
    """

    def __init__(self, history: History) -> None:
        self._history = history
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(history.path, timeout=10.0, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA busy_timeout = 10000")
            self._db.execute("PRAGMA query_only = ON")
        except sqlite3.Error as exc:
            raise HistoryError(_explain(exc, history.path)) from None

    def abort_when(self, check: Callable[[], bool] | None, every: int = 500_000) -> None:
        """Stop the running query when ``check()`` is true; it is asked every ``every`` VM steps
        (about every few milliseconds: each ask takes the GIL, so not much more often)."""
        self._db.set_progress_handler((lambda: 1 if check() else 0) if check else None, every)

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._db.execute(sql, tuple(params)).fetchall()
            except sqlite3.OperationalError as exc:
                if "interrupted" in str(exc).lower():
                    raise QueryAborted("The query was stopped.") from None
                raise HistoryError(_explain(exc, self._history.path)) from None
            except sqlite3.Error as exc:
                raise HistoryError(_explain(exc, self._history.path)) from None

    def _row(self, r: sqlite3.Row) -> CloseRow:
        return self._history._row(r)

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _statements(script: str) -> list[str]:
    """The script's statements; a trigger's body (with its own semicolons) stays one statement."""
    found, pending = [], ""
    for part in script.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                found.append(pending.strip()[:-1].strip())
            pending = ""
    return found


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return any(s in text for s in ("file is not a database", "malformed", "file is encrypted", "corrupt"))


def _new_id(cursor: sqlite3.Cursor) -> int:
    """The id an INSERT gave its row."""
    assert cursor.lastrowid is not None  # set by every INSERT
    return cursor.lastrowid


def _explain(exc: sqlite3.Error, path: Path) -> str:
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return _(
            "Closeout cannot write its history file {path} ({why}). Check that the folder is writable, or "
            "set CLOSEOUT_HOME to a writable folder."
        ).format(path=path, why=exc)
    if "full" in text:
        return _("The disk holding {path} is full. Free some space; no close was lost.").format(path=path)
    if "locked" in text or "busy" in text:
        return _("The history is busy in another Closeout window; try again in a moment.")
    return _("The history file {path} could not be used ({why}).").format(path=path, why=exc)
