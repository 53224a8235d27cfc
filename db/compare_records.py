"""Compare links as plain data (no SQLAlchemy: the window reads them before the ORM loads)."""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("suggested", "confirmed", "broken", "manual")
STANCES = ("agree", "disagree", "different focus")


@dataclass(frozen=True)
class SentenceAnchor:
    """A sentence of an answer: its answer, ¶ number (1-based), offsets and quoted text."""

    answer_id: int
    passage: int
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class LinkFields:
    """What the student decided about a link (all of it, so undo can put it back)."""

    status: str
    stance: str | None = None
    note: str = ""


@dataclass(frozen=True)
class LinkRecord:
    id: int
    study_set_id: int
    left: SentenceAnchor
    right: SentenceAnchor
    fields: LinkFields
