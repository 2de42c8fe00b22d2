"""The simulator's state and its public face: accounts, scripted faults, what happened."""

from __future__ import annotations

import json
import random
import threading
import time
from collections import deque
from typing import Any, Callable, Iterable

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.types import Scope

from app.simulator import providers
from app.simulator.contract import SimulatedProvider
from app.simulator.faults import Fault
from app.simulator.records import CloseRecord, RecordedRequest
from app.simulator.wire import SimulatorASGI

# A root for in-process use: any host works through simulator_transport, and "localhost" passes the
# client's "plain http only to this computer" rule (which trusts no other name, *.localhost included).
IN_PROCESS_ROOT = "http://localhost"


class Simulator:
    """Every registered simulated provider (app/simulator/providers.py) in one ASGI app (``sim.app``), each
    mounted at its PREFIX, with scriptable faults.

    ``clock`` returns epoch seconds; the simulated server clock is ``clock() + clock_offset``
    (it stamps the ``Date`` header and judges SUNBAY's X-Timestamp). ``seed`` makes the
    generated batches, ids and trace ids reproducible.

    The state is guarded by one lock: the app may run in a uvicorn thread while a test
    reads counts from its own thread.
    """

    def __init__(self, clock: Callable[[], float] = time.time, seed: int | str = 0) -> None:
        self.clock = clock
        self.clock_offset = 0.0
        self.seed = seed
        self._lock = threading.RLock()
        self._rng = random.Random(f"{seed}:simulator")
        self._providers: dict[str, SimulatedProvider] = dict(providers.SIMULATED)
        self._states: dict[str, Any] = {name: p.new_state() for name, p in self._providers.items()}
        self._faults: dict[tuple[str, str], deque[Fault]] = {}
        # One entry per terminal, (provider, key) -> latency in seconds: also the registry of keys.
        self._terminals: dict[tuple[str, str], float] = {}
        self._closes: dict[tuple[str, str], list[CloseRecord]] = {}
        self._requests: list[RecordedRequest] = []
        self._in_flight: dict[tuple[str, str], int] = {}
        self._max_in_flight: dict[tuple[str, str], int] = {}
        starlette = Starlette(routes=[Mount(p.PREFIX, routes=p.routes(self)) for p in self._providers.values()])
        self.app = SimulatorASGI(self, starlette)

    # --- clock ---------------------------------------------------------------------------

    def now(self) -> float:
        """The simulated server clock, epoch seconds."""
        return self.clock() + self.clock_offset

    # --- providers and terminals ----------------------------------------------------------

    def provider(self, name: str) -> SimulatedProvider:
        try:
            return self._providers[name]
        except KeyError:
            raise KeyError(f"This simulator has no provider {name!r} (it has: {', '.join(self._providers)}).") from None

    def state(self, name: str) -> Any:
        """Provider ``name``'s state object (its module's type: accounts, terminals, switches such as
        ``sim.state("handpoint").modes``). Change it under ``sim._lock`` while requests may run."""
        self.provider(name)
        return self._states[name]

    def add(self, provider: str, *args: Any, latency: float = 0.0, **kwargs: Any) -> str:
        """A terminal of ``provider`` (arguments: that provider's ``add_terminal``), answering batch closes
        after ``latency`` seconds. Returns its key (Saferpay TerminalId, SUNBAY terminalSn, Handpoint serial)."""
        simulated = self.provider(provider)
        key = simulated.key_of(*args, **kwargs)
        with self._lock:
            self._check_key_free(key, provider)
            simulated.add_terminal(self, self._states[provider], *args, **kwargs)
            self._terminals[(provider, key)] = float(latency)
        return key

    def add_transactions(self, key: str, count: int = 1) -> None:
        """Card transactions arrive on a terminal's open batch (SUNBAY or Handpoint)."""
        provider = self.provider_of(key)
        with self._lock:
            self._providers[provider].add_transactions(self._states[provider], key, count)

    def open_batch(self, key: str) -> dict[str, Any]:
        """A terminal's open batch, in the provider's own fields (SUNBAY: the batch-query endpoint's;
        Handpoint: its batch summary's)."""
        provider = self.provider_of(key)
        with self._lock:
            return self._providers[provider].open_batch(self._states[provider], key)

    def terminal_keys(self) -> list[str]:
        with self._lock:
            return [key for _, key in self._terminals]

    def provider_of(self, key: str) -> str:
        """The provider name of a terminal key; raises KeyError when unknown or ambiguous."""
        with self._lock:
            found = [provider for provider, known in self._terminals if known == key]
        if len(found) != 1:
            keys = ", ".join(f"{p.LABEL} {p.KEY_FIELD}" for p in self._providers.values())
            raise KeyError(f"{key!r} is {'not a known terminal' if not found else 'ambiguous'} ({keys}).")
        return found[0]

    # --- faults and latency ----------------------------------------------------------------

    def script(self, key: str, faults: Iterable[Fault]) -> None:
        """Queue faults for a terminal: each batch-close request naming it consumes the next one."""
        provider = self.provider_of(key)
        faults = list(faults)
        for fault in faults:
            if not isinstance(fault, Fault):
                raise TypeError(f"script() takes Fault objects, not {fault!r}.")
            if fault.provider not in (None, provider):
                raise ValueError(f"Fault.{fault.kind} is for {fault.provider} terminals; {key} is a {provider} one.")
        with self._lock:
            self._faults.setdefault((provider, key), deque()).extend(faults)

    def pending_faults(self, key: str) -> int:
        provider = self.provider_of(key)
        with self._lock:
            return len(self._faults.get((provider, key), ()))

    def set_latency(self, key: str, seconds: float) -> None:
        provider = self.provider_of(key)
        with self._lock:
            self._terminals[(provider, key)] = float(seconds)

    # --- what happened ---------------------------------------------------------------------

    def closes(self, key: str) -> list[CloseRecord]:
        """Every real batch close of that terminal, oldest first (replayed retries are not closes)."""
        with self._lock:
            return [record for (_, known), records in self._closes.items() if known == key for record in records]

    def close_log(self) -> list[CloseRecord]:
        """Every real batch close of every terminal and provider, oldest first: the provider-neutral view
        (``record.terminal``, ``record.business_day()``) for "at most one close per terminal and day"."""
        with self._lock:
            return sorted((r for records in self._closes.values() for r in records), key=lambda r: r.closed_at)

    def close_count(self, key: str) -> int:
        return len(self.closes(key))

    def total_closes(self) -> int:
        with self._lock:
            return sum(len(records) for records in self._closes.values())

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, in arrival order (a copy)."""
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def max_in_flight(self, key: str) -> int:
        """The most batch-close requests for one terminal that were in progress at once.

        Saferpay asks for at most one request in flight per terminal (docs/providers/saferpay.md §4).
        """
        with self._lock:
            return max((n for (_, known), n in self._max_in_flight.items() if known == key), default=0)

    # --- addresses -----------------------------------------------------------------------

    def base(self, provider: str, root_url: str = IN_PROCESS_ROOT) -> str:
        """Provider ``provider``'s base URL on this simulator served at ``root_url``."""
        return self.provider(provider).base(root_url)

    def client_settings(self, key: str, root_url: str = IN_PROCESS_ROOT) -> tuple[str, dict[str, str], str]:
        """(provider, terminal settings, secret) for configuring Closeout against this simulator."""
        provider = self.provider_of(key)
        simulated = self._providers[provider]
        with self._lock:
            settings, secret = simulated.client_settings(self._states[provider], key, simulated.base(root_url))
        return provider, settings, secret

    # --- used by the app -------------------------------------------------------------------

    def _check_key_free(self, key: str, provider: str) -> None:
        # Faults, latency and records are addressed by the bare key: it must name one provider's terminal.
        if any(known == key and other != provider for other, known in self._terminals):
            raise ValueError(f"{key!r} is already a terminal of another provider.")

    def _start_close(self, provider: str, key: str | None) -> tuple[Fault | None, float]:
        """A batch close for ``key`` begins: its next fault (consumed) and its latency."""
        if key is None:
            return None, 0.0
        with self._lock:
            slot = (provider, key)
            queue = self._faults.get(slot)
            fault = queue.popleft() if queue else None
            self._in_flight[slot] = self._in_flight.get(slot, 0) + 1
            self._max_in_flight[slot] = max(self._max_in_flight.get(slot, 0), self._in_flight[slot])
            return fault, self._terminals.get(slot, 0.0)

    def _finish_close(self, provider: str, key: str | None) -> None:
        if key is None:
            return
        with self._lock:
            self._in_flight[(provider, key)] -= 1

    def _record_close(self, record: CloseRecord) -> None:
        with self._lock:
            self._closes.setdefault((record.provider, record.key), []).append(record)

    def _record_request(self, scope: Scope, body: bytes) -> None:
        headers: dict[str, str] = {}
        for raw_name, raw_value in scope.get("headers", []):
            name, value = raw_name.decode("latin-1").lower(), raw_value.decode("latin-1")
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        try:
            parsed = json.loads(body) if body.strip() else None
        except (ValueError, UnicodeDecodeError):
            parsed = None
        with self._lock:
            self._requests.append(
                RecordedRequest(
                    method=scope.get("method", ""),
                    path=scope.get("path", ""),
                    query=scope.get("query_string", b"").decode("latin-1"),
                    headers=headers,
                    body=body,
                    json=parsed,
                    received_at=self.now(),
                )
            )

    def _trace_id(self) -> str:
        with self._lock:
            return f"{self._rng.getrandbits(128):032x}"
