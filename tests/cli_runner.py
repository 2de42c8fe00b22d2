"""``closeout`` run in this process, as the CLI tests of renamed provider copies call it."""

from __future__ import annotations

import io
import sys

from app.cli import main


def run_cli(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``closeout ARGV`` with ``stdin`` typed in; never a traceback."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err
