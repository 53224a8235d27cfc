"""The window's sync: runs one sync at a time in a worker thread and says how it went.

The server address is kept in QSettings (``sync/server``, without a password) and, once a
sync has worked, in the library itself (so the command line and the window share it). The
password lives in the system keyring when there is one, else in memory for this session
only; never in settings.ini. No widgets here.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from desktop.services.sync_credentials import stored_password

if TYPE_CHECKING:
    from desktop.services.sync import SyncReport

SERVER_KEY = "sync/server"
AUTO_KEY = "sync/automatic"
AUTO_INTERVAL_MS = 5 * 60 * 1000
QUIT_SYNC_WAIT_S = 15.0


class SyncRunner(QObject):
    started = Signal()
    finished = Signal(object)  # SyncReport
    failed = Signal(str, bool)  # the reason; True when the server could not be reached

    def __init__(self, library_path: Path, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.library_path = library_path
        self.settings = settings
        self.session_password: str | None = None  # asked once per session without a keyring
        self.last_synced: float | None = None  # time.time() of the last sync that worked
        self._thread: threading.Thread | None = None

    @property
    def server_url(self) -> str | None:
        value = self.settings.value(SERVER_KEY, "", str)
        if value:
            return str(value)
        from db.sync_local import connect, read_state

        connection = connect(self.library_path)
        try:
            return read_state(connection).server_url
        finally:
            connection.close()

    def configure(self, server_url: str, automatic: bool) -> None:
        self.settings.setValue(SERVER_KEY, server_url)
        self.settings.setValue(AUTO_KEY, automatic)

    @property
    def automatic(self) -> bool:
        return bool(self.settings.value(AUTO_KEY, True, bool)) and bool(self.server_url)

    def password(self) -> str | None:
        url = self.server_url
        if self.session_password is not None:
            return self.session_password
        return stored_password(url) if url else None

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def sync_now(self) -> bool:
        """Start a sync in the background; False when one is running already."""
        if self.busy:
            return False
        url = self.server_url
        password = self.password()
        self.started.emit()
        self._thread = threading.Thread(
            target=self._run, args=(url, password), name="sync", daemon=True
        )
        self._thread.start()
        return True

    def wait(self, timeout: float = QUIT_SYNC_WAIT_S) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, url: str | None, password: str | None) -> None:
        from desktop.services.sync import SyncRefused, sync_library

        try:
            report = sync_library(self.library_path, url, password)
        except SyncRefused as error:
            text = str(error)
            self.failed.emit(text, "cannot be reached" in text or "did not answer" in text)
            return
        except Exception as error:  # noqa: BLE001 (a worker thread must report, not die)
            self.failed.emit(f"sync failed: {error}", False)
            return
        self.last_synced = time.time()
        self.finished.emit(report)


def synced_ago(last: float | None, now: float | None = None) -> str:
    """'Synced just now', 'Synced 2 min ago', 'Synced 3 h ago'."""
    if last is None:
        return "Not synced yet"
    seconds = max(0.0, (now if now is not None else time.time()) - last)
    if seconds < 60:
        return "Synced just now"
    if seconds < 3600:
        return f"Synced {int(seconds // 60)} min ago"
    return f"Synced {int(seconds // 3600)} h ago"


def report_changes_anything(report: SyncReport) -> bool:
    return bool(report.changed_kinds) or report.imported_sets > 0


def checked_server_url(url: str) -> tuple[str, str | None]:
    """(the address to keep, without a password; the password written in it, if any).
    Raises SyncRefused with the reason when it cannot be used."""
    from db.server.connect import ServerRefused, parse_server_url
    from desktop.services.sync import SyncRefused

    try:
        address, password = parse_server_url(url)
    except ServerRefused as error:
        raise SyncRefused(str(error)) from error
    return address.url(), password
