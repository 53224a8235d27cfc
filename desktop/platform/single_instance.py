"""One Study Desk per library: a second start hands its file to the running one and exits.

The running instance holds a QLockFile in the data folder. The file records its process, so
a lock left by a killed Study Desk is recognised as stale and reclaimed by the next start
(no age limit: a long-running instance is never mistaken for a dead one).

Messages travel over a QLocalServer whose socket lives in a folder only this user can enter
(the runtime folder, else a 0700 folder of our own), created with UserAccessOption; on Linux
the peer's uid is checked as well. Reading is asynchronous and bounded: one line of at most
MAX_MESSAGE_BYTES, completed within READ_TIMEOUT_MS, at most MAX_PENDING connections at once.
A valid message is answered with ACK, and only then acted on.
"""

from __future__ import annotations

import enum
import hashlib
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal

if TYPE_CHECKING:  # QtNetwork is imported where it is used: after the window's first paint
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE = "raise"
OPEN = "open "  # followed by an absolute path
ACK = b"ok\n"
LOCK_FILE_NAME = "studydesk.lock"
MAX_MESSAGE_BYTES = 64 * 1024  # one line, without its newline
READ_TIMEOUT_MS = 2000
MAX_PENDING = 8
# sockaddr_un holds 104 (macOS) or 108 (Linux) bytes; keep clear of both.
MAX_SOCKET_PATH_BYTES = 100


class LockState(enum.Enum):
    ACQUIRED = "acquired"  # this is the only instance; the lock is held until release()
    HELD_ELSEWHERE = "held elsewhere"  # another running Study Desk holds it
    UNAVAILABLE = "unavailable"  # the lock file cannot be created (read-only, no permission)


def is_valid_message(text: str) -> bool:
    if text == RAISE:
        return True
    if not text.startswith(OPEN) or "\0" in text:
        return False
    return os.path.isabs(text[len(OPEN) :])


def _private_folder(folder: Path, *, ours: bool) -> bool:
    """True if ``folder`` is a real folder (not a link) of this user that nobody else can
    enter. ``ours``: create it if missing, and tighten its mode if needed."""
    try:
        if ours:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(status.st_mode):
        return False
    if hasattr(os, "getuid") and status.st_uid != os.getuid():
        return False
    if status.st_mode & 0o077:
        if not ours:
            return False
        try:
            os.chmod(folder, 0o700)
        except OSError:
            return False
    return os.access(folder, os.W_OK | os.X_OK)


def _same_user(connection: QLocalSocket) -> bool:
    """On Linux, the kernel's word on who is at the other end (SO_PEERCRED)."""
    if not sys.platform.startswith("linux"):
        return True  # the 0700 folder / the pipe's ACL already keep other users out
    import socket  # here, not at the top: the lock is taken before the window first paints
    import struct

    descriptor = int(connection.socketDescriptor())
    if descriptor < 0:
        return False
    try:
        with socket.fromfd(descriptor, socket.AF_UNIX, socket.SOCK_STREAM) as duplicate:
            credentials = duplicate.getsockopt(
                socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")
            )
    except OSError:
        return False
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return bool(uid == os.getuid())


class _Reader(QObject):
    """One incoming connection: collects one line without ever blocking, or gives up."""

    received = Signal(str)
    finished = Signal()

    def __init__(self, connection: QLocalSocket, parent: QObject) -> None:
        super().__init__(parent)
        self.connection = connection
        self._buffer = bytearray()
        self._done = False
        self._finished = False
        connection.setParent(self)
        connection.setReadBufferSize(MAX_MESSAGE_BYTES + 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.drop)
        self._timer.start(READ_TIMEOUT_MS)
        connection.readyRead.connect(self._read)
        connection.disconnected.connect(self._closed)
        self._read()

    def _read(self) -> None:
        from PySide6.QtNetwork import QLocalSocket  # loaded on first use

        if self._done:
            return
        room = MAX_MESSAGE_BYTES + 1 - len(self._buffer)
        self._buffer += bytes(self.connection.read(room).data())
        end = self._buffer.find(b"\n")
        if end < 0:
            if len(self._buffer) > MAX_MESSAGE_BYTES:
                self.drop()
            return
        try:
            text = bytes(self._buffer[:end]).decode("utf-8")
        except UnicodeDecodeError:
            self.drop()
            return
        if not is_valid_message(text):
            self.drop()
            return
        self._done = True
        self.connection.write(ACK)
        self.connection.flush()
        self.connection.disconnectFromServer()  # after the answer is written
        self.received.emit(text)
        if self.connection.state() == QLocalSocket.LocalSocketState.UnconnectedState:
            self._finish()

    def drop(self) -> None:
        """Close at once, without an answer."""
        self._done = True
        self.connection.abort()
        self._finish()

    def _closed(self) -> None:
        self._read()  # what came with the close
        self._done = True
        self._finish()

    def _finish(self) -> None:
        if not self._finished:
            self._finished = True
            self._timer.stop()
            self.finished.emit()


