"""Writing study sets: each text is imported once, identified by its SHA-256.

Reading them for display is in db.reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class NewAnswer:
    handle: str
    credential: str | None
    passages: Sequence[str]


@dataclass(frozen=True)
class NewStudySet:
    sha256: str
    title: str
    question: str
    source_name: str
    encoding: str
    raw_text: str
    answers: Sequence[NewAnswer]
    is_embedded: bool = False


@dataclass(frozen=True)
class ImportOutcome:
    study_set_id: int
    created: bool  # False when the same text was already in the database


_INSERT_SET = (
    "INSERT INTO study_sets (sha256, title, question, source_name, encoding, raw_text, "
    "imported_at, is_embedded) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_ANSWER = (
    "INSERT INTO answers (study_set_id, position, educator_handle, educator_credential) "
    "VALUES (?, ?, ?, ?)"
)
_INSERT_PASSAGE = "INSERT INTO passages (answer_id, number, text) VALUES (?, ?, ?)"


def import_study_set(session: Session, new: NewStudySet) -> ImportOutcome:
    """Add ``new`` unless the same text is there already. Written with plain inserts on the
    session's own connection (so in its transaction), the paragraphs in one executemany:
    building ORM objects, or even Core statements, for every paragraph cost more than
    SQLite's own work when a folder of 1,000 sets is imported."""
    cursor = session.connection().connection.cursor()
    try:
        existing = cursor.execute(
            "SELECT id FROM study_sets WHERE sha256 = ?", (new.sha256,)
        ).fetchone()
        if existing is not None:
            return ImportOutcome(int(existing[0]), created=False)
        # The text stored as SQLAlchemy stores a DateTime, which db.reads parses back.
        imported_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        cursor.execute(
            _INSERT_SET,
            (
                new.sha256,
                new.title,
                new.question,
                new.source_name,
                new.encoding,
                new.raw_text,
                imported_at,
                new.is_embedded,
            ),
        )
        study_set_id = _last_id(cursor)
        passages: list[tuple[int, int, str]] = []
        for position, answer in enumerate(new.answers, start=1):
            cursor.execute(
                _INSERT_ANSWER, (study_set_id, position, answer.handle, answer.credential)
            )
            answer_id = _last_id(cursor)
            passages += [
                (answer_id, number, text) for number, text in enumerate(answer.passages, start=1)
            ]
        cursor.executemany(_INSERT_PASSAGE, passages)
    finally:
        cursor.close()
    return ImportOutcome(study_set_id, created=True)


def _last_id(cursor: Any) -> int:
    row_id = cursor.lastrowid
    assert row_id is not None
    return int(row_id)
