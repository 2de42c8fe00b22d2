"""Chain scale: 200 shops x 10 terminals x 365 days (730,000 closes) in one PostgreSQL.

Prints, as medians of three runs:
* the time of ``chain status`` for one business day (app.core.chain.day_status: the query and the
  shop x terminal states; target < 300 ms);
* the replication throughput of one PC draining its outbox into that chain (target > 1,000 closes/s).

Starts a throwaway PostgreSQL cluster on loopback (tests/pgcluster.py; PostgreSQL binaries needed).
Run: python benches/chain_scale.py [--shops 200] [--terminals 10] [--days 365] [--replicate 20000]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sqlite3
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import psycopg  # noqa: E402

from app.core import chain, providers  # noqa: E402
from app.core.history import History  # noqa: E402
from app.core.providers.base import Terminal  # noqa: E402
from app.core.secrets import MemoryStore  # noqa: E402
from pgcluster import remove_cluster, start_cluster  # noqa: E402

FIRST_DAY = date(2025, 12, 1)


def fill(conn, shops: int, terminals: int, days: int) -> int:
    """The chain's tables filled with COPY (the data a chain of this size would have replicated)."""
    conn.execute("SET synchronous_commit = off")
    pcs = io.StringIO()
    terms = io.StringIO()
    closes = io.StringIO()
    n = 0
    for s in range(shops):
        pc = uuid.UUID(int=s + 1)
        pcs.write(f"{pc}\tShop {s:03d}\tPC {s:03d}\n")
        for t in range(terminals):
            identity = f"saferpay|https://www.saferpay.com/api|{400000 + s}|{17000000 + t}"
            terms.write(f"{pc}\tt{s}-{t}\tShop {s:03d}\tTill {t}\tsaferpay\t{identity}\tf\t1\n")
            for d in range(days):
                day = FIRST_DAY + timedelta(days=d)
                started = datetime(day.year, day.month, day.day, 21, t, tzinfo=timezone.utc)
                outcome = "closed" if (s + t + d) % 97 else "failed"
                n += 1
                closes.write(
                    f"{pc}\t{n}\tShop {s:03d}\tt{s}-{t}\tTill {t}\tsaferpay\tlive\t{identity}\tr{n}\t{day}\t"
                    f"{started.isoformat()}\t{(started + timedelta(seconds=2)).isoformat()}\t1\t{outcome}\t"
                    f"Batch closed.\t200\t\\N\t{n}\n"
                )
    with conn.cursor() as cur:
        for table, columns, data in (
            ("pcs", "pc_id, shop, pc_name", pcs),
            ("terminals", "pc_id, terminal_id, shop, name, provider, identity, removed, seq", terms),
            (
                "closes",
                "pc_id, close_id, shop, terminal_id, terminal_name, provider, environment, identity, "
                "request_id, business_day, started_at, finished_at, attempts, outcome, message, "
                "http_status, provider_code, seq",
                closes,
            ),
        ):
            with cur.copy(f"COPY closeout.{table} ({columns}) FROM STDIN") as copy:
                copy.write(data.getvalue())
    conn.execute("ANALYZE closeout.closes")
    conn.execute("ANALYZE closeout.terminals")
    return n


def replicate_once(url: str, password: str, count: int) -> float:
    """One PC linked to the chain with ``count`` closes waiting: closes per second of draining them."""
    with tempfile.TemporaryDirectory() as root:
        history = History(Path(root) / "history.db", Path(root) / "locks")
        store = MemoryStore()
        try:
            chain.connect(history, store, url, "Bench shop", password, pc_name=f"Bench {uuid.uuid4().hex[:6]}")
            terminal = Terminal(
                "bench",
                "Till",
                "saferpay",
                {
                    "customer_id": "401234",
                    "terminal_id": "12345678",
                    "username": "API_401234_12345678",
                    "environment": "live",
                },
            )
            history.add_terminal(terminal)
            now = datetime.now(timezone.utc)
            db = sqlite3.connect(history.path, isolation_level=None)
            db.execute("BEGIN")
            db.executemany(
                "INSERT INTO closes (terminal_id, terminal_name, provider, environment, request_id, started_at, "
                "finished_at, attempts, outcome, identity) VALUES ('bench', 'Till', 'saferpay', 'live', ?, ?, ?, 1, "
                "'closed', ?)",
                [
                    (
                        f"b{uuid.uuid4().hex}",
                        (now - timedelta(minutes=i)).isoformat(),
                        now.isoformat(),
                        providers.identity(terminal),
                    )
                    for i in range(count)
                ],
            )
            db.execute("COMMIT")
            db.close()
            started = time.perf_counter()
            result = chain.Replicator(history, store).drain()
            elapsed = time.perf_counter() - started
            assert result.error is None and result.waiting == 0, result
            return result.sent / elapsed
        finally:
            history.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shops", type=int, default=200)
    parser.add_argument("--terminals", type=int, default=10)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--replicate", type=int, default=20_000)
    args = parser.parse_args()
    cluster = start_cluster()
    if cluster is None:
        print("No PostgreSQL binaries (initdb, pg_ctl) found.")
        return 1
    try:
        with psycopg.connect(cluster.admin_dsn(), autocommit=True) as admin:
            admin.execute("CREATE ROLE closeout LOGIN PASSWORD 'bench'")
            admin.execute("CREATE DATABASE closeout")
            admin.execute("GRANT CONNECT, CREATE ON DATABASE closeout TO closeout")
        url = cluster.url("closeout", "closeout")
        with psycopg.connect(url, password="bench", autocommit=True) as conn:
            chain.migrate(conn)
            started = time.perf_counter()
            n = fill(conn, args.shops, args.terminals, args.days)
            print(
                f"filled {n:,} closes ({args.shops} shops x {args.terminals} terminals x {args.days} days) "
                f"in {time.perf_counter() - started:.1f} s"
            )
            day = FIRST_DAY + timedelta(days=args.days // 2)
            chain.day_status(conn, day)  # warm the cache once, as a head office PC that stays open would
            times = []
            for _ in range(3):
                started = time.perf_counter()
                status = chain.day_status(conn, day)
                times.append((time.perf_counter() - started) * 1000)
            rows = len(status.rows)
        print(
            f"chain status for one day ({rows} shop x terminal rows): median {statistics.median(times):.0f} ms "
            f"(runs {', '.join(f'{t:.0f}' for t in times)} ms; target < 300 ms)"
        )
        rates = [replicate_once(url, "bench", args.replicate) for _ in range(3)]
        print(
            f"replication of {args.replicate:,} waiting closes: median {statistics.median(rates):,.0f} closes/s "
            f"(runs {', '.join(f'{r:,.0f}' for r in rates)}; target > 1,000 closes/s)"
        )
    finally:
        remove_cluster(cluster)
    return 0


if __name__ == "__main__":
    sys.exit(main())
