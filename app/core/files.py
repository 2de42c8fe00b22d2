"""Files Closeout writes: replaced whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def write_atomically(path: Path | str, write: Callable[[Path], None]) -> Path:
    """Let ``write`` fill a temporary file next to ``path``, then move it into place in one step:
    an existing file is replaced whole or not at all. The file is created 0600 (mkstemp). Raises OSError."""
    target = Path(path).expanduser().absolute()
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
