"""Shared fixtures: offscreen Qt, a temporary home, an in-memory keyring, the simulator."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")  # qasync must bind to PySide6
os.environ["LC_ALL"] = "C.UTF-8"  # the CLI speaks the system's language: the tests read English

from pathlib import Path  # noqa: E402

import keyring  # noqa: E402
import keyring.backend  # noqa: E402
import keyring.errors  # noqa: E402
import pytest  # noqa: E402

from app.core.home import Home  # noqa: E402


class MemoryKeyring(keyring.backend.KeyringBackend):
    """keyring's own backend interface, kept in memory: the store tests can inspect."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.values:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.values[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Home:
    root = tmp_path / "home"
    monkeypatch.setenv("CLOSEOUT_HOME", str(root))
    return Home(root).ensure()


@pytest.fixture
def sim_server():
    """A fresh simulator behind a real loopback socket: (simulator, "http://127.0.0.1:PORT")."""
    from app.simulator import LoopbackServer, Simulator

    sim = Simulator()
    with LoopbackServer(sim.app) as server:
        yield sim, server.url


@pytest.fixture
def unused_port() -> int:
    """A loopback port nothing listens on (connection refused)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- a real PostgreSQL for the chain tests (tests/pgcluster.py) ------------------------------------------


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster on loopback, as an unprivileged user, in a temp folder. Skipped only
    when no PostgreSQL binaries exist; ``.ci/run`` installs them and sets CLOSEOUT_POSTGRES=1 (then a
    missing server fails instead of skipping)."""
    from pgcluster import remove_cluster, start_cluster

    cluster = start_cluster()
    if cluster is None:
        if os.environ.get("CLOSEOUT_POSTGRES") == "1":
            pytest.fail("CLOSEOUT_POSTGRES=1 but no PostgreSQL binaries (initdb, pg_ctl) were found")
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl) on this machine")
    try:
        yield cluster
    finally:
        remove_cluster(cluster)


@pytest.fixture
def chain_db(pg_cluster):
    """A fresh chain database and a role with exactly the README's privileges (CONNECT and CREATE on the
    database, nothing else): (url without password, password, superuser DSN of that database, cluster)."""
    import uuid

    import psycopg

    name = f"chain_{uuid.uuid4().hex[:10]}"
    password = f"pw-{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_cluster.admin_dsn(), autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
        admin.execute(f"CREATE DATABASE {name}")
        admin.execute(f"REVOKE ALL ON DATABASE {name} FROM PUBLIC")
        admin.execute(f"GRANT CONNECT, CREATE ON DATABASE {name} TO {name}")
    yield pg_cluster.url(name, name), password, pg_cluster.admin_dsn(name), pg_cluster
