"""Writing study sets: each text is imported once, identified by its SHA-256.

Reading them for display is in db.reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.schema import Answer, Passage, StudySet


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
    existing = session.scalar(select(StudySet.id).where(StudySet.sha256 == new.sha256))
    if existing is not None:
        return ImportOutcome(existing, created=False)
    study_set = StudySet(
        sha256=new.sha256,
        title=new.title,
        question=new.question,
        source_name=new.source_name,
        encoding=new.encoding,
        raw_text=new.raw_text,
        imported_at=datetime.now(UTC).replace(tzinfo=None),
        is_embedded=new.is_embedded,
        answers=[
            Answer(
                position=position,
                educator_handle=answer.handle,
                educator_credential=answer.credential,
                passages=[
                    Passage(number=number, text=text)
                    for number, text in enumerate(answer.passages, start=1)
                ],
            )
            for position, answer in enumerate(new.answers, start=1)
        ],
    )
    session.add(study_set)
    session.flush()
    return ImportOutcome(study_set.id, created=True)
