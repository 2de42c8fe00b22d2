"""Entry point: ``closeout`` and ``python -m app``.

``--version`` and the headless commands answer without importing Qt; anything else opens
the window (``--demo`` on the built-in simulator).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Sequence

from app import __version__

HEADLESS = {"chain", "terminal", "close", "history", "resolve", "report", "self-test", "settings", "-h", "--help"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--version"]:
        _say(f"Closeout {__version__}")
        return 0
    if args and args[0] in HEADLESS:
        from app import cli

        return cli.main(args)
    demo = "--demo" in args
    if demo and HEADLESS & set(args):
        _say("closeout: --demo opens the window; run the commands without it (see 'closeout --help').", error=True)
        return 2
    unknown = [a for a in args if a != "--demo"]
    if unknown:
        what = "option" if unknown[0].startswith("-") else "command"
        _say(
            f"closeout: unknown {what} '{unknown[0]}'. The commands are: {', '.join(sorted(HEADLESS - {'-h', '--help'}))}"
            f"; see 'closeout --help'.",
            error=True,
        )
        return 2
    problem = display_problem()
    if problem:
        _say(f"closeout: {problem}", error=True)
        return 2
    from app.ui.bootstrap import run_window

    code = run_window(demo=demo)
    # Everything is recorded and closed by now. Skip interpreter teardown, where PySide6 can
    # abort while collecting Qt wrappers: a clean quit must not look like a crash.
    from app.core import logs

    logs.stop()  # the log's writer thread: what is queued is written (os._exit skips atexit)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)


def display_problem(environ=os.environ, platform: str = sys.platform, find_library=None) -> str | None:
    """Why the window cannot open here, in words (Linux), before Qt aborts with its own message."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM") or getattr(sys, "frozen", False):
        return None
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "no display found, so the window cannot open (DISPLAY and WAYLAND_DISPLAY are not set). Start "
            "Closeout from the desktop session, or use the command line: see 'closeout --help'."
        )
    if not environ.get("WAYLAND_DISPLAY"):
        if find_library is None:
            from ctypes.util import find_library
        missing = [
            lib
            for lib, package in (("xcb-cursor", "libxcb-cursor0"), ("xkbcommon-x11", "libxkbcommon-x11-0"))
            if not find_library(lib)
        ]
        if missing:
            packages = {"xcb-cursor": "libxcb-cursor0", "xkbcommon-x11": "libxkbcommon-x11-0"}
            return (
                f"the window needs system libraries that are missing: {', '.join(packages[m] for m in missing)}. "
                f"On Debian/Ubuntu: sudo apt install {' '.join(packages[m] for m in missing)} (the README lists "
                "everything the window needs)."
            )
    return None


def _say(text: str, error: bool = False) -> None:
    # A windowed build has no stdout/stderr at all: never write to a missing stream.
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        print(text, file=stream)


if __name__ == "__main__":
    sys.exit(main())
