"""The window's one background mechanism: blocking work awaited on qasync's loop.

``result = await run_blocking(fn, *args)`` runs ``fn`` (a history read, the chain's outbox, a CSV export)
on one app-wide pool of plain Python threads and resumes on the UI thread with its result or exception.
The pool is shut down once, when Closeout quits (app/ui/bootstrap.py): work not started yet is dropped,
and a coroutine that asks for more afterwards is cancelled.

Never qasync's default executor (``run_in_executor(None)``): it is a pool of QThreads, and a QThread still
running when the process exits aborts it (exit code 134). Plain threads end with the interpreter.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")

WORKERS = 4  # a slow chain server or a long export never holds up the window's history reads


class Background:
    """A lazily started thread pool that can be shut down once (the module's ``default`` is the app's)."""

    def __init__(self, workers: int = WORKERS, name: str = "closeout-ui") -> None:
        self._workers = workers
        self._name = name
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self.closed = False

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self.closed:
                raise asyncio.CancelledError("Closeout is quitting")
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix=self._name)
            return self._pool

    def submit(self, fn: Callable[[], object]) -> None:
        """Run ``fn`` on the pool without awaiting it (a worker that posts its own results, such as the history
        window's reads); nothing happens once Closeout is quitting."""
        try:
            self._executor().submit(fn)
        except (asyncio.CancelledError, RuntimeError):  # closed, or shut down meanwhile
            pass

    async def run(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T:
        pool = self._executor()
        return await asyncio.get_running_loop().run_in_executor(pool, functools.partial(fn, *args, **kwargs))

    def shutdown(self) -> None:
        """Drop the work not started; never wait for work that is running (a read or a drain has its own
        deadline, and the interpreter joins the threads at exit)."""
        with self._lock:
            self.closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


default = Background()


async def run_blocking(fn: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Run ``fn(*args, **kwargs)`` off the UI thread, on the app's pool, and return its result here."""
    return await default.run(fn, *args, **kwargs)


def shutdown() -> None:
    """Closeout quits (app.aboutToQuit)."""
    default.shutdown()
