"""The window's one background mechanism (app/ui/background.py) on the real qasync loop."""

from __future__ import annotations

import asyncio
import threading

import pytest

from app.ui.background import Background
from tests.ui.conftest import finish


def test_work_runs_off_the_ui_thread_and_returns_its_result(qapp, qloop):
    background = Background(workers=2, name="closeout-test")

    def where(x: int, *, y: int) -> tuple[str, int]:
        return threading.current_thread().name, x + y

    name, total = finish(qapp, background.run(where, 2, y=3))
    assert total == 5
    assert name.startswith("closeout-test") and name != threading.main_thread().name
    background.shutdown()


def test_an_exception_reaches_the_awaiting_coroutine(qapp, qloop):
    background = Background(workers=1)

    def fail() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        finish(qapp, background.run(fail))
    background.shutdown()


def test_after_shutdown_work_is_cancelled_and_queued_work_never_starts(qapp, qloop):
    background = Background(workers=1)
    gate, started = threading.Event(), []

    def blocker() -> str:
        gate.wait(5)
        return "done"

    first = asyncio.ensure_future(background.run(blocker))
    queued = asyncio.ensure_future(background.run(started.append, "queued"))
    qapp.processEvents()
    background.shutdown()  # Closeout quits while the first runs and the second waits
    gate.set()
    assert finish(qapp, first) == "done"  # running work ends normally (it has its own deadline)
    with pytest.raises(asyncio.CancelledError):
        finish(qapp, queued)
    with pytest.raises(asyncio.CancelledError):
        finish(qapp, background.run(started.append, "late"))
    assert started == []
