"""API keys and passwords: only ever in the OS credential store, through ``keyring``.

One entry per terminal under service "Closeout" and the terminal's stable id (never its
display name, which the owner may change). A backend the user chose through keyring's own
configuration (its config file or ``PYTHON_KEYRING_BACKEND``) is used as it is. When no
credential store exists we say so; we never fall back to storing secrets in plain text.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import TYPE_CHECKING, Literal, Protocol

from app.core.logs import remember_secret

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "Closeout"

log = logging.getLogger(__name__)


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
        return (
            "Install and unlock a Secret Service keyring (GNOME Keyring or KWallet; on Debian/Ubuntu: "
            "'sudo apt install gnome-keyring'), then start Closeout from your desktop session."
        )
    if sys.platform == "darwin":
        return "Closeout uses the macOS Keychain; make sure your login keychain is unlocked."
    return "Closeout uses Windows Credential Manager; make sure you are signed in to a normal Windows account."


# The OS credential stores keyring knows (its own backends). Anything else that keyring picks by itself
# (keyrings.alt's plain-text and encrypted-file backends, the null and fail backends, other plug-ins) is
# not one: secrets would end up in a file in the home folder, or nowhere.
OS_STORES = (
    "keyring.backends.SecretService",
    "keyring.backends.kwallet",
    "keyring.backends.libsecret",
    "keyring.backends.Windows",
    "keyring.backends.macOS",
)
NO_STORE = "No OS credential store is available, and Closeout never stores keys in plain text. "


def is_os_store(backend: object) -> bool:
    module = type(backend).__module__
    return any(module == name or module.startswith(name + ".") for name in OS_STORES)


def chosen_by_user() -> bool:
    """Whether the user named a backend: ``PYTHON_KEYRING_BACKEND`` or keyring's config file."""
    import keyring.core

    if os.environ.get("PYTHON_KEYRING_BACKEND", "").strip():
        return True
    try:
        return keyring.core.load_config() is not None
    except Exception:  # noqa: BLE001 - a broken config file names no usable backend
        return False


def _discoverable(backend: object) -> bool:
    """Whether keyring could have picked ``backend`` by itself: one of its own, or a plug-in's (entry point)."""
    from importlib.metadata import entry_points

    module = type(backend).__module__
    names = ["keyring.backends"] + [ep.module for ep in entry_points(group="keyring.backends")]
    return any(module == name or module.startswith(name + ".") for name in names)


def usable_backend(backend: KeyringBackend, *, user_chose: bool) -> KeyringBackend | None:
    """The backend Closeout may keep secrets in, or None.

    The null and fail backends store nothing: never usable. A backend the user chose (config file,
    environment variable), or one a host program set with ``keyring.set_keyring`` (not one keyring
    would find by itself), is used as it is. One keyring picked by itself must be an OS store; from
    keyring's chainer (which also asks plain-text backends such as keyrings.alt's), the best OS store
    it chains is used alone, so a secret never lands in, or is read from, a file.
    """
    from keyring.backends import chainer, fail, null

    if isinstance(backend, (fail.Keyring, null.Keyring)):
        return None
    if user_chose or not (isinstance(backend, chainer.ChainerBackend) or _discoverable(backend)):
        return backend
    if isinstance(backend, chainer.ChainerBackend):
        chained: list[KeyringBackend] = backend.backends  # keyring's classproperty is untyped
        return next((b for b in chained if is_os_store(b)), None)
    return backend if is_os_store(backend) else None


class KeyringStore:
    """The OS credential store, as keyring resolves it (honouring the user's keyring configuration)."""

    def __init__(self) -> None:
        self._backend: KeyringBackend | Literal[False] | None = None  # False: none usable (asked once)

    def _keyring(self) -> KeyringBackend:
        import keyring

        if self._backend is None:
            active = keyring.get_keyring()
            self._backend = usable_backend(active, user_chose=chosen_by_user())
            if self._backend is None:
                log.warning(
                    "credential store refused: %s is not an OS credential store",
                    getattr(active, "name", type(active).__name__),
                )
                self._backend = False
        if self._backend is False:
            raise SecretStoreError(NO_STORE + _install_hint())
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
            raise SecretMissing(
                "This terminal's password or API key is not in the OS credential store any more. "
                "Edit the terminal and enter it again."
            )
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
        return SecretStoreError(NO_STORE + _install_hint())
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
                raise SecretMissing(
                    "This terminal's password or API key is not stored. Edit the terminal and enter it again."
                ) from None

    def set(self, terminal_id: str, value: str) -> None:
        remember_secret(value)
        with self._lock:
            self._values[terminal_id] = value

    def delete(self, terminal_id: str) -> None:
        with self._lock:
            self._values.pop(terminal_id, None)
