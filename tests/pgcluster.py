"""A throwaway PostgreSQL cluster for the chain tests and benches.

It lives in a temporary folder, listens on 127.0.0.1 only (and a Unix socket in that folder), and runs
as an unprivileged user: PostgreSQL refuses to run as root, so under root the cluster belongs to
``nobody`` and every server command runs through ``runuser``. The superuser ``postgres`` connects over
the socket without a password; other roles log in over TCP with a SCRAM password, as a shop PC would.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"


def find_bin_dir() -> Path | None:
    """The folder of initdb/pg_ctl: PATH first, then Debian's and the source build's places."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    for pattern in ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/opt/homebrew/opt/postgresql*/bin"):
        for folder in sorted(glob.glob(pattern), reverse=True):
            if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
                return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    bin_dir: Path
    root: Path
    port: int
    run_as: str | None  # the unprivileged user when we are root

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def _run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bin_dir / argv[0]), *argv[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)

    def init(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text("postgres-test\n")
        if self.run_as:
            shutil.chown(self.root, self.run_as)
            shutil.chown(pwfile, self.run_as)
        self.socket_dir.mkdir()
        if self.run_as:
            shutil.chown(self.socket_dir, self.run_as)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            f"--pwfile={pwfile}",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )

    def start(self) -> None:
        opts = (
            f"-k {self.socket_dir} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c max_connections=200 -c shared_buffers=64MB"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", opts, "-w", "-t", "60", "start"
        )

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", check=False)

    def admin_dsn(self, dbname: str = "postgres") -> str:
        """The superuser over the Unix socket (trust): for setting up roles and databases in tests."""
        return f"host={self.socket_dir} port={self.port} user={SUPERUSER} dbname={dbname}"

    def url(self, user: str, dbname: str) -> str:
        """What a shop PC is given: a postgresql:// address without the password."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}"


def start_cluster() -> Cluster | None:
    """A running cluster, or None when no PostgreSQL binaries are installed."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return None
    run_as = None
    if os.geteuid() == 0:
        run_as = "nobody"
    root = Path(tempfile.mkdtemp(prefix="closeout-pg-"))
    os.chmod(root, 0o700)
    cluster = Cluster(bin_dir, root, _free_port(), run_as)
    cluster.init()
    cluster.start()
    _watch(cluster)
    return cluster


def _watch(cluster: Cluster) -> None:
    """Stop and remove the cluster when this process dies without tearing down (an abort, SIGKILL):
    a watchdog shell waits for our pid to go, then stops the server and deletes the folder."""
    stop = " ".join(["runuser", "-u", cluster.run_as, "--"] if cluster.run_as else [])
    script = (
        f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done; "
        f"{stop} '{cluster.bin_dir / 'pg_ctl'}' -D '{cluster.data}' -m immediate -w stop >/dev/null 2>&1; "
        f"rm -rf '{cluster.root}'"
    )
    subprocess.Popen(
        ["sh", "-c", script],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def remove_cluster(cluster: Cluster) -> None:
    cluster.stop("immediate")
    shutil.rmtree(cluster.root, ignore_errors=True)
