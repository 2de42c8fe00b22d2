"""Closeout against the floor: a close-all next to a bare concurrent httpx client, on the same simulator.

For each size (200 terminals x 250 ms latency x concurrency 8, and 1,000 x 200 ms x 16) one simulator
process serves the terminals (``python -m app.simulator --bench-terminals N``, a provider is another
machine) and, one after the other in the same run, three clients close all of them:

* bare:   a 20-line httpx script: a semaphore, one POST per terminal; no history, no keyring, no checks;
* engine: Closeout's CloseEngine in a process of its own (history, locks, secrets in memory, events);
* CLI:    ``closeout close --all --yes --concurrency C`` (keyring: benches/bench_keyring.py).

Each client runs in its own process, so its CPU time and peak RSS are its own (``wait4``). Walls: bare and
engine from the call to the last answer; the CLI from its first request on the wire (stamped by the
simulator, ``time.monotonic`` is one clock for the machine) to its "Summary" line, and its process start
to that first request is printed apart. CPU per close: bare and engine over the close alone; the CLI over
its whole process (start included). Targets are printed beside the figures; nothing here asserts.

Usage: python benches/close_all.py [--rounds R] [--only small|large] [--python PATH]

``--python``: the interpreter the three clients run under (default: this one). The README's figures use a
runtime-only install, as a shop owner has (``python -m venv V && V/bin/pip install .``): a development venv
also holds click and pygments (through uvicorn and pytest), which httpx imports when they are there, ~20 ms
more at every start. The simulator always runs under this interpreter.

What the profiles said (pyinstrument and cProfile of the engine, pyinstrument and py-spy of the CLI, at
200 x 250 ms x 8; a timing of each step of a close; and the import log of ``python -X importtime``):

* The history's commits were the largest cost of Closeout over the bare client: three commits per close
  (the row before the request, the attempt count before each attempt, the outcome), each a WAL fsync
  (~1.5 ms at the median here, 7 ms at p90 under load) plus two thread hops, all on one db thread, so the
  closes queued behind each other's fsyncs. Now the writes of closes that start or end together go in one
  transaction (``History.write_group``, one savepoint per write, a failing write undone alone): one fsync
  for the group, and each close still waits for its own commit before its request leaves. The three
  commits per close stay: merging the first two would turn "failed, nothing was sent" after a crash into
  "in doubt" (docs/reliability.md promise 2).
* What the history knows of a terminal (newest close, closes in doubt, closed this business day) was three
  trips to the db thread, and a new close's row two: now one each.
* httpcore tries ``import sniffio`` on every request; sniffio was not installed, and each failed import
  walked sys.path (1,458 failed imports in one run of 200 closes, ~0.3 ms of CPU each, for the bare client
  too). sniffio is now a dependency.
* Left in the engine by design: SUNBAY's open-batch preview (one more request for half the terminals: an
  empty batch is "nothing to close", never a close), the cross-process terminal lock (then filelock,
  ~0.5 ms; now one flock, see below), the secret read in a worker thread (a keychain may prompt), a few thread hops whose latency is mostly
  GIL hand-over. httpx itself costs ~1.5-2 ms of CPU per request, bare client included.
* Start path: importing app.cli took ~150-250 ms: httpx (~45 ms, of which ~20 ms is its own command line
  pulling click and pygments when they are installed, as in this development venv; a user's install has
  no click), asyncio (~30 ms), the providers, the engine, filelock, platformdirs. The CSV/report code
  is no longer imported by ``close``. The credential store check (keyring backend discovery, 20-40 ms)
  and the HTTP client's TLS context (truststore, ~20 ms) come before the first request too.
* In the window (benches/ui_responsiveness.py, 1,000 terminals): the event loop stalled when a run
  ended (summary with 1,000 list items, the in-doubt query on the UI thread), when it started (1,000
  jobs taking their first step in one turn of the loop), on every progress-bar update (a synchronous
  repaint per ended close), and on full garbage-collector passes over the startup objects; each is fixed.

A second round (the close path at the floor): CPU per thread read from /proc (main thread vs the db
thread), cProfile of the db thread (through its executor's initializer) and of the CLI process, py-spy
--gil, a latency breakdown of each close (slot -> request -> outcome), micro-benchmarks of each step, and
``-X importtime`` of the CLI:

* The terminal lock cost ~170 us of CPU per close in filelock 4.x (lock-path resolution, fork tracking,
  settings lookups, a mkdir per lock); one ``flock`` on the same file costs ~10 us. app/core/locks.py now
  takes the ``flock`` itself on POSIX (the same lock filelock takes, so both see each other) and keeps
  filelock for Windows and file systems without ``flock``.
* CLI only: a real PC always has the chain gate, which made two trips to its own thread pool per close
  (enter and leave, each a history read; ~70 us of CPU per trip) even when the PC is not linked. Whether it is linked is now read
  in the close's one trip to the db thread; the gate's threads are used only when it is.
* CLI only: each log line searched the line for every secret read so far after sorting them all: at 1,000
  terminals ~0.2-0.5 ms per line, two lines per close. The secrets are now kept sorted as they come, and a
  line is looked up by the four characters at each position (~15 us, whatever the number of secrets).
* CLI only: every progress line was its own write and flush (two per close); they now go out together
  every 0.1 s, and only the line that is shown is formatted.
* Left, by design, with what it costs: the db thread's ~1 ms of CPU per close is three durable commits
  (``synchronous = FULL``: each commit's WAL fsync is kernel time of this process; ~1.6 group commits per
  close at 200 x 8); merging the row and the first attempt count would turn "failed, nothing was sent"
  into "in doubt" after a crash, and NORMAL would lose the row in a power cut (docs/reliability.md,
  promise 2). SUNBAY's preview adds half a request per close, and httpx costs ~1.7-2 ms of CPU per
  request (bare client included; httpcore's pool checks the socket of every idle connection on each
  request): about 2.6-3 ms per close of httpx alone. With the CLI's start (~0.3 s of CPU, 1.5 ms per close
  at 200 terminals) the 3 ms/close target is below the floor of these promises; at 1,000 terminals the
  httpx part alone is ~3 ms.
* Latency per close (what the wall ratio is made of): from its slot to its request a close waits for the
  db read, the secret, SUNBAY's preview and two commits in a row (each may first wait for a group commit
  under way), then the request, then the outcome's commit; the commits are the promises above. Giving the
  slot back before the outcome's commit gained nothing: the next close's history read waits behind that
  commit on the one db thread. A thread trip costs ~70 us of CPU and, when the loop is busy, up to the
  GIL's 5 ms switch interval of latency. On a shared machine whose disk is busy (fsync median 5 ms, p90
  ~100 ms, I/O pressure ~50 %) the engine's and the CLI's walls went to 1.4-2x bare: the walls are the
  commits', so compare walls only from a quiet machine, and CPU per close and the ratio within one run.
* Start path (process start -> first request): importing app.cli is ~100-150 ms of CPU, nearly all of it
  asyncio, httpx (with urllib.request, http.client and email under it, and click and pygments in a
  development venv) and sqlite3; keyring adds ~18 ms (importlib_metadata, jaraco, backports.tarfile), the
  asyncio side of httpcore and anyio ~15 ms at the first request. What Closeout itself imports that
  ``close`` does not need is a few ms (getpass, decimal).

A third round (the walls at the floor): a timing of each close's steps in the engine (waiting for a slot,
the row's commit, the request, the slot's release) and of each group commit on the db thread (queued, run),
py-spy of the engine and the CLI (all threads), the CPU of each thread from /proc, a timeline of the CLI's
start (process start, imports, the history, the credential store, the first request), and a sampler of the
window's main thread during the UI bench:

* A close held its slot for everything it did (the history's reads, the secret, the locks, the preview,
  two commits, the request, the outcome's commit), so a slot sat idle while its close worked off the wire.
  Now a slot is held only while a request is on the wire (a close's, a preview's, a check's: at most
  ``concurrency`` requests at once). Twice as many workers as slots take the terminals in order, so while
  one set of closes is on the wire the next set has its locks, reads, secret and preview done and waits
  ready; the outcome's commit comes after the slot is given back. The workers replace one task per
  terminal: 1,000 terminals no longer make 1,000 tasks step before the first request can leave.
* In the slot, the row's commit was the cost: median 5.6-7.9 ms, mean 7-13 ms at 1,000 x 16, because the one
  db thread also ran the next closes' reads and the other closes' outcome commits, FIFO. Now (a) a new
  close's row carries its first attempt: one commit instead of two before the request, and nothing is lost
  (nothing happened between the two; a crash before the commit leaves no row, and nothing was sent); (b) an
  outcome's write waits up to 20 ms for the next row write and rides in its commit; (c) the reads go through
  a reader connection on a thread of their own (WAL: they never wait for a commit). The row's commit in the
  slot: median 3.0-4.3 ms. The db thread: ~1 group commit per close (2.2-2.5 writes each), fsync median
  0.3-1 ms, p90 3-4 ms.
* What is left is the disk: each close waits for a durable commit before its request leaves (docs/
  reliability.md, promise 2), so a slow fsync stops every close and never the bare client. This host's disk
  stalls now and then for 0.3-1 s (Linux PSI "some" I/O pressure up to 40 %, from other tenants); the bench
  prints the pressure at its start and end: compare walls from runs where it stays low.
* The window's mid-run stalls of 170-330 ms (at that disk pressure) were file writes on the event loop's
  thread waiting for the file system's journal while the history committed: a log line (app/core/logs.py:
  now written by logging's QueueListener on a thread of its own) and a new terminal lock file (now taken on
  the engine's read thread).
* CPU per close stays over 3 ms, and this is its floor: the main thread uses ~3.1-3.4 ms per close, ~85 % of
  it inside httpx/httpcore (py-spy), for 1.5 requests per close (SUNBAY's preview, which keeps an empty
  batch from being "closed" or shown red, docs/providers/sunbay.md) at ~1.6-1.7 ms each, the bare client's
  own cost per request (httpcore checks the socket of every idle pooled connection on each request:
  anyio's extra attributes, getpeername, poll). The threads (writes, reads, credential store) add
  ~0.7 ms. The CLI's start adds 0.15-0.2 s of CPU (imports), 0.75-1 ms per close at 200 terminals.
* Start (process start -> first request, 0.20-0.28 s over four runs): the interpreter ~20 ms, imports ~150 ms
  of CPU (httpx ~50 ms with urllib.request and email under it, keyring ~25-35 ms with importlib_metadata and
  jaraco, asyncio ~9 ms, sqlite3, Closeout's own ~30 ms of which dataclasses ~10 ms), the credential store's
  backend and its probe read ~40 ms, then the first close's lock, reads, secret and row commit: 16-25 ms
  while all the workers started at once and queued their reads on the threads in front of the first
  close's, 12-20 ms since the lookahead workers wait until the first closes are under way.
* The CLI's wall at 1,000 terminals: its rounds without a disk stall were 1.009x-1.022x the bare client in
  four runs; a round with a stall, 1.12-1.16x. The CLI uses ~1-1.3 ms more CPU per close than the engine
  alone (its start, progress lines, log lines), which the event loop and the GIL share with the closes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

SIZES = {"small": (200, 0.25, 8), "large": (1000, 0.20, 16)}
TARGET_RATIO = 1.03
TARGET_CPU_MS = 3.0
TARGET_FIRST_REQUEST = 0.25
TARGET_VERSION = 0.10
TARGET_RSS_MB = 150.0
CLIENT_PYTHON = sys.executable  # the clients' interpreter (--python)


# -- the clients (each runs in its own process: ``close_all.py --client bare|engine ...``) ------------------


async def bare(url: str, count: int, concurrency: int) -> dict:
    """The floor: the same requests Closeout sends, built beforehand, sent with a semaphore."""
    import httpx

    from app.core.providers import saferpay, sunbay
    from simulator_process import bench_terminal

    jobs = []
    for i in range(count):
        terminal, secret = bench_terminal(i, url)
        jobs.append((terminal, secret))
    sem = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=100) as client:

        async def one(terminal, secret) -> bool:
            async with sem:
                if terminal.provider == "saferpay":
                    target, headers, body = saferpay.build_request(terminal, saferpay.new_request_id(), 0)
                    auth = (terminal.settings["username"], secret)
                else:
                    target, headers, body = sunbay.build_request(terminal, secret, sunbay.new_request_id())
                    auth = None
                answer = await client.post(target, json=body, headers=headers, auth=auth)
                return answer.status_code == 200 and answer.json() is not None

        cpu, start = time.process_time(), time.monotonic()
        done = await asyncio.gather(*(one(t, s) for t, s in jobs))
        end = time.monotonic()
    return {"start": start, "end": end, "cpu": time.process_time() - cpu, "closed": sum(done)}


async def engine(url: str, count: int, concurrency: int, home: str) -> dict:
    """Closeout's engine in-process, on a prepared home (terminals configured, secrets in memory)."""
    from app.core.engine import CloseEngine, RetryPolicy
    from app.core.history import History
    from app.core.home import Home
    from app.core.http import make_client
    from app.core.secrets import MemoryStore

    home_ = Home(Path(home))
    history = History(home_.db_path, home_.lock_dir)
    secrets = MemoryStore()
    for terminal_id, secret in json.loads(os.environ["CLOSEOUT_BENCH_SECRETS"]).items():
        secrets.set(terminal_id, secret)
    terminals = history.terminals()
    async with make_client(max_connections=max(8, concurrency)) as client:
        engine_ = CloseEngine(history, secrets, client, policy=RetryPolicy(concurrency=concurrency))
        try:
            cpu, start = time.process_time(), time.monotonic()
            outcomes = await engine_.close(terminals)
            end = time.monotonic()
            cpu = time.process_time() - cpu
        finally:
            engine_.shutdown()
    history.close()
    return {"start": start, "end": end, "cpu": cpu, "closed": sum(o.outcome == "closed" for o in outcomes)}


