"""Search Everywhere off the GUI thread: the newest query runs, older ones are dropped.

One worker thread, started when a query is asked for, runs db.search.search on its own
read-only connection. Each query has a serial number; a newer request stops the running query
through the connection's progress handler, and only results for the newest serial are
announced. Between the queries of one burst of typing the thread keeps its connection (and
so SQLite's page cache: a new connection per query made a library-wide search half as slow
again); after IDLE_S without a query it closes it and ends. The connection is opened again
when the library file was replaced meanwhile (a backup restored), so that file is searched.
"""

from __future__ import annotations

import os
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
IDLE_S = 3.0  # the worker keeps its connection this long after a query


class _Relay(QObject):
    """Carries results from the worker thread to the GUI thread (a queued connection). It has
    no parent and lives as long as the worker holds it, so the worker never emits on a
    deleted object; if the service is gone, Qt simply has no receiver left."""

    done = Signal(int, object)  # serial, SearchOutcome


class _Connection:
    """The worker's connection to the library file, opened again if the file was replaced."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._identity: tuple[int, int] | None = None

    def get(self) -> sqlite3.Connection:
        stat = os.stat(self.path)
        identity = (stat.st_dev, stat.st_ino)
        if self._connection is None or identity != self._identity:
            self.close()
            self._connection = connect_read_only(self.path)
            self._identity = identity
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class _Worker:
    def __init__(self, path: Path, relay: _Relay) -> None:
        self.path = path
        self.relay = relay
        self.newest = 0  # read by the progress handler in the worker thread
        self._lock = threading.Condition()
        self._pending: tuple[int, int, str, str] | None = None
        self._busy = False  # a query is running, or its results being handed over
        self._closing = False
        self._thread: threading.Thread | None = None

    def submit(self, serial: int, study_set_id: int, text: str, scope: str) -> None:
        with self._lock:
            self.newest = serial
            self._pending = (serial, study_set_id, text, scope)
            self._closing = False
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="search", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def cancel(self, serial: int) -> None:
        with self._lock:
            self.newest = serial
            self._pending = None
            self._lock.notify_all()

    def wait(self, timeout_s: float | None = None) -> bool:
        """Wait until no query runs or waits (a query stops within PROGRESS_STEPS steps)."""
        with self._lock:
            return self._lock.wait_for(lambda: self._pending is None and not self._busy, timeout_s)

    def close(self, timeout_s: float = 5.0) -> None:
        """Stop the running query, if any, and end the thread with its connection."""
        with self._lock:
            self._closing = True
            self._pending = None
            self.newest += 1  # the progress handler stops what runs
            thread = self._thread
            self._lock.notify_all()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)

    def _run(self) -> None:
        connection = _Connection(self.path)
        try:
            while True:
                with self._lock:
                    if self._pending is None and not self._closing:
                        self._lock.wait(IDLE_S)  # the next keystroke's query, likely
                    job, self._pending = self._pending, None
                    if job is None or self._closing:
                        self._thread = None  # under the lock: a new request starts a new one
                        self._lock.notify_all()
                        return
                    self._busy = True
                try:
                    self._answer(connection, *job)
                finally:
                    with self._lock:
                        self._busy = False
                        self._lock.notify_all()
        finally:
            connection.close()

    def _answer(
        self, connection: _Connection, serial: int, study_set_id: int, text: str, scope: str
    ) -> None:
        try:
            outcome = self._search(connection, serial, study_set_id, text, scope)
        except Exception:  # noqa: BLE001 (a bug here must not leave "Searching…" for good)
            connection.close()
            outcome = SearchOutcome([], parse_query(""))
        if outcome is not None and serial == self.newest:
            self.relay.done.emit(serial, outcome)

    def _search(
        self, connection: _Connection, serial: int, study_set_id: int, text: str, scope: str
    ) -> SearchOutcome | None:
        try:
            opened = connection.get()
        except (OSError, sqlite3.Error):
            return SearchOutcome([], parse_query(text))  # no library file: nothing found
        try:
            opened.set_progress_handler(lambda: serial != self.newest, PROGRESS_STEPS)
            return search(opened, study_set_id, text, scope=scope)
        except SearchInterrupted:
            return None
        except sqlite3.Error:
            connection.close()  # opened afresh for the next query
            return SearchOutcome([], parse_query(text))


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
        """Wait until no query runs or waits; False if that took longer than timeout_s."""
        return self._worker.wait(timeout_s)

    def close(self) -> None:
        """Stop searching and let go of the library file (the window is closing)."""
        self._serial += 1
        self._running = False
        self._worker.close()

    def _done(self, serial: int, outcome: SearchOutcome) -> None:
        if serial != self._serial:
            return  # a newer query was asked for after this one finished
        self._running = False
        self.finished.emit(serial, outcome)
