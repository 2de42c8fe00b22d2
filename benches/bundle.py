"""The built bundle's figures: onedir size, compressed archive size, start to window shown.

    python benches/bundle.py [DIST]      (DIST defaults to dist/; build first with python packaging/build.py)

The start time is measured from starting the bundled executable to the line the window prints once it
is shown (``CLOSEOUT_EXIT_AFTER_SHOW=1``), with a throwaway CLOSEOUT_HOME (what a first double-click
does), warm caches: one run to warm up, then the median of five. Offscreen in CI and without a display.
Targets (issue 5): archive under 80 MB, start under 1.5 s on a 2-core machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
import specinfo  # noqa: E402

SHOWN_MARKER = "closeout-window-shown"  # app/ui/bootstrap.py prints it (not imported here: no Qt needed)
ARCHIVE_TARGET_MB = 80
START_TARGET_S = 1.5


@dataclass
class Figures:
    onedir_bytes: int
    archive_bytes: int | None
    start_seconds: list[float]

    @property
    def start_median(self) -> float:
        return statistics.median(self.start_seconds)


def tree_size(root: Path) -> int:
    """Bytes of every file under root; symbolic links count as nothing (they are not copies)."""
    total = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def archive_path(dist: Path) -> Path:
    return dist / (specinfo.archive_base(specinfo.app_info()) + specinfo.archive_suffix())


def start_to_shown(exe: Path, runs: int = 5, timeout: float = 60) -> list[float]:
    env = dict(os.environ, CLOSEOUT_EXIT_AFTER_SHOW="1")
    headless = sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    if headless or env.get("CI"):  # CI runners may have no desktop session to show a window on
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    times = []
    with tempfile.TemporaryDirectory(prefix="closeout-bench-") as home:
        env["CLOSEOUT_HOME"] = home
        for _ in range(runs + 1):  # the first run warms the caches and is not counted
            start = time.perf_counter()
            proc = subprocess.Popen(
                [str(exe)],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
                text=True,
                env=env,
            )
            shown = None
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.strip() == SHOWN_MARKER and shown is None:
                    shown = time.perf_counter() - start
            proc.wait(timeout=timeout)
            if shown is None:
                raise RuntimeError(f"{exe} never reported its window shown (exit {proc.returncode})")
            times.append(shown)
    return times[1:]


def measure(dist: Path, runs: int = 5) -> Figures:
    onedir = dist / specinfo.EXE_NAME
    archive = archive_path(dist)
    return Figures(
        onedir_bytes=tree_size(onedir),
        archive_bytes=archive.stat().st_size if archive.is_file() else None,
        start_seconds=start_to_shown(specinfo.executables(dist)[0], runs=runs),
    )


def report(figures: Figures, dist: Path) -> list[str]:
    """Prints the figures; returns the targets missed (empty: all met)."""
    missed = []
    mb = 1_000_000
    print(f"onedir size:       {figures.onedir_bytes / mb:.1f} MB  ({dist / specinfo.EXE_NAME})")
    if figures.archive_bytes is None:
        print(f"archive size:      no archive at {archive_path(dist)}")
    else:
        over = figures.archive_bytes / mb >= ARCHIVE_TARGET_MB
        if over:
            missed.append("archive size")
        print(
            f"archive size:      {figures.archive_bytes / mb:.1f} MB  ({archive_path(dist).name})   "
            f"(target < {ARCHIVE_TARGET_MB} MB){'  OVER TARGET' if over else ''}"
        )
    slow = figures.start_median >= START_TARGET_S
    if slow:
        missed.append("start to window shown")
    print(
        f"start to shown:    median {figures.start_median * 1000:.0f} ms, "
        f"max {max(figures.start_seconds) * 1000:.0f} ms over {len(figures.start_seconds)} warm runs   "
        f"(target < {START_TARGET_S * 1000:.0f} ms){'  OVER TARGET' if slow else ''}"
    )
    return missed


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    dist = Path(args[0]) if args else ROOT / "dist"
    if not specinfo.executables(dist)[0].is_file():
        print(f"bundle.py: no bundle in {dist}; build it first: python packaging/build.py", file=sys.stderr)
        return 2
    report(measure(dist), dist)
    return 0


if __name__ == "__main__":
    sys.exit(main())
