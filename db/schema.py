"""The ORM tables. Changing them means a new Alembic migration in db/migrations/versions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
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
