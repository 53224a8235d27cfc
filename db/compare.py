"""Writing the student's Compare decisions: links between sentences of two answers.

The table comes from migration 0006. Its ORM class lives here, beside the only code that
writes it. Reads (with sqlite3, no ORM): db.compare_reads.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.compare_records import STANCES, STATUSES, LinkFields, SentenceAnchor
from db.notes import utc_now
from db.schema import Base


class CompareLink(Base):
    __tablename__ = "compare_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_set_id: Mapped[int] = mapped_column(ForeignKey("study_sets.id", ondelete="CASCADE"))
    left_answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"))
    left_passage: Mapped[int]  # the ¶ number, 1-based
    left_start: Mapped[int]
    left_end: Mapped[int]
    left_quote: Mapped[str] = mapped_column(Text)
    right_answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"))
    right_passage: Mapped[int]
    right_start: Mapped[int]
    right_end: Mapped[int]
    right_quote: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12))
    stance: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


def _check(fields: LinkFields) -> None:
    if fields.status not in STATUSES:
        raise ValueError(f"unknown link status {fields.status!r}")
    if fields.stance is not None and fields.stance not in STANCES:
        raise ValueError(f"unknown stance {fields.stance!r}")


def create_link(
    session: Session,
    study_set_id: int,
    left: SentenceAnchor,
    right: SentenceAnchor,
    fields: LinkFields,
    *,
    link_id: int | None = None,
) -> int:
    """A new link; ``link_id`` given when redo puts back the row undo took away."""
    _check(fields)
    now = utc_now()
    link = CompareLink(
        id=link_id,
        study_set_id=study_set_id,
        left_answer_id=left.answer_id,
        left_passage=left.passage,
        left_start=left.start,
        left_end=left.end,
        left_quote=left.quote,
        right_answer_id=right.answer_id,
        right_passage=right.passage,
        right_start=right.start,
        right_end=right.end,
        right_quote=right.quote,
        status=fields.status,
        stance=fields.stance,
        note=fields.note,
        created_at=now,
        updated_at=now,
    )
    session.add(link)
    session.flush()
    return link.id


def _link(session: Session, link_id: int) -> CompareLink:
    link = session.get(CompareLink, link_id)
    if link is None:
        raise LookupError(f"compare link {link_id} does not exist")
    return link


def set_link_fields(session: Session, link_id: int, fields: LinkFields) -> None:
    _check(fields)
    link = _link(session, link_id)
    link.status, link.stance, link.note = fields.status, fields.stance, fields.note
    link.updated_at = utc_now()


def delete_link(session: Session, link_id: int) -> None:
    """Gone for good: for undoing a creation."""
    session.delete(_link(session, link_id))
