"""What the simulator needs from a simulated provider: one module per provider, one mount each.

A provider module of the simulator (``saferpay.py``, ``sunbay.py``, ``handpoint.py``) defines a subclass of
:class:`SimulatedProvider` and exposes its instance as ``SIMULATED``; ``app/simulator/providers.py`` registers
it with one line. The shared code (:class:`~app.simulator.simulator.Simulator`) never asks "is this SUNBAY?":
it mounts each provider's routes under its ``PREFIX``, keeps each provider's state object, and asks the
provider for what differs (adding a terminal, the settings Closeout needs for it, its open batch).
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar

from starlette.routing import BaseRoute

if TYPE_CHECKING:
    from app.simulator.simulator import Simulator


class SimulatedProvider(ABC):
    """One simulated provider: its name, where it is mounted, its state and its terminals."""

    NAME: ClassVar[str]  # the provider's name in Closeout (app.core.providers) and in CloseRecord.provider
    LABEL: ClassVar[str]  # how people call it, for messages
    PREFIX: ClassVar[str]  # the mount path: the base URL is root + PREFIX
    KEY_FIELD: ClassVar[str]  # the add_terminal argument (and Closeout setting) that names a terminal: its key
    CLOSE_PATH: ClassVar[str]  # the batch-close endpoint, under PREFIX
    OPEN_BATCHES: ClassVar[bool] = False  # True: terminals have an open batch (add_transactions, open_batch)

    @abstractmethod
    def new_state(self) -> Any:
        """A fresh state object (accounts, terminals, what was closed) for one simulator."""

    @abstractmethod
    def routes(self, sim: Simulator) -> list[BaseRoute]:
        """The provider's endpoints, mounted under :attr:`PREFIX`; ``sim.state(NAME)`` is their state."""

    @abstractmethod
    def add_terminal(self, sim: Simulator, state: Any, *args: Any, **kwargs: Any) -> None:
        """Add one terminal (and the account that reaches it). Runs under the simulator's lock."""

    @abstractmethod
    def client_settings(self, state: Any, key: str, base_url: str) -> tuple[dict[str, str], str]:
        """(Closeout's settings, secret) for terminal ``key`` of this simulator at ``base_url``."""

    def add_transactions(self, state: Any, key: str, count: int) -> None:
        """Card sales arrive on the terminal's open batch (providers without open batches: refused)."""
        raise KeyError(f"{key!r} is a {self.LABEL} terminal, which has no open batch in the simulator.")

    def open_batch(self, state: Any, key: str) -> dict[str, Any]:
        """The terminal's open batch, in the provider's own field names."""
        raise KeyError(f"{key!r} is a {self.LABEL} terminal, which has no open batch in the simulator.")

    # -- shared by every provider ---------------------------------------------------------------

    def base(self, root_url: str) -> str:
        return root_url.rstrip("/") + self.PREFIX

    def key_of(self, *args: Any, **kwargs: Any) -> str:
        """The terminal key named by ``add_terminal(*args, **kwargs)`` (checked before anything is added)."""
        signature = inspect.signature(self.add_terminal)
        bound = signature.bind(None, None, *args, **kwargs)
        return str(bound.arguments[self.KEY_FIELD])