# -- the bench ------------------------------------------------------------------------------------------


def _get(url: str, method: str = "GET") -> dict:
    with urllib.request.urlopen(
        urllib.request.Request(url, method=method, data=b"" if method == "POST" else None), timeout=10
    ) as answer:
        return json.loads(answer.read())


def _env(home: Path | None, secrets: dict[str, str]) -> dict[str, str]:
    import bench_keyring

    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PYTHON_KEYRING_BACKEND": bench_keyring.BACKEND,
        bench_keyring.VAR: json.dumps(secrets),
        "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    if home is not None:
        env["CLOSEOUT_HOME"] = str(home)
    return env


def prepare_home(url: str, count: int) -> tuple[Path, dict[str, str]]:
    """A home with ``count`` bench terminals configured (copied afresh for every client run)."""
    from app.core.history import History
    from app.core.home import Home
    from simulator_process import bench_terminal

    home = Home(Path(tempfile.mkdtemp(prefix="closeout-bench-template-"))).ensure()
    history = History(home.db_path, home.lock_dir)
    secrets = {}
    for i in range(count):
        terminal, secret = bench_terminal(i, url)
        history.add_terminal(terminal)
        secrets[terminal.id] = secret
    history.close()
    return home.root, secrets


def fresh_home(template: Path) -> Path:
    target = Path(tempfile.mkdtemp(prefix="closeout-bench-"))
    shutil.rmtree(target)
    shutil.copytree(template, target)
    return target


