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

HEADLESS = {"terminal", "close", "history", "resolve", "report", "self-test", "settings", "-h", "--help"}


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
        _say(f"closeout: unknown {what} '{unknown[0]}'. The commands are: {', '.join(sorted(HEADLESS - {'-h', '--help'}))}"
             f"; see 'closeout --help'.", error=True)
        return 2
    from app.ui.bootstrap import run_window

    code = run_window(demo=demo)
    # Everything is recorded and closed by now. Skip interpreter teardown, where PySide6 can
    # abort while collecting Qt wrappers: a clean quit must not look like a crash.
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)


def _say(text: str, error: bool = False) -> None:
    # A windowed build has no stdout/stderr at all: never write to a missing stream.
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        print(text, file=stream)


if __name__ == "__main__":
    sys.exit(main())
