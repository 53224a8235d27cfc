"""Study sets in the database: import once by SHA-256, list, and load for display."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

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
class PassageRecord:
    id: int
    number: int
    text: str


@dataclass(frozen=True)
class AnswerRecord:
    id: int
    handle: str
    credential: str | None
    passages: tuple[PassageRecord, ...]


@dataclass(frozen=True)
class StudySetRecord:
    """A study set as the window shows it: plain data, detached from any session."""

    id: int
    sha256: str
    title: str
    question: str
    source_name: str
    encoding: str
    imported_at: datetime  # UTC, aware
    is_embedded: bool
    answers: tuple[AnswerRecord, ...]


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


def find_study_set_id(session: Session, sha256: str) -> int | None:
    return session.scalar(select(StudySet.id).where(StudySet.sha256 == sha256))


def study_set_exists(session: Session, study_set_id: int) -> bool:
    return session.get(StudySet, study_set_id) is not None


def load_study_set(session: Session, study_set_id: int) -> StudySetRecord | None:
    study_set = session.scalar(
        select(StudySet)
        .where(StudySet.id == study_set_id)
        .options(selectinload(StudySet.answers).selectinload(Answer.passages))
    )
    if study_set is None:
        return None
    return StudySetRecord(
        id=study_set.id,
        sha256=study_set.sha256,
        title=study_set.title,
        question=study_set.question,
        source_name=study_set.source_name,
        encoding=study_set.encoding,
        imported_at=study_set.imported_at.replace(tzinfo=UTC),
        is_embedded=study_set.is_embedded,
        answers=tuple(
            AnswerRecord(
                id=answer.id,
                handle=answer.educator_handle,
                credential=answer.educator_credential,
                passages=tuple(
                    PassageRecord(passage.id, passage.number, passage.text)
                    for passage in answer.passages
                ),
            )
            for answer in study_set.answers
        ),
    )
