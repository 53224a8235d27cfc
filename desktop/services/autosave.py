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
    first_change: float  # the clock's time of the first unsaved change
    due: float  # when it is to be written


class AutosaveQueue(QObject):
    """One timer serves every key: it wakes at the earliest due time and writes what is due."""

    save_failed = Signal(object, str)  # key, message
    saved = Signal(object)  # key

    def __init__(
        self, parent: QObject | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock  # seconds; tests pass a clock they move by hand
        self._pending: dict[Hashable, _Pending] = {}
        self._failing: set[Hashable] = set()  # keys whose last attempt failed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.write_due)

    def schedule(self, key: Hashable, save: Callable[[], None]) -> None:
        """``save`` replaces whatever was pending for ``key``; other keys are not touched."""
        now = self._clock()
        pending = self._pending.get(key)
        first_change = now if pending is None else pending.first_change
        due = min(now + IDLE_MS / 1000, first_change + MAX_WAIT_MS / 1000)
        self._pending[key] = _Pending(save, first_change, due)
        self._arm()

    def is_pending(self, key: Hashable) -> bool:
        return key in self._pending

    def flush(self, key: Hashable) -> bool:
        """Write ``key`` now if it has a pending save; False if that failed (still pending)."""
        pending = self._pending.get(key)
        if pending is None:
            return True
        try:
            pending.save()
        except SaveError as exc:
            pending.due = self._clock() + RETRY_MS / 1000
            self._arm()
            self._failing.add(key)
            self.save_failed.emit(key, str(exc))
            return False
        # The save may have been replaced by a newer one while it ran (a signal handler).
        if self._pending.get(key) is pending:
            del self._pending[key]
        self._arm()
        self._failing.discard(key)
        self.saved.emit(key)
        return True

    def flush_all(self) -> bool:
        return all([self.flush(key) for key in list(self._pending)])

    def cancel(self, key: Hashable) -> None:
        """Drop ``key``'s pending save (its text was just loaded, not typed)."""
        self._failing.discard(key)
        if self._pending.pop(key, None) is not None:
            self._arm()

    def has_failures(self) -> bool:
        """Whether some save is still waiting after a failed attempt."""
        return bool(self._failing)

    def write_due(self) -> None:
        """Write every save whose time has come (the timer calls this)."""
        now = self._clock()
        for key in [k for k, p in self._pending.items() if p.due <= now]:
            self.flush(key)
        self._arm()

    def _arm(self) -> None:
        if not self._pending:
            self._timer.stop()
            return
        wait = min(p.due for p in self._pending.values()) - self._clock()
        self._timer.start(max(0, int(wait * 1000)))
