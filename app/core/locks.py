"""Cross-process locks in the home folder.

* A terminal lock is held while a terminal is being closed, so two Closeout processes
  (two windows, or a window and a scheduled CLI run) never close the same terminal at once.
* An owner lock is held for the life of each process that writes closes; a close row still
  ``sending`` whose owner lock is free belongs to no running process and is therefore in doubt.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from filelock import FileLock, Timeout

_SAFE = re.compile(r"[^A-Za-z0-9_.-]")


def _path(lock_dir: Path, kind: str, key: str) -> Path:
    return lock_dir / f"{kind}-{_SAFE.sub('_', key)}.lock"


class HeldLock:
    """A non-blocking file lock: ``acquire()`` returns False instead of waiting."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._lock = FileLock(str(path), is_singleton=False, thread_local=False, mode=0o600)  # owner only

    def acquire(self) -> bool:
        try:
            self._lock.acquire(timeout=0)
            return True
        except Timeout:
            return False

    def release(self, *, remove: bool = False) -> None:
        """Let go; ``remove`` also deletes the file (owner locks are one per process run)."""
        if self._lock.is_locked:
            self._lock.release(force=True)
            if remove:
                try:
                    os.unlink(self._lock.lock_file)
                except OSError:
                    pass  # another process may be probing it right now; the next start tidies up

    @property
    def held(self) -> bool:
        return self._lock.is_locked


def terminal_lock(lock_dir: Path, identity: str) -> HeldLock:
    """The lock of one physical terminal, named by its provider identity (hashed: any characters fit)."""
    return HeldLock(_path(lock_dir, "terminal", hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]))


def owner_lock(lock_dir: Path, owner: str) -> HeldLock:
    return HeldLock(_path(lock_dir, "owner", owner))


def owner_alive(lock_dir: Path, owner: str) -> bool:
    """True when some running process holds ``owner``'s lock."""
    path = _path(lock_dir, "owner", owner)
    if not path.exists():
        return False
    probe = HeldLock(path)
    if probe.acquire():
        probe.release()
        return False
    return True
