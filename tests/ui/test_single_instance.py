"""One window per user and home: real local sockets and lock files, a real crashed process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalSocket

from app.ui import single_instance
from app.ui.single_instance import SingleInstance, notify_running_instance, server_name

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def name():
    """A fresh name per test, so tests (and a Closeout running on this machine) never meet."""
    return f"closeout-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def instances(qapp):
    made: list[SingleInstance] = []

    def make(name: str) -> SingleInstance:
        instance = SingleInstance(name)
        made.append(instance)
        return instance

    yield make
    for instance in made:
        instance.release()


def test_first_claim_wins_and_listens(instances, name):
    first = instances(name)
    assert first.claim()
    assert first.listening
    assert first.claim()  # asking again changes nothing


def test_different_names_do_not_clash(instances, name):
    one, two = instances(name + "-a"), instances(name + "-b")
    assert one.claim()
    assert two.claim()
    assert one.listening and two.listening


def test_second_claim_fails_and_pings_the_first(qtbot, instances, name):
    first, second = instances(name), instances(name)
    assert first.claim()
    assert not second.claim()
    assert not second.listening
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert notify_running_instance(second.name)
    # Every later start pings again.
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert notify_running_instance(name)


def test_other_messages_do_not_activate(qtbot, instances, name):
    first = instances(name)
    assert first.claim()
    socket = QLocalSocket()
    socket.connectToServer(name)
    assert socket.waitForConnected(2000)
    socket.write(b"GET / HTTP/1.1\r\n\r\n")
    socket.waitForBytesWritten(2000)
    socket.disconnectFromServer()
    with qtbot.assertNotEmitted(first.activated, wait=300):
        pass


def test_release_lets_the_next_start_claim(instances, name):
    first, second = instances(name), instances(name)
    assert first.claim()
    first.release()
    assert second.claim()
    assert second.listening


def test_nobody_to_notify(qapp, name):
    assert not notify_running_instance(name, timeout_ms=300)


def test_a_crashed_instance_does_not_block_the_next_start(qtbot, instances, name):
    """A process killed while it held the claim leaves its lock file and (on Unix) its socket file."""
    child = textwrap.dedent("""
        import sys, time
        from PySide6.QtCore import QCoreApplication
        from app.ui.single_instance import SingleInstance
        app = QCoreApplication([])
        instance = SingleInstance(sys.argv[1])
        print("claimed" if instance.claim() and instance.listening else "refused", flush=True)
        time.sleep(120)
    """)
    proc = subprocess.Popen([sys.executable, "-c", child, name], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "claimed"
        assert not instances(name).claim()  # alive: its claim holds
    finally:
        proc.kill()  # SIGKILL / TerminateProcess: no clean-up at all
        proc.wait(timeout=30)
    temp = Path(QDir.tempPath())
    assert (temp / f"{name}.lock").exists()
    if sys.platform != "win32":
        assert (temp / name).exists()  # the dead server's socket file

    after = instances(name)
    assert after.claim()
    assert after.listening
    with qtbot.waitSignal(after.activated, timeout=5000):
        assert notify_running_instance(name)


def test_server_name_is_per_user_and_home(monkeypatch, tmp_path):
    shop, other = tmp_path / "shop", tmp_path / "other"
    assert server_name(shop) == server_name(shop)
    assert server_name(shop) != server_name(other)
    assert server_name(shop).startswith("closeout-") and len(server_name(shop)) < 40  # fits a Unix socket path

    monkeypatch.setenv("CLOSEOUT_HOME", str(shop))
    assert server_name() == server_name(shop)  # the home the window opens

    monkeypatch.setattr(single_instance.getpass, "getuser", lambda: "someone-else")
    assert server_name(shop) != server_name(other)
    monkeypatch.undo()
    mine = server_name(shop)
    monkeypatch.setattr(single_instance.getpass, "getuser", lambda: "someone-else")
    assert server_name(shop) != mine


def test_an_unusable_temp_folder_never_stops_the_start(instances, name):
    """No lock file can be made there (here: a folder that does not exist): start anyway, unguarded."""
    odd = instances(f"{name}-missing-folder/inside")
    assert odd.claim()
