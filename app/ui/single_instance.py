"""One window per user and home: a second start brings the first window forward and exits.

Two windows on the same home could both close the same terminals (the history's locks keep that from
doubling a close, but the shop owner would see two windows disagree). So the window claims its home:

    instance = SingleInstance()              # named after the user and the home (CLOSEOUT_HOME)
    if not instance.claim():                 # someone else has this home open
        notify_running_instance(instance.name)
        return 0
    instance.activated.connect(lambda: bring_to_front(window))

Who is first is decided by a QLockFile, which is atomic and notices a holder that crashed (its process is
gone); the first then listens on a QLocalServer of the same name for later starts. A socket or pipe left
behind by a crash is removed before listening (QLocalServer.removeServer), so it never blocks a start.
The demo opens its own throwaway home and does not claim anything.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from app.core.home import default_root

log = logging.getLogger(__name__)

MESSAGE = b"activate\n"
MAX_MESSAGE = 256  # bytes read from one connection; anything longer is not ours


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment (services, some containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def server_name(home: Path | str | None = None) -> str:
    """``closeout-<hash of user and home>``: one name per user and home folder, short enough for any OS.

    The name becomes a socket file in the temp folder (Unix) or a named pipe (Windows), where every user's
    names meet: hence the user in the hash.
    """
    root = Path(home) if home is not None else default_root()
    try:
        root = root.expanduser().resolve()
    except OSError:
        root = root.expanduser().absolute()
    key = f"{_user()}\0{os.path.normcase(str(root))}"
    return "closeout-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


class SingleInstance(QObject):
    """The claim on one home. ``activated`` is emitted each time another start asks us to come forward."""

    activated = Signal()

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name or server_name()
        self._lock = QLockFile(str(Path(QDir.tempPath()) / f"{self._name}.lock"))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None
        self._claimed = False

    @property
    def name(self) -> str:
        return self._name

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def claim(self) -> bool:
        """True: we are the first for this name, and listen for later starts. False: another process
        (or another SingleInstance in this one) has it: call notify_running_instance() and exit."""
        if self._claimed:
            return True
        if self._lock.tryLock(0):
            # We hold the lock, so whatever socket has this name was left by a process that is gone.
            QLocalServer.removeServer(self._name)
        elif self._lock.error() == QLockFile.LockError.LockFailedError:
            return False  # a live process holds it
        else:
            # The temp folder is not writable or similar: never refuse to start over that.
            log.warning(
                "single instance: cannot create %s.lock (%s): starting unguarded", self._name, self._lock.error().name
            )
        self._claimed = True
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # only this user may ping us
        server.newConnection.connect(self._on_new_connection)
        if not server.listen(self._name):
            # Still the first: we just cannot be brought forward. Never refuse to start over this.
            log.warning("single instance: cannot listen on %s: %s", self._name, server.errorString())
            server.deleteLater()
            return True
        self._server = server
        return True

    def release(self) -> None:
        """Stop listening and give the claim up (also done when the process ends)."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._claimed:
            self._lock.unlock()  # nothing to do if the lock could not be taken
            self._claimed = False

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                break
            socket.setParent(self)
            self._serve(socket)

    def _serve(self, socket: QLocalSocket) -> None:
        """Read one line from a later start; emit ``activated`` if it is ours."""
        buffer = bytearray()
        done = False

        def read() -> None:
            nonlocal done
            if done:
                return
            buffer.extend(bytes(socket.read(MAX_MESSAGE - len(buffer))))
            ended = socket.state() != QLocalSocket.LocalSocketState.ConnectedState
            if b"\n" not in buffer and len(buffer) < MAX_MESSAGE and not ended:
                return  # wait for the rest
            done = True
            socket.disconnectFromServer()
            socket.deleteLater()
            if bytes(buffer).split(b"\n", 1)[0] + b"\n" == MESSAGE:
                log.info("single instance: another start asked this window to come forward")
                self.activated.emit()

        socket.readyRead.connect(read)
        socket.disconnected.connect(read)
        if socket.bytesAvailable():
            read()


def notify_running_instance(name: str | None = None, timeout_ms: int = 2000) -> bool:
    """Ask the instance that holds ``name`` to come forward. True when the message was delivered.

    Blocking (no event loop needed): the second process calls it just before it exits.
    """
    if sys.platform.startswith("win"):
        # Windows only lets the foreground process give the foreground away: we were just started by the
        # user, so allow the running instance to raise its window.
        try:
            import ctypes

            ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
        except Exception:
            pass
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(timeout_ms):
        log.warning("single instance: cannot reach the running instance: %s", socket.errorString())
        return False
    written = socket.write(MESSAGE) == len(MESSAGE)
    delivered = written and (socket.bytesToWrite() == 0 or socket.waitForBytesWritten(timeout_ms))
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(timeout_ms)
    return delivered


def bring_to_front(window: QWidget) -> None:
    """Show the window above the others: restored if minimized, raised and focused."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
