"""The user's library of study sets: the service the window and the commands share.

Reads go through the standard library's sqlite3 (db.reads) so the window can show a study
set without importing SQLAlchemy; the ORM (db.engine, db.studysets) is opened the first time
something is written, or at once when the file is new or needs a migration. Knows no Qt.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from db import reads
from db.file_identity import identity, rescue_journal, wal_path
from db.records import StudySetRecord
from desktop.content.studyset import ParsedStudySet, StudySetFormatError, parse_study_set_bytes
from desktop.platform.resources import embedded_study_set_path

if TYPE_CHECKING:
    from db.engine import Database
    from db.studysets import ImportOutcome

# Files larger than this are not study sets (the seed is 3 KB); refusing early keeps a
# mistaken pick of a video file from being read into memory.
MAX_STUDY_SET_BYTES = 20 * 1024 * 1024


class ImportRefused(Exception):
    """The file could not be imported; str(error) is the message for the user."""


@dataclass(frozen=True)
class ImportResult:
    parsed: ParsedStudySet
    outcome: ImportOutcome


def read_study_set_file(path: Path) -> ParsedStudySet:
    """Read and parse ``path``; any problem becomes an ImportRefused with a clear message.

    Only a regular file is opened: a named pipe would block the read forever, and a device
    such as /dev/zero or /dev/urandom never ends. The file is opened without blocking and
    checked again once open (it may have been swapped since), and at most
    MAX_STUDY_SET_BYTES + 1 bytes are read whatever its size claims to be."""
    import os
    import stat as stat_module

    from desktop.content.visible import show_invisible

    name = show_invisible(path.name)  # one visible line, whatever the name holds

    def too_large(size: str) -> ImportRefused:
        return ImportRefused(
            f"{name} is not a study set: it is {size} MB, and study sets are plain text files "
            f"of at most {MAX_STUDY_SET_BYTES // (1024 * 1024)} MB."
        )

    def refuse_unless_regular(mode: int) -> None:
        if stat_module.S_ISDIR(mode):
            raise ImportRefused(f"{show_invisible(str(path))} is a folder, not a study-set file.")
        if not stat_module.S_ISREG(mode):
            kind = (
                "a named pipe (FIFO)"
                if stat_module.S_ISFIFO(mode)
                else "a character device"
                if stat_module.S_ISCHR(mode)
                else "a block device"
                if stat_module.S_ISBLK(mode)
                else "a socket"
                if stat_module.S_ISSOCK(mode)
                else "a special file"
            )
            raise ImportRefused(
                f"{name} is not a study set: it is {kind}, not a regular file. Study sets are "
                "plain text files."
            )

    try:
        status = os.stat(path)
        refuse_unless_regular(status.st_mode)
        if status.st_size > MAX_STUDY_SET_BYTES:
            raise too_large(str(status.st_size // (1024 * 1024)))
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        with open(descriptor, "rb") as file:
            refuse_unless_regular(os.fstat(descriptor).st_mode)
            data = file.read(MAX_STUDY_SET_BYTES + 1)
        if len(data) > MAX_STUDY_SET_BYTES:  # it grew, or its size was not the truth
            raise too_large(f"more than {MAX_STUDY_SET_BYTES // (1024 * 1024)}")
    except FileNotFoundError:
        raise ImportRefused(f"{show_invisible(str(path))} does not exist.") from None
    except OSError as exc:
        raise ImportRefused(
            f"Cannot read {show_invisible(str(path))}: {exc.strerror or exc}."
        ) from exc
    try:
        return parse_study_set_bytes(data, path.name)
    except StudySetFormatError as exc:
        raise ImportRefused(str(exc)) from exc


class MigrationFailed(Exception):
    """Bringing the library's schema up to date failed; the library was put back as it was."""


class LibraryFileReplaced(Exception):
    """The library file was deleted, moved or replaced while this process had it open."""


