"""A close's outcome in words, and the commands' exit codes: light to import.

Kept apart from :mod:`app.core.service` (which imports the engine and its HTTP client) so that commands
that only read the history, such as ``closeout history``, start without them. The service re-exports them.
"""

from __future__ import annotations

from app.core.i18n import N_, _
from app.core.states import CloseStatus

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_IN_DOUBT = 0, 1, 2, 3

# The words of an outcome, for people (the window translates them; the CLI prints them).
OUTCOME_WORDS: dict[str, str] = {  # translated where used (app/core/i18n.py)
    CloseStatus.CLOSED: N_("closed"),
    CloseStatus.FAILED: N_("failed"),
    CloseStatus.IN_DOUBT: N_("in doubt"),
    CloseStatus.SKIPPED: N_("skipped"),
    CloseStatus.SENDING: N_("sending"),
}


def outcome_word(outcome: str) -> str:
    return _(OUTCOME_WORDS[outcome]) if outcome in OUTCOME_WORDS else outcome.replace("_", " ")
