"""Run the simulator in its own process, as a provider is another machine.

Benches measure Closeout, not the simulator: with the server in a separate process its work
does not compete with the app for the GIL or the event loop.
"""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from app.core.terminals import new_terminal
from app.simulator.bench import bench_terminal as bench_settings

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def simulator_process(terminals: int, latency: float) -> Iterator[str]:
    """Serve ``terminals`` bench terminals (half Saferpay, half SUNBAY); yields the root URL."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.simulator",
            "--port",
            "0",
            "--bench-terminals",
            str(terminals),
            "--latency",
            str(latency),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        url = ""
        for line in proc.stdout:
            if line.startswith("Closeout provider simulator on "):
                url = line.split()[4]
                break
        if not url:
            raise RuntimeError("the simulator process did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def bench_terminal(i: int, url: str):
    """The terminal (and its secret) matching the simulator's ``--bench-terminals`` account ``i``."""
    name, provider, settings, secret = bench_settings(i, url)
    return new_terminal(name, provider, settings), secret
