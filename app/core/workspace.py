"""Everything one running Closeout works with: home, history, secrets, HTTP client, engine.

The window, the self-test and the benches open a workspace: the real one, or the demo one
(a throwaway home, secrets in memory, and the built-in simulator instead of the providers).
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from datetime import datetime
from typing import Any, Callable

import httpx

from app.core import chain
from app.core import home as home_mod
from app.core import settings as settings_mod
from app.core.engine import CloseEngine, RetryPolicy
from app.core.history import History, utcnow
from app.core.http import make_client
from app.core.secrets import KeyringStore, SecretStore


@dataclass
class Workspace:
    home: home_mod.Home
    history: History
    secrets: SecretStore
    policy: RetryPolicy = RetryPolicy()
    transport: httpx.AsyncBaseTransport | None = None
    demo: Any = None  # app.simulator.demo.Demo when running on the simulator
    now: Callable[[], datetime] = utcnow  # the clock of the engine (and the window): a test may set another
    _throwaway: Path | None = None
    _client: httpx.AsyncClient | None = field(default=None, repr=False)
    _engine: CloseEngine | None = field(default=None, repr=False)
    _warming: threading.Thread | None = field(default=None, repr=False)
    _replicator: chain.Replicator | None = field(default=None, repr=False)

    def settings(self) -> settings_mod.Settings:
        """The shop's settings as saved now (a damaged file is moved aside by load; defaults apply)."""
        return settings_mod.load(self.home.settings_path)[0]

    @property
    def is_demo(self) -> bool:
        return self.demo is not None

    def prepare(self) -> None:
        """Build the HTTP client in the background (httpx imports its transport lazily: ~150 ms),
        so the first "Close all" does not freeze the window."""
        if self._warming is None and self._client is None:
            self._warming = threading.Thread(target=self._make_client, name="closeout-warm-up", daemon=True)
            self._warming.start()

    def _make_client(self) -> None:
        self._client = make_client(self.transport, max_connections=max(8, self.policy.concurrency))

    def engine(self) -> CloseEngine:
        """The one engine (and HTTP client) of this workspace; call from the running event loop."""
        if self._engine is None:
            if self._warming is not None:
                self._warming.join()
                self._warming = None
            if self._client is None:
                self._make_client()
            assert self._client is not None  # made just above (or by the warm-up thread, joined)
            # A real PC always asks the chain gate: it answers "go" at once while the PC is not linked, and
            # a link made while the window is open takes effect with the next close.
            gate = (
                None
                if self.is_demo
                else chain.ChainGate(
                    self.history, self.replicator(), lock_required=lambda: self.settings().chain_lock_required
                )
            )
            self._engine = CloseEngine(
                self.history,
                self.secrets,
                self._client,
                lock_dir=self.home.lock_dir,
                policy=self.policy,
                now=self.now,
                day_end=lambda: self.settings().day_end(),
                gate=gate,
            )
        return self._engine

    def replicator(self) -> chain.Replicator:
        """The one replicator of this workspace (it drains the outbox into the chain when linked)."""
        if self._replicator is None:
            self._replicator = chain.Replicator(self.history, self.secrets, day_end=lambda: self.settings().day_end())
        return self._replicator

    async def aclose(self) -> None:
        if self._engine is not None:
            self._engine.shutdown()
        if self._client is not None:
            await self._client.aclose()
        self._engine = self._client = None

    def close(self) -> None:
        self.history.close()
        if self._throwaway is not None:
            shutil.rmtree(self._throwaway, ignore_errors=True)


def open_real(root: Path | str | None = None) -> Workspace:
    home = home_mod.resolve(root).ensure()
    return Workspace(home=home, history=History(home.db_path, home.lock_dir), secrets=KeyringStore())