def run_client(kind: str, url: str, count: int, concurrency: int, template: Path, secrets: dict[str, str]) -> dict:
    _get(url + "/_bench/reset", "POST")
    home = fresh_home(template)
    try:
        command = [
            CLIENT_PYTHON,
            __file__,
            "--client",
            kind,
            "--url",
            url,
            "--count",
            str(count),
            "--concurrency",
            str(concurrency),
            "--home",
            str(home),
        ]
        proc = subprocess.Popen(
            command, cwd=ROOT, env=_env(home, secrets), stdout=subprocess.PIPE, stdin=subprocess.DEVNULL
        )
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"the {kind} client failed")
        result = json.loads(out)
        result.update(
            wall=result["end"] - result["start"],
            rss=usage.ru_maxrss / 1024,
            requests=_get(url + "/_bench/stats")["requests"],
        )
        return result
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run_cli(url: str, count: int, concurrency: int, template: Path, secrets: dict[str, str]) -> dict:
    _get(url + "/_bench/reset", "POST")
    home = fresh_home(template)
    try:
        command = [CLIENT_PYTHON, "-m", "app", "close", "--all", "--yes", "--concurrency", str(concurrency)]
        with tempfile.TemporaryFile() as progress:  # the per-terminal lines, as a user's terminal gets them
            started = time.monotonic()
            proc = subprocess.Popen(
                command,
                cwd=ROOT,
                env=_env(home, secrets),
                stdout=subprocess.PIPE,
                stderr=progress,
                stdin=subprocess.DEVNULL,
                text=True,
            )
            summary_at, summary = None, ""
            for line in proc.stdout:
                if line.startswith("Summary:") and summary_at is None:
                    summary_at, summary = time.monotonic(), line.strip()
            _, status, usage = os.wait4(proc.pid, 0)
            exited = time.monotonic()
        if summary_at is None or os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"the CLI run failed: {summary or 'no summary'}")
        stats = _get(url + "/_bench/stats")
        first = stats["first"]
        closed = int(summary.split("Summary:")[1].split("closed")[0].strip().split()[-1])
        return {
            "start": first,
            "end": summary_at,
            "wall": summary_at - first,
            "first_request": first - started,
            "exit_after": exited - summary_at,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss": usage.ru_maxrss / 1024,
            "closed": closed,
            "requests": stats["requests"],
        }
    finally:
        shutil.rmtree(home, ignore_errors=True)


