"""A study set's work as a `.studydesk` file carries it: gathered from the database, and
added to a set (never overwriting anything; what to add is decided by the caller).

Places are positions, not ids: an answer by its 1-based position in the set, a passage by
its ¶ number, so the work means the same in another library holding the same text.
Times are naive UTC, as SQLite stores them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.compare import CompareLink
from db.library import add_to_course, set_display_title, set_study_set_tags
from db.notes import store_note_tags, utc_now
from db.schema import (
    Answer,
    AnswerDraft,
    Highlight,
    Note,
    Passage,
    StudySet,
    StudySetTag,
    Tag,
    TimelineEvent,
)
from db.set_file_records import (
    SetWork,
    WorkEvent,
    WorkHighlight,
    WorkLink,
    WorkLinkEnd,
    WorkNote,
)


@dataclass(frozen=True)
class SetSource:
    id: int
    sha256: str
    title: str  # the question, the title of record
    display_title: str | None
    raw_text: str


def _time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _required_time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def set_source(connection: sqlite3.Connection, study_set_id: int) -> SetSource | None:
    row = connection.execute(
        "SELECT id, sha256, title, display_title, raw_text FROM study_sets WHERE id = ?",
        (study_set_id,),
    ).fetchone()
    return None if row is None else SetSource(int(row[0]), row[1], row[2], row[3], row[4])


def gather_work(connection: sqlite3.Connection, study_set_id: int) -> SetWork:
    """Everything the student made in the set: notes (the trash too), live highlights,
    stored timeline events that are not deleted, the draft, the set's tags and courses."""
    notes = []
    for row in connection.execute(
        "SELECT n.anchor_kind, coalesce(a.position, pa.position), p.number, n.start_offset, "
        "n.end_offset, n.quote, n.body, n.colour, n.created_at, n.updated_at, n.deleted_at, "
        "(SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM note_tags nt "
        "  JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id = n.id ORDER BY t.name)) "
        "FROM notes n LEFT JOIN passages p ON p.id = n.passage_id "
        "LEFT JOIN answers pa ON pa.id = p.answer_id LEFT JOIN answers a ON a.id = n.answer_id "
        "WHERE n.study_set_id = ? ORDER BY n.created_at, n.id",
        (study_set_id,),
    ):
        notes.append(
            WorkNote(
                anchor_kind=row[0],
                answer_position=row[1],
                passage_number=row[2],
                start=row[3],
                end=row[4],
                quote=row[5],
                body=row[6],
                tags=tuple(row[11].split("\x1f")) if row[11] else (),
                colour=row[7],
                created_at=_required_time(row[8]),
                updated_at=_required_time(row[9]),
                deleted_at=_time(row[10]),
            )
        )
    highlights = [
        WorkHighlight(row[0], row[1], row[2], row[3], row[4], row[5], _required_time(row[6]))
        for row in connection.execute(
            "SELECT a.position, p.number, h.start_offset, h.end_offset, h.quote, h.colour, "
            "h.created_at FROM highlights h JOIN passages p ON p.id = h.passage_id "
            "JOIN answers a ON a.id = p.answer_id "
            "WHERE a.study_set_id = ? AND h.deleted_at IS NULL "
            "ORDER BY a.position, p.number, h.start_offset, h.id",
            (study_set_id,),
        )
    ]
    events = [
        WorkEvent(
            row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], _required_time(row[8])
        )
        for row in connection.execute(
            'SELECT origin, status, title, start, "end", precision, category, description, '
            "created_at FROM events WHERE study_set_id = ? AND deleted_at IS NULL "
            "ORDER BY created_at, id",
            (study_set_id,),
        )
    ]
    draft = connection.execute(
        "SELECT body, updated_at FROM answer_drafts WHERE study_set_id = ?", (study_set_id,)
    ).fetchone()
    display = connection.execute(
        "SELECT display_title FROM study_sets WHERE id = ?", (study_set_id,)
    ).fetchone()
    tags = connection.execute(
        "SELECT t.name FROM study_set_tags st JOIN tags t ON t.id = st.tag_id "
        "WHERE st.study_set_id = ? ORDER BY t.name",
        (study_set_id,),
    ).fetchall()
    courses = connection.execute(
        "SELECT c.name FROM study_set_courses sc JOIN courses c ON c.id = sc.course_id "
        "WHERE sc.study_set_id = ? ORDER BY c.name",
        (study_set_id,),
    ).fetchall()
    return SetWork(
        links=_gather_links(connection, study_set_id),
        notes=tuple(notes),
        highlights=tuple(highlights),
        events=tuple(events),
        draft=None if draft is None else draft[0],
        draft_updated_at=None if draft is None else _required_time(draft[1]),
        display_title=None if display is None else display[0],
        tags=tuple(row[0] for row in tags),
        courses=tuple(row[0] for row in courses),
    )


