"""Which study set is open, and opening others: the service behind the window."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from db import library_reads
from desktop.content.studyset import ParsedStudySet
from desktop.services.library import (
    ImportRefused,
    Library,
    LibraryFileReplaced,
    read_study_set_file,
)

LAST_STUDY_SET_KEY = "session/last_study_set"


class StudySession(QObject):
    study_set_opened = Signal(object)  # a db.studysets.StudySetRecord
    import_refused = Signal(str)  # the message for the user
    import_warned = Signal(str)  # imported, but something in the file is worth knowing
    history_changed = Signal()  # Back and the recent sets may have changed

    def __init__(self, library: Library, settings: QSettings) -> None:
        super().__init__()
        self.library = library
        self._settings = settings
        self.current_id: int | None = None
        self._back: list[int] = []  # the sets shown before, the latest last

    def open_initial(self, file: Path | None) -> None:
        """On launch: the file given, else the study set shown last, else the embedded one."""
        embedded_id = self.library.ensure_embedded_study_set()
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
        self._settings.setValue(LAST_STUDY_SET_KEY, record.sha256)
        with contextlib.suppress(sqlite3.Error):  # bookkeeping: never stops the opening
            library_reads.note_opened(self.library.reader, study_set_id)
        self.study_set_opened.emit(record)
        self.history_changed.emit()

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
        return library_reads.recent_study_sets(self.library.reader)

    def _last_shown_id(self) -> int | None:
        sha256 = self._settings.value(LAST_STUDY_SET_KEY)
        if not isinstance(sha256, str):
            return None
        return self.library.find_study_set_id(sha256)
