"""Damaged state: the history file, the home folder, the disk, the credential store.

Each case goes through the CLI (in this process, on a temporary home) and checks: a clear message,
the existing data kept (a damaged file moved aside, never deleted), nothing sent when nothing can be
recorded, and no traceback. A full disk and a read-only home use a real tmpfs (we run as root in CI);
where mounting is not permitted those cases are skipped, saying why.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

from app.core.engine import CloseEngine, RetryPolicy
from app.core.history import History, HistoryError
from app.core.http import make_client
from app.core.secrets import MemoryStore
from reliability_kit import add_terminals_directly, add_to_simulator, cli_add_args, settings_for
from reliability_report import REPORT

SP_SECRET = "dmg-sp-pw-31c7a0"
SB_SECRET = "sk_test_dmg_77aa01fe"
CLOSE = ["close", "--all", "--yes", "--retry-delay", "0.01", "--timeout", "5"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shop(sim_server, cli, home):
    """Two terminals added through the CLI, one close each already in the history."""
    sim, url = sim_server
    keys = {}
    for n, provider in enumerate(("saferpay", "sunbay"), start=1):
        keys[provider] = add_to_simulator(sim, provider, n, password=SP_SECRET, api_key=SB_SECRET)
        secret = SP_SECRET if provider == "saferpay" else SB_SECRET
        name = "Counter" if provider == "saferpay" else "Bar"
        added = cli(*cli_add_args(provider, name, settings_for(provider, keys[provider], url)), stdin=secret + "\n")
        assert added.code == 0, added.err
    assert cli(*CLOSE).code == 0
    assert sim.total_closes() == 2
    return sim, keys


def damaged(scenario: str, result: str, message: str) -> None:
    REPORT.damaged_state(scenario, result, message.replace("closeout: ", "").strip())
    REPORT.add("damaged_states")


# -- the history file ----------------------------------------------------------------------------------------


def assert_moved_aside(cli, home, original: bytes) -> str:
    listed = cli("terminal", "list")
    assert listed.code == 0
    assert "damaged" in listed.err and "moved aside" in listed.err and "nothing was deleted" in listed.err
    [aside] = sorted(home.root.glob("history.db.damaged-*[0-9]"))
    assert aside.read_bytes() == original, "the damaged file must be kept exactly as it was"
    assert aside.name in listed.err
    return listed.err


def test_corrupted_history_is_moved_aside_and_the_cli_keeps_working(cli, home, shop, sim_server):
    sim, url = sim_server
    garbage = random.Random(6).randbytes(64 * 1024)
    home.db_path.write_bytes(garbage)
    notice = assert_moved_aside(cli, home, garbage)
    # The CLI keeps working on a new history: add a terminal again and close it.
    added = cli(*cli_add_args("sunbay", "Bar", settings_for("sunbay", shop[1]["sunbay"], url)), stdin=SB_SECRET + "\n")
    assert added.code == 0, added.err
    again = cli(*CLOSE, "--force")
    assert again.code == 0, again.text
    assert [r["outcome"] for r in json.loads(cli("history", "--json").out)] == ["closed"]
    damaged("history file overwritten with random bytes", "moved aside (kept), new history, exit 0", notice)


def test_truncated_history_is_moved_aside_and_the_cli_keeps_working(cli, home, shop, sim_server):
    sim, url = sim_server
    original = home.db_path.read_bytes()
    cut = original[: len(original) // 3]
    home.db_path.write_bytes(cut)
    notice = assert_moved_aside(cli, home, cut)
    closed = cli(*CLOSE)
    assert closed.code == 2 and "No terminals are configured" in closed.err  # the new history is empty, says so
    damaged("history file truncated to a third", "moved aside (kept), new history, exit 0", notice)


def _corrupt_table_page(db_path: Path, table: str) -> None:
    """Overwrite the root page of one table with garbage; the schema page stays readable."""
    db = sqlite3.connect(db_path)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    [root] = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    db.close()
    with open(db_path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(random.Random(7).randbytes(page_size))


def test_history_damaged_inside_a_table_is_moved_aside(cli, home, shop):
    sim, _ = shop
    _corrupt_table_page(home.db_path, "terminals")
    before = digest(home.db_path)
    requests = len(sim.requests)
    listed = cli("terminal", "list")
    assert listed.code == 0 and "moved aside" in listed.err
    moved = [p for p in home.root.glob("history.db.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(moved) == 1 and digest(moved[0]) == before  # kept byte for byte, never deleted
    assert len(sim.requests) == requests
    damaged(
        "history damaged inside a table (schema intact)",
        "moved aside at the next start (page check), nothing sent, a fresh history",
        listed.err,
    )


def test_history_from_a_newer_closeout_is_left_untouched(cli, home, shop):
    sim, _ = shop
    db = sqlite3.connect(home.db_path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = digest(home.db_path)
    requests = len(sim.requests)
    for argv in (["terminal", "list"], CLOSE, ["history", "--json"], ["resolve", "--yes"]):
        done = cli(*argv)
        assert done.code == 2, done.text
        assert "newer Closeout" in done.err and "Update Closeout" in done.err and "untouched" in done.err
        assert done.out == ""
    assert digest(home.db_path) == before
    assert len(sim.requests) == requests
    assert not list(home.root.glob("history.db.damaged-*"))
    damaged("history written by a newer Closeout (schema 99)", "exit 2, file untouched, nothing sent", done.err)


# -- the home folder and the disk ------------------------------------------------------------------------------


def test_home_under_a_regular_file_is_explained(cli, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("keep me")
    monkeypatch.setenv("CLOSEOUT_HOME", str(blocker / "home"))
    for argv in (["terminal", "list"], CLOSE):
        done = cli(*argv)
        assert done.code == 2
        assert "cannot write to its folder" in done.err and "CLOSEOUT_HOME" in done.err
    assert blocker.read_text() == "keep me"
    damaged("home folder cannot be created (CLOSEOUT_HOME under a regular file)", "exit 2, nothing sent", done.err)


def _mount_tmpfs(target: Path, size: str) -> None:
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip(
            "mounting a small tmpfs needs root on Linux; a full disk and a read-only home cannot be "
            "simulated safely otherwise"
        )
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(target)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(
            f"mount -t tmpfs is not permitted here ({done.stderr.strip() or done.returncode}); a full "
            f"disk and a read-only home cannot be simulated safely without it"
        )


def close_log_files() -> None:
    """The CLI leaves its log file open (one handler per process): close it so the disk can be remounted."""
    import logging

    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_closeout", False):
            root.removeHandler(handler)
            handler.close()


@contextmanager
def small_disk(tmp_path: Path, size: str = "8m"):
    target = tmp_path / "disk"
    _mount_tmpfs(target, size)
    try:
        yield target
    finally:
        close_log_files()
        if subprocess.run(["umount", str(target)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(target)], capture_output=True)


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte (a filler file), and return the filler."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as f:
        for chunk in (1 << 20, 1 << 12, 1 << 9, 1):
            try:
                while True:
                    f.write(b"\0" * chunk)
            except OSError:
                continue
    return filler


def home_on(disk: Path, monkeypatch, sim, url, cli) -> Path:
    root = disk / "home"
    monkeypatch.setenv("CLOSEOUT_HOME", str(root))
    key = add_to_simulator(sim, "sunbay", 9, password=SP_SECRET, api_key=SB_SECRET)
    added = cli(*cli_add_args("sunbay", "Bar", settings_for("sunbay", key, url)), stdin=SB_SECRET + "\n")
    assert added.code == 0, added.err
    return root


def test_full_disk_is_explained_and_nothing_is_sent(cli, tmp_path, monkeypatch, sim_server):
    sim, url = sim_server
    with small_disk(tmp_path) as disk:
        root = home_on(disk, monkeypatch, sim, url, cli)
        before = digest(root / "history.db")
        filler = fill(disk)
        requests = len(sim.requests)
        done = cli(*CLOSE)
        assert done.code == 2, done.text
        assert "disk" in done.err and "full" in done.err and "Free some disk space" in done.err
        assert len(sim.requests) == requests
        assert digest(root / "history.db") == before
        filler.unlink()
        # Space again: everything works, with the old data.
        again = cli(*CLOSE)
        assert again.code == 0, again.text
        assert [r["name"] for r in json.loads(cli("history", "--json").out)] == ["Bar"]
        assert sim.total_closes() == 1
    damaged(
        "disk full (a full 8 MB tmpfs)", "exit 2 before anything is sent; works again once space is freed", done.err
    )


def test_read_only_home_is_explained_and_nothing_is_sent(cli, tmp_path, monkeypatch, sim_server):
    sim, url = sim_server
    with small_disk(tmp_path) as disk:
        root = home_on(disk, monkeypatch, sim, url, cli)
        before = digest(root / "history.db")
        close_log_files()
        remount = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True, text=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount the tmpfs read-only: {remount.stderr.strip()}")
        done = cli(*CLOSE)
        assert done.code == 2, done.text
        assert "cannot write to its folder" in done.err and "Read-only file system" in done.err
        assert sim.requests == []
        assert digest(root / "history.db") == before
    damaged("home on a read-only file system", "exit 2, nothing sent, data kept", done.err)


class FailingHistory(History):
    """The history of a disk that fills up: writes for the chosen terminals fail (the edge we cannot cause
    deterministically: the tmpfs test below does it for real)."""

    fail_start_for: set[str] = set()
    fail_attempt_after_first_for: set[str] = set()

    def start_close(self, terminal, *args, **kwargs):
        if terminal.id in self.fail_start_for:
            raise HistoryError("The disk holding history.db is full. Free some space; no close was lost.")
        return super().start_close(terminal, *args, **kwargs)

    def record_attempt(self, close_id, attempts):
        row = self.close_row(close_id)
        if row is not None and row.terminal_id in self.fail_attempt_after_first_for and attempts > 1:
            raise HistoryError("The disk holding history.db is full. Free some space; no close was lost.")
        return super().record_attempt(close_id, attempts)


def test_a_history_error_on_one_terminal_does_not_cut_off_the_others(sim_server, home):
    """Regression (engine.py): a HistoryError for one terminal used to escape engine.close(), cancelling every
    other terminal's close mid-request and losing their outcomes (the CLI then said exit 2, "nothing sent")."""
    sim, url = sim_server
    history = FailingHistory(home.db_path, home.lock_dir)
    store = MemoryStore()
    keys = [add_to_simulator(sim, "sunbay", n, password=SP_SECRET, api_key=SB_SECRET, latency=0.3) for n in (1, 2, 3)]
    a, b, c = add_terminals_directly(
        history,
        store,
        [(f"T{n}", "sunbay", settings_for("sunbay", key, url), SB_SECRET) for n, key in enumerate(keys, 1)],
    )
    from app.simulator import Fault

    sim.script(keys[2], [Fault.lost_after()])  # c's first answer is lost; its second attempt cannot be recorded
    history.fail_start_for = {b.id}
    history.fail_attempt_after_first_for = {c.id}

    async def run():
        async with make_client() as client:
            engine = CloseEngine(history, store, client, policy=RetryPolicy(timeout=5, backoff_base=0.01))
            try:
                return await engine.close([a, b, c])
            finally:
                engine.shutdown()

    try:
        oa, ob, oc = asyncio.run(run())
        assert (oa.outcome, ob.outcome, oc.outcome) == ("closed", "failed", "in_doubt")
        assert "disk holding history.db is full" in ob.message and "nothing was sent" in ob.message
        assert "No further attempt was sent" in oc.message and "may have gone through" in oc.message
        assert [sim.close_count(k) for k in keys] == [1, 0, 1]
        assert [r.outcome for r in history.closes(terminal_id=c.id)] == ["in_doubt"]
        assert history.closes(terminal_id=b.id) == []
    finally:
        history.close()


