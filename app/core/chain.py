"""Chains: every shop's closes in one PostgreSQL, and two PCs never close the same terminal.

The local history stays the source of truth. A PC linked to a chain (``closeout chain connect``)
sends its terminals and closes to the chain's PostgreSQL through the history's outbox: triggers
write an outbox entry in the same SQLite transaction as each change (history schema v4), and
:class:`Replicator` upserts the current state of each waiting close or terminal, keyed by
(PC, close id), tagged with the entry's sequence number, so that a re-send never duplicates a row
and an older state never overwrites a newer one. Entries are dropped only once PostgreSQL has
committed them: an outage, a crash or a restart leaves them waiting, and they go on the next drain.

Before a close is sent, :class:`ChainGate` takes a session advisory lock on the terminal's provider
identity (a crashed PC's lock ends with its connection) and looks in the chain for a close of that
terminal this business day from another PC. The engine asks the gate through the small
:class:`app.core.engine.CloseGate` interface, so it runs without PostgreSQL when no chain is linked.

psycopg 3 is imported only here and only when a chain is used (the ``chain`` extra).
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import socket
import threading
import time as clock
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from typing import TYPE_CHECKING, Any, Callable, Sequence
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from app import __version__
from app.core.days import DEFAULT_DAY_END, business_day
from app.core.i18n import N_, _
from app.core.history import ChainLink, CloseQueries, History, HistoryError, OutboxItem
from app.core.secrets import SecretMissing, SecretStore
from app.core.states import CloseStatus, DayState, Reason

if TYPE_CHECKING:
    from psycopg import Connection
    from psycopg.rows import TupleRow

    from app.core import engine

log = logging.getLogger(__name__)

SECRET_KEY = "chain-password"  # the chain role's password in the OS credential store (not a terminal id)
SCHEMA = "closeout"
CONNECT_TIMEOUT = 5  # seconds: a shop's close never waits long for head office
MIGRATION_LOCK = 0x436C6F7365  # advisory lock id serialising schema migrations ("Close")
HEARTBEAT_SECONDS = 300  # an idle linked PC still tells the chain it is alive this often

# Forward migrations of the chain schema: CHAIN_MIGRATIONS[n] takes it from version n to n + 1.
CHAIN_MIGRATIONS: dict[int, str] = {
    0: """
        CREATE TABLE closeout.schema_version (version integer NOT NULL);
        INSERT INTO closeout.schema_version VALUES (0);
        CREATE TABLE closeout.pcs (
            pc_id            uuid PRIMARY KEY,
            shop             text NOT NULL,
            pc_name          text NOT NULL,
            closeout_version text,
            first_seen       timestamptz NOT NULL DEFAULT now(),
            last_seen        timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE closeout.terminals (
            pc_id       uuid NOT NULL REFERENCES closeout.pcs,
            terminal_id text NOT NULL,
            shop        text NOT NULL,
            name        text NOT NULL,
            provider    text NOT NULL,
            identity    text NOT NULL,
            removed     boolean NOT NULL DEFAULT false,
            seq         bigint NOT NULL,
            updated_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (pc_id, terminal_id)
        );
        CREATE TABLE closeout.closes (
            pc_id         uuid NOT NULL REFERENCES closeout.pcs,
            close_id      bigint NOT NULL,
            shop          text NOT NULL,
            terminal_id   text NOT NULL,
            terminal_name text NOT NULL,
            provider      text NOT NULL,
            environment   text NOT NULL,
            identity      text NOT NULL,
            request_id    text NOT NULL,
            business_day  date NOT NULL,
            started_at    timestamptz NOT NULL,
            finished_at   timestamptz,
            attempts      integer NOT NULL,
            outcome       text NOT NULL,
            message       text,
            http_status   integer,
            provider_code text,
            seq           bigint NOT NULL,
            PRIMARY KEY (pc_id, close_id)
        );
        CREATE INDEX closes_by_identity ON closeout.closes (identity, started_at);
    """,
    1: """
        ALTER TABLE closeout.closes ADD COLUMN batch_no text, ADD COLUMN totals jsonb, ADD COLUMN settled_by text;
        CREATE INDEX closes_by_day ON closeout.closes (business_day, shop);
    """,
}
CHAIN_VERSION = len(CHAIN_MIGRATIONS)

NO_DRIVER = (
    "Closeout was installed without PostgreSQL support. Install it with the chain extra "
    "(pip install 'closeout[chain]'), then connect again."
)


class ChainError(Exception):
    """The chain cannot be used; the message says why and what to do."""


class ChainUnreachable(ChainError):
    """PostgreSQL did not answer (down, network, wrong address or password)."""


def _require_driver() -> None:
    """ChainError when psycopg (the ``chain`` extra) is not installed; callers then import it."""
    try:
        import psycopg  # noqa: F401 - imported once here, the callers' own import finds it loaded
    except ImportError:
        raise ChainError(NO_DRIVER) from None


# -- the address ------------------------------------------------------------------------------------


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost" or host.startswith("/"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_url(url: str) -> str:
    """The address kept on disk: ``postgresql://user@host:port/db``, never a password, and
    ``sslmode=verify-full`` for any host that is not this PC. Raises ChainError."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise ChainError(f"'{url}' is not a PostgreSQL address; write it as postgresql://user@host:5432/database.")
    if parts.password is not None:
        raise ChainError(
            "The address contains a password. Give the address without it; Closeout asks for the "
            "password and keeps it in the OS credential store. Nothing was stored."
        )
    if not parts.username or not parts.hostname or not parts.path.strip("/"):
        raise ChainError("The address needs a user, a host and a database: postgresql://user@host:5432/database.")
    try:
        port = parts.port
    except ValueError:
        raise ChainError("The port in the address is not a number between 1 and 65535.") from None
    query = dict(parse_qsl(parts.query))
    if "password" in query or "passfile" in query:
        raise ChainError("The address contains a password option; leave it out. Nothing was stored.")
    if not _is_loopback(parts.hostname):
        mode = query.get("sslmode", "verify-full")
        if mode != "verify-full":
            raise ChainError(
                f"sslmode={mode} is not safe over a network: Closeout always uses sslmode=verify-full "
                f"for a chain server that is not on this PC."
            )
        query["sslmode"] = "verify-full"
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = f"{parts.username}@{host}" + (f":{port}" if port else "")
    return urlunsplit(("postgresql", netloc, "/" + parts.path.strip("/"), urlencode(sorted(query.items())), ""))


def describe(url: str) -> str:
    """The address for people: user@host:port/db."""
    parts = urlsplit(url)
    return f"{unquote(parts.username or '')}@{parts.hostname}{':' + str(parts.port) if parts.port else ''}{parts.path}"


def lock_key(identity: str) -> int:
    """A terminal's provider identity as a PostgreSQL advisory lock id (signed 64-bit)."""
    return int.from_bytes(hashlib.blake2b(identity.encode(), digest_size=8).digest(), "big", signed=True)


def _open(url: str, password: str, *, autocommit: bool = True, name: str = "Closeout") -> Connection[TupleRow]:
    _require_driver()
    import psycopg

    try:
        return psycopg.connect(
            url, password=password, connect_timeout=CONNECT_TIMEOUT, autocommit=autocommit, application_name=name[:63]
        )
    except psycopg.OperationalError as exc:
        raise ChainUnreachable(_explain(exc, url)) from None


def _explain(exc: BaseException, url: str) -> str:
    text = " ".join(str(exc).split())
    where = describe(url)
    if "password authentication failed" in text or "no password supplied" in text:
        return (
            f"The chain server {where} refused the password. Connect again with the right password "
            f"(closeout chain connect)."
        )
    if "permission denied" in text:
        return (
            f"The chain server {where} refused the chain's role access ({text}). Give the role the privileges "
            f"the README lists under 'Chains'."
        )
    if "certificate" in text or "SSL" in text:
        return f"The chain server {where} could not be verified over TLS ({text}). Ask IT to check its certificate."
    return f"The chain server {where} could not be reached ({text})."


# -- the schema ---------------------------------------------------------------------------------------


def _one(conn: Connection[TupleRow], query: str, params: tuple[object, ...] = ()) -> Any:
    """The first column of the one row ``query`` answers (an aggregate, a function call)."""
    row = conn.execute(query, params).fetchone()
    assert row is not None  # an aggregate or a function call answers one row
    return row[0]


def schema_version(conn: Connection[TupleRow]) -> int:
    """The chain schema's version; 0 when there is none yet."""
    if _one(conn, "SELECT to_regclass('closeout.schema_version')") is None:
        return 0
    version: int = _one(conn, "SELECT version FROM closeout.schema_version")
    return version + 1


def migrate(conn: Connection[TupleRow], upto: int = CHAIN_VERSION) -> tuple[int, int]:
    """Create or migrate the chain schema, one version per transaction; several PCs connecting at once
    wait for each other (an advisory lock). Returns (version before, version after)."""
    _require_driver()
    import psycopg

    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            if conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (SCHEMA,)).fetchone() is None:
                conn.execute(f"CREATE SCHEMA {SCHEMA}")  # needs CREATE on the database (README: Chains)
            before = version = schema_version(conn)
            if version > CHAIN_VERSION:
                raise ChainError(
                    f"The chain's schema (version {version}) was written by a newer Closeout; "
                    f"update Closeout on this PC first. Nothing was changed."
                )
            while version < upto:
                log.info("chain: migrating schema %d -> %d", version, version + 1)
                for statement in (s.strip() for s in CHAIN_MIGRATIONS[version].split(";")):
                    if statement:
                        conn.execute(statement)
                conn.execute("UPDATE closeout.schema_version SET version = %s", (version,))
                version += 1
    except psycopg.errors.InsufficientPrivilege as exc:
        raise ChainError(
            f"The chain's role may not set up the chain schema ({' '.join(str(exc).split())}). "
            f"Give it the privileges the README lists under 'Chains'."
        ) from None
    return before, version


