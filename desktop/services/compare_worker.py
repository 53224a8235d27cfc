"""Aligning off the GUI thread: the Compare tab paints its text at once and gets the bands
when this is done. One job at a time; a result for a request that a newer one replaced is
dropped by its token."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from db.compare_records import LinkRecord
from db.records import StudySetRecord
from desktop.services.compare_data import build_view, ledger_from


class CompareWorker(QObject):
    done = Signal(int, object, object)  # token, CompareView, list[LedgerEntry]

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.token = 0

    def start(
        self, record: StudySetRecord, links: Sequence[LinkRecord], left: str, right: str
    ) -> int:
        """Align ``left`` and ``right`` with the stored ``links`` (read on the GUI thread:
        a sqlite3 connection stays on its thread); ``done`` brings the view and ledger."""
        self.token += 1
        self._pool.start(_Job(self, self.token, record, tuple(links), left, right))
        return self.token

    def wait(self) -> None:
        self._pool.waitForDone()


class _Job(QRunnable):
    def __init__(
        self,
        worker: CompareWorker,
        token: int,
        record: StudySetRecord,
        links: tuple[LinkRecord, ...],
        left: str,
        right: str,
    ) -> None:
        super().__init__()
        self.worker, self.token, self.record, self.links = worker, token, record, links
        self.left, self.right = left, right

    def run(self) -> None:
        if self.token != self.worker.token:
            return  # replaced before it started
        view = build_view(self.record, self.links, self.left, self.right)
        entries = ledger_from(self.record, self.links)
        self.worker.done.emit(self.token, view, entries)
