"""Automatic backups while Study Desk runs: at start-up when the data changed since the last
backup, then every 30 minutes while it keeps changing. Each runs in a worker thread with
its own SQLite connection, so the window never waits for it."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from db.backups import BackupError, changed_since_last_backup, make_backup

INTERVAL_MS = 30 * 60 * 1000


class BackupScheduler(QObject):
    finished = Signal(str)  # a message for the status bar
    _done = Signal(str)  # from the worker thread; delivered on the GUI thread

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._running = threading.Lock()
        self._worker: threading.Thread | None = None
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(lambda: self.back_up_if_changed("timer"))
        self._done.connect(self.finished)

    def start(self) -> None:
        if self._stopped:
            return
        self.back_up_if_changed("startup")
        self._timer.start()

    def back_up_if_changed(self, reason: str) -> None:
        if not self._running.acquire(blocking=False):
            return  # one is still running
        self._worker = threading.Thread(
            target=self._run, args=(reason,), name="backup", daemon=True
        )
        self._worker.start()

    def wait(self, timeout_s: float = 30.0) -> None:
        """Let a running backup finish (on quitting: its connection then closes cleanly);
        no new one starts after this."""
        self._stopped = True
        self._timer.stop()
        if self._worker is not None:
            self._worker.join(timeout_s)

    def _run(self, reason: str) -> None:
        try:
            if changed_since_last_backup(self.database):
                backup = make_backup(self.database, reason)
                self._done.emit(f"Backed up your library ({backup.path.name})")
        except (BackupError, OSError, sqlite3.Error) as exc:  # told, never a dead thread
            self._done.emit(f"Automatic backup failed: {exc}")
        finally:
            self._running.release()
