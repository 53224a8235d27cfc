"""Reads with the standard library's sqlite3: what the window needs at start-up.

Importing SQLAlchemy takes longer than a bare Qt window takes to appear, so showing the
last study set must not wait for it. These queries read the tables the ORM models in
db.schema define; writes always go through the ORM (db.studysets and friends).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from db.records import AnswerRecord, PassageRecord, StudySetRecord

SCHEMA_HEAD = "0017"  # the newest migration in db/migrations/versions; a test checks it


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 5000")
    return connection


def schema_revision(connection: sqlite3.Connection) -> str | None:
    """The Alembic revision the file is at; None for a new, empty database."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no such table
        return None
    return None if row is None else str(row[0])


def data_version(connection: sqlite3.Connection) -> int:
    """SQLite's count of commits made on other connections to the file, as this connection
    has seen them: what it read before may be out of date when it moves."""
    return int(connection.execute("PRAGMA data_version").fetchone()[0])


def is_current(path: Path) -> bool:
    """True when the file exists and needs no migration (so no ORM is needed to open it)."""
    if not path.is_file():
        return False
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return schema_revision(connection) == SCHEMA_HEAD
    except sqlite3.DatabaseError:
        return False  # damaged or not a database: the full open path reports it
    finally:
        connection.close()


def find_study_set_id(connection: sqlite3.Connection, sha256: str) -> int | None:
    row = connection.execute("SELECT id FROM study_sets WHERE sha256 = ?", (sha256,)).fetchone()
    return None if row is None else int(row[0])


def load_study_set(connection: sqlite3.Connection, study_set_id: int) -> StudySetRecord | None:
    row = connection.execute(
        "SELECT id, sha256, title, question, source_name, encoding, imported_at, is_embedded, "
        "display_title FROM study_sets WHERE id = ?",
        (study_set_id,),
    ).fetchone()
    if row is None:
        return None
    passages: dict[int, list[PassageRecord]] = {}
    for answer_id, passage_id, number, text in connection.execute(
        "SELECT p.answer_id, p.id, p.number, p.text FROM passages p "
        "JOIN answers a ON a.id = p.answer_id WHERE a.study_set_id = ? ORDER BY p.number",
        (study_set_id,),
    ):
        passages.setdefault(answer_id, []).append(PassageRecord(passage_id, number, text))
    answers = tuple(
        AnswerRecord(answer_id, handle, credential, tuple(passages.get(answer_id, ())))
        for answer_id, handle, credential in connection.execute(
            "SELECT id, educator_handle, educator_credential FROM answers "
            "WHERE study_set_id = ? ORDER BY position",
            (study_set_id,),
        )
    )
    return StudySetRecord(
        id=row[0],
        sha256=row[1],
        title=row[2],
        question=row[3],
        source_name=row[4],
        encoding=row[5],
        # SQLAlchemy stores DateTime as ISO text; it is UTC by our convention.
        imported_at=datetime.fromisoformat(row[6]).replace(tzinfo=UTC),
        is_embedded=bool(row[7]),
        answers=answers,
        display_title=row[8],
    )


def list_study_sets(connection: sqlite3.Connection) -> list[tuple[int, str]]:
    """(id, title) of every study set, in the order they were imported."""
    return [
        (int(row[0]), str(row[1]))
        for row in connection.execute("SELECT id, title FROM study_sets ORDER BY id")
    ]


def study_sets_titled(connection: sqlite3.Connection, words: str) -> list[tuple[int, str]]:
    """(id, title) of the study sets whose title contains ``words`` (no wildcards)."""
    pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [
        (int(row[0]), str(row[1]))
        for row in connection.execute(
            "SELECT id, title FROM study_sets WHERE title LIKE ? ESCAPE '\\' ORDER BY id",
            (pattern,),
        )
    ]