class Library:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._database: Database | None = None
        self.reader: sqlite3.Connection = self._open()

    def _open(self) -> sqlite3.Connection:
        if not reads.is_current(self.path):
            self._migrate()
        reader = reads.connect(self.path)
        self._identity = identity(self.path)
        return reader

    def check_files_before_writing(self) -> bool:
        """Raise LibraryFileReplaced if the library file is not the one opened; if only its
        write-ahead log was deleted, rescue what the log held and start a new one. True when
        that rescue happened (the caller may tell the student)."""
        if identity(self.path) != self._identity:
            raise LibraryFileReplaced(
                f"Your library file {self.path} was deleted, moved or replaced by another "
                "program while Study Desk was running. Nothing more is written to it; what you "
                "type stays in the editor. Quit and start Study Desk again to open the library "
                "that is there now."
            )
        if self._database is None or wal_path(self.path).exists():
            return False
        # The reader has held the log open since start-up: it can still read it.
        rescue_journal(self.reader)
        self.close_database()
        self.reader.close()
        self.reader = reads.connect(self.path)
        return True

    def _migrate(self) -> None:
        """Create or upgrade the schema. A new library is built under a temporary name and
        renamed into place when complete; an existing one is checked (a newer, damaged or
        unfinished file is refused before anything is written, not even a backup), backed up,
        and put back from that backup if the upgrade fails part-way."""
        from db.backups import make_backup, restore
        from db.engine import create_database
        from db.health import LibraryUnusable, State, inspect
        from db.migrations import NewerDatabaseError

        if not self.path.exists():
            create_database(self.path)
            return
        inspection = inspect(self.path)
        if inspection.state is State.NEWER:
            raise NewerDatabaseError(str(LibraryUnusable(inspection)))
        if inspection.state is not State.HEALTHY:
            raise LibraryUnusable(inspection)
        backup = make_backup(self.path, "pre-migration")
        try:
            self.database()
        except NewerDatabaseError:
            raise
        except Exception as exc:
            self.close_database()
            restore(self.path, backup, listed=False)
            raise MigrationFailed(
                f"Study Desk could not update your library to this version ({exc}). Your "
                f"library was put back as it was, from the backup made just before."
            ) from exc

    def reopen(self) -> None:
        """Close and open the file again (after a backup was restored in its place)."""
        self.close()
        self.reader = self._open()

    def close_database(self) -> None:
        if self._database is not None:
            self._database.close()
            self._database = None

    def database(self) -> Database:
        """The ORM side, for writes; opened on first use."""
        if self._database is None:
            from db.engine import open_database

            self._database = open_database(self.path)
        return self._database

    def import_parsed(self, parsed: ParsedStudySet, *, embedded: bool = False) -> ImportResult:
        """Add ``parsed`` unless the same text is there already."""
        from db.studysets import NewAnswer, NewStudySet, import_study_set

        new = NewStudySet(
            sha256=parsed.sha256,
            title=parsed.title,
            question=parsed.question,
            source_name=parsed.source_name,
            encoding=parsed.encoding,
            raw_text=parsed.text,
            answers=[NewAnswer(a.handle, a.credential, a.passages) for a in parsed.answers],
            is_embedded=embedded,
        )
        with self.database().session() as session:
            outcome = import_study_set(session, new)
        return ImportResult(parsed, outcome)

    def import_file(self, path: Path) -> ImportResult:
        """Import ``path``; a refused file raises ImportRefused before anything is written."""
        return self.import_parsed(read_study_set_file(path))

    def ensure_embedded_study_set(self) -> int:
        """The id of the embedded study set, importing it on first launch."""
        parsed = read_study_set_file(embedded_study_set_path())
        found = reads.find_study_set_id(self.reader, parsed.sha256)
        if found is not None:
            return found
        return self.import_parsed(parsed, embedded=True).outcome.study_set_id

    def find_study_set_id(self, sha256: str) -> int | None:
        return reads.find_study_set_id(self.reader, sha256)

    def load_study_set(self, study_set_id: int) -> StudySetRecord | None:
        return reads.load_study_set(self.reader, study_set_id)

    def close(self) -> None:
        self.reader.close()
        self.close_database()
