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
    # The name the student gave it in the Library, if any ("title" stays the source's).
    display_title: str | None = None

    @property
    def listed_title(self) -> str:
        """What the set is called wherever it is named: the Library, the window's title."""
        return self.display_title or self.title


# What a note can be attached to. "range" is a text range inside a passage (with a quote).
ANCHOR_KINDS = ("study_set", "question", "answer", "passage", "range")


@dataclass(frozen=True)
class NoteAnchor:
    kind: str  # one of ANCHOR_KINDS
    answer_id: int | None = None
    passage_id: int | None = None
    start: int | None = None  # offsets in the passage text, for "range"
    end: int | None = None
    quote: str | None = None


@dataclass(frozen=True)
class NoteRecord:
    id: int
    study_set_id: int
    anchor: NoteAnchor
    body: str
    colour: str | None
    tags: tuple[str, ...]
    created_at: datetime  # UTC, aware
    updated_at: datetime
    deleted_at: datetime | None
    educator: str | None  # handle of the answer it belongs to, if any
    passage_number: int | None  # the ¶ number, if anchored in a passage

    @property
    def place(self) -> str:
        """Where it is attached, as the user reads it: 'gpane ¶2', 'Question'…"""
        where = place_in_answer(self.educator, self.passage_number)
        return where or ("Question" if self.anchor.kind == "question" else "Study set")


def place_in_answer(handle: str | None, passage_number: int | None) -> str | None:
    """'gpane ¶2', or "gpane's answer" without a paragraph; None outside the answers."""
    if handle is None:
        return None
    return f"{handle} ¶{passage_number}" if passage_number is not None else f"{handle}'s answer"


@dataclass(frozen=True)
class HighlightRecord:
    id: int
    passage_id: int
    start: int
    end: int
    quote: str
    colour: str


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "passage", "question", "note" or "draft" (the My answer draft)
    ref_id: int  # the passage's, question's (study set's), note's or draft's (study set's) id
    snippet: str  # with \x02 … \x03 around matched terms
    place: str  # "gpane ¶2", "Question", "Note on gpane ¶2", "My answer"
    answer_handle: str | None
    passage_number: int | None
    study_set_id: int = 0  # the study set it is in, and that set's title as the library shows it
    study_set_title: str = ""


@dataclass(frozen=True)
class EventRecord:
    """A stored timeline event (the student's own, or a found year accepted or dismissed)."""

    id: int
    study_set_id: int
    origin: str
    status: str
    title: str
    start: str
    end: str | None
    precision: str
    category: str
    description: str


@dataclass(frozen=True)
class EventFields:
    title: str
    start: str
    end: str | None
    precision: str
    category: str
    description: str = ""
