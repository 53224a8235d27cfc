"""One Study Desk per library: a second start hands its file to the running one and exits.

The running instance holds an exclusive flock on a lock file in the data folder; the kernel
drops it when the process ends however it ends, so a lock left by a killed process is
reclaimed by the next start. Messages travel over a Unix socket in the abstract namespace
(Linux), named after the data folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier

RAISE = "raise"
OPEN = "open "  # followed by an absolute path


class InstanceLock(QObject):
    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock_path = data_dir / "studydesk.lock"
        digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:20]
        self.address = f"\0studydesk-{digest}"
        self._fd: int | None = None
        self._server: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None

    def acquire(self) -> bool:
        """True if this is the only instance (then it holds the lock until it exits)."""
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    def listen(self, handle: Callable[[str], None]) -> None:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(self.address)
        server.listen(4)
        server.setblocking(False)
        self._server = server
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(lambda *_: self._accept(handle))

    def _accept(self, handle: Callable[[str], None]) -> None:
        assert self._server is not None
        try:
            connection, _ = self._server.accept()
        except BlockingIOError:
            return
        with connection:
            connection.settimeout(2)
            data = b""
            with contextlib.suppress(OSError):
                while chunk := connection.recv(4096):
                    data += chunk
        handle(data.decode("utf-8", "replace"))

    def send(self, message: str, wait_s: float = 5.0) -> bool:
        """Deliver ``message`` to the running instance (which may still be starting)."""
        deadline = time.monotonic() + wait_s
        while True:
            try:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
                    client.connect(self.address)
                    client.sendall(message.encode("utf-8"))
                return True
            except OSError:
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.1)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
