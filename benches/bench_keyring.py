"""A keyring backend for bench subprocesses only: secrets from the CLOSEOUT_BENCH_SECRETS variable (JSON).

Never shipped, never used outside benches/: the benches' terminals are simulator accounts with made-up
secrets. Selected explicitly (PYTHON_KEYRING_BACKEND=bench_keyring.EnvKeyring), as a user would.
"""

from __future__ import annotations

import functools
import json
import os

import keyring.backend
import keyring.errors

VAR = "CLOSEOUT_BENCH_SECRETS"
BACKEND = "bench_keyring.EnvKeyring"


@functools.cache
def _secrets() -> dict[str, str]:
    # Parsed once per process: a real store answers one secret in microseconds, not a JSON parse each time.
    return json.loads(os.environ.get(VAR, "{}"))


class EnvKeyring(keyring.backend.KeyringBackend):
    name = "bench secrets (benches only)"
    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return _secrets().get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("the bench keyring is read-only")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("the bench keyring is read-only")
