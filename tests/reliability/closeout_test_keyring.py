"""A file-backed keyring backend, for tests only: secrets shared between the test and CLI subprocesses.

NEVER shipped and never used outside tests: it keeps secrets in plain text, which is exactly what
Closeout refuses to do. It exists because the crash and concurrency tests start real ``closeout``
processes, and those need a credential store they can all read. With ``CLOSEOUT_SECRET_SERVICE=1``
(``.ci/run``) the tests use the real Secret Service instead.

Use it in a subprocess with::

    PYTHONPATH=tests/reliability:<repo>
    PYTHON_KEYRING_BACKEND=closeout_test_keyring.FileKeyring
    CLOSEOUT_TEST_KEYRING=/tmp/.../keyring.json        # outside the home: it is not the app's file
    CLOSEOUT_TEST_KEYRING_LOCKED=1                      # optional: behave like a locked keyring

The file must live outside ``CLOSEOUT_HOME``, so the secret scans of the home stay meaningful.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import keyring.backend
import keyring.errors

FILE_VAR = "CLOSEOUT_TEST_KEYRING"
LOCKED_VAR = "CLOSEOUT_TEST_KEYRING_LOCKED"
BACKEND = "closeout_test_keyring.FileKeyring"


class FileKeyring(keyring.backend.KeyringBackend):
    """keyring's backend interface over one JSON file (``{service: {username: password}}``)."""

    name = "test file keyring (tests only)"

    @keyring.backend.properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - keyring's classproperty
        # Only viable when a test asked for it: never picked by keyring's own auto-detection.
        if not os.environ.get(FILE_VAR):
            raise RuntimeError(f"{FILE_VAR} is not set")
        return 0.5

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        self.path = Path(path or os.environ[FILE_VAR])

    @contextmanager
    def _locked(self) -> Iterator[dict[str, dict[str, str]]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                data = json.loads(self.path.read_text("utf-8")) if self.path.exists() else {}
                before = json.dumps(data, sort_keys=True)
                yield data
                if json.dumps(data, sort_keys=True) != before:
                    fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".keyring-")
                    with os.fdopen(fd, "w", encoding="utf-8") as out:
                        json.dump(data, out)
                    os.replace(tmp, self.path)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _check_unlocked(self) -> None:
        if os.environ.get(LOCKED_VAR) == "1":
            raise keyring.errors.KeyringLocked("the test keyring is locked")

    def get_password(self, service: str, username: str) -> str | None:
        self._check_unlocked()
        with self._locked() as data:
            return data.get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._check_unlocked()
        with self._locked() as data:
            data.setdefault(service, {})[username] = password

    def delete_password(self, service: str, username: str) -> None:
        self._check_unlocked()
        with self._locked() as data:
            if username not in data.get(service, {}):
                raise keyring.errors.PasswordDeleteError("not found")
            del data[service][username]
