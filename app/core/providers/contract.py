"""What a provider is to Closeout: a typed contract with required parts and optional capabilities.

Core and the window ask a provider what it can do (``provider.can(Capability.PREVIEW)``), never
"is this SUNBAY?". A new provider is one module that subclasses :class:`Provider` and one line in
the registry (``app/core/providers/__init__.py``); see CONTRIBUTING.md, "Adding a provider".

Required: name, label, fields (with labels, help and placeholders), secret label and flag, environment,
identity, display id, how to build and send a close, and how a lost close is settled (:class:`LostClose`).
Optional capabilities: open-batch preview, terminal discovery, credential check, checking a close
afterwards (for the engine and for a person: "Check with the provider"), batch totals from an answer, a clock window, and a batch number chosen before closing.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar, Literal, Mapping

import httpx

from app.core.i18n import _
from app.core.providers.base import CloseResult, Terminal
from app.core.providers.checks import CredentialCheck
from app.core.states import AnswerKind, CloseStatus
from app.core.validation import Field


class Capability(StrEnum):
    PREVIEW = "preview"  # the open batch before closing (count and net): preview()
    DISCOVERY = "discovery"  # list the account's terminals: discover()
    CREDENTIAL_CHECK = "credential_check"  # a harmless read call with the secret: check_credentials()
    CHECK_CLOSE = "check_close"  # ask the provider about one earlier close: check_close(), look_up_close()
    BATCH_TOTALS = "batch_totals"  # a closed answer carries count and amounts: batch_totals()
    CLOCK_WINDOW = "clock_window"  # the provider refuses requests from a PC clock that is off: clock_warning()
    NUMBERED_BATCH = "numbered_batch"  # a close names a batch number chosen beforehand: prepare_close()


class LostClose(StrEnum):
    """How a close whose answer was lost is settled (the engine, ``resolve`` and "Retry safely" ask this)."""

    RESEND = "resend"  # re-send the same idempotent request (Saferpay RequestId, SUNBAY transactionRequestId)
    ASK = "ask"  # ask the provider about that exact close first, then re-send the same numbered close
    BY_HAND = "by_hand"  # nothing safe to send: a person checks and settles it


Verdict = Literal["closed", "not_found", "unknown"]


@dataclass
class CloseCheck:
    """What "Check with the provider" found about one close in doubt, for a person (:meth:`Provider.look_up_close`).

    ``closed``: the provider shows it closed (mark it closed); ``not_found``: it most likely did not go through
    ('Retry safely' re-sends it); ``unknown``: Closeout cannot tell, and ``explanation`` says where to look."""

    verdict: Verdict
    batch: Any  # the provider's record of the batch found, where it has one (else None)
    explanation: str  # sentences for people: what was found and what to do
    trace_id: str | None = None


@dataclass(frozen=True)
class Prepared:
    """What :meth:`Provider.prepare_close` decided before a close: extra request fields to freeze with it,
    or why nothing is sent (``outcome`` "skipped" or "failed", with a message for people)."""

    extra: Mapping[str, str] | None = None
    request_id: str | None = None  # the close's id when the provider chooses it (else new_request_id())
    outcome: CloseStatus | None = None
    message: str = ""
    reason: str | None = None


@dataclass
class Found:
    """One terminal a provider listed (discovery), before Closeout validates its settings."""

    name: str  # a suggestion for people
    settings: dict[str, str]  # the shared (account) settings plus this terminal's own
    label: str  # what identifies it at the provider: "12345678", "T100 · TSYS"
    detail: str = ""  # type, description, model, channel name
    problem: str | None = None  # why it cannot be added as listed


@dataclass
class Listing:
    """What discovery found: terminals, and why the list may be incomplete."""

    found: list[Found]
    error: str | None = None
    trace_id: str | None = None
    unreadable: int = 0


class Provider(ABC):
    """One payment provider. Subclass it in the provider's module; register the instance."""

    NAME: ClassVar[str]
    LABEL: ClassVar[str]
    SECRET_LABEL: ClassVar[str]
    SECRET_FLAG: ClassVar[str]  # the CLI flag that reads the secret from stdin, e.g. "--password-stdin"
    FIELDS: ClassVar[tuple[Field, ...]]
    # The provider's copy for people, in English, marked N_() in the module and shown through _(): the add and
    # edit dialogs' intro (where the settings come from) and the import dialog's (what entering the account does).
    # Per-field copy (label, help, placeholder, choice words) lives on each Field.
    HELP: ClassVar[str] = ""
    IMPORT_HELP: ClassVar[str] = ""  # empty: HELP
    ADD_HELP: ClassVar[str] = ""  # the CLI's one-line help of `terminal add <name>`
    CHECKED: ClassVar[str] = "the credentials"  # what the credential check confirms, in the CLI's --no-check help
    LOST_CLOSE: ClassVar[LostClose] = LostClose.RESEND
    CAPABILITIES: ClassVar[frozenset[Capability]] = frozenset()

    def can(self, capability: Capability) -> bool:
        return capability in self.CAPABILITIES

    # -- required ---------------------------------------------------------------------------------

    @abstractmethod
    def validate_secret(self, value: str, /) -> str:
        """The secret as it will be sent, or ValidationError."""

    @abstractmethod
    def environment(self, terminal: Terminal) -> str:
        """ "live" or "test"."""

    @abstractmethod
    def display_id(self, terminal: Terminal) -> str:
        """The id a person recognises on the terminal or in the provider's back office."""

    @abstractmethod
    def identity(self, terminal: Terminal) -> str:
        """The key that names one physical terminal at this provider (host first)."""

    @abstractmethod
    def endpoint(self, terminal: Terminal) -> str:
        """The URL a close is sent to."""

    @abstractmethod
    def new_request_id(self) -> str:
        """The id of a new close (its idempotency key where the provider has one)."""

    @abstractmethod
    def max_attempts_per_request(self) -> int | None:
        """How many attempts one close may take in all (None: no limit of the provider's)."""

    @abstractmethod
    async def close(
        self,
        client: httpx.AsyncClient,
        terminal: Terminal,
        secret: str,
        request_id: str,
        attempt: int,
        timeout: float,
        /,
    ) -> CloseResult:
        """Send one attempt of one close and read the answer; never raises for network or provider trouble."""

    # -- optional capabilities --------------------------------------------------------------------

    async def preview(self, client: httpx.AsyncClient, terminal: Terminal, secret: str, *, timeout: float) -> Any:
        """Capability.PREVIEW: the open batch (an object with ``empty`` and ``error``)."""
        raise NotImplementedError

    PER_TERMINAL: ClassVar[tuple[str, ...]] = ()  # the fields that differ per terminal (discovery fills them)

    async def discover(
        self, client: httpx.AsyncClient, shared: Mapping[str, str], secret: str, *, timeout: float
    ) -> Listing:
        """Capability.DISCOVERY: the account's terminals, from the shared (account) fields and the secret."""
        raise NotImplementedError

    async def check_credentials(
        self, client: httpx.AsyncClient, terminal: Terminal, secret: str, *, timeout: float
    ) -> CredentialCheck:
        """Capability.CREDENTIAL_CHECK: a harmless read with the secret; never a close."""
        raise NotImplementedError

    async def check_close(
        self, client: httpx.AsyncClient, terminal: Terminal, secret: str, request: Mapping[str, Any], *, timeout: float
    ) -> CloseResult | None:
        """Capability.CHECK_CLOSE: what the provider says about one earlier close (built from its frozen
        request): a "closed" result, a definite "failed", or None when it cannot tell."""
        raise NotImplementedError

    async def look_up_close(
        self,
        client: httpx.AsyncClient,
        terminal: Terminal,
        secret: str,
        request: Mapping[str, Any] | None,
        *,
        started_at: datetime,
        timeout: float,
    ) -> CloseCheck:
        """ "Check with the provider" (a person asks about one close in doubt, started at ``started_at``, whose
        frozen request is ``request``). By default :meth:`check_close` where the provider has
        Capability.CHECK_CLOSE, else (and when it cannot tell) :meth:`by_hand_instructions`. Never raises for
        network or provider trouble; a bad terminal setting raises ValidationError (nothing sent)."""
        if self.can(Capability.CHECK_CLOSE):
            said = await self.check_close(client, terminal, secret, request or {}, timeout=timeout)
            if said is not None and said.kind == AnswerKind.CLOSED:
                advice = _("You can mark this close as closed.")
                return CloseCheck("closed", said.data, f"{said.message} {advice}", said.trace_id)
            if said is not None and said.kind == AnswerKind.FAILED:
                advice = _("This close did not go through: 'Retry safely' sends the same close again.")
                return CloseCheck("not_found", None, f"{said.message} {advice}", said.trace_id)
        return CloseCheck("unknown", None, self.by_hand_instructions(terminal))

    def by_hand_instructions(self, terminal: Terminal) -> str:
        """Where a person sees whether a close of ``terminal`` went through, when Closeout cannot ask the
        provider (LostClose.BY_HAND, or the provider could not tell): its back office, in its own words."""
        text = _(
            "Closeout cannot ask {provider} about this close. Check this terminal's closed batches with {provider} "
            "(its portal or back office, or the terminal's batch report): if a batch was closed at the time of this "
            "close, mark it closed; if none was, mark it not closed."
        ).format(provider=self.LABEL)
        if self.LOST_CLOSE == LostClose.RESEND:
            text += " " + _("'Retry safely' re-sends this same request (same id), which cannot close twice.")
        return text

    def can_resend(self, request: Mapping[str, Any] | None) -> bool:
        """Whether this frozen request may be sent again (LostClose.RESEND and ASK); False: a person settles it."""
        return True

    def batch_totals(
        self, data: Mapping[str, Any] | None, terminal_settings: Mapping[str, str]
    ) -> dict[str, Any] | None:
        """Capability.BATCH_TOTALS: batch number, currency, count and amounts (minor units) of a closed answer."""
        return None

    def clock_warning(self, server_date: datetime | None, now: float) -> str | None:
        """Capability.CLOCK_WINDOW: a sentence when this PC's clock is too far from the provider's."""
        return None

    async def prepare_close(
        self,
        client: httpx.AsyncClient,
        terminal: Terminal,
        secret: str,
        last: Mapping[str, Any] | None,
        *,
        timeout: float,
        unnumbered: bool = False,
    ) -> Prepared:
        """Capability.NUMBERED_BATCH: choose what the next close names (e.g. a batch number), from the last
        closed batch of this terminal (``last``: its answer data) and the provider. ``unnumbered``: the owner
        confirmed a close without a number (never retried automatically)."""
        return Prepared()
