"""The student's work on one study set as plain records: what a .studydesk file holds and
what db.set_file_data reads and writes. No SQLAlchemy here, so the window can name these
types without loading the ORM."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class WorkNote:
    anchor_kind: str
    answer_position: int | None
    passage_number: int | None
    start: int | None
    end: int | None
    quote: str | None
    body: str
    tags: tuple[str, ...]
    colour: str | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


@dataclass(frozen=True)
class WorkHighlight:
    answer_position: int
    passage_number: int
    start: int
    end: int
    quote: str
    colour: str
    created_at: datetime


@dataclass(frozen=True)
class WorkEvent:
    origin: str
    status: str
    title: str
    start: str
    end: str | None
    precision: str
    category: str
    description: str
    created_at: datetime


@dataclass(frozen=True)
class WorkLinkEnd:
    """One sentence of a Compare link: its answer's position, ¶ number, offsets, quote."""

    answer_position: int
    passage_number: int
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class WorkLink:
    """A Compare link the student stored (confirmed, broken, by hand, or a marked
    suggestion), with their stance and note."""

    left: WorkLinkEnd
    right: WorkLinkEnd
    status: str
    stance: str | None
    note: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class SetWork:
    notes: tuple[WorkNote, ...] = ()
    highlights: tuple[WorkHighlight, ...] = ()
    events: tuple[WorkEvent, ...] = ()
    draft: str | None = None
    draft_updated_at: datetime | None = None
    display_title: str | None = None
    tags: tuple[str, ...] = ()
    courses: tuple[str, ...] = ()
    links: tuple[WorkLink, ...] = ()  # Compare links (absent from files before links.json)