def test_disk_filling_up_during_a_run_forgets_no_close(tmp_path, sim_server):
    """A real full disk in the middle of a run: every terminal gets an outcome, and once there is space again
    every close the provider saw is in the history as closed or in doubt."""
    sim, url = sim_server
    with small_disk(tmp_path) as disk:
        root = disk / "home"
        history = History(root / "history.db", root / "locks")
        store = MemoryStore()
        keys = [
            add_to_simulator(sim, "sunbay", n, password=SP_SECRET, api_key=SB_SECRET, latency=0.1 * n)
            for n in range(1, 7)
        ]
        terminals = add_terminals_directly(
            history,
            store,
            [(f"T{n}", "sunbay", settings_for("sunbay", key, url), SB_SECRET) for n, key in enumerate(keys, 1)],
        )
        filled = []

        def on_event(event):
            if event.status == "sending" and not filled:
                filled.append(fill(disk))  # the disk fills while the first requests are on their way

        async def run():
            async with make_client() as client:
                engine = CloseEngine(
                    history, store, client, policy=RetryPolicy(concurrency=3, timeout=5, backoff_base=0.01)
                )
                try:
                    return await engine.close(terminals, on_event=on_event)
                finally:
                    engine.shutdown()

        outcomes = asyncio.run(run())
        history.close()
        assert len(outcomes) == 6 and all(o.outcome in ("closed", "failed", "in_doubt") for o in outcomes)
        assert any(o.outcome == "failed" and "nothing was sent" in o.message for o in outcomes)
        assert all(sim.close_count(k) <= 1 for k in keys)
        filled[0].unlink()
        reopened = History(root / "history.db", root / "locks")
        try:
            by_request = {r.request_id: r for r in reopened.closes()}
            for key in keys:
                for record in sim.closes(key):
                    assert by_request[record.request_id].outcome in ("closed", "in_doubt")
            assert all(r.outcome != "sending" for r in reopened.closes())
        finally:
            reopened.close()
        REPORT.add("closes_lost", 0)


