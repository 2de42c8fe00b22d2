"""The app's home: one folder holding the history database, settings, logs and locks.

``CLOSEOUT_HOME`` overrides it; the default is the platform's user data folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_VAR = "CLOSEOUT_HOME"
# Below this much free space the history cannot be trusted to record a close before it is sent
# (SQLite needs room for its WAL and shared-memory files), so nothing is started (issue 6).
MIN_FREE_BYTES = 1 << 20


class HomeError(Exception):
    """The home folder cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class Home:
    root: Path

    @property
    def db_path(self) -> Path:
        return self.root / "history.db"

    @property
    def settings_path(self) -> Path:
        return self.root / "settings.json"

    @property
    def log_dir(self) -> Path:
        return self.root / "logs"

    @property
    def lock_dir(self) -> Path:
        return self.root / "locks"

    def ensure(self) -> "Home":
        """Create the folders; raise HomeError with a readable reason when it is not writable."""
        try:
            for folder in (self.root, self.log_dir, self.lock_dir):
                folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".write-test-"):
                pass
        except OSError as exc:
            raise HomeError(
                f"Closeout cannot write to its folder {self.root} ({exc.strerror or exc}). "
                f"Free some disk space or fix the folder's permissions, or set {ENV_VAR} to another folder."
            ) from None
        # An empty test file needs no free space, so a full disk passed the check above and only failed later,
        # inside SQLite, as an unexplained "disk I/O error": check the free space itself.
        try:
            free = shutil.disk_usage(self.root).free
        except OSError:
            free = None  # some network drives do not say; the write test above is all we can do
        if free is not None and free < MIN_FREE_BYTES:
            raise HomeError(
                f"The disk holding {self.root} is full ({free // 1024} KB free; Closeout needs at least "
                f"{MIN_FREE_BYTES // (1 << 20)} MB to record closes safely), so nothing was sent. Free some disk "
                f"space, or set {ENV_VAR} to a folder on another disk."
            )
        return self


def default_root() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("Closeout", appauthor=False, roaming=False))


def resolve(root: Path | str | None = None) -> Home:
    return Home(Path(root) if root else default_root())
