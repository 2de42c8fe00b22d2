"""Cross-process locks in the home folder.

* A terminal lock is held while a terminal is being closed, so two Closeout processes
  (two windows, or a window and a scheduled CLI run) never close the same terminal at once.
* An owner lock is held for the life of each process that writes closes; a close row still
  ``sending`` whose owner lock is free belongs to no running process and is therefore in doubt.

On POSIX a lock is one ``flock`` on its file, taken directly: ~10 µs of CPU for open, lock, unlock
and close, where filelock's machinery took ~170 µs, once per close (benches/close_all.py). It is the
same ``flock`` filelock takes, so both kinds see each other's locks. Elsewhere (Windows), and on a
file system without ``flock``, filelock does it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if sys.platform == "win32":  # no flock: filelock's lock instead
    fcntl = None
else:
    import fcntl

if TYPE_CHECKING:
    from filelock import BaseFileLock

_SAFE = re.compile(r"[^A-Za-z0-9_.-]")
_BUSY = (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES)
_made: set[Path] = set()  # lock folders known to exist (made once per process, not once per close)


def _path(lock_dir: Path, kind: str, key: str) -> Path:
    return lock_dir / f"{kind}-{_SAFE.sub('_', key)}.lock"


class HeldLock:
    """A non-blocking file lock: ``acquire()`` returns False instead of waiting."""

    def __init__(self, path: Path) -> None:
        if path.parent not in _made:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            _made.add(path.parent)
        self.path = path
        self._fd: int | None = None  # the locked file (POSIX)
        self._fallback: BaseFileLock | None = None  # filelock.FileLock where flock is not there

    def acquire(self) -> bool:
        if fcntl is not None and self._fallback is None:
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
            try:
                fd = os.open(self.path, flags, 0o600)  # owner only
            except FileNotFoundError:  # the folder was removed meanwhile: make it again
                self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                fd = os.open(self.path, flags, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno in _BUSY:
                    return False
                if exc.errno not in (errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOLCK):
                    raise
                return self._acquire_fallback()  # no flock on this file system
            self._fd = fd
            return True
        return self._acquire_fallback()

    def _acquire_fallback(self) -> bool:
        from filelock import FileLock, Timeout

        if self._fallback is None:
            self._fallback = FileLock(str(self.path), is_singleton=False, thread_local=False, mode=0o600)
        try:
            self._fallback.acquire(timeout=0)
            return True
        except Timeout:
            return False

    def release(self, *, remove: bool = False) -> None:
        """Let go; ``remove`` also deletes the file (owner locks are one per process run)."""
        if not self.held:
            return
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)
        elif self._fallback is not None:
            self._fallback.release(force=True)
        if remove:
            self._unlink()

    def _unlink(self) -> None:
        try:
            os.unlink(self.path)
        except OSError:
            pass  # another process may be probing it right now; the next start tidies up

    @property
    def held(self) -> bool:
        return self._fd is not None or (self._fallback is not None and self._fallback.is_locked)


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