def _gather_links(connection: sqlite3.Connection, study_set_id: int) -> tuple[WorkLink, ...]:
    """The set's stored Compare links, each answer named by its position."""
    rows = connection.execute(
        "SELECT la.position, c.left_passage, c.left_start, c.left_end, c.left_quote, "
        "ra.position, c.right_passage, c.right_start, c.right_end, c.right_quote, "
        "c.status, c.stance, c.note, c.created_at, c.updated_at FROM compare_links c "
        "JOIN answers la ON la.id = c.left_answer_id "
        "JOIN answers ra ON ra.id = c.right_answer_id "
        "WHERE c.study_set_id = ? ORDER BY c.created_at, c.id",
        (study_set_id,),
    )
    return tuple(
        WorkLink(
            WorkLinkEnd(*row[0:5]),
            WorkLinkEnd(*row[5:10]),
            row[10],
            row[11],
            row[12],
            _required_time(row[13]),
            _required_time(row[14]),
        )
        for row in rows
    )


def _places(
    session: Session, study_set_id: int
) -> tuple[dict[int, int], dict[tuple[int, int], int]]:
    """Answer ids by position, passage ids by (answer position, ¶ number)."""
    answers: dict[int, int] = {}
    passages: dict[tuple[int, int], int] = {}
    for answer_id, position, passage_id, number in session.execute(
        select(Answer.id, Answer.position, Passage.id, Passage.number)
        .join(Passage, Passage.answer_id == Answer.id, isouter=True)
        .where(Answer.study_set_id == study_set_id)
    ):
        answers[position] = answer_id
        if passage_id is not None:
            passages[(position, number)] = passage_id
    return answers, passages


class PlaceMissing(LookupError):
    """Work names an answer or paragraph the set does not have (the caller checks first)."""


def add_work(session: Session, study_set_id: int, work: SetWork) -> None:
    """Add exactly ``work`` to the set: its notes, highlights and events as new rows with
    their own times; the draft only when given (the caller decides it overwrites nothing);
    the tags and courses added to those the set has; the display title when given."""
    if session.get(StudySet, study_set_id) is None:
        raise LookupError(f"study set {study_set_id} does not exist")
    answers, passages = _places(session, study_set_id)

    def answer_id(position: int | None) -> int | None:
        if position is None:
            return None
        if position not in answers:
            raise PlaceMissing(f"answer {position}")
        return answers[position]

    def passage_id(position: int | None, number: int | None) -> int | None:
        if position is None or number is None:
            return None
        if (position, number) not in passages:
            raise PlaceMissing(f"answer {position} ¶{number}")
        return passages[(position, number)]

    for item in work.notes:
        note = Note(
            study_set_id=study_set_id,
            anchor_kind=item.anchor_kind,
            answer_id=answer_id(item.answer_position),
            passage_id=passage_id(item.answer_position, item.passage_number),
            start_offset=item.start,
            end_offset=item.end,
            quote=item.quote,
            body=item.body,
            colour=item.colour,
            created_at=item.created_at,
            updated_at=item.updated_at,
            deleted_at=item.deleted_at,
        )
        session.add(note)
        session.flush()
        if item.tags:
            store_note_tags(session, note.id, item.tags)
    for highlight in work.highlights:
        found = passage_id(highlight.answer_position, highlight.passage_number)
        assert found is not None
        session.add(
            Highlight(
                passage_id=found,
                start_offset=highlight.start,
                end_offset=highlight.end,
                quote=highlight.quote,
                colour=highlight.colour,
                created_at=highlight.created_at,
                deleted_at=None,
            )
        )
    for event in work.events:
        session.add(
            TimelineEvent(
                study_set_id=study_set_id,
                origin=event.origin,
                status=event.status,
                title=event.title,
                start=event.start,
                end=event.end,
                precision=event.precision,
                category=event.category,
                description=event.description,
                created_at=event.created_at,
                deleted_at=None,
            )
        )
    for link in work.links:
        _add_link(session, study_set_id, link, answer_id)
    if work.draft is not None:
        draft = session.get(AnswerDraft, study_set_id)
        updated = work.draft_updated_at or utc_now()
        if draft is None:
            session.add(AnswerDraft(study_set_id=study_set_id, body=work.draft, updated_at=updated))
        else:
            draft.body = work.draft
            draft.updated_at = updated
    if work.tags:
        _add_set_tags(session, study_set_id, work.tags)
    for course in work.courses:
        add_to_course(session, [study_set_id], course)
    if work.display_title is not None:
        set_display_title(session, study_set_id, work.display_title)
    session.flush()


def _add_link(
    session: Session,
    study_set_id: int,
    link: WorkLink,
    answer_id: Callable[[int | None], int | None],
) -> None:
    left, right = answer_id(link.left.answer_position), answer_id(link.right.answer_position)
    assert left is not None and right is not None
    session.add(
        CompareLink(
            study_set_id=study_set_id,
            left_answer_id=left,
            left_passage=link.left.passage_number,
            left_start=link.left.start,
            left_end=link.left.end,
            left_quote=link.left.quote,
            right_answer_id=right,
            right_passage=link.right.passage_number,
            right_start=link.right.start,
            right_end=link.right.end,
            right_quote=link.right.quote,
            status=link.status,
            stance=link.stance,
            note=link.note,
            created_at=link.created_at,
            updated_at=link.updated_at,
        )
    )


def _add_set_tags(session: Session, study_set_id: int, names: Sequence[str]) -> None:
    have = list(
        session.scalars(
            select(Tag.name)
            .join(StudySetTag, StudySetTag.tag_id == Tag.id)
            .where(StudySetTag.study_set_id == study_set_id)
        )
    )
    set_study_set_tags(session, study_set_id, [*have, *names])