# -- connecting a PC -------------------------------------------------------------------------------------


def default_pc_name() -> str:
    return socket.gethostname() or "PC"


def connect(
    history: History, store: SecretStore, url: str, shop: str, password: str, *, pc_name: str | None = None
) -> tuple[ChainLink, tuple[int, int]]:
    """Check the address and password against the server, create or migrate the chain schema, register
    this PC, keep the password in the credential store and link the history (every terminal and close is
    queued). Returns the link and the schema versions (before, after). Raises ChainError."""
    url = normalize_url(url)
    shop = " ".join(shop.split())
    if not shop or len(shop) > 120:
        raise ChainError("Give the shop's name (--shop), at most 120 characters.")
    pc_name = " ".join((pc_name or default_pc_name()).split())[:120] or "PC"
    old = history.chain_link()
    pc_id = old.pc_id if old is not None and old.url == url and old.shop == shop else str(uuid.uuid4())
    conn = _open(url, password)
    try:
        versions = migrate(conn)
        _register(conn, pc_id, shop, pc_name)
    finally:
        conn.close()
    store.set(SECRET_KEY, password)
    history.link_chain(url, shop, pc_id, pc_name)
    link = history.chain_link()
    assert link is not None
    return link, versions


def test_connection(url: str, password: str) -> str:
    """For the Settings' "Test connection": a sentence saying what the server answered. Raises ChainError."""
    conn = _open(normalize_url(url), password)
    try:
        version = schema_version(conn)
        server = conn.info.server_version
    finally:
        conn.close()
    state = "no chain schema yet (connecting creates it)" if version == 0 else f"chain schema version {version}"
    return f"Connected to PostgreSQL {server // 10000}.{server % 10000}: {state}."


def disconnect(history: History, store: SecretStore) -> ChainLink | None:
    """Unlink this PC: nothing more is sent, and the password leaves the credential store. The chain keeps
    what it has. Returns the link that was removed (None when there was none)."""
    link = history.chain_link()
    history.unlink_chain()
    try:
        store.delete(SECRET_KEY)
    except SecretMissing:
        pass
    return link


def _register(conn: Connection[TupleRow], pc_id: str, shop: str, pc_name: str) -> None:
    conn.execute(
        "INSERT INTO closeout.pcs (pc_id, shop, pc_name, closeout_version) VALUES (%s, %s, %s, %s) "
        "ON CONFLICT (pc_id) DO UPDATE SET shop = EXCLUDED.shop, pc_name = EXCLUDED.pc_name, "
        "closeout_version = EXCLUDED.closeout_version, last_seen = now()",
        (pc_id, shop, pc_name, __version__),
    )


# -- replication --------------------------------------------------------------------------------------


@dataclass
class DrainResult:
    sent: int = 0
    waiting: int = 0
    error: str | None = None


def _close_values(link: ChainLink, item: OutboxItem, day_end: time) -> tuple[object, ...]:
    from app.core.report import Batch

    row = item.close
    assert row is not None  # send_items passes only closes
    batch = Batch.of(row)  # read by its provider (Capability.BATCH_TOTALS), as the report and history read it
    totals = None
    if batch is not None:
        from psycopg.types.json import Jsonb

        totals = Jsonb(
            {
                "currency": batch.currency,
                "count": batch.count,
                "net": batch.net,
                "tip": batch.tip,
                "surcharge": batch.surcharge,
                "tax": batch.tax,
            }
        )
    return (
        link.pc_id,
        row.id,
        link.shop,
        row.terminal_id,
        row.terminal_name,
        row.provider,
        row.environment,
        row.identity or f"legacy|{row.terminal_id}",
        row.request_id,
        business_day(row.started_at, day_end),
        row.started_at,
        row.finished_at,
        row.attempts,
        row.outcome,
        row.message,
        row.http_status,
        row.provider_code,
        batch.batch_no if batch else None,
        totals,
        row.settled_by,
        item.seq,
    )


_UPSERT_CLOSE = """
    INSERT INTO closeout.closes (pc_id, close_id, shop, terminal_id, terminal_name, provider, environment, identity,
        request_id, business_day, started_at, finished_at, attempts, outcome, message, http_status, provider_code,
        batch_no, totals, settled_by, seq)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
    ON CONFLICT (pc_id, close_id) DO UPDATE SET shop = EXCLUDED.shop, terminal_name = EXCLUDED.terminal_name,
        identity = EXCLUDED.identity, business_day = EXCLUDED.business_day, finished_at = EXCLUDED.finished_at,
        attempts = EXCLUDED.attempts, outcome = EXCLUDED.outcome, message = EXCLUDED.message,
        http_status = EXCLUDED.http_status, provider_code = EXCLUDED.provider_code, batch_no = EXCLUDED.batch_no,
        totals = EXCLUDED.totals, settled_by = EXCLUDED.settled_by, seq = EXCLUDED.seq
    WHERE closeout.closes.seq < EXCLUDED.seq
"""
_UPSERT_TERMINAL = """
    INSERT INTO closeout.terminals (pc_id, terminal_id, shop, name, provider, identity, removed, seq)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
    ON CONFLICT (pc_id, terminal_id) DO UPDATE SET shop = EXCLUDED.shop, name = EXCLUDED.name,
        provider = EXCLUDED.provider, identity = EXCLUDED.identity, removed = EXCLUDED.removed, seq = EXCLUDED.seq,
        updated_at = now()
    WHERE closeout.terminals.seq < EXCLUDED.seq
"""
_REMOVE_TERMINAL = """
    UPDATE closeout.terminals SET removed = true, seq = %s, updated_at = now()
    WHERE pc_id = %s AND terminal_id = %s AND seq < %s
"""


def send_items(conn: Connection[TupleRow], link: ChainLink, items: Sequence[OutboxItem], day_end: time) -> None:
    """Upsert the items' states in one PostgreSQL transaction (idempotent; older states never win)."""
    from app.core.providers import identity

    closes = [_close_values(link, i, day_end) for i in items if i.kind == "close" and i.close is not None]
    terminals = [
        (link.pc_id, i.ref, link.shop, i.terminal.name, i.terminal.provider, identity(i.terminal), False, i.seq)
        for i in items
        if i.kind == "terminal" and i.terminal is not None
    ]
    removed = [(i.seq, link.pc_id, i.ref, i.seq) for i in items if i.kind == "terminal" and i.terminal is None]
    with conn.transaction():
        with conn.cursor() as cur:
            cur.execute(
                "UPDATE closeout.pcs SET last_seen = now(), shop = %s, pc_name = %s WHERE pc_id = %s",
                (link.shop, link.pc_name, link.pc_id),
            )
            if cur.rowcount == 0:
                _register(conn, link.pc_id, link.shop, link.pc_name)
            if terminals:
                cur.executemany(_UPSERT_TERMINAL, terminals)
            if removed:
                cur.executemany(_REMOVE_TERMINAL, removed)
            if closes:
                cur.executemany(_UPSERT_CLOSE, closes)


class Replicator:
    """Drains the history's outbox into the chain. Thread-safe (one drain at a time per PC process);
    the window runs it in the background, CLI runs at their end."""

    def __init__(
        self,
        history: History,
        store: SecretStore,
        *,
        day_end: Callable[[], time] = lambda: DEFAULT_DAY_END,
        batch: int = 500,
    ) -> None:
        self.history = history
        self.store = store
        self.day_end = day_end
        self.batch = batch
        self._lock = threading.Lock()
        self._password: str | None = None

    def password(self) -> str:
        if self._password is None:
            try:
                self._password = self.store.get(SECRET_KEY)
            except SecretMissing:
                raise ChainError(
                    "The chain's password is not in the credential store; connect again (closeout chain connect)."
                ) from None
        return self._password

    def forget_password(self) -> None:
        """After a connect or disconnect: read the password from the credential store again next time."""
        self._password = None

    def connection(self, link: ChainLink) -> Connection[TupleRow]:
        return _open(link.url, self.password(), autocommit=True, name=f"Closeout {link.pc_name}")

    def drain(
        self, *, deadline: float | None = None, identity: str | None = None, conn: Connection[TupleRow] | None = None
    ) -> DrainResult:
        """Send waiting changes until none are left (or ``deadline``, a time.monotonic() value, passes).
        Never raises for an unreachable chain: the result says so and the entries stay waiting."""
        link = self.history.chain_link()
        if link is None:
            return DrainResult()
        with self._lock:
            result = DrainResult()
            own = conn is None
            try:
                items = self.history.outbox_batch(self.batch, identity)
                heartbeat = (
                    link.last_sent_at is None
                    or (datetime.now(timezone.utc) - link.last_sent_at).total_seconds() > HEARTBEAT_SECONDS
                )
                if not items and not heartbeat and link.unreachable_since is None:
                    return result
                session = conn if conn is not None else self.connection(link)
                try:
                    day_end = self.day_end()
                    while True:
                        send_items(session, link, items, day_end)
                        self.history.outbox_done(items)
                        result.sent += sum(1 for i in items if i.kind == "close")
                        if len(items) < self.batch or (deadline is not None and clock.monotonic() > deadline):
                            break
                        items = self.history.outbox_batch(self.batch, identity)
                finally:
                    if own:
                        session.close()
                self.history.mark_chain(reachable=True)
            except ChainError as exc:
                result.error = str(exc)
                self._unreachable(str(exc))
            except HistoryError as exc:
                result.error = str(exc)
            except Exception as exc:  # noqa: BLE001 - psycopg's errors: the entries stay waiting
                _require_driver()
                import psycopg

                if not isinstance(exc, psycopg.Error):
                    raise
                result.error = _explain(exc, link.url)
                self._unreachable(result.error)
            try:
                result.waiting = self.history.outbox_waiting()
            except HistoryError:
                pass
            return result

    def _unreachable(self, error: str) -> None:
        log.warning("chain: %s", error)
        try:
            self.history.mark_chain(reachable=False, error=error)
        except HistoryError:
            pass


def status_line(history: History) -> str | None:
    """The status bar's words: "chain: up to date", "chain: 3 waiting", "chain: unreachable since 22:01"
    (None when this PC is not linked to a chain)."""
    link = history.chain_link()
    if link is None:
        return None
    waiting = history.outbox_waiting()
    if link.unreachable_since is not None:
        since = link.unreachable_since.astimezone().strftime("%H:%M")
        return f"chain: unreachable since {since}" + (f", {waiting} waiting" if waiting else "")
    return "chain: up to date" if waiting == 0 else f"chain: {waiting} waiting"


# -- the gate: two PCs, one terminal, one close --------------------------------------------------------


