"""Files Closeout writes: readable by their owner only, replaced whole or not at all.

On POSIX everything Closeout creates in its home is 0700 (folders) or 0600 (files) whatever the
umask: the history names the shop's terminals and their closes, the logs say what happened. On
Windows the per-user application-data folder's ACL already keeps other users out.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
POSIX = os.name == "posix"


def private_dir(path: Path) -> bool:
    """Create ``path`` (and its parents) for its owner only; an existing folder open to others is tightened.
    Returns True when an existing folder had to be tightened. Raises OSError."""
    existed = path.is_dir()
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if not existed:
        if POSIX:
            os.chmod(path, PRIVATE_DIR)  # exactly 0700, whatever the umask took away or left
        return False
    return tighten(path, PRIVATE_DIR)


def private_file(path: Path) -> None:
    """Create ``path`` empty, readable by its owner only, unless it exists. Never raises: the caller's own
    open reports what is wrong (SQLite opens the history this way and its WAL and SHM files take the
    database file's mode)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except OSError:
        return
    try:
        if POSIX:
            os.fchmod(fd, PRIVATE_FILE)
    except OSError:
        pass
    finally:
        os.close(fd)


def tighten(path: Path, mode: int) -> bool:
    """Remove the permission bits of ``path`` beyond ``mode`` (POSIX). Returns True when it changed anything."""
    if not POSIX:
        return False
    try:
        current = stat.S_IMODE(os.lstat(path).st_mode)
        if os.path.islink(path) or not current & ~mode:
            return False
        os.chmod(path, current & mode)
        return True
    except OSError:
        return False


def write_atomically(path: Path | str, write: Callable[[Path], None]) -> Path:
    """Let ``write`` fill a temporary file next to ``path``, then move it into place in one step:
    an existing file is replaced whole or not at all. The file is created 0600 (mkstemp). Raises OSError."""
    target = Path(path).expanduser().absolute()
    import tempfile  # here: the close path never writes a file this way, and tempfile costs ~3 ms to import

    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=target.suffix + ".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
