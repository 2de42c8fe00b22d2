"""Terminals as the shop owner configures them: validated, non-secret settings."""

from __future__ import annotations

import unicodedata
import uuid
from typing import TYPE_CHECKING, Mapping

from app.core import providers
from app.core.history import HistoryError
from app.core.i18n import _
from app.core.providers.base import Terminal
from app.core.validation import ValidationError, validate_fields

if TYPE_CHECKING:
    from app.core.history import History
    from app.core.secrets import SecretStore

NAME_MAX = 60


# Characters that show nothing, or reorder what follows: control characters (C0, C1), format characters
# (bidi embeddings, overrides, isolates and marks, zero-width spaces and joiners, the BOM, soft hyphen),
# line and paragraph separators, private-use and unassigned code points, and letters that render blank.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_BLANK_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u180e"}


def validate_name(name: str) -> str:
    """A terminal's name as people see it: NFC-normalised, visible, one line. Raises ValidationError.

    Uniqueness (under Unicode case folding, :func:`app.core.text.name_key`) is checked by the history."""
    name = unicodedata.normalize("NFC", (name or "").strip())
    if not name:
        raise ValidationError("name", _("is missing: give the terminal a name, e.g. 'Counter 1'."))
    if len(name) > NAME_MAX:
        raise ValidationError(
            "name", _("is {n} characters long; at most {most} are allowed.").format(n=len(name), most=NAME_MAX)
        )
    for char in name:
        category = unicodedata.category(char)
        if category in ("Zl", "Zp") or char in "\n\r\x0b\x0c\x1c\x1d\x1e\x85":
            raise ValidationError("name", _("contains a line break; give it on one line."))
        if category in ("Cc", "Cs"):
            raise ValidationError("name", _("contains control characters."))
        if category in _HIDDEN_CATEGORIES or char in _BLANK_LETTERS:
            raise ValidationError(
                "name",
                _("contains an invisible or text-direction character ({code}); type the name again without it.").format(
                    code=f"U+{ord(char):04X}"
                ),
            )
    return name


def validate_settings(provider: str, settings: Mapping[str, str | None]) -> dict[str, str]:
    """Check every field of ``provider``; return the normalised settings. Raises ValidationError."""
    module = providers.get(provider)
    return validate_fields(module.FIELDS, settings, module.LABEL)


def new_terminal(name: str, provider: str, settings: Mapping[str, str | None]) -> Terminal:
    return Terminal(
        id=uuid.uuid4().hex, name=validate_name(name), provider=provider, settings=validate_settings(provider, settings)
    )


def environment(terminal: Terminal) -> str:
    """ "live" or "test"; "unknown" for a provider this version does not know."""
    if not providers.known(terminal.provider):
        return "unknown"
    return providers.get(terminal.provider).environment(terminal)


def display_id(terminal: Terminal) -> str:
    if not providers.known(terminal.provider):
        return ""
    return providers.get(terminal.provider).display_id(terminal)


def save_terminal(
    history: "History", secrets: "SecretStore", terminal: Terminal, secret: str | None, *, new: bool
) -> None:
    """Store a terminal: its secret first, then its settings; undone on failure, so "not saved" is true.

    ``secret`` None (editing) keeps the stored one. Raises SecretStoreError, DuplicateName or HistoryError.
    """
    from app.core.secrets import SecretStoreError

    if not new:
        _check_edit(history, terminal)
    previous = None
    if secret:
        if not new:
            try:
                previous = secrets.get(terminal.id)
            except SecretStoreError:
                previous = None
        secrets.set(terminal.id, secret)
    try:
        if new:
            history.add_terminal(terminal)
        else:
            history.update_terminal(terminal)
    except HistoryError:
        if secret:
            if previous is not None:
                secrets.set(terminal.id, previous)
            elif new:
                secrets.delete(terminal.id)
        raise


def check_can_save(history: "History", terminal: Terminal, *, new: bool) -> None:
    """Raise what :func:`save_terminal` would refuse for this name or identity (DuplicateName,
    DuplicateTerminal, SettleFirst) without storing anything: the window says so before it asks the
    provider about the credentials. ``save_terminal`` checks again, inside its write transaction."""
    from app.core.history import DuplicateName, DuplicateTerminal
    from app.core.text import name_key

    if not new:
        _check_edit(history, terminal)
    wanted = providers.identity(terminal)
    for other in history.terminals():
        if other.id == terminal.id:
            continue
        if providers.known(other.provider) and providers.identity(other) == wanted:
            raise DuplicateTerminal(other.name)
        if name_key(other.name) == name_key(terminal.name):
            raise DuplicateName(
                _("A terminal named '{name}' already exists; choose another name.").format(name=terminal.name)
            )


class SettleFirst(HistoryError):
    """An edit would change where a close in doubt is sent: settle that close first."""


def _target(terminal: Terminal) -> tuple[str, str, str]:
    module = providers.get(terminal.provider)
    return providers.identity(terminal), module.environment(terminal), module.endpoint(terminal)


def _check_edit(history: "History", terminal: Terminal) -> None:
    """Refuse an edit that changes a terminal's identity or target while it has a close in doubt.

    The name and the secret may always change; a re-send is built from the close's frozen request anyway,
    but a changed identity would hide that close from the terminal's next run.
    """
    before = history.terminal(terminal.id)
    if before is None or not providers.known(before.provider):
        return
    if _target(before) == _target(terminal):
        return
    doubts = history.in_doubt(identity=providers.identity(before))
    if doubts:
        raise SettleFirst(
            _(
                "'{name}' has a close in doubt (number {id}), so its terminal, account or address cannot change now. "
                "Settle that close first (Retry safely or Review in the window; 'closeout resolve' or 'closeout settle "
                "{id}' on the command line), then edit. Renaming the terminal or changing its password or API key is "
                "allowed."
            ).format(name=before.name, id=doubts[0].id)
        )


def remove_terminal(history: "History", secrets: "SecretStore", terminal: Terminal) -> None:
    """Forget a terminal and delete its secret; its past closes stay in the history (they happened).

    The secret goes first: if the credential store refuses, the terminal is kept and nothing changes.
    """
    secrets.delete(terminal.id)
    history.remove_terminal(terminal.id)
