"""``closeout self-test``: the real window and engine on the demo simulator, checked end to end.

Builds the main window (offscreen when there is no display), closes every demo terminal
through the real engine, and checks each outcome, the history and the simulator's count of
real closes. Exit 0 only if everything holds. The packaging smoke test runs it in the bundle.
"""

from __future__ import annotations

import asyncio
import os
import sys

from app import resources
from app.core.engine import RetryPolicy
from app.core.states import CloseStatus

SELF_TEST_POLICY = RetryPolicy(concurrency=8, timeout=10.0, max_attempts=3, backoff_base=0.05, jitter=0.1)


def _say(text: str) -> None:
    if sys.stdout is not None:
        print(text, flush=True)


def run_self_test() -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_API", "pyside6")

    import qasync

    from app.simulator.demo_shop import open_demo
    from app.ui.bootstrap import make_app
    from app.ui.main_window import MainWindow

    app = make_app(sys.argv[:1])
    workspace = open_demo(latency_scale=0.05, policy=SELF_TEST_POLICY)
    problems: list[str] = []
    try:
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        window = MainWindow(workspace)
        window.show()

        async def close_all() -> list:
            finished = asyncio.get_running_loop().create_future()
            window.runFinished.connect(lambda outcomes: finished.done() or finished.set_result(outcomes))
            window.request_close([r.terminal for r in window.model.rows()], confirm=False)
            return await asyncio.wait_for(finished, timeout=60)

        with loop:
            outcomes = loop.run_until_complete(close_all())
            loop.run_until_complete(workspace.aclose())
        problems = check(workspace, outcomes)
        window.close()
    finally:
        workspace.close()
    problems += [f"resource missing from this install: {path}" for path in resources.missing()]
    for line in problems:
        _say(f"FAIL {line}")
    _say("self-test: ok" if not problems else f"self-test: {len(problems)} problem(s)")
    return 0 if not problems else 1


def check(workspace, outcomes) -> list[str]:
    """Every expectation of the demo, as a list of what went wrong (empty = all good)."""
    demo = workspace.demo
    problems = []
    by_name = {o.name: o for o in outcomes}
    for terminal, spec in demo.terminals:
        outcome = by_name.get(terminal.name)
        if outcome is None:
            problems.append(f"{terminal.name}: no outcome")
            continue
        _say(f"  {terminal.name:12} {outcome.outcome:9} attempts={outcome.attempts} ({spec.story})")
        if outcome.outcome != spec.expected:
            problems.append(f"{terminal.name}: outcome {outcome.outcome}, expected {spec.expected}: {outcome.message}")
        rows = workspace.history.closes(terminal_id=terminal.id)
        if len(rows) != 1:
            problems.append(f"{terminal.name}: {len(rows)} history rows, expected 1")
        elif rows[0].outcome != outcome.outcome or rows[0].request_id != outcome.request_id:
            problems.append(f"{terminal.name}: history says {rows[0].outcome}, the run said {outcome.outcome}")
        real = demo.sim.close_count(spec.key)
        allowed = {
            CloseStatus.CLOSED: (1,),
            CloseStatus.FAILED: (0,),
            CloseStatus.IN_DOUBT: (0, 1),
            CloseStatus.SKIPPED: (0,),
        }[spec.expected]
        if real not in allowed:
            problems.append(f"{terminal.name}: the simulator saw {real} real closes, expected {allowed}")
    return problems