def version_times(runs: int = 7) -> list[float]:
    times = []
    for _ in range(runs + 1):  # the first run warms the caches
        start = time.monotonic()
        subprocess.run(
            [CLIENT_PYTHON, "-m", "app", "--version"],
            cwd=ROOT,
            env=_env(None, {}),
            stdout=subprocess.DEVNULL,
            check=True,
        )
        times.append(time.monotonic() - start)
    return times[1:]


def io_pressure() -> str:
    """The share of time some task waited for the disk (Linux PSI), over the last 10 s and 60 s: every close
    waits for a durable commit, so a busy disk (another tenant of a shared host) shows in Closeout's walls
    and never in the bare client's. Compare walls from runs where this stays low."""
    try:
        some = Path("/proc/pressure/io").read_text().splitlines()[0].split()
    except (OSError, IndexError):
        return "disk pressure: not available here"
    fields = dict(part.split("=") for part in some[1:])
    return f"disk pressure {fields['avg10']} % (10 s), {fields['avg60']} % (60 s)"


def _mark(ok: bool) -> str:
    return "ok" if ok else "OVER"


def bench_size(name: str, rounds: int) -> list[str]:
    from simulator_process import simulator_process

    count, latency, concurrency = SIZES[name]
    ideal = math.ceil(count / concurrency) * latency
    lines = [
        f"{count} terminals x {latency * 1000:.0f} ms x concurrency {concurrency}: ideal "
        f"ceil({count}/{concurrency}) x {latency} s = {ideal:.2f} s"
    ]
    with simulator_process(count, latency) as url:
        template, secrets = prepare_home(url, count)
        results: dict[str, list[dict]] = {"bare": [], "engine": [], "cli": []}
        try:
            for _ in range(rounds):
                results["bare"].append(run_client("bare", url, count, concurrency, template, secrets))
                results["engine"].append(run_client("engine", url, count, concurrency, template, secrets))
                results["cli"].append(run_cli(url, count, concurrency, template, secrets))
        finally:
            shutil.rmtree(template, ignore_errors=True)

    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in results[kind])

    floor = med("bare", "wall")
    for kind, label in (("bare", "bare httpx"), ("engine", "engine"), ("cli", "closeout CLI")):
        wall, cpu, rss = med(kind, "wall"), med(kind, "cpu"), med(kind, "rss")
        closed = min(r["closed"] for r in results[kind])
        ratio = wall / floor
        cpu_ms = cpu / count * 1000
        line = (
            f"  {label:13s} wall {wall:6.2f} s  {wall / ideal:5.3f}x ideal  {ratio:5.3f}x bare"
            f"{'' if kind == 'bare' else f' (target <= {TARGET_RATIO}: {_mark(ratio <= TARGET_RATIO)})':28s}"
            f"  CPU {cpu_ms:5.2f} ms/close"
        )
        if kind == "cli":
            line += f" (whole process; target <= {TARGET_CPU_MS}: {_mark(cpu_ms <= TARGET_CPU_MS)})"
        line += f"  peak RSS {rss:5.1f} MB"
        if kind == "cli" and count >= 1000:
            line += f" (target <= {TARGET_RSS_MB:.0f}: {_mark(rss <= TARGET_RSS_MB)})"
        line += f"  {closed}/{count} closed"
        lines.append(line)
    first = med("cli", "first_request")
    lines.append(
        f"  CLI process start -> first request on the wire {first:.3f} s (target <= {TARGET_FIRST_REQUEST}: "
        f"{_mark(first <= TARGET_FIRST_REQUEST)}); summary -> process exit {med('cli', 'exit_after'):.3f} s"
    )
    if rounds > 1:
        lines.append(
            "  walls of each round: "
            + "; ".join(f"{kind} " + ", ".join(f"{r['wall']:.2f}" for r in results[kind]) for kind in results)
        )
    return lines


