"""The simulator's state and its public face: accounts, scripted faults, what happened."""

from __future__ import annotations

import json
import random
import threading
import time
from collections import deque
from typing import Any, Callable, Iterable, Mapping

from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.types import Scope

from app.simulator import handpoint, saferpay, sunbay
from app.simulator.faults import Fault
from app.simulator.records import CloseRecord, RecordedRequest
from app.simulator.wire import SimulatorASGI

SAFERPAY_PREFIX = saferpay.PREFIX
SUNBAY_PREFIX = sunbay.PREFIX
HANDPOINT_PREFIX = handpoint.PREFIX
# A root for in-process use: any host works through simulator_transport, and "localhost" passes the
# client's "plain http only to this computer" rule (which trusts no other name, *.localhost included).
IN_PROCESS_ROOT = "http://localhost"


class Simulator:
    """Both providers in one ASGI app (``sim.app``), with scriptable faults.

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
        self._saferpay = saferpay.SaferpayState()
        self._sunbay = sunbay.SunbayState()
        self._handpoint = handpoint.HandpointState()
        self._faults: dict[tuple[str, str], deque[Fault]] = {}
        # One entry per terminal, (provider, key) -> latency in seconds: also the registry of keys.
        self._terminals: dict[tuple[str, str], float] = {}
        self._closes: dict[tuple[str, str], list[CloseRecord]] = {}
        self._requests: list[RecordedRequest] = []
        self._in_flight: dict[tuple[str, str], int] = {}
        self._max_in_flight: dict[tuple[str, str], int] = {}
        starlette = Starlette(
            routes=[
                Mount(SAFERPAY_PREFIX, routes=saferpay.routes(self)),
                Mount(SUNBAY_PREFIX, routes=sunbay.routes(self)),
                Mount(HANDPOINT_PREFIX, routes=handpoint.routes(self)),
            ]
        )
        self.app = SimulatorASGI(self, starlette)

    # --- clock ---------------------------------------------------------------------------

    def now(self) -> float:
        """The simulated server clock, epoch seconds."""
        return self.clock() + self.clock_offset

    # --- accounts ------------------------------------------------------------------------

    def add_saferpay(
        self,
        customer_id: str,
        terminal_id: str,
        username: str,
        password: str,
        latency: float = 0.0,
        *,
        terminal_type: str = "ECOM",
        description: str | None = None,
    ) -> None:
        """A Saferpay terminal and the JSON API user that may close it (one user may hold many terminals)."""
        with self._lock:
            self._check_key_free(terminal_id, saferpay.NAME)
            self._saferpay.add(
                customer_id,
                terminal_id,
                username,
                password,
                terminal_type,
                description if description is not None else f"Terminal {terminal_id}",
            )
            self._terminals[(saferpay.NAME, terminal_id)] = float(latency)

    def add_sunbay(
        self,
        app_id: str,
        merchant_id: str,
        terminal_sn: str,
        channel_code: str,
        api_key: str,
        latency: float = 0.0,
        open_batch: int | Mapping[str, int] | None = None,
        *,
        currency: str = "USD",
        vendor: str = "SUNBAY",
        model: str = "P3",
    ) -> None:
        """A SUNBAY terminal of a merchant, reachable with ``api_key``.

        ``open_batch``: None for a few generated transactions (deterministic from the seed), a
        count of transactions to generate, or explicit totals such as
        ``{"transactionCount": 0}`` (keys: transactionCount, netAmount, tipAmount,
        surchargeAmount, taxAmount).
        """
        with self._lock:
            self._check_key_free(terminal_sn, sunbay.NAME)
            self._sunbay.add(
                app_id=app_id,
                merchant_id=merchant_id,
                terminal_sn=terminal_sn,
                channel_code=channel_code,
                api_key=api_key,
                open_batch=open_batch,
                currency=currency,
                vendor=vendor,
                model=model,
                seed=self.seed,
                now=self.now(),
            )
            self._terminals[(sunbay.NAME, terminal_sn)] = float(latency)

    def add_handpoint(
        self,
        device_type: str,
        serial_number: str,
        api_key: str,
        latency: float = 0.0,
        *,
        open_batch: str = "57",
        transactions: int = 3,
    ) -> None:
        """A Handpoint terminal reachable with ``api_key``; its open batch is number ``open_batch`` (its width,
        e.g. "001", is kept) with ``transactions`` sales (0: an empty batch, "nothing to close")."""
        with self._lock:
            self._check_key_free(serial_number, handpoint.NAME)
            self._handpoint.add(device_type, serial_number, api_key, int(open_batch), len(open_batch), transactions)
            self._terminals[(handpoint.NAME, serial_number)] = float(latency)

    @property
    def handpoint_modes(self) -> handpoint.HandpointModes:
        """Switches for Handpoint's unconfirmed behaviours (set them before the requests)."""
        return self._handpoint.modes

    def handpoint_open_batch(self, serial_number: str) -> str:
        with self._lock:
            terminal = self._handpoint.terminals[serial_number]
            return terminal.number(terminal.open_number)

    def add_transactions(self, terminal_sn: str, count: int = 1) -> None:
        """Card transactions arrive on a terminal's open batch (SUNBAY or Handpoint)."""
        with self._lock:
            if terminal_sn in self._handpoint.terminals:
                terminal_ = self._handpoint.terminals[terminal_sn]
                terminal_.open_count += count
                terminal_.open_net += 1250 * count
                return
            terminal = self._sunbay_terminal(terminal_sn)
            terminal.open.totals.add(sunbay.Totals.random(terminal.rng, count))

    def open_batch(self, terminal_sn: str) -> dict[str, Any]:
        """A SUNBAY terminal's open batch, in the fields of the batch-query endpoint."""
        with self._lock:
            batch = self._sunbay_terminal(terminal_sn).open
            return {
                "batchNo": f"{batch.batch_no:06d}",
                "startTime": sunbay.iso(batch.start_time),
                "totalCount": batch.totals.count,
                "netAmount": batch.totals.net,
                "tipAmount": batch.totals.tip,
                "surchargeAmount": batch.totals.surcharge,
                "taxAmount": batch.totals.tax,
            }

    def set_sunbay_merchant_info(self, app_id: str, merchant_id: str, **info: Any) -> None:
        """Override fields of the merchant-query answer (dbaName, street, cityName...)."""
        with self._lock:
            self._sunbay.merchants[(app_id, merchant_id)].info.update(info)

    @property
    def sunbay_empty_batch_error(self) -> tuple[str, str] | None:
        """(code, msg) SUNBAY answers for a close of an empty batch; None (default): it succeeds with zeros."""
        return self._sunbay.empty_batch_error

    @sunbay_empty_batch_error.setter
    def sunbay_empty_batch_error(self, value: tuple[str, str] | None) -> None:
        with self._lock:
            self._sunbay.empty_batch_error = value

    @property
    def saferpay_latest_spec_version(self) -> str:
        """The newest SpecVersion Saferpay accepts (older ones stay valid)."""
        return self._saferpay.latest_spec_version

    @saferpay_latest_spec_version.setter
    def saferpay_latest_spec_version(self, value: str) -> None:
        with self._lock:
            self._saferpay.latest_spec_version = value

    def terminal_keys(self) -> list[str]:
        with self._lock:
            return [key for _, key in self._terminals]

    def provider_of(self, key: str) -> str:
        """ "saferpay" or "sunbay" for a terminal key; raises KeyError when unknown or ambiguous."""
        with self._lock:
            providers = [provider for provider, known in self._terminals if known == key]
        if len(providers) != 1:
            raise KeyError(
                f"{key!r} is {'not a known terminal' if not providers else 'ambiguous'} "
                f"(Saferpay TerminalId or SUNBAY terminalSn)."
            )
        return providers[0]

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

    @staticmethod
    def saferpay_base(root_url: str = IN_PROCESS_ROOT) -> str:
        return root_url.rstrip("/") + SAFERPAY_PREFIX

    @staticmethod
    def sunbay_base(root_url: str = IN_PROCESS_ROOT) -> str:
        return root_url.rstrip("/") + SUNBAY_PREFIX

    @staticmethod
    def handpoint_base(root_url: str = IN_PROCESS_ROOT) -> str:
        return root_url.rstrip("/") + HANDPOINT_PREFIX

    def client_settings(self, key: str, root_url: str = IN_PROCESS_ROOT) -> tuple[str, dict[str, str], str]:
        """(provider, terminal settings, secret) for configuring Closeout against this simulator."""
        provider = self.provider_of(key)
        with self._lock:
            if provider == saferpay.NAME:
                terminal = self._saferpay.terminals[key]
                user = next(u for u in self._saferpay.users.values() if u.customer_id == terminal.customer_id)
                return (
                    provider,
                    {
                        "customer_id": terminal.customer_id,
                        "terminal_id": key,
                        "username": user.username,
                        "environment": "test",
                        "base_url": self.saferpay_base(root_url),
                    },
                    user.password,
                )
            if provider == handpoint.NAME:
                device = self._handpoint.terminals[key]
                return (
                    provider,
                    {
                        "device_type": device.device_type,
                        "serial_number": key,
                        "environment": "test",
                        "base_url": self.handpoint_base(root_url),
                    },
                    device.api_key,
                )
            terminal_ = self._sunbay.terminals[key]
            api_key = next(
                k for k, account in self._sunbay.keys.items() if account == (terminal_.app_id, terminal_.merchant_id)
            )
            return (
                provider,
                {
                    "app_id": terminal_.app_id,
                    "merchant_id": terminal_.merchant_id,
                    "terminal_sn": key,
                    "channel_code": terminal_.channel_code,
                    "environment": "test",
                    "base_url": self.sunbay_base(root_url),
                },
                api_key,
            )

    # --- used by the app -------------------------------------------------------------------

    def _check_key_free(self, key: str, provider: str) -> None:
        # Faults, latency and records are addressed by the bare key: it must name one provider's terminal.
        if any(known == key and other != provider for other, known in self._terminals):
            raise ValueError(f"{key!r} is already a terminal of the other provider.")

    def _sunbay_terminal(self, terminal_sn: str) -> sunbay.SunbayTerminal:
        try:
            return self._sunbay.terminals[terminal_sn]
        except KeyError:
            raise KeyError(f"{terminal_sn!r} is not a SUNBAY terminal of this simulator.") from None

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
