"""The app's home: one folder holding the history database, settings, logs and locks.

``CLOSEOUT_HOME`` overrides it; the default is the platform's user data folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app.core import logs
from app.core.i18n import _
from app.core.files import PRIVATE_FILE, private_dir, tighten

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
            tightened = [folder for folder in (self.root, self.log_dir, self.lock_dir) if private_dir(folder)]
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".write-test-"):
                pass
        except OSError as exc:
            raise HomeError(
                _(
                    "Closeout cannot write to its folder {path} ({why}). Free some disk space or fix the folder's "
                    "permissions, or set {variable} to another folder."
                ).format(path=self.root, why=exc.strerror or exc, variable=ENV_VAR)
            ) from None
        tightened += [path for path in self._own_files() if tighten(path, PRIVATE_FILE)]
        if tightened:
            logs.later(
                __name__,
                logging.WARNING,
                f"Closeout's folder was open to other users; made it readable by "
                f"its owner only: {', '.join(str(p) for p in tightened)}",
            )
        # An empty test file needs no free space, so a full disk passed the check above and only failed later,
        # inside SQLite, as an unexplained "disk I/O error": check the free space itself.
        try:
            free = shutil.disk_usage(self.root).free
        except OSError:
            free = None  # some network drives do not say; the write test above is all we can do
        if free is not None and free < MIN_FREE_BYTES:
            raise HomeError(
                _(
                    "The disk holding {path} is full ({free} KB free; Closeout needs at least {needed} MB to record "
                    "closes safely), so nothing was sent. Free some disk space, or set {variable} to a folder on "
                    "another disk."
                ).format(path=self.root, free=free // 1024, needed=MIN_FREE_BYTES // (1 << 20), variable=ENV_VAR)
            )
        return self

    def _own_files(self) -> list[Path]:
        """The files Closeout writes in the home: history (and its WAL/SHM), settings, logs, locks."""
        names = [
            self.db_path,
            self.db_path.with_name(self.db_path.name + "-wal"),
            self.db_path.with_name(self.db_path.name + "-shm"),
            self.settings_path,
        ]
        try:
            names += list(self.log_dir.glob("*.log*")) + list(self.lock_dir.glob("*.lock"))
        except OSError:
            pass
        return [path for path in names if path.exists()]


def default_root() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("Closeout", appauthor=False, roaming=False))


def resolve(root: Path | str | None = None) -> Home:
    return Home(Path(root) if root else default_root())