@dataclass
class GateVerdict:
    """What the chain says before a close: refused (skip, with the words), or go (perhaps with a warning)."""

    refused: str | None = None
    reason: str | None = None  # engine.Reason value for a refusal
    warning: str | None = None  # go, but say this in the run's output
    conn: Connection[TupleRow] | None = field(default=None, repr=False)  # holds the chain's lock: leave() lets go
    identity: str = ""


LOCK_REQUIRED_MESSAGE = N_(
    "The chain could not be reached and the setting 'only close with the chain's lock' is on, "
    "so this terminal was not closed; nothing was sent. "
)
NO_LOCK_WARNING = N_(
    "Closed without the chain's lock: the chain could not be reached, so Closeout could not check "
    "that no other PC of the shop closed this terminal. "
)


class ChainGate:
    """The engine's CloseGate for a PC linked to a chain (see app/core/engine.py)."""

    def __init__(self, history: History, replicator: Replicator, *, lock_required: Callable[[], bool] = lambda: False):
        self.history = history
        self.replicator = replicator
        self.lock_required = lock_required

    def asks(self, queries: CloseQueries) -> bool:
        """Whether this PC is linked to a chain now (read for every close: a link made meanwhile counts), read
        through ``queries`` (the engine's reader)."""
        return queries.chain_link() is not None

    def enter(self, identity: str, since: datetime, until: datetime, *, force: bool = False) -> GateVerdict:
        """Take the chain's lock on this physical terminal and check the chain for this business day."""
        link = self.history.chain_link()
        if link is None:
            return GateVerdict()
        _require_driver()
        import psycopg

        conn: Connection[TupleRow] | None = None
        try:
            conn = self.replicator.connection(link)
            got = _one(conn, "SELECT pg_try_advisory_lock(%s)", (lock_key(identity),))
            if not got:
                holder = _lock_holder(conn, identity)
                conn.close()
                return GateVerdict(
                    refused=_("{holder} is closing this terminal right now; it was not closed twice.").format(
                        holder=holder
                    ),
                    reason=Reason.BUSY,
                )
            rows = conn.execute(
                "SELECT c.outcome, c.started_at, p.pc_name, c.close_id FROM closeout.closes c "
                "JOIN closeout.pcs p USING (pc_id) WHERE c.identity = %s AND c.started_at >= %s "
                "AND c.started_at < %s AND c.pc_id <> %s AND c.outcome IN ('closed', 'in_doubt', 'sending') "
                "ORDER BY (c.outcome = 'closed') DESC, c.started_at DESC",
                (identity, since, until, link.pc_id),
            ).fetchall()
        except (ChainError, psycopg.Error) as exc:
            if conn is not None:
                conn.close()
            error = str(exc) if isinstance(exc, ChainError) else _explain(exc, link.url)
            self.replicator._unreachable(error)
            if self.lock_required():
                return GateVerdict(refused=_(LOCK_REQUIRED_MESSAGE) + error, reason=Reason.CHAIN_UNREACHABLE)
            return GateVerdict(warning=_(NO_LOCK_WARNING) + error)
        for outcome, started, pc_name, close_id in rows:
            at = started.astimezone().strftime("%H:%M")
            if outcome == CloseStatus.CLOSED and not force:
                self._release(conn, identity)
                return GateVerdict(
                    refused=_("Closed at {time} from '{pc}'; not closed again.").format(time=at, pc=pc_name),
                    reason=Reason.ALREADY_CLOSED,
                )
            if outcome in (CloseStatus.IN_DOUBT, CloseStatus.SENDING):
                self._release(conn, identity)
                return GateVerdict(
                    refused=_(
                        "'{pc}' has a close of this terminal from {time} in doubt (close {id} there). It is never "
                        "re-sent from another PC: settle or re-send it on '{pc}' first. Nothing was sent."
                    ).format(pc=pc_name, time=at, id=close_id),
                    reason=Reason.IN_DOUBT_ELSEWHERE,
                )
        return GateVerdict(conn=conn, identity=identity)

    def leave(self, verdict: engine.GateVerdict) -> None:
        """After the close: put this terminal's closes into the chain, then let go of the lock, so the next
        PC to take it sees this close (``verdict``: what enter() returned)."""
        if not isinstance(verdict, GateVerdict) or verdict.conn is None:
            return
        try:
            self.replicator.drain(identity=verdict.identity, conn=verdict.conn)
        finally:
            self._release(verdict.conn, verdict.identity)

    @staticmethod
    def _release(conn: Connection[TupleRow], identity: str) -> None:
        try:
            conn.execute("SELECT pg_advisory_unlock(%s)", (lock_key(identity),))
        except Exception:  # noqa: BLE001 - closing the session releases it anyway
            pass
        finally:
            conn.close()


