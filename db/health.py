"""Is the library file sound? The one place that decides, used at start-up, by
``studydesk check``, before every command that writes, and to verify backups. No Qt.

Only what a read-only open proves is called damage: SQLite's own check failing, a schema it
cannot read, or a file that is not a database. A file that merely cannot be opened now —
locked by another program, not readable by this user, a failing disk — is ``UNREACHABLE``:
the caller leaves it where it is and asks the student to try again.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from db.migrations import is_known_revision, known_revisions
from db.reads import schema_revision

# Read from the migration scripts (db.migrations.known_revisions), not written out again here.
KNOWN_REVISIONS = tuple(sorted(known_revisions()))

# The table a backup carries to say when it was taken (db.backups writes it; it is dropped
# again when a backup is restored). Not part of the library's schema.
BACKUP_INFO_TABLE = "studydesk_backup"
CONTENT_TABLES = ("study_sets", "notes", "highlights")

# Primary SQLite result codes (https://sqlite.org/rescode.html).
_BUSY, _LOCKED, _NOMEM, _READONLY, _IOERR, _CORRUPT = 5, 6, 7, 8, 10, 11
_FULL, _CANTOPEN, _PERM, _AUTH, _NOTADB = 13, 14, 3, 23, 26


class State(Enum):
    MISSING = "missing"  # no file yet: the first launch creates it
    HEALTHY = "healthy"
    UNFINISHED = "unfinished"  # a file with no tables: an interrupted first launch
    NEWER = "newer"  # written by a newer Study Desk: refuse, touch nothing
    DAMAGED = "damaged"  # proven by a read-only open
    UNREACHABLE = "unreachable"  # cannot be read now (locked, permission, disk): try again


@dataclass(frozen=True)
class Inspection:
    path: Path
    state: State
    reason: str = ""  # a sentence (without a final full stop) for people
    revision: str | None = None
    problems: tuple[str, ...] = ()  # what integrity_check said, decoded safely
    broken_references: int = 0
    contents: dict[str, int] = field(default_factory=dict)  # rows per table (thorough only)

    @property
    def ok(self) -> bool:
        return self.state in (State.MISSING, State.HEALTHY)


class LibraryUnusable(Exception):
    """The library cannot be used as it is; str(error) says why, for people."""

    def __init__(self, inspection: Inspection) -> None:
        super().__init__(describe(inspection))
        self.inspection = inspection


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def classify(path: Path, exc: BaseException) -> Inspection:
    """What an error from opening or reading ``path`` means: damage only when it proves it."""
    if isinstance(exc, UnicodeDecodeError):  # SQLite's message held bytes from a broken page
        text = _text(exc.object if isinstance(exc.object, bytes) else bytes(exc.object))
        code = _CORRUPT if "malformed" in text or "corrupt" in text else None
    elif isinstance(exc, sqlite3.Error):
        text = str(exc)
        raw = getattr(exc, "sqlite_errorcode", None)
        code = None if raw is None else raw & 0xFF
        if code is None and "not a database" in text:
            code = _NOTADB
    else:
        text, code = str(exc), None
    if code == _NOTADB:
        return Inspection(path, State.DAMAGED, "the file is no longer an SQLite database")
    if code == _CORRUPT:
        return Inspection(
            path,
            State.DAMAGED,
            "SQLite reports that the file is malformed: parts of it were overwritten or lost",
        )
    if code in (_BUSY, _LOCKED):
        return Inspection(
            path,
            State.UNREACHABLE,
            "another program is holding it locked (is a second Study "
            "Desk, a backup tool or a database browser using it?)",
        )
    if code in (_CANTOPEN, _PERM, _AUTH, _READONLY) or isinstance(exc, PermissionError):
        return Inspection(
            path,
            State.UNREACHABLE,
            "this user is not allowed to open it (check the file's and its folder's permissions)",
        )
    if code == _IOERR or isinstance(exc, OSError):
        return Inspection(path, State.UNREACHABLE, "the disk could not be read")
    if code in (_NOMEM, _FULL) or isinstance(exc, MemoryError):
        return Inspection(path, State.UNREACHABLE, "the computer ran short of memory or space")
    said = " ".join(text.split())
    return Inspection(path, State.UNREACHABLE, f"SQLite could not read it ({said})")


def _connect_read_only(path: Path, wait_s: float) -> sqlite3.Connection:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=wait_s)
    connection.text_factory = _text  # a broken page can hold any bytes
    return connection


def inspect(
    path: Path, *, thorough: bool = False, wait_s: float = 2.0, left_as_closed: bool = False
) -> Inspection:
    """Examine ``path`` without changing it. ``thorough`` runs the full integrity_check and
    counts the contents (``studydesk check``, backups); start-up runs the quick check, or,
    with ``left_as_closed`` (the file is as Study Desk left it when it last quit cleanly),
    only the checks that do not read every page: the quick check and the reference check
    take a second with a library of 200,000 notes."""
    try:
        if not path.exists():
            return Inspection(path, State.MISSING)
        if not path.is_file():
            return Inspection(path, State.UNREACHABLE, "it is not a file")
        if not os.access(path, os.R_OK):
            raise PermissionError(f"cannot read {path}")
        if path.stat().st_size == 0:
            return Inspection(path, State.UNFINISHED, "the file is empty")
        connection = _connect_read_only(path, wait_s)
        try:
            return _examine(path, connection, thorough, left_as_closed)
        finally:
            connection.close()
    except (sqlite3.Error, UnicodeDecodeError, OSError, MemoryError) as exc:
        return classify(path, exc)


def _examine(
    path: Path, connection: sqlite3.Connection, thorough: bool, left_as_closed: bool = False
) -> Inspection:
    pragma = "integrity_check" if thorough else "quick_check"
    every_page = thorough or not left_as_closed
    problems = (
        tuple(str(row[0]) for row in connection.execute(f"PRAGMA {pragma}"))
        if every_page
        else ("ok",)
    )
    if problems != ("ok",):
        return Inspection(
            path,
            State.DAMAGED,
            f"SQLite's own check of the file found {_plural(len(problems), 'problem')} in how "
            "its pages and indexes fit together",
            problems=problems,
        )
    broken = len(connection.execute("PRAGMA foreign_key_check").fetchall()) if every_page else 0
    if broken:
        return Inspection(
            path,
            State.DAMAGED,
            f"{_plural(broken, 'record')} point to others that are no longer there",
            broken_references=broken,
        )
    tables = {
        str(row[0])
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if not tables:
        return Inspection(path, State.UNFINISHED, "the file holds no tables yet")
    revision = schema_revision(connection)
    if not is_known_revision(revision):
        return Inspection(
            path, State.NEWER, f"it is at schema version {revision}", revision=revision
        )
    if "study_sets" not in tables or revision is None:
        return Inspection(
            path,
            State.DAMAGED,
            "it holds no study sets table or no schema version, so it is not a whole Study "
            "Desk library",
            revision=revision,
        )
    contents: dict[str, int] = {}
    if thorough:
        for table in CONTENT_TABLES:
            if table in tables:
                row = connection.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
                contents[table] = int(row[0])
    return Inspection(path, State.HEALTHY, revision=revision, contents=contents)


def describe(inspection: Inspection) -> str:
    """One line for the command line and for errors: what is wrong with the library."""
    where = inspection.path
    if inspection.state is State.DAMAGED:
        return f"your library at {where} is damaged: {inspection.reason}"
    if inspection.state is State.NEWER:
        return (
            f"your library at {where} was written by a newer version of Study Desk "
            f"({inspection.reason}); this version leaves it untouched"
        )
    if inspection.state is State.UNREACHABLE:
        return f"your library at {where} cannot be opened right now: {inspection.reason}"
    if inspection.state is State.UNFINISHED:
        return f"your library at {where} was never finished ({inspection.reason})"
    return f"your library at {where} is {inspection.state.value}"


def explain(exc: BaseException) -> str:
    """One line for any error met while using the library or writing files."""
    original = getattr(exc, "orig", None)  # SQLAlchemy wraps the sqlite3 error
    if isinstance(original, sqlite3.Error):
        exc = original
    if isinstance(exc, sqlite3.Error):
        raw = getattr(exc, "sqlite_errorcode", None)
        code = None if raw is None else raw & 0xFF
        if code == _FULL:
            return "the disk holding your library is full; nothing was changed"
        if code == _READONLY:
            return "your library cannot be written: its file or folder is read-only"
        if code in (_CORRUPT, _NOTADB):
            return "your library is damaged; start Study Desk to restore it from a backup"
        inspection = classify(Path("library"), exc)
        return f"your library cannot be used right now: {inspection.reason}"
    if isinstance(exc, UnicodeDecodeError):
        return "your library is damaged; start Study Desk to restore it from a backup"
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    if isinstance(exc, MemoryError):
        return "not enough memory"
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def fts5_available() -> bool:
    """Whether this SQLite has full-text search (FTS5) compiled in."""
    connection = sqlite3.connect(":memory:")
    try:
        options = {str(row[0]) for row in connection.execute("PRAGMA compile_options")}
    finally:
        connection.close()
    return "ENABLE_FTS5" in options
