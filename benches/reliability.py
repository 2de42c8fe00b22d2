"""Reliability figures: run the reliability suite (tests/reliability) and print what it measured.

Faults tried, crashes survived, inputs tried, closes lost, double closes, secrets leaked: the
figures every test of the suite asserts on, printed at the end of the run. With ``--write`` they
also replace the generated sections of docs/reliability.md (CLOSEOUT_WRITE_RELIABILITY=1).

Usage: python benches/reliability.py [--write] [extra pytest arguments]
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    env = dict(os.environ)
    if "--write" in argv:
        argv = [a for a in argv if a != "--write"]
        env["CLOSEOUT_WRITE_RELIABILITY"] = "1"
    command = [sys.executable, "-m", "pytest", "tests/reliability", "-q", "-p", "no:cacheprovider", *argv]
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
