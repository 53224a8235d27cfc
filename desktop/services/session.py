"""Which study set is open, and opening others: the service behind the window."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from db import library_reads
from desktop.content.studyset import ParsedStudySet
from desktop.services.library import (
    ImportRefused,
    Library,
    LibraryFileReplaced,
    read_study_set_file,
)

LAST_STUDY_SET_KEY = "session/last_study_set"
# Opening a set leaves bookkeeping to write (when it was opened, for Go › Recent and the
# Library's "last opened" column; the set to reopen at start-up): written this long after
# the last of a burst of switches, not inside each switch (a commit and a settings file
# write were a tenth of a switch), and at the latest this long after the first one.
BOOKKEEPING_DELAY_MS = 500
BOOKKEEPING_LATEST_S = 3.0


class StudySession(QObject):
    study_set_opened = Signal(object)  # a db.studysets.StudySetRecord
    import_refused = Signal(str)  # the message for the user
    import_warned = Signal(str)  # imported, but something in the file is worth knowing
    history_changed = Signal()  # Back and the recent sets may have changed
    bookkeeping_saved = Signal()  # the sets' "last opened" times are in the database

    def __init__(self, library: Library, settings: QSettings) -> None:
        super().__init__()
        self.library = library
        self._settings = settings
        self.current_id: int | None = None
        self._back: list[int] = []  # the sets shown before, the latest last
        # Bookkeeping not yet written: the sets opened (the latest last), the set to reopen.
        self._opened: dict[int, None] = {}
        self._last_sha256: str | None = None
        self._pending_since = 0.0
        self._bookkeeping = QTimer(self, singleShot=True, interval=BOOKKEEPING_DELAY_MS)
        self._bookkeeping.timeout.connect(self.save_bookkeeping)
        # Go › Recent as the database will list it once the bookkeeping is written (None:
        # read it again); a switch between sets in it only reorders it.
        self._recent: list[tuple[int, str]] | None = None

    def open_initial(self, file: Path | None) -> None:
        """On launch: the file given, else the study set shown last, else the embedded one."""
        embedded_id = self.library.ensure_embedded_study_set()
        self._recent = None  # a restored backup's list may differ
        if file is not None and self.import_path(file):
            return
        self.open_study_set(self._last_shown_id() or embedded_id)

    def import_path(self, path: Path) -> bool:
        return self._add(lambda: read_study_set_file(path), path.name)

    def add_study_set(self, parsed: ParsedStudySet) -> bool:
        """A study set typed or pasted by the student (File › New Study Set…): stored like
        an imported one, then shown."""
        return self._add(lambda: parsed, parsed.title)

    def _add(self, read: Callable[[], ParsedStudySet], name: str) -> bool:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            self.library.check_files_before_writing()
            result = self.library.import_parsed(read())
        except (ImportRefused, LibraryFileReplaced) as exc:
            self.import_refused.emit(str(exc))
            return False
        except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
            reason = getattr(exc, "orig", None) or exc
            self.import_refused.emit(
                f"{name} was read but could not be added to your library ({reason}). "
                "Your library is unchanged."
            )
            return False
        self.open_study_set(result.outcome.study_set_id)
        if result.parsed.warnings:
            self.import_warned.emit("\n".join(result.parsed.warnings))
        return True

    def open_study_set(self, study_set_id: int, *, remember: bool = True) -> None:
        record = self.library.load_study_set(study_set_id)
        if record is None:
            return
        if remember and self.current_id is not None and self.current_id != study_set_id:
            self._back.append(self.current_id)
        self.current_id = study_set_id
        self._note_opened(study_set_id, record.sha256)
        self.study_set_opened.emit(record)
        self.history_changed.emit()

    def _note_opened(self, study_set_id: int, sha256: str) -> None:
        """Remember the opening, to be written once the switching stops (save_bookkeeping)."""
        self._opened.pop(study_set_id, None)
        self._opened[study_set_id] = None
        self._last_sha256 = sha256
        if self._recent is not None:
            titles = dict(self._recent)
            if study_set_id in titles:
                self._recent.remove((study_set_id, titles[study_set_id]))
                self._recent.insert(0, (study_set_id, titles[study_set_id]))
            else:  # its title (the display title) is read with the list
                self._recent = None
        now = time.monotonic()
        if not self._bookkeeping.isActive():
            self._pending_since = now
            self._bookkeeping.start()
        elif now - self._pending_since < BOOKKEEPING_LATEST_S:
            self._bookkeeping.start()  # restarted: one write for a burst of switches

    def save_bookkeeping(self) -> None:
        """Write when the sets were opened and which set to reopen at start-up: after a
        burst of switches, and at quit (app.py). A crash before loses only this."""
        self._bookkeeping.stop()
        opened, self._opened = list(self._opened), {}
        sha256, self._last_sha256 = self._last_sha256, None
        if sha256 is not None:
            self._settings.setValue(LAST_STUDY_SET_KEY, sha256)
            self._settings.sync()
        if not opened:
            return
        with contextlib.suppress(sqlite3.Error):  # bookkeeping: never stops the window
            for study_set_id in opened:  # in the order opened: the latest gets the latest time
                library_reads.note_opened(self.library.reader, study_set_id)
        self.bookkeeping_saved.emit()

    def forget_recent(self) -> None:
        """Sets were renamed, trashed or restored: Go › Recent is read again when next asked."""
        self._recent = None

    def can_go_back(self) -> bool:
        return bool(self._back)

    def go_back(self) -> None:
        """Show the study set shown before this one (Go › Back); sets gone or in the Trash
        since are passed over."""
        from db.study_set_state import in_trash

        while self._back:
            previous = self._back.pop()
            if in_trash(self.library.reader, previous):
                continue
            if self.library.load_study_set(previous) is not None:
                self.open_study_set(previous, remember=False)
                return
        self.history_changed.emit()

    def recent(self) -> list[tuple[int, str]]:
        """(id, title) of the sets opened last, newest first (Go › Recent Study Sets)."""
        if self._recent is None:
            # The sets opened since the bookkeeping was last written come first, newest
            # first. (It was written here first: its commit and the settings file's fsync,
            # ~30 ms, stalled each switch to a set not among the last ten.)
            pending = list(reversed(self._opened))
            titles = library_reads.listed_titles(self.library.reader, pending) if pending else {}
            listed = [
                row
                for row in library_reads.recent_study_sets(self.library.reader)
                if row[0] not in titles
            ]
            newest = [(i, titles[i]) for i in pending if i in titles]  # not one trashed since
            self._recent = (newest + listed)[: library_reads.RECENT_LIMIT]
        return list(self._recent)

    def _last_shown_id(self) -> int | None:
        sha256 = self._last_sha256 or self._settings.value(LAST_STUDY_SET_KEY)
        if not isinstance(sha256, str):
            return None
        return self.library.find_study_set_id(sha256)
