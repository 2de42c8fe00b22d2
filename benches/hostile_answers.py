"""Peak memory of the CLI while 8 closes in parallel each get an endless or a gzip-bomb answer.

Every answer a provider sends is read while it streams, and never past 1 MiB after decompression
(app.core.providers.base.MAX_ANSWER_BYTES), so the CLI's memory stays flat however much a broken
or hostile server sends. The simulator serves from this process over a real loopback socket; the
CLI (`closeout close --all --yes --concurrency 8`) runs in a subprocess and its peak RSS is read
from the kernel when it exits (wait4). Target: under 200 MB. A run with normal answers is printed
beside it for comparison. Prints the median of three runs of each.

Usage: python benches/hostile_answers.py [runs]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_keyring  # noqa: E402

from app.core.history import History  # noqa: E402
from app.core.home import Home  # noqa: E402
from app.simulator import Fault, LoopbackServer  # noqa: E402
from app.simulator.bench import bench_simulator, bench_terminal  # noqa: E402
from app.core.terminals import new_terminal  # noqa: E402

TERMINALS = 8
ATTEMPTS = 3
TARGET_MB = 200


def one_run(hostile: bool) -> tuple[float, float, int, str]:
    """(peak RSS in MB, wall seconds, exit code, outcomes) of one CLI run."""
    sim = bench_simulator(TERMINALS, latency=0.0)
    home = Home(Path(tempfile.mkdtemp(prefix="closeout-bench-hostile-"))).ensure()
    with LoopbackServer(sim.app) as server:
        history = History(home.db_path, home.lock_dir)
        secrets = {}
        for i, key in enumerate(sim.terminal_keys()[:TERMINALS]):
            name, provider, settings, secret = bench_terminal(i, server.url)
            terminal = new_terminal(name, provider, settings)
            history.add_terminal(terminal)
            secrets[terminal.id] = secret
            if hostile:
                fault = Fault.endless if i % 2 else Fault.gzip_bomb
                sim.script(_key(settings), [fault() for _ in range(ATTEMPTS)])
        history.close()
        env = {
            **os.environ,
            "CLOSEOUT_HOME": str(home.root),
            "PYTHON_KEYRING_BACKEND": bench_keyring.BACKEND,
            bench_keyring.VAR: json.dumps(secrets),
            "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT), os.environ.get("PYTHONPATH", "")]),
        }
        command = [
            sys.executable,
            "-m",
            "app",
            "close",
            "--all",
            "--yes",
            "--json",
            "--concurrency",
            str(TERMINALS),
            "--max-attempts",
            str(ATTEMPTS),
            "--retry-delay",
            "0.01",
            "--timeout",
            "30",
        ]
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
        )
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    outcomes = [o["outcome"] for o in json.loads(out or b"[]")]
    summary = ", ".join(f"{outcomes.count(k)} {k.replace('_', ' ')}" for k in sorted(set(outcomes)))
    return usage.ru_maxrss / 1024, wall, proc.returncode, summary  # ru_maxrss is in KiB on Linux


def _key(settings: dict[str, str]) -> str:
    return settings.get("terminal_id") or settings["terminal_sn"]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    print(f"CLI: {TERMINALS} closes in parallel, {ATTEMPTS} attempts each; peak RSS of the closeout process")
    worst = 0.0
    for hostile in (False, True):
        results = [one_run(hostile) for _ in range(runs)]
        peak = statistics.median(r[0] for r in results)
        wall = statistics.median(r[1] for r in results)
        worst = max(worst, max(r[0] for r in results)) if hostile else worst
        what = "endless / gzip-bomb answers" if hostile else "normal answers"
        print(
            f"  {what:28s} peak RSS {peak:6.1f} MB (median of {runs}; runs: "
            f"{', '.join(f'{r[0]:.1f}' for r in results)}), wall {wall:.1f} s, exit {results[0][2]}, "
            f"{results[0][3]}"
        )
    verdict = "within" if worst < TARGET_MB else "OVER"
    print(f"target: < {TARGET_MB} MB with hostile answers: {verdict} (worst run {worst:.1f} MB)")
    return 0 if worst < TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