# -- the credential store --------------------------------------------------------------------------------------


class LockedKeyring(keyring.backend.KeyringBackend):
    """A keyring that is locked (what a locked GNOME Keyring or macOS Keychain answers)."""

    @keyring.backend.properties.classproperty
    def priority(cls) -> float:  # noqa: N805 - never picked by keyring's auto-detection: tests set it
        raise RuntimeError("test-only backend")

    locked_after = 0  # calls that still work before it locks

    def __init__(self, values: dict | None = None) -> None:
        super().__init__()
        self.values = dict(values or {})
        self.calls = 0

    def _maybe_locked(self) -> None:
        self.calls += 1
        if self.calls > self.locked_after:
            raise keyring.errors.KeyringLocked("Failed to unlock the collection")

    def get_password(self, service, username):
        self._maybe_locked()
        return self.values.get((service, username))

    def set_password(self, service, username, password):
        self._maybe_locked()
        self.values[(service, username)] = password

    def delete_password(self, service, username):
        self._maybe_locked()
        self.values.pop((service, username), None)


class BrokenKeyring(LockedKeyring):
    def _maybe_locked(self) -> None:
        raise RuntimeError("org.freedesktop.DBus.Error.ServiceUnknown")


@pytest.mark.parametrize(
    "backend, words, scenario",
    [
        (fail.Keyring, ("No OS credential store", "never stores keys in plain text"), "no credential store"),
        (LockedKeyring, ("locked", "Unlock it"), "credential store locked"),
        (BrokenKeyring, ("credential store failed", "RuntimeError"), "credential store failing (D-Bus error)"),
    ],
    ids=["missing", "locked", "broken"],
)
def test_credential_store_missing_locked_or_broken_sends_nothing(
    cli, home, shop, memory_keyring, backend, words, scenario
):
    sim, _ = shop
    rows = cli("history", "--json").out
    keyring.set_keyring(backend())
    requests = len(sim.requests)
    done = cli(*CLOSE)
    assert done.code == 2, done.text
    for word in words:
        assert word in done.err
    assert "Nothing was sent" in done.err
    nothing = cli("resolve", "--yes")
    assert nothing.code == 0 and "No close is in doubt" in nothing.err  # nothing to re-send: no store needed
    added = cli(
        "terminal",
        "add",
        "sunbay",
        "New",
        "--app-id",
        "a",
        "--merchant-id",
        "m",
        "--terminal-sn",
        "S9",
        "--channel-code",
        "C",
        "--api-key-stdin",
        stdin="sk_test_never_stored_1\n",
    )
    assert added.code == 2 and words[0] in added.err
    assert len(sim.requests) == requests
    assert cli("history", "--json").out == rows
    assert [t["name"] for t in json.loads(cli("terminal", "list", "--json").out)] == ["Counter", "Bar"]
    damaged(scenario, "exit 2, nothing sent, nothing stored", done.err)


