"""Secrets in a real OS credential store: the Secret Service (gnome-keyring) that .ci/run starts.

These are the only tests allowed to skip, and only when no Secret Service can be started here.
With CLOSEOUT_SECRET_SERVICE=1 (set by .ci/run) a missing service fails them instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import keyring
import pytest

from app.core.secrets import SERVICE, KeyringStore, SecretMissing

ROOT = Path(__file__).parents[2]
BACKEND = "keyring.backends.SecretService.Keyring"


def _secret_service():
    try:
        from keyring.backends import SecretService

        backend = SecretService.Keyring()
        backend.get_password(SERVICE, "probe")  # raises when no service or it is locked
        return backend
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("CLOSEOUT_SECRET_SERVICE") == "1":
            pytest.fail(f"CI started a Secret Service but it is not usable: {exc!r}")
        pytest.skip(f"no Secret Service here ({type(exc).__name__}); .ci/run starts one")


@pytest.fixture
def secret_service():
    backend = _secret_service()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.mark.secret_service
def test_round_trip_in_the_real_store(secret_service):
    store = KeyringStore()
    terminal_id = uuid.uuid4().hex
    store.check()
    store.set(terminal_id, "real-store-secret-1")
    assert store.get(terminal_id) == "real-store-secret-1"
    assert secret_service.get_password(SERVICE, terminal_id) == "real-store-secret-1"
    store.delete(terminal_id)
    with pytest.raises(SecretMissing):
        store.get(terminal_id)
    store.delete(terminal_id)  # deleting what is gone is fine


@pytest.mark.secret_service
def test_cli_process_stores_only_in_the_secret_service(secret_service, tmp_path):
    env = dict(os.environ, CLOSEOUT_HOME=str(tmp_path / "home"), PYTHON_KEYRING_BACKEND=BACKEND)
    secret = f"cli-real-{uuid.uuid4().hex[:12]}"
    add = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "terminal",
            "add",
            "sunbay",
            "Bar",
            "--app-id",
            "app_1",
            "--merchant-id",
            "mch_1",
            "--terminal-sn",
            "T1",
            "--channel-code",
            "TSYS",
            "--api-key-stdin",
            "--no-check",
        ],
        input=secret + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert add.returncode == 0, add.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "app", "terminal", "list", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    [terminal] = json.loads(listed.stdout)
    assert secret_service.get_password(SERVICE, terminal["id"]) == secret
    for path in (tmp_path / "home").rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    assert secret not in listed.stdout + add.stdout + add.stderr
    removed = subprocess.run(
        [sys.executable, "-m", "app", "terminal", "remove", "Bar", "--yes"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert removed.returncode == 0, removed.stderr
    assert secret_service.get_password(SERVICE, terminal["id"]) is None


def test_no_store_is_explained_never_plaintext(tmp_path):
    """With keyring's fail backend (what headless Linux gets), say what to install; store nothing."""
    env = dict(os.environ, CLOSEOUT_HOME=str(tmp_path / "home"), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    add = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "terminal",
            "add",
            "sunbay",
            "Bar",
            "--app-id",
            "app_1",
            "--merchant-id",
            "mch_1",
            "--terminal-sn",
            "T1",
            "--channel-code",
            "TSYS",
            "--api-key-stdin",
        ],
        input="sk_test_never_stored\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert add.returncode == 2
    assert "No OS credential store" in add.stderr and "gnome-keyring" in add.stderr
    assert "Traceback" not in add.stderr
    for path in (tmp_path / "home").rglob("*"):
        if path.is_file():
            assert b"sk_test_never_stored" not in path.read_bytes()