class InstanceLock(QObject):
    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:

        super().__init__(parent)
        self.data_dir = data_dir
        self.lock_path = data_dir / LOCK_FILE_NAME
        self.problem: str | None = None  # why acquire() or listen() did not succeed
        self._digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
        self._server_name: str | None = None
        self._lock_file: QLockFile | None = None
        self._server: QLocalServer | None = None
        self._readers: set[_Reader] = set()
        self._handle: Callable[[str], None] | None = None

    # --- the lock ----------------------------------------------------------------------

    def acquire(self) -> LockState:
        """Take the lock, reclaiming a stale one. UNAVAILABLE says why in ``problem``."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.problem = f"cannot create the folder {self.data_dir}: {exc.strerror or exc}"
            return LockState.UNAVAILABLE
        lock = QLockFile(str(self.lock_path))
        lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        if lock.tryLock(0):
            self._lock_file = lock
            return LockState.ACQUIRED
        error = lock.error()
        if error == QLockFile.LockError.LockFailedError:
            return LockState.HELD_ELSEWHERE
        reason = "permission denied" if error == QLockFile.LockError.PermissionError else "error"
        self.problem = f"cannot create the lock file {self.lock_path} ({reason})"
        return LockState.UNAVAILABLE

    # --- where the socket lives ----------------------------------------------------------

    @property
    def server_name(self) -> str | None:
        """The socket's full path (a pipe name on Windows); None if no private folder."""
        if self._server_name is None:
            self._server_name = self._find_server_name()
        return self._server_name

    def _find_server_name(self) -> str | None:
        name = f"studydesk-{self._digest}"
        if sys.platform == "win32":
            return name  # a named pipe; UserAccessOption gives it a user-only ACL
        runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
        uid = os.getuid()
        candidates: list[tuple[Path, bool]] = []
        if runtime:
            candidates.append((Path(runtime), False))
        candidates.append((self.data_dir / "run", True))
        import tempfile

        candidates.append((Path(tempfile.gettempdir()) / f"studydesk-{uid}", True))
        for folder, ours in candidates:
            path = str(folder / f"{name}.sock")
            if len(os.fsencode(path)) <= MAX_SOCKET_PATH_BYTES and _private_folder(
                folder, ours=ours
            ):
                return path
        return None

    # --- the running instance: listening -----------------------------------------------

    def listen(self, handle: Callable[[str], None]) -> bool:
        """Accept hand-overs; False (and ``problem``) if the channel cannot be opened, in
        which case the app runs on without it."""
        from PySide6.QtNetwork import QAbstractSocket, QLocalServer  # loaded on first use

        self._handle = handle
        name = self.server_name
        if name is None:
            self.problem = "no private folder for the hand-over socket"
            return False
        if sys.platform != "win32" and os.path.lexists(name):
            if self._answers(name):
                self.problem = f"another process is listening on {name}"
                return False
            QLocalServer.removeServer(name)  # left by a killed instance
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.setMaxPendingConnections(MAX_PENDING)
        listening = server.listen(name)
        if not listening and server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            QLocalServer.removeServer(name)
            listening = server.listen(name)
        if not listening:
            self.problem = f"cannot listen on {name}: {server.errorString()}"
            server.deleteLater()
            return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    @staticmethod
    def _answers(name: str) -> bool:
        from PySide6.QtNetwork import QLocalSocket  # loaded on first use

        probe = QLocalSocket()
        probe.connectToServer(name)
        connected = probe.waitForConnected(500)
        probe.abort()
        return connected

    def pending_connections(self) -> int:
        return len(self._readers)

    def _accept(self) -> None:
        assert self._server is not None
        while (connection := self._server.nextPendingConnection()) is not None:
            if len(self._readers) >= MAX_PENDING or not _same_user(connection):
                connection.abort()
                connection.deleteLater()
                continue
            reader = _Reader(connection, self)
            self._readers.add(reader)
            reader.received.connect(self._deliver)
            reader.finished.connect(lambda r=reader: self._forget(r))

    def _forget(self, reader: _Reader) -> None:
        if reader in self._readers:
            self._readers.discard(reader)
            reader.deleteLater()

    def _deliver(self, message: str) -> None:
        handle = self._handle
        if handle is not None:
            # After the answer has gone out, outside the socket's signal.
            QTimer.singleShot(0, lambda: handle(message))

    # --- a second start: sending -------------------------------------------------------

    def send(self, message: str, wait_s: float = 5.0) -> bool:
        """Deliver ``message`` to the running instance (which may still be starting).
        True only when it answered that it took the message."""
        from PySide6.QtNetwork import QLocalSocket  # loaded on first use

        data = message.encode("utf-8")
        if b"\n" in data or len(data) > MAX_MESSAGE_BYTES:
            return False
        name = self.server_name
        if name is None:
            return False
        deadline = time.monotonic() + wait_s

        def remaining_ms() -> int:
            return max(0, int((deadline - time.monotonic()) * 1000))

        while True:
            client = QLocalSocket()
            client.connectToServer(name)
            if client.waitForConnected(max(1, min(remaining_ms(), 1000))):
                break
            client.abort()
            if remaining_ms() == 0:
                return False
            time.sleep(0.1)
        client.write(data + b"\n")
        reply = b""
        while b"\n" not in reply and len(reply) <= len(ACK):
            if client.bytesAvailable() == 0 and not client.waitForReadyRead(remaining_ms()):
                reply += bytes(client.readAll().data())
                break
            reply += bytes(client.readAll().data())
        client.abort()
        return reply.startswith(ACK)

    def release(self) -> None:
        for reader in list(self._readers):
            reader.drop()
        if self._server is not None:
            self._server.close()  # also removes the socket file
            self._server = None
        if self._lock_file is not None:
            self._lock_file.unlock()
            self._lock_file = None