def _lock_holder(conn: Connection[TupleRow], identity: str) -> str:
    """Which PC holds a terminal's lock, from its session's application name when we can see it."""
    key = lock_key(identity) & 0xFFFFFFFFFFFFFFFF
    row = conn.execute(
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = %s AND l.objid::bigint = %s",
        (key >> 32, key & 0xFFFFFFFF),
    ).fetchone()
    name = row[0] if row else ""
    return f"'{name.removeprefix('Closeout ')}'" if name.startswith("Closeout ") else "Another PC of the chain"


# -- head office ----------------------------------------------------------------------------------------

STATES = tuple(DayState)
# The head office's filters (``chain status --not-closed / --problems``, the Shops window): the states they keep.
FILTERS: dict[str, frozenset[str]] = {
    "all": frozenset(STATES),
    "not_closed": frozenset({DayState.NOT_CLOSED}),
    "problems": frozenset({DayState.FAILED, DayState.IN_DOUBT, DayState.NOT_CLOSED}),
}
# A close's status as the state of its terminal's day.
_DAY_STATE: dict[str, DayState] = {
    CloseStatus.CLOSED: DayState.CLOSED,
    CloseStatus.IN_DOUBT: DayState.IN_DOUBT,
    CloseStatus.SENDING: DayState.IN_DOUBT,
    CloseStatus.FAILED: DayState.FAILED,
    CloseStatus.SKIPPED: DayState.NOTHING_TO_CLOSE,
}
_RANK: dict[str, int] = {
    CloseStatus.CLOSED: 0,
    CloseStatus.IN_DOUBT: 1,
    CloseStatus.SENDING: 1,
    CloseStatus.FAILED: 2,
    CloseStatus.SKIPPED: 3,
}


@dataclass
class TerminalState:
    shop: str
    terminal: str
    provider: str
    identity: str
    state: str  # one of STATES
    at: datetime | None = None
    pc_name: str | None = None
    batch_no: str | None = None
    message: str | None = None
    totals: dict[str, Any] | None = None
    environment: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "shop": self.shop,
            "terminal": self.terminal,
            "provider": self.provider,
            "state": self.state,
            "at": self.at.isoformat() if self.at else None,
            "pc": self.pc_name,
            "batch_no": self.batch_no,
            "message": self.message,
            "totals": self.totals,
            "environment": self.environment,
            "identity": self.identity,
        }


@dataclass
class ShopState:
    shop: str
    last_heard: datetime | None
    terminals: list[TerminalState]
    every: list[TerminalState] | None = None  # all the shop's terminals when ``terminals`` is filtered

    @property
    def all_terminals(self) -> list[TerminalState]:
        return self.terminals if self.every is None else self.every


@dataclass
class ChainStatus:
    day: date
    shops: list[ShopState]
    all_states: frozenset[str] | None = None  # the whole day's states when ``shops`` is filtered

    @property
    def rows(self) -> list[TerminalState]:
        return [t for s in self.shops for t in s.terminals]

    def only(self, which: str) -> ChainStatus:
        """The shops and terminals a filter of FILTERS keeps (a shop with none of them is left out).
        The exit code stays the whole day's: a filter changes what is shown, not what is true."""
        keep = FILTERS[which]
        if which == "all":
            return self
        shops = [
            ShopState(s.shop, s.last_heard, [t for t in s.terminals if t.state in keep], s.terminals)
            for s in self.shops
        ]
        return ChainStatus(self.day, [s for s in shops if s.terminals], self._all_states())

    def _all_states(self) -> frozenset[str]:
        return self.all_states if self.all_states is not None else frozenset(t.state for t in self.rows)

    @property
    def exit_code(self) -> int:
        """3 some close in doubt; 1 some failed or not closed yet; 0 every terminal closed (or had nothing)."""
        states = self._all_states()
        if DayState.IN_DOUBT in states:
            return 3
        if states & {DayState.FAILED, DayState.NOT_CLOSED}:
            return 1
        return 0


