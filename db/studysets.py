"""Writing study sets: each text is imported once, identified by its SHA-256.

Reading them for display is in db.reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Table, insert, select
from sqlalchemy.orm import Session

from db.schema import Answer, Passage, StudySet

_STUDY_SETS = cast(Table, StudySet.__table__)
_ANSWERS = cast(Table, Answer.__table__)
_PASSAGES = cast(Table, Passage.__table__)


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


def import_study_set(session: Session, new: NewStudySet) -> ImportOutcome:
    """Add ``new`` unless the same text is there already. Written with Core inserts in the
    session's transaction, the passages in one executemany: building ORM objects for every
    paragraph cost more than SQLite's own work when a folder of 1,000 sets is imported."""
    existing = session.scalar(select(StudySet.id).where(StudySet.sha256 == new.sha256))
    if existing is not None:
        return ImportOutcome(existing, created=False)
    connection = session.connection()
    # Table inserts with the values as parameters: one compiled statement each, cached.
    created = connection.execute(
        insert(_STUDY_SETS),
        {
            "sha256": new.sha256,
            "title": new.title,
            "question": new.question,
            "source_name": new.source_name,
            "encoding": new.encoding,
            "raw_text": new.raw_text,
            "imported_at": datetime.now(UTC).replace(tzinfo=None),
            "is_embedded": new.is_embedded,
        },
    )
    study_set_id = _new_id(created)
    passages: list[dict[str, object]] = []
    for position, answer in enumerate(new.answers, start=1):
        added = connection.execute(
            insert(_ANSWERS),
            {
                "study_set_id": study_set_id,
                "position": position,
                "educator_handle": answer.handle,
                "educator_credential": answer.credential,
            },
        )
        answer_id = _new_id(added)
        passages += [
            {"answer_id": answer_id, "number": number, "text": text}
            for number, text in enumerate(answer.passages, start=1)
        ]
    if passages:
        connection.execute(insert(_PASSAGES), passages)
    return ImportOutcome(study_set_id, created=True)


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])
