"""The history view with 1,000,000 closes: how fast it opens and filters, and how big the file is.

Fills a history file with 1,000,000 closes through the real schema (``History`` creates it; rows
are inserted with executemany in one transaction): ~2 years, 200 terminals (20 of them removed
since), Saferpay and SUNBAY, mostly closed, some failed, a few in doubt (some settled by a person).
The filled file is cached in the temp folder and reused (``--fresh`` rebuilds it).

Then, offscreen, prints
  - time to open the history view: HistoryWindow constructed, shown, first page loaded and painted
    (target < 200 ms), with the main window's widgets already warm as in the app;
  - time to apply a terminal + date filter until its first page is loaded and painted (< 100 ms);
  - more filters and searches for reference, and the database size.

And the CLI on a copy of that history, in a process of its own each time (process start included,
median of ``--repeat`` runs):
  - ``closeout history --since DAY`` for yesterday (target < 0.3 s);
  - ``closeout report --pdf FILE --date DAY`` for a day with 500 terminals, each closed once (the copy gets
    300 more configured terminals and that day's 500 closes; target < 1 s).

Usage: python benches/history_scale.py [--rows N] [--fresh] [--plans] [--cli-only]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.history import SCHEMA_VERSION, CloseFilter, History  # noqa: E402
from app.core.terminals import new_terminal  # noqa: E402

ROWS = 1_000_000
TERMINALS = 200
REMOVED = 20  # terminals removed a year ago: their closes stay, by name
DAYS = 730
FILL_VERSION = 2  # bump when the generated data changes, so the cached file is rebuilt
SEED = 20261121

OPEN_TARGET_MS = 200
FILTER_TARGET_MS = 100
CLI_HISTORY_TARGET_S = 0.3
CLI_REPORT_TARGET_S = 1.0
REPORT_TERMINALS = 500

SAFERPAY_FAIL = [
    (402, "TRANSACTION_ABORTED", "Batch close failed", "Saferpay refused the close: Batch close failed."),
    (401, "AUTHENTICATION_FAILED", "Access denied", "Saferpay did not accept the JSON API user."),
    (403, "PERMISSION_DENIED", "Permission denied", "Saferpay refused: the terminal is not yours."),
]
SUNBAY_FAIL = [
    (200, "T05", "Terminal is offline", "SUNBAY refused the close: Terminal is offline."),
    (200, "C17", "Parameter error", "SUNBAY refused the close: Parameter error."),
    (401, "401", "Unauthorized", "SUNBAY did not accept the API key."),
]
IN_DOUBT = "No answer after 3 attempts; the close may or may not have happened. Check before closing again."


def bench_path(rows: int) -> Path:
    return Path(tempfile.gettempdir()) / f"closeout-history-bench-s{SCHEMA_VERSION}-f{FILL_VERSION}-{rows}.db"


def make_terminals(rng: random.Random) -> list:
    terminals = []
    for i in range(TERMINALS):
        if i % 5 in (1, 3):
            t = new_terminal(
                f"Till {i:03d}",
                "sunbay",
                {
                    "app_id": "app_8a3f",
                    "merchant_id": f"M{1000 + i // 10}",
                    "terminal_sn": f"P6{i:08d}",
                    "channel_code": "CARD",
                    "environment": "live",
                },
            )
        else:
            t = new_terminal(
                f"Counter {i:03d}",
                "saferpay",
                {
                    "customer_id": "401234",
                    "terminal_id": f"{17700000 + i}",
                    "username": "API_401234_17700000",
                    "environment": "live" if i % 7 else "test",
                },
            )
        terminals.append(t)
    rng.shuffle(terminals)
    return terminals


def fill(path: Path, rows: int) -> float:
    """Create ``path`` with ``rows`` closes. Returns the seconds it took."""
    began = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(SEED)
    terminals = make_terminals(rng)
    removed = terminals[:REMOVED]
    history = History(path, path.parent / (path.name + ".locks"))  # the real schema, every migration
    for t in terminals[REMOVED:]:
        history.add_terminal(t)
    history.close()

    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = DELETE")  # one big transaction: no WAL file of the whole table
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -131072")  # 128 MB: the index builds sort in memory
    indexes = [
        r[0]
        for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'closes' AND sql IS NOT NULL"
        )
    ]
    db.execute("BEGIN")
    for sql in indexes:  # built once after the insert (faster than maintained row by row); same SQL
        db.execute("DROP INDEX " + sql.split("INDEX", 1)[1].split()[0])

    end = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    start = end - timedelta(days=DAYS)
    removal = start + timedelta(days=DAYS // 2)
    # Close times: most in the evening (local shop hours ~ UTC+1), some in the day.
    hours = [(h, 8 if 19 <= h <= 22 else 2 if 9 <= h <= 18 else 0.3) for h in range(24)]
    hour_values, hour_weights = zip(*hours)
    day_count = DAYS
    per_day = rows / day_count

    def rows_iter():
        made = 0
        for day in range(day_count):
            n = round((day + 1) * per_day) - made
            day_start = start + timedelta(days=day)
            stamps = sorted(
                day_start + timedelta(hours=h, seconds=rng.random() * 3600)
                for h in rng.choices(hour_values, hour_weights, k=n)
            )
            for at in stamps:
                made += 1
                pool = terminals if at < removal else terminals[REMOVED:]
                t = pool[rng.randrange(len(pool))]
                sunbay = t.provider == "sunbay"
                roll = rng.random()
                attempts = 1 if rng.random() < 0.93 else 2 + (rng.random() < 0.4)
                finished = at + timedelta(seconds=0.3 + rng.random() * (2 if attempts == 1 else 40))
                request_id = f"{rng.getrandbits(128):032x}"
                if not sunbay:
                    request_id = (
                        f"{request_id[:8]}-{request_id[8:12]}-{request_id[12:16]}-{request_id[16:20]}-{request_id[20:]}"
                    )
                trace = f"{rng.getrandbits(64):016x}" if sunbay else None
                settled_by = settled_at = note = None
                data = None
                http_status, code, provider_message = 200, ("0" if sunbay else None), ("success" if sunbay else None)
                if roll < 0.925:
                    outcome, message = "closed", "Batch closed."
                    if sunbay:
                        count = int(rng.random() * 141)
                        net = int(count * (200 + rng.random() * 8800))
                        data = json.dumps(
                            {
                                "batchNo": f"{(made % 999999) + 1:06d}",
                                "terminalSn": t.settings["terminal_sn"],
                                "batchTime": at.isoformat(timespec="seconds"),
                                "transactionCount": count,
                                "priceCurrency": "EUR" if made % 9 else "CHF",
                                "netAmount": net,
                                "tipAmount": net // 40,
                                "surchargeAmount": 0,
                                "taxAmount": net // 12,
                            },
                            sort_keys=True,
                        )
                elif roll < 0.985:
                    outcome = "failed"
                    http_status, code, provider_message, message = rng.choice(SUNBAY_FAIL if sunbay else SAFERPAY_FAIL)
                elif roll < 0.993:
                    outcome, message, http_status, code, provider_message = "in_doubt", IN_DOUBT, None, None, None
                    finished = at + timedelta(seconds=100)
                else:  # in doubt, then settled by a person after checking with the provider
                    closed = rng.random() < 0.7
                    outcome = "closed" if closed else "failed"
                    settled_by = rng.choice(("anna", "marc", "lea"))
                    settled_at = finished + timedelta(hours=rng.randint(1, 30))
                    note = rng.choice((None, "seen in Backoffice", "called support"))
                    message = (
                        f"Marked {'closed' if closed else 'not closed'} by {settled_by} after checking with "
                        f"the provider." + (f" Note: {note}" if note else "")
                    )
                    http_status = code = provider_message = None
                yield (
                    t.id,
                    t.name,
                    t.provider,
                    t.get("environment") or "live",
                    request_id,
                    at.isoformat(timespec="microseconds"),
                    finished.isoformat(timespec="microseconds"),
                    attempts,
                    outcome,
                    http_status,
                    code,
                    provider_message,
                    message,
                    trace,
                    data,
                    0,
                    "bench-owner",
                    settled_by,
                    settled_at.isoformat(timespec="microseconds") if settled_at else None,
                    note,
                )

    db.executemany(
        "INSERT INTO closes (terminal_id, terminal_name, provider, environment, request_id, started_at, "
        "finished_at, attempts, outcome, http_status, provider_code, provider_message, message, trace_id, "
        "data, forced, owner, settled_by, settled_at, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows_iter(),
    )
    for sql in indexes:
        db.execute(sql)
    db.execute("COMMIT")
    db.execute("PRAGMA journal_mode = WAL")
    db.close()
    assert len(removed) == REMOVED
    return time.perf_counter() - began


def size_of(path: Path) -> int:
    return sum(Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists())


def local_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    since = datetime(first.year, first.month, first.day).astimezone()
    until = datetime(last.year, last.month, last.day).astimezone() + timedelta(days=1)
    return since, until


def print_plans(history: History) -> None:
    """EXPLAIN QUERY PLAN of the first-page query of each kind of filter."""
    from app.core.history import PageCursor, _where

    today = date.today()
    since, until = local_day_bounds(today - timedelta(days=29), today)
    some = history.terminals()[0].id
    cases = {
        "default (30 days)": CloseFilter(since=since, until=until),
        "everything": CloseFilter(),
        "terminal + 30 days": CloseFilter(since=since, until=until, terminal_id=some),
        "outcome failed": CloseFilter(outcome="failed"),
        "outcome in doubt + 30 days": CloseFilter(since=since, until=until, outcome="in_doubt"),
        "terminal + in doubt": CloseFilter(terminal_id=some, outcome="in_doubt"),
        "search": CloseFilter(since=since, until=until, text="offline"),
    }
    raw = sqlite3.connect(history.path)
    for label, f in cases.items():
        for after in (None, PageCursor("2026-01-01T00:00:00.000000+00:00", 5)):
            where, params = _where(f, after)
            plan = raw.execute(
                "EXPLAIN QUERY PLAN SELECT * FROM closes" + where + " ORDER BY started_at DESC, id DESC LIMIT 200",
                params,
            ).fetchall()
            print(f"  {label:28s}{' (next page)' if after else '':12s} " + " | ".join(r[3] for r in plan))
    raw.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached history file")
    parser.add_argument("--plans", action="store_true", help="print EXPLAIN QUERY PLAN of the page queries")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each filter measurement (median shown)")
    parser.add_argument("--cli-only", action="store_true", help="only the CLI figures (history --since, report --pdf)")
    args = parser.parse_args()

    path = bench_path(args.rows)
    if args.fresh or not path.exists():
        print(f"filling {path} with {args.rows:,} closes ...", flush=True)
        print(f"  filled in {fill(path, args.rows):.1f} s")
    else:
        print(f"reusing {path} (--fresh rebuilds it)")
    if args.cli_only:
        return 0 if cli_figures(path, args.repeat) else 1

    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    from app.ui.history_view import HistoryWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    import PySide6

    if PySide6.__version__.startswith("6.12.") and sys.version_info < (3, 12):
        print(
            f"warning: PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} drops a reference to True "
            f"on every signal emit and to None on every void call; after a few hundred emits the process may "
            f"abort ('bool_dealloc'), here at exit. PySide6 6.11 or Python 3.12+ do not."
        )
    lock_dir = Path(tempfile.mkdtemp(prefix="closeout-history-bench-locks-"))
    began = time.perf_counter()
    history = History(path, lock_dir)
    open_history_ms = (time.perf_counter() - began) * 1000
    if args.plans:
        print_plans(history)

    # The app's main window is up when the history is opened: warm Qt's style, fonts and table code.
    main_window = QMainWindow()
    main_window.setCentralWidget(QTableView())
    main_window.show()
    app.processEvents()

    class PaintWatch(QObject):
        """Ends ``wait`` at the table's first paint after its first page arrived: the page is on screen.

        Waits in a nested event loop rather than spinning processEvents(): the app idles in Qt's loop
        too, and (PySide6 6.12 on Python 3.11) every Python call of a void Qt method leaks a reference
        to None, so a spin of a hundred thousand calls ends in a crash.
        """

        def __init__(self, window) -> None:
            super().__init__(window)
            self.model = window.model
            self.painted = False
            self.loop: QEventLoop | None = None
            window.table.viewport().installEventFilter(self)

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and self.model.first_page_loaded and not self.painted:
                self.painted = True
                if self.loop is not None:
                    QTimer.singleShot(0, self.loop.quit)  # after this paint is done
            return False

        def wait(self) -> None:
            if not self.model.first_page_loaded:
                self.painted = False  # a new load: wait for its page's paint
            elif self.painted:
                return
            self.loop = QEventLoop()
            QTimer.singleShot(60_000, self.loop.quit)
            self.loop.exec()
            self.loop = None
            if not self.model.first_page_loaded:
                raise SystemExit("the first page never came")

    watches: dict[int, PaintWatch] = {}

    def open_window() -> HistoryWindow:
        window = HistoryWindow(history)
        watches[id(window)] = PaintWatch(window)
        window.show()
        return window

    def wait_first_page(window) -> None:
        watches[id(window)].wait()

    def wait_for(signal) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)

    began = time.perf_counter()
    window = open_window()
    wait_first_page(window)
    open_ms = (time.perf_counter() - began) * 1000
    first_rows = window.model.rowCount()
    window.close()
    window.deleteLater()
    app.processEvents()

    opens = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        window = open_window()
        wait_first_page(window)
        opens.append((time.perf_counter() - began) * 1000)
        window.close()
        window.deleteLater()
        app.processEvents()

    window = open_window()
    wait_first_page(window)
    app.processEvents()
    configured = history.terminals()
    removed = [t for t in window.terminal_choices() if t.removed]
    today = date.today()

    def measure(label: str, apply) -> float:
        times = []
        for i in range(args.repeat):
            window.reset_filters()
            wait_first_page(window)
            app.processEvents()
            watches[id(window)].painted = False
            began = time.perf_counter()
            apply(i)
            window.apply_filters_now()
            wait_first_page(window)
            times.append((time.perf_counter() - began) * 1000)
        median = statistics.median(times)
        print(f"  {label:58s} {median:7.1f} ms  (max {max(times):.1f}; first page {window.model.rowCount()} rows)")
        return median

    def terminal_and_dates(i: int, terminal_id: str | None = None, days: int = 7, back: int = 40) -> None:
        window.set_terminal(terminal_id or configured[(i * 37) % len(configured)].id)
        window.set_dates(today - timedelta(days=back + days - 1), today - timedelta(days=back))

    print()
    print(
        f"history: {args.rows:,} closes, {TERMINALS} terminals ({REMOVED} removed), {DAYS} days; "
        f"file {size_of(path) / 1e6:.0f} MB; History() opened in {open_history_ms:.0f} ms"
    )
    print(f"open the history view (construct + show + first page of {first_rows} painted):")
    print(f"  first open in the process                                  {open_ms:7.1f} ms")
    print(
        f"  again (median of {args.repeat})                                         {statistics.median(opens):7.1f} ms"
        f"   target < {OPEN_TARGET_MS} ms"
    )
    print("apply a filter until its first page is loaded and painted (median):")
    filter_ms = measure("terminal + date range (one week, 6 weeks ago)", terminal_and_dates)
    measure(
        "terminal + whole history",
        lambda i: (
            window.set_terminal(configured[(i * 37) % len(configured)].id),
            window.set_dates(today - timedelta(days=DAYS + 5), today),
        ),
    )
    measure(
        "removed terminal + whole history",
        lambda i: (
            window.set_terminal(removed[i % len(removed)].id),
            window.set_dates(today - timedelta(days=DAYS + 5), today),
        ),
    )
    measure("outcome in doubt (30 days)", lambda i: window.set_outcome("in_doubt"))
    measure(
        "outcome failed + terminal + whole history",
        lambda i: (
            window.set_outcome("failed"),
            window.set_terminal(configured[(i * 37) % len(configured)].id),
            window.set_dates(today - timedelta(days=DAYS + 5), today),
        ),
    )
    measure("search 'offline' (30 days)", lambda i: window.set_search("offline"))
    measure(
        "search a terminal name, whole history",
        lambda i: (window.set_search(configured[i].name), window.set_dates(today - timedelta(days=DAYS + 5), today)),
    )
    some_request = history.close_page(CloseFilter(), limit=1).rows[0]
    old_request = history.close_row(args.rows // 3)
    measure("search one request id (30 days)", lambda i: window.set_search(some_request.request_id))
    measure(
        "search one request id, whole history (scan)",
        lambda i: (
            window.set_search(old_request.request_id),
            window.set_dates(today - timedelta(days=DAYS + 5), today),
        ),
    )

    # Scrolling: the next page after the first, as the view asks for it.
    window.reset_filters()
    wait_first_page(window)
    times = []
    for _ in range(10):
        loaded = window.model.rowCount()
        began = time.perf_counter()
        window.model.fetchMore()
        wait_for(window.model.pageLoaded)
        assert window.model.rowCount() > loaded
        times.append((time.perf_counter() - began) * 1000)
    print(f"  next page while scrolling (median of 10)                   {statistics.median(times):7.1f} ms")

    window.reset_filters()
    wait_first_page(window)
    if window.model.total is None:
        wait_for(window.model.totalChanged)
    print(f"count shown in the status line (30 days): {window.model.total:,} closes")
    for label, f in (
        ("count of everything", CloseFilter()),
        ("count of one terminal", CloseFilter(terminal_id=configured[0].id)),
    ):
        began = time.perf_counter()
        n = history.count_matching(f)
        print(f"  {label:58s} {(time.perf_counter() - began) * 1000:7.1f} ms  ({n:,})")

    began = time.perf_counter()
    from app.ui.history_view import export_csv

    out = Path(tempfile.mkdtemp(prefix="closeout-history-bench-")) / "export.csv"
    since, until = local_day_bounds(today - timedelta(days=29), today)
    exported = export_csv(history, CloseFilter(since=since, until=until), out)
    print(
        f"export CSV of the last 30 days: {exported:,} rows, {out.stat().st_size / 1e6:.1f} MB in "
        f"{time.perf_counter() - began:.2f} s (off the UI thread in the window)"
    )
    out.unlink()

    window.close()
    main_window.close()
    history.close()
    print()
    print(
        f"open {statistics.median(opens):.0f} ms (target < {OPEN_TARGET_MS}), terminal + date filter "
        f"{filter_ms:.0f} ms (target < {FILTER_TARGET_MS}), database {size_of(path) / 1e6:.0f} MB"
    )
    ok = statistics.median(opens) < OPEN_TARGET_MS and filter_ms < FILTER_TARGET_MS
    print("targets met" if ok else "TARGETS MISSED")
    ok = cli_figures(path, args.repeat) and ok
    return 0 if ok else 1


def cli_figures(path: Path, repeat: int) -> bool:
    """``closeout history --since`` and ``closeout report --pdf`` on a copy of the big history."""
    import shutil
    import subprocess

    from app.core.home import Home

    root = Path(tempfile.mkdtemp(prefix="closeout-history-bench-cli-"))
    home = Home(root).ensure()
    shutil.copyfile(path, home.db_path)
    day = (datetime.now() - timedelta(days=1)).date()
    history = History(home.db_path, home.lock_dir)
    for i in range(REPORT_TERMINALS - (TERMINALS - REMOVED)):  # 500 configured terminals in all
        history.add_terminal(
            new_terminal(
                f"Kiosk {i:03d}",
                "saferpay",
                {
                    "customer_id": "401234",
                    "terminal_id": f"{18800000 + i}",
                    "username": "API_401234_18800000",
                    "environment": "live",
                },
            )
        )
    terminals = history.terminals()
    history.close()
    from app.core.days import day_bounds
    from app.core.history import to_text
    from app.core.providers import identity
    from app.core.settings import Settings

    since, _ = day_bounds(day, Settings().day_end())
    db = sqlite3.connect(home.db_path, isolation_level=None)
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO closes (terminal_id, terminal_name, provider, environment, request_id, started_at, finished_at, "
        "attempts, outcome, message, identity) VALUES (?, ?, ?, 'live', ?, ?, ?, 1, 'closed', 'Batch closed.', ?)",
        [
            (
                t.id,
                t.name,
                t.provider,
                f"report-bench-{i}",
                to_text(since + timedelta(hours=18, seconds=i)),
                to_text(since + timedelta(hours=18, seconds=i + 1)),
                identity(t),
            )
            for i, t in enumerate(terminals)
        ],
    )
    db.execute("COMMIT")
    db.close()
    env = {**os.environ, "CLOSEOUT_HOME": str(root), "QT_QPA_PLATFORM": "offscreen"}
    # As installed: pip and the bundle ship compiled bytecode, so the runs must not compile Closeout's
    # modules from source each time (PYTHONDONTWRITEBYTECODE, often set in development shells, would).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    root_dir = Path(__file__).resolve().parents[1]

    cpu: dict[str, list[float]] = {"history": [], "report": []}

    def timed(command: list[str]) -> tuple[float, bytes]:
        import resource

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "app", *command], cwd=root_dir, env=env, capture_output=True)
        took = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise RuntimeError(f"closeout {' '.join(command)} failed: {done.stderr.decode()[-500:]}")
        # CPU seconds of the process (user + system): what a shared machine's load does not inflate.
        cpu[command[0]].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return took, done.stdout

    pdf = root / "report.pdf"
    history_command = ["history", "--since", day.isoformat()]
    report_command = ["report", "--pdf", str(pdf), "--date", day.isoformat()]
    for command in (history_command, report_command):  # warm the file cache and write the bytecode
        timed(command)
    history_runs, report_runs = [], []
    cpu["history"].clear()
    cpu["report"].clear()
    lines = 0
    for _ in range(repeat):
        took, out = timed(history_command)
        history_runs.append(took)
        lines = out.count(b"\n") - 1
    for _ in range(repeat):
        report_runs.append(timed(report_command)[0])
    pages = _pdf_pages(pdf)
    if os.environ.get("CLOSEOUT_BENCH_KEEP"):
        print(f"kept the CLI's home: {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)
    history_s, report_s = statistics.median(history_runs), statistics.median(report_runs)
    print(
        f"CLI, history of {path.stat().st_size / 1e6:.0f} MB, process start included (bytecode cached, as "
        f"installed), median of {repeat}; load average {os.getloadavg()[0]:.1f}:"
    )
    print(
        f"  closeout history --since {day} ({lines:,} closes printed)   {history_s:6.3f} s "
        f"(target < {CLI_HISTORY_TARGET_S}: {'ok' if history_s < CLI_HISTORY_TARGET_S else 'OVER'}; "
        f"CPU {statistics.median(cpu['history']):.3f} s)"
    )
    print(
        f"  closeout report --pdf, a day with {len(terminals)} terminals ({pages} pages)  {report_s:6.3f} s "
        f"(target < {CLI_REPORT_TARGET_S}: {'ok' if report_s < CLI_REPORT_TARGET_S else 'OVER'}; "
        f"CPU {statistics.median(cpu['report']):.3f} s)"
    )
    return history_s < CLI_HISTORY_TARGET_S and report_s < CLI_REPORT_TARGET_S


def _pdf_pages(pdf: Path) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:  # pypdf comes with the test extras
        return "?"
    return str(len(PdfReader(str(pdf)).pages))


if __name__ == "__main__":
    sys.exit(main())