def day_status(conn: Connection[TupleRow], day: date) -> ChainStatus:
    """Every shop x terminal of the chain with business day ``day``'s state (two PCs of one shop with
    the same terminal count once: terminals are told apart by provider identity)."""
    terminals = conn.execute(
        "SELECT DISTINCT ON (shop, identity) shop, identity, name, provider FROM "
        "closeout.terminals WHERE NOT removed ORDER BY shop, identity, updated_at DESC"
    ).fetchall()
    closes = conn.execute(
        "SELECT c.shop, c.identity, c.terminal_name, c.provider, c.outcome, c.started_at, c.finished_at, p.pc_name, "
        "c.batch_no, c.message, c.totals, c.environment FROM closeout.closes c JOIN closeout.pcs p USING (pc_id) "
        "WHERE c.business_day = %s",
        (day,),
    ).fetchall()
    heard: dict[str, datetime] = dict(
        conn.execute("SELECT shop, max(last_seen) FROM closeout.pcs GROUP BY shop").fetchall()
    )
    states: dict[tuple[str, str], TerminalState] = {}
    for shop, identity, name, provider in terminals:
        states[(shop, identity)] = TerminalState(shop, name, provider, identity, DayState.NOT_CLOSED)
    best: dict[tuple[str, str], tuple[tuple[int, float], TupleRow]] = {}
    for c in closes:
        key = (c[0], c[1])
        rank = (_RANK.get(c[4], 9), -c[5].timestamp())
        if key not in best or rank < best[key][0]:
            best[key] = (rank, c)
    for key, (_rank, c) in best.items():
        state = _DAY_STATE.get(c[4], DayState.FAILED)
        entry = states.setdefault(key, TerminalState(c[0], c[2], c[3], c[1], DayState.NOT_CLOSED))
        entry.state, entry.at, entry.pc_name, entry.batch_no = state, c[6] or c[5], c[7], c[8]
        entry.message, entry.totals, entry.environment = c[9], c[10], c[11]
    shops: dict[str, list[TerminalState]] = {}
    for entry in sorted(states.values(), key=lambda t: (t.shop.casefold(), t.terminal.casefold())):
        shops.setdefault(entry.shop, []).append(entry)
    for shop in heard:
        shops.setdefault(shop, [])
    return ChainStatus(day, [ShopState(s, heard.get(s), shops[s]) for s in sorted(shops, key=str.casefold)])


def shop_totals(shop: ShopState, environment: str = "live") -> dict[str, int]:
    """Net totals per currency (minor units) of a shop's closed batches of one environment (test money is
    never added to live money), where the provider reports them; every terminal, whatever a filter shows."""
    sums: dict[str, int] = {}
    for t in shop.all_terminals:
        if t.state == DayState.CLOSED and t.totals and t.totals.get("currency") and t.environment == environment:
            sums[t.totals["currency"]] = sums.get(t.totals["currency"], 0) + int(t.totals.get("net") or 0)
    return sums


def fetch_status(history: History, store: SecretStore, day: date) -> ChainStatus:
    """The chain's state for one business day, through this PC's link. Raises ChainError."""
    link = history.chain_link()
    if link is None:
        raise ChainError(
            "This PC is not connected to a chain. Connect it first: closeout chain connect URL --shop NAME."
        )
    replicator = Replicator(history, store)
    _require_driver()
    import psycopg

    conn = replicator.connection(link)
    try:
        return day_status(conn, day)
    except psycopg.Error as exc:
        raise ChainError(_explain(exc, link.url)) from None
    finally:
        conn.close()


def make_gate(
    history: History, store: SecretStore, *, day_end: Callable[[], time], lock_required: Callable[[], bool]
) -> tuple[ChainGate, Replicator] | None:
    """The gate and replicator of a linked PC; None when this PC is not linked to a chain."""
    if history.chain_link() is None:
        return None
    replicator = Replicator(history, store, day_end=day_end)
    return ChainGate(history, replicator, lock_required=lock_required), replicator