def test_credential_store_locking_during_a_run_fails_each_terminal_clearly(cli, home, shop, memory_keyring):
    sim, _ = shop
    locking = LockedKeyring(memory_keyring.values)
    locking.locked_after = 1  # the availability check passes, then the store locks
    keyring.set_keyring(locking)
    requests = len(sim.requests)
    done = cli(*CLOSE, "--force")
    assert done.code == 1, done.text
    lines = [ln for ln in done.out.splitlines() if ln.startswith("  ")]
    assert len(lines) == 2 and all("failed: The OS credential store is locked" in ln for ln in lines)
    assert all("Nothing was sent" in ln for ln in lines)
    assert len(sim.requests) == requests
    damaged("credential store locking during a run", "each terminal failed, nothing sent, exit 1", lines[0])


def test_secret_deleted_behind_the_apps_back(cli, home, shop, memory_keyring):
    sim, keys = shop
    [counter] = [t for t in json.loads(cli("terminal", "list", "--json").out) if t["name"] == "Counter"]
    del memory_keyring.values[("Closeout", counter["id"])]
    requests = len(sim.requests)
    done = cli(*CLOSE, "--force")
    assert done.code == 1, done.text
    [line] = [ln for ln in done.out.splitlines() if ln.startswith("  Counter:")]
    assert "failed" in line and "not in the OS credential store" in line and "Nothing was sent" in line
    assert "Edit the terminal and enter it again" in line
    counter_requests = [r for r in sim.requests[requests:] if r.json and r.json.get("TerminalId") == keys["saferpay"]]
    assert counter_requests == []
    assert sim.close_count(keys["saferpay"]) == 1 and sim.close_count(keys["sunbay"]) == 2  # Bar still closed
    history = json.loads(cli("history", "--json", "--terminal", "Counter").out)
    assert [r["outcome"] for r in history] == ["closed"]  # no row for a close that was never started
    damaged(
        "a secret deleted from the keyring behind the app's back",
        "that terminal failed, nothing sent for it; the others closed; exit 1",
        line,
    )


