"""Saving as the user types, with no save command.

Each key (one note, one draft) has its own pending save: written IDLE_MS after the last
change, and never later than MAX_WAIT_MS after the first unsaved change, so someone who keeps
typing is still saved about every second. A save that fails stays pending and is retried;
flush() writes at once (on switching note, tab or window, and on quitting).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

IDLE_MS = 300
MAX_WAIT_MS = 1000
RETRY_MS = 2000


class SaveError(Exception):
    """A save could not be written; str(error) is the message for the user."""


@dataclass
class _Pending:
    save: Callable[[], None]
    first_change: float  # time.monotonic() of the first unsaved change
    timer: QTimer


class AutosaveQueue(QObject):
    save_failed = Signal(object, str)  # key, message
    saved = Signal(object)  # key

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[Hashable, _Pending] = {}

    def schedule(self, key: Hashable, save: Callable[[], None]) -> None:
        """``save`` replaces whatever was pending for ``key``; other keys are not touched."""
        pending = self._pending.get(key)
        if pending is None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda k=key: self.flush(k))
            pending = _Pending(save, time.monotonic(), timer)
            self._pending[key] = pending
        pending.save = save
        waited_ms = (time.monotonic() - pending.first_change) * 1000
        pending.timer.start(int(max(0, min(IDLE_MS, MAX_WAIT_MS - waited_ms))))

    def is_pending(self, key: Hashable) -> bool:
        return key in self._pending

    def flush(self, key: Hashable) -> bool:
        """Write ``key`` now if it has a pending save; False if that failed (still pending)."""
        pending = self._pending.get(key)
        if pending is None:
            return True
        pending.timer.stop()
        try:
            pending.save()
        except SaveError as exc:
            pending.timer.start(RETRY_MS)
            self.save_failed.emit(key, str(exc))
            return False
        del self._pending[key]
        pending.timer.deleteLater()
        self.saved.emit(key)
        return True

    def flush_all(self) -> bool:
        return all([self.flush(key) for key in list(self._pending)])
