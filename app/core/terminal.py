"""The terminal as Closeout stores it: a name, a provider and its non-secret settings.

Plain data with no provider code, so that reading the history (``closeout history``, the report) does
not load the providers' HTTP code. :mod:`app.core.providers.base` re-exports it for the providers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Terminal:
    """A configured terminal: non-secret settings only; the secret lives in the keyring under ``id``."""

    id: str
    name: str
    provider: str
    settings: Mapping[str, str]

    def get(self, key: str, default: str | None = None) -> str | None:
        value = self.settings.get(key)
        return default if value in (None, "") else value
