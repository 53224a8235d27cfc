"""Search Everywhere off the GUI thread: the newest query runs, older ones are dropped.

One worker thread, started when a query is asked for and ended when none is waiting, runs
db.search.search on its own read-only connection (opened per query, so a restored library
file is seen and nothing stays open between searches). Each query has a serial number; a
newer request stops the running query through the connection's progress handler, and only
results for the newest serial are announced.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from db.search import (
    SCOPE_SET,
    SearchInterrupted,
    SearchOutcome,
    connect_read_only,
    parse_query,
    search,
)

PROGRESS_STEPS = 1_000  # SQLite VM steps between checks for a newer query


class _Relay(QObject):
    """Carries results from the worker thread to the GUI thread (a queued connection). It has
    no parent and lives as long as the worker holds it, so the worker never emits on a
    deleted object; if the service is gone, Qt simply has no receiver left."""

    done = Signal(int, object)  # serial, SearchOutcome


class _Worker:
    def __init__(self, path: Path, relay: _Relay) -> None:
        self.path = path
        self.relay = relay
        self.newest = 0  # read by the progress handler in the worker thread
        self._lock = threading.Lock()
        self._pending: tuple[int, int, str, str] | None = None
        self._thread: threading.Thread | None = None

    def submit(self, serial: int, study_set_id: int, text: str, scope: str) -> None:
        with self._lock:
            self.newest = serial
            self._pending = (serial, study_set_id, text, scope)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="search", daemon=True)
                self._thread.start()

    def cancel(self, serial: int) -> None:
        with self._lock:
            self.newest = serial
            self._pending = None

    def wait(self, timeout_s: float | None = None) -> bool:
        """Wait for the thread to end (tests; a query stops within PROGRESS_STEPS steps)."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout_s)
            return not thread.is_alive()
        return True

    def _run(self) -> None:
        while True:
            with self._lock:
                job, self._pending = self._pending, None
                if job is None:
                    self._thread = None  # under the lock: a new request starts a new worker
                    return
            serial, study_set_id, text, scope = job
            try:
                outcome = self._search(serial, study_set_id, text, scope)
            except Exception:  # noqa: BLE001 (a bug here must not leave "Searching…" for good)
                outcome = SearchOutcome([], parse_query(""))
            if outcome is not None and serial == self.newest:
                self.relay.done.emit(serial, outcome)

    def _search(
        self, serial: int, study_set_id: int, text: str, scope: str
    ) -> SearchOutcome | None:
        try:
            connection = connect_read_only(self.path)
        except sqlite3.Error:
            return SearchOutcome([], parse_query(text))  # no library file: nothing found
        try:
            connection.set_progress_handler(lambda: serial != self.newest, PROGRESS_STEPS)
            return search(connection, study_set_id, text, scope=scope)
        except SearchInterrupted:
            return None
        except sqlite3.Error:
            return SearchOutcome([], parse_query(text))
        finally:
            connection.close()


class SearchService(QObject):
    """``request(study_set_id, text, scope)`` returns a serial; ``finished(serial, outcome)``
    comes later for the newest request only (a superseded one never reports). The scope is
    one of db.search.SCOPES: the study set, its course(s), or the whole library."""

    finished = Signal(int, object)  # serial, db.search.SearchOutcome

    def __init__(self, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._serial = 0
        self._running = False
        self._relay = _Relay()
        self._relay.done.connect(self._done)
        self._worker = _Worker(library_path, self._relay)

    @property
    def serial(self) -> int:
        """The newest request's serial."""
        return self._serial

    def is_running(self) -> bool:
        """True from a request until its results are announced (or it is cancelled)."""
        return self._running

    def request(self, study_set_id: int, text: str, scope: str = SCOPE_SET) -> int:
        self._serial += 1
        self._running = True
        self._worker.submit(self._serial, study_set_id, text, scope)
        return self._serial

    def cancel(self) -> None:
        """Stop the running query, if any; nothing is announced for it."""
        self._serial += 1
        self._running = False
        self._worker.cancel(self._serial)

    def wait(self, timeout_s: float | None = None) -> bool:
        return self._worker.wait(timeout_s)

    def _done(self, serial: int, outcome: SearchOutcome) -> None:
        if serial != self._serial:
            return  # a newer query was asked for after this one finished
        self._running = False
        self.finished.emit(serial, outcome)
