"""Writing the student's work: notes, tags, highlights, the answer draft.

Every function takes the session of one transaction (Database.session()); reading them back
for display is in db.note_reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.records import ANCHOR_KINDS, NoteAnchor
from db.schema import AnswerDraft, Highlight, Note, Tag


def utc_now() -> datetime:
    """Naive UTC, as SQLite stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_IN_CHUNK = 500  # names per IN (...) query, under SQLite's variable limit


def _nocase(name: str) -> str:
    """The key SQLite's NOCASE collation compares (it folds ASCII letters only)."""
    return name.translate(_ASCII_LOWER)


def _tags(session: Session, names: Iterable[str]) -> list[Tag]:
    """The Tag rows for ``names``, creating the missing ones: one query per 500 names, so
    a note with 100,000 tags takes time in proportion (a query per name did not)."""
    wanted = list({_nocase(name): name for name in names}.values())
    known: dict[str, Tag] = {}
    with session.no_autoflush:
        for first in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[first : first + _IN_CHUNK]
            for tag in session.scalars(select(Tag).where(Tag.name.in_(chunk))):
                known[_nocase(tag.name)] = tag
    tags = []
    for name in wanted:
        found = known.get(_nocase(name))
        if found is None:
            found = known[_nocase(name)] = Tag(name=name)
            session.add(found)
        tags.append(found)
    return tags


def create_note(
    session: Session,
    study_set_id: int,
    anchor: NoteAnchor,
    body: str = "",
    colour: str | None = None,
    tags: Iterable[str] = (),
    note_id: int | None = None,
) -> int:
    """A new note; ``note_id`` recreates one with its old id (redo after an undo)."""
    if anchor.kind not in ANCHOR_KINDS:
        raise ValueError(f"unknown anchor kind {anchor.kind!r}")
    now = utc_now()
    note = Note(
        id=note_id,
        study_set_id=study_set_id,
        anchor_kind=anchor.kind,
        answer_id=anchor.answer_id,
        passage_id=anchor.passage_id,
        start_offset=anchor.start,
        end_offset=anchor.end,
        quote=anchor.quote,
        body=body,
        colour=colour,
        created_at=now,
        updated_at=now,
        deleted_at=None,
    )
    session.add(note)
    session.flush()  # the id, and the index row, before tags are attached
    if tags:
        note.tags = _tags(session, tags)
    return note.id


def delete_note(session: Session, note_id: int) -> None:
    """Gone for good: only for undoing a creation (deleting by the user goes to the trash)."""
    session.delete(_note(session, note_id))


def _note(session: Session, note_id: int) -> Note:
    note = session.get(Note, note_id)
    if note is None:
        raise LookupError(f"note {note_id} does not exist")
    return note


def set_note_body(
    session: Session, note_id: int, body: str, expected: str | None = None
) -> int | None:
    """Store ``body`` if the stored text is still ``expected`` (what the editor started from).

    If someone else changed the note meanwhile, that text is not overwritten: ``body`` is kept
    as a new note beside it (same anchor, tags and colour), whose id is returned. None when
    the body was stored in place.
    """
    note = _note(session, note_id)
    if expected is not None and note.body != expected and note.body != body:
        copy = create_note(
            session,
            note.study_set_id,
            _anchor_of(note),
            body,
            note.colour,
            [tag.name for tag in note.tags],
        )
        return copy
    if note.body != body:
        note.body = body
        note.updated_at = utc_now()
    return None


def _anchor_of(note: Note) -> NoteAnchor:
    return NoteAnchor(
        note.anchor_kind,
        note.answer_id,
        note.passage_id,
        note.start_offset,
        note.end_offset,
        note.quote,
    )


def set_note_tags(session: Session, note_id: int, names: Iterable[str]) -> None:
    note = _note(session, note_id)
    note.tags = _tags(session, names)
    note.updated_at = utc_now()


def set_note_colour(session: Session, note_id: int, colour: str | None) -> None:
    note = _note(session, note_id)
    note.colour = colour
    note.updated_at = utc_now()


def trash_note(session: Session, note_id: int) -> None:
    _note(session, note_id).deleted_at = utc_now()


def restore_note(session: Session, note_id: int) -> None:
    _note(session, note_id).deleted_at = None


def create_highlight(
    session: Session,
    passage_id: int,
    start: int,
    end: int,
    quote: str,
    colour: str,
    highlight_id: int | None = None,
) -> int:
    highlight = Highlight(
        id=highlight_id,
        passage_id=passage_id,
        start_offset=start,
        end_offset=end,
        quote=quote,
        colour=colour,
        created_at=utc_now(),
        deleted_at=None,
    )
    session.add(highlight)
    session.flush()
    return highlight.id


def _highlight(session: Session, highlight_id: int) -> Highlight:
    highlight = session.get(Highlight, highlight_id)
    if highlight is None:
        raise LookupError(f"highlight {highlight_id} does not exist")
    return highlight


def delete_highlight(session: Session, highlight_id: int) -> None:
    """Gone for good: only for undoing a creation."""
    session.delete(_highlight(session, highlight_id))


def set_highlight_colour(session: Session, highlight_id: int, colour: str) -> None:
    _highlight(session, highlight_id).colour = colour


def remove_highlight(session: Session, highlight_id: int) -> None:
    _highlight(session, highlight_id).deleted_at = utc_now()


def restore_highlight(session: Session, highlight_id: int) -> None:
    _highlight(session, highlight_id).deleted_at = None


def save_draft(session: Session, study_set_id: int, body: str) -> None:
    draft = session.get(AnswerDraft, study_set_id)
    if draft is None:
        session.add(AnswerDraft(study_set_id=study_set_id, body=body, updated_at=utc_now()))
    elif draft.body != body:
        draft.body = body
        draft.updated_at = utc_now()
