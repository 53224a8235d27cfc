"""Aligning off the GUI thread: the Compare tab paints its text at once and gets the bands
when this is done; coverage (which needs each answer's key sentences) is worked out here too.
One job at a time per worker; a result for a request that a newer one replaced is dropped by
its token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class CompareWorker(QObject):
    done = Signal(int, object)  # token, what the job returned

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.token = 0

    def start(self, job: Callable[[], Any]) -> int:
        """Run ``job`` (plain data in, plain data out: no sqlite3 connection, which stays on
        its thread, and no widgets); ``done`` brings its result with this token."""
        self.token += 1
        self._pool.start(_Job(self, self.token, job))
        return self.token

    def wait(self) -> None:
        self._pool.waitForDone()


class _Job(QRunnable):
    def __init__(self, worker: CompareWorker, token: int, job: Callable[[], Any]) -> None:
        super().__init__()
        self.worker, self.token, self.job = worker, token, job

    def run(self) -> None:
        if self.token != self.worker.token:
            return  # replaced before it started
        self.worker.done.emit(self.token, self.job())