def main() -> int:
    global CLIENT_PYTHON
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=1, help="clients run this many times per size (medians)")
    parser.add_argument("--only", choices=sorted(SIZES), help="one size only")
    parser.add_argument("--python", help="the interpreter the clients run under (default: this one)")
    parser.add_argument("--client", choices=("bare", "engine"), help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--concurrency", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--home", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.client == "bare":
        print(json.dumps(asyncio.run(bare(args.url, args.count, args.concurrency))))
        return 0
    if args.client == "engine":
        print(json.dumps(asyncio.run(engine(args.url, args.count, args.concurrency, args.home))))
        return 0
    if args.python:
        CLIENT_PYTHON = args.python
    print(f"load average at start: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs; {io_pressure()}")
    print(f"clients run under {CLIENT_PYTHON}")
    # Bytecode cached, as an installed copy has it (pip compiles on install): a development shell's
    # PYTHONDONTWRITEBYTECODE would make every timed start compile Closeout's changed modules again.
    subprocess.run([CLIENT_PYTHON, "-m", "compileall", "-q", str(ROOT / "app")], env=_env(None, {}), check=True)
    for name in [args.only] if args.only else list(SIZES):
        for line in bench_size(name, args.rounds):
            print(line, flush=True)
    versions = version_times()
    version = statistics.median(versions)
    print(
        f"closeout --version: median {version:.3f} s over {len(versions)} warm runs "
        f"(target <= {TARGET_VERSION}: {_mark(version <= TARGET_VERSION)})"
    )
    print(f"load average at end: {os.getloadavg()[0]:.2f} (1 min); {io_pressure()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
