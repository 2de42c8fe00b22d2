"""Window tests: qasync's loop marked running inside pytest-qt's QApplication.

``QEventLoop(already_running=True)`` makes asyncio callbacks run whenever Qt processes events,
so ``qtbot.waitUntil`` drives the real engine while the test waits like a user would.
"""

from __future__ import annotations

import asyncio

import pytest
import qasync

from app.core.engine import RetryPolicy
from app.simulator.demo_shop import open_demo


@pytest.fixture
def qloop(qapp):
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    yield loop
    # Let cancelled or finishing tasks run their cleanup before the loop goes away.
    pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in pending:
        task.cancel()
    deadline = loop.time() + 5
    while any(not t.done() for t in pending) and loop.time() < deadline:
        qapp.processEvents()
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)


UI_POLICY = RetryPolicy(concurrency=8, timeout=5.0, max_attempts=3, backoff_base=0.05, jitter=0.1)


def finish(qapp, coro, timeout: float = 10.0):
    """Run a coroutine to its end on the (already running) qasync loop by processing Qt events."""
    task = asyncio.ensure_future(coro)
    loop = asyncio.get_event_loop()
    deadline = loop.time() + timeout
    while not task.done() and loop.time() < deadline:
        qapp.processEvents()
    return task.result()


@pytest.fixture
def demo_workspace(qloop, qapp):
    """The demo shop with short latencies: real engine, real history file, in-process simulator."""
    workspace = open_demo(latency_scale=0.1, policy=UI_POLICY)
    yield workspace
    finish(qapp, workspace.aclose())
    workspace.close()