def _cli_run_while_the_disk_fills(cli, tmp_path, monkeypatch, sim_server):
    """``closeout close --all`` on a home whose disk fills while three closes are on their way."""
    import threading

    sim, url = sim_server
    disk_cm = small_disk(tmp_path)
    disk = disk_cm.__enter__()
    try:
        home_on(disk, monkeypatch, sim, url, cli)
        keys = [
            add_to_simulator(sim, "sunbay", 20 + n, password=SP_SECRET, api_key=SB_SECRET, latency=3.0)
            for n in range(3)
        ]
        for n, key in enumerate(keys):
            assert (
                cli(*cli_add_args("sunbay", f"Till {n}", settings_for("sunbay", key, url)), stdin=SB_SECRET + "\n").code
                == 0
            )

        def bar_recorded() -> bool:
            # Bar answers at once: its close must be on disk before the disk fills, however busy the machine.
            try:
                db = sqlite3.connect(f"file:{disk / 'home' / 'history.db'}?mode=ro", uri=True)
                try:
                    found = db.execute(
                        "SELECT 1 FROM closes WHERE terminal_name = 'Bar' AND outcome = 'closed'"
                    ).fetchone()
                finally:
                    db.close()
            except sqlite3.Error:
                return False
            return found is not None

        def fill_once_the_requests_are_out() -> None:
            # The disk fills while the three slow closes are at the provider, waiting for their answers.
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                out = sum(1 for r in sim.requests if r.json and r.json.get("terminalSn") in keys)
                if out == 3 and bar_recorded():
                    fill(disk)
                    return
                time.sleep(0.005)

        filler = threading.Thread(target=fill_once_the_requests_are_out)
        filler.start()
        done = cli(*CLOSE)
        filler.join()
        (disk / "filler").unlink()
        return sim, keys, done, disk_cm
    except BaseException:
        disk_cm.__exit__(None, None, None)
        raise


def test_disk_filling_up_during_a_cli_run_reports_every_close_and_resolve_settles_them(
    cli, tmp_path, monkeypatch, sim_server
):
    sim, keys, done, disk_cm = _cli_run_while_the_disk_fills(cli, tmp_path, monkeypatch, sim_server)
    try:
        assert "Traceback" not in done.err and "Logging error" not in done.err
        assert done.out.startswith("Summary: 4 closed")  # the provider answered: each close is reported
        assert done.err.count("(The history could not be updated:") == 3  # ...and that it could not be recorded
        rows = json.loads(cli("history", "--json").out)
        assert sorted(r["outcome"] for r in rows) == ["closed", "in_doubt", "in_doubt", "in_doubt"]
        settled = cli("resolve", "--yes", "--retry-delay", "0.01", "--timeout", "5")
        assert settled.code == 0, settled.text
        assert [sim.close_count(k) for k in keys] == [1, 1, 1]  # re-sent with the same ids: no second close
        assert {r["outcome"] for r in json.loads(cli("history", "--json").out)} == {"closed"}
        damaged(
            "disk filling up while closes are on their way",
            "closes reported; history shows them in doubt; `resolve` confirms them without a second close",
            done.err.splitlines()[-1].split("] ", 1)[1],
        )
    finally:
        disk_cm.__exit__(None, None, None)


def test_disk_filling_up_during_a_run_says_the_disk_is_full(cli, tmp_path, monkeypatch, sim_server):
    sim, keys, done, disk_cm = _cli_run_while_the_disk_fills(cli, tmp_path, monkeypatch, sim_server)
    disk_cm.__exit__(None, None, None)
    assert "disk" in done.err.split("(The history could not be updated:")[1] and "is full" in done.err
