"""API keys and passwords: only ever in the OS credential store, through ``keyring``.

One entry per terminal under service "Closeout" and the terminal's stable id (never its
display name, which the owner may change). A backend the user chose through keyring's own
configuration (its config file or ``PYTHON_KEYRING_BACKEND``) is used as it is. When no
credential store exists we say so; we never fall back to storing secrets in plain text.
"""

from __future__ import annotations

import sys
import threading
from typing import Protocol

from app.core.logs import remember_secret

SERVICE = "Closeout"


class SecretStoreError(Exception):
    """The credential store cannot be used; the message says what to do."""


class SecretMissing(SecretStoreError):
    """The terminal has no secret in the store (deleted behind the app's back, or never saved)."""


class SecretStore(Protocol):
    def get(self, terminal_id: str) -> str: ...
    def set(self, terminal_id: str, value: str) -> None: ...
    def delete(self, terminal_id: str) -> None: ...
    def check(self) -> None: ...
    @property
    def description(self) -> str: ...


def _install_hint() -> str:
    if sys.platform.startswith("linux"):
        return ("Install and unlock a Secret Service keyring (GNOME Keyring or KWallet; on Debian/Ubuntu: "
                "'sudo apt install gnome-keyring'), then start Closeout from your desktop session.")
    if sys.platform == "darwin":
        return "Closeout uses the macOS Keychain; make sure your login keychain is unlocked."
    return "Closeout uses Windows Credential Manager; make sure you are signed in to a normal Windows account."


class KeyringStore:
    """The OS credential store, as keyring resolves it (honouring the user's keyring configuration)."""

    def __init__(self) -> None:
        self._backend = None

    def _keyring(self):
        import keyring
        from keyring.backends import fail, null

        if self._backend is None:
            self._backend = keyring.get_keyring()
        if isinstance(self._backend, (fail.Keyring, null.Keyring)):
            raise SecretStoreError("No OS credential store is available, and Closeout never stores keys in plain text. "
                                   + _install_hint())
        return self._backend

    @property
    def description(self) -> str:
        try:
            backend = self._keyring()
        except SecretStoreError:
            return "no credential store"
        return getattr(backend, "name", type(backend).__name__)

    def check(self) -> None:
        """Raise SecretStoreError when the store is missing or locked."""
        backend = self._keyring()
        try:
            backend.get_password(SERVICE, "closeout-availability-check")
        except Exception as exc:  # noqa: BLE001 - every backend raises its own kinds
            raise _explain(exc) from None

    def get(self, terminal_id: str) -> str:
        backend = self._keyring()
        try:
            value = backend.get_password(SERVICE, terminal_id)
        except Exception as exc:  # noqa: BLE001
            raise _explain(exc) from None
        if value is None:
            raise SecretMissing("This terminal's password or API key is not in the OS credential store any more. "
                                "Edit the terminal and enter it again.")
        remember_secret(value)
        return value

    def set(self, terminal_id: str, value: str) -> None:
        remember_secret(value)
        backend = self._keyring()
        try:
            backend.set_password(SERVICE, terminal_id, value)
        except Exception as exc:  # noqa: BLE001
            raise _explain(exc) from None

    def delete(self, terminal_id: str) -> None:
        import keyring.errors

        backend = self._keyring()
        try:
            backend.delete_password(SERVICE, terminal_id)
        except keyring.errors.PasswordDeleteError:
            pass  # already gone: the goal is reached
        except Exception as exc:  # noqa: BLE001
            raise _explain(exc) from None


def _explain(exc: BaseException) -> SecretStoreError:
    import keyring.errors

    if isinstance(exc, keyring.errors.NoKeyringError):
        return SecretStoreError("No OS credential store is available, and Closeout never stores keys in plain text. "
                                + _install_hint())
    if isinstance(exc, keyring.errors.KeyringLocked):
        return SecretStoreError("The OS credential store is locked. Unlock it (log in to your keyring) and try again.")
    winerror = getattr(exc, "winerror", None) or getattr(exc, "funcname", None)
    if winerror == 1783 or "1783" in str(exc):
        return SecretStoreError("Windows Credential Manager refused the value because it is too long.")
    return SecretStoreError(f"The OS credential store failed ({type(exc).__name__}). {_install_hint()}")


class MemoryStore:
    """Secrets kept in this process's memory only: the demo, and tests of the engine."""

    description = "memory (demo)"

    def __init__(self, initial: dict[str, str] | None = None) -> None:
        self._values: dict[str, str] = dict(initial or {})
        self._lock = threading.Lock()

    def check(self) -> None:
        return None

    def get(self, terminal_id: str) -> str:
        with self._lock:
            try:
                value = self._values[terminal_id]
                remember_secret(value)
                return value
            except KeyError:
                raise SecretMissing("This terminal's password or API key is not stored. "
                                    "Edit the terminal and enter it again.") from None

    def set(self, terminal_id: str, value: str) -> None:
        remember_secret(value)
        with self._lock:
            self._values[terminal_id] = value

    def delete(self, terminal_id: str) -> None:
        with self._lock:
            self._values.pop(terminal_id, None)
