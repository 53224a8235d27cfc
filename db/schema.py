"""The ORM tables. Changing them means a new Alembic migration in db/migrations/versions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class StudySet(Base):
    """A question with its answers, and where it came from. Its text is never edited."""

    __tablename__ = "study_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    # SHA-256 of the text with "\n" line endings: the same text is imported once.
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text)
    source_name: Mapped[str] = mapped_column(Text)
    encoding: Mapped[str] = mapped_column(String(40))
    raw_text: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime]  # UTC, naive (SQLite keeps no zone)
    is_embedded: Mapped[bool] = mapped_column(default=False)
    # The student's own name for it (the question stays the title of record).
    display_title: Mapped[str | None] = mapped_column(Text, default=None)
    last_opened_at: Mapped[datetime | None] = mapped_column(default=None)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)  # in the trash

    answers: Mapped[list[Answer]] = relationship(
        back_populates="study_set",
        order_by="Answer.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Answer(Base):
    """One educator's answer inside a study set."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("study_set_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    study_set_id: Mapped[int] = mapped_column(
        ForeignKey("study_sets.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]  # 1-based order in the file
    educator_handle: Mapped[str] = mapped_column(String(64))
    educator_credential: Mapped[str | None] = mapped_column(Text)

    study_set: Mapped[StudySet] = relationship(back_populates="answers")
    passages: Mapped[list[Passage]] = relationship(
        back_populates="answer",
        order_by="Passage.number",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class Passage(Base):
    """A paragraph of an answer. Its id is the stable anchor for everything the user adds."""

    __tablename__ = "passages"
    __table_args__ = (UniqueConstraint("answer_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]  # the ¶ number shown to the user, 1-based
    text: Mapped[str] = mapped_column(Text)

    answer: Mapped[Answer] = relationship(back_populates="passages")


class Note(Base):
    """The student's note, anchored to the question, an answer, a paragraph or a text range.

    ``deleted_at`` set means it is in the trash (restorable); search leaves it out.
    """

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_set_id: Mapped[int] = mapped_column(
        ForeignKey("study_sets.id", ondelete="CASCADE"), index=True
    )
    anchor_kind: Mapped[str] = mapped_column(String(16))  # see db.records.ANCHOR_KINDS
    answer_id: Mapped[int | None] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"))
    passage_id: Mapped[int | None] = mapped_column(ForeignKey("passages.id", ondelete="CASCADE"))
    start_offset: Mapped[int | None]
    end_offset: Mapped[int | None]
    quote: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]

    tags: Mapped[list[Tag]] = relationship(secondary="note_tags", order_by="Tag.name")


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text(collation="NOCASE"), unique=True)


class NoteTag(Base):
    __tablename__ = "note_tags"

    note_id: Mapped[int] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Highlight(Base):
    """A coloured range of a passage: offsets plus the quoted text, to re-anchor by."""

    __tablename__ = "highlights"

    id: Mapped[int] = mapped_column(primary_key=True)
    passage_id: Mapped[int] = mapped_column(
        ForeignKey("passages.id", ondelete="CASCADE"), index=True
    )
    start_offset: Mapped[int]
    end_offset: Mapped[int]
    quote: Mapped[str] = mapped_column(Text)
    colour: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]


class AnswerDraft(Base):
    """The student's own answer to the study set's question (Markdown)."""

    __tablename__ = "answer_drafts"

    study_set_id: Mapped[int] = mapped_column(
        ForeignKey("study_sets.id", ondelete="CASCADE"), primary_key=True
    )
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]


class TimelineEvent(Base):
    """An event the student added ("user") or accepted from the text ("found").

    Curated events ship as data files and are not stored. ``deleted_at`` set: deleted (kept
    so that Undo can bring it back). A found year the student dismissed is kept with
    status "dismissed" so it is not suggested again.
    """

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_set_id: Mapped[int] = mapped_column(
        ForeignKey("study_sets.id", ondelete="CASCADE"), index=True
    )
    origin: Mapped[str] = mapped_column(String(8))  # "user" or "found"
    status: Mapped[str] = mapped_column(String(12), default="shown")  # or "dismissed"
    title: Mapped[str] = mapped_column(Text)
    start: Mapped[str] = mapped_column(String(10))  # 1917, 1917-11 or 1917-11-07
    end: Mapped[str | None] = mapped_column(String(10))
    precision: Mapped[str] = mapped_column(String(8))
    category: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]


class Course(Base):
    """A named group of study sets; "HIST 201::Unit 3" is Unit 3 inside HIST 201."""

    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text(collation="NOCASE"), unique=True)


class StudySetCourse(Base):
    __tablename__ = "study_set_courses"
    # A course's sets are read from this index alone (migration 0014).
    __table_args__ = (Index("ix_study_set_courses_course_set", "course_id", "study_set_id"),)

    study_set_id: Mapped[int] = mapped_column(
        ForeignKey("study_sets.id", ondelete="CASCADE"), primary_key=True
    )
    course_id: Mapped[int] = mapped_column(
        ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )


class StudySetTag(Base):
    __tablename__ = "study_set_tags"

    study_set_id: Mapped[int] = mapped_column(
        ForeignKey("study_sets.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )
