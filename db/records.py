"""What the database hands to the rest of the app: plain, frozen data, detached from any
session. Kept apart from the ORM so the window can use these types without importing
SQLAlchemy (which would delay the first paint)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
