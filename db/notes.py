"""Writing the student's work: notes, tags, highlights, the answer draft.

Every function takes the session of one transaction (Database.session()); reading them back
for display is in db.note_reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.orm import Session

from db.records import ANCHOR_KINDS, NoteAnchor
from db.schema import AnswerDraft, Highlight, Note, NoteTag, Tag


def utc_now() -> datetime:
    """Naive UTC, as SQLite stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_IN_CHUNK = 500  # names per IN (...) query, under SQLite's variable limit


def _nocase(name: str) -> str:
    """The key SQLite's NOCASE collation compares (it folds ASCII letters only)."""
    return name.translate(_ASCII_LOWER)


def store_note_tags(session: Session, note_id: int, names: Iterable[str]) -> None:
    """Give the note exactly these tags, creating the missing ones.

    Written with a few bulk statements and indexed for search once, so the time follows the
    number of tags: a statement (and an index rewrite) per tag made 8,000 tags take 28 s."""
    wanted = list({_nocase(name): name for name in names}.values())
    if wanted:
        session.execute(insert(Tag).prefix_with("OR IGNORE"), [{"name": name} for name in wanted])
    tag_ids: dict[str, int] = {}
    for first in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[first : first + _IN_CHUNK]
        for tag_id, name in session.execute(select(Tag.id, Tag.name).where(Tag.name.in_(chunk))):
            tag_ids[_nocase(name)] = tag_id
    session.execute(delete(NoteTag).where(NoteTag.note_id == note_id))
    if wanted:
        session.execute(
            insert(NoteTag),
            [{"note_id": note_id, "tag_id": tag_ids[_nocase(name)]} for name in wanted],
        )
    session.execute(_INDEX_NOTE_TAGS, {"id": note_id})
    session.expire_all()  # the ORM's view of note.tags is out of date now


# The note's row in the full-text index (see migration 0002 for the rowid scheme).
_INDEX_NOTE_TAGS = text(
    "UPDATE search_index SET tags = coalesce(("
    "  SELECT group_concat(t.name, ' ') FROM note_tags nt JOIN tags t ON t.id = nt.tag_id"
    "  WHERE nt.note_id = :id), '') "
    "WHERE rowid = (SELECT study_set_id FROM notes WHERE id = :id) * 1099511627776 + :id * 8 + 3"
)


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
    note_id = note.id
    if tags:
        store_note_tags(session, note_id, tags)
    return note_id


@dataclass(frozen=True)
class NoteContent:
    """What the student put in a note, to recreate it as it was."""

    body: str
    colour: str | None
    tags: tuple[str, ...]


def delete_note(session: Session, note_id: int) -> NoteContent:
    """Gone for good: only for undoing a creation (deleting by the user goes to the trash).
    Returns what the note held by then, so a redo brings back what was typed since."""
    note = _note(session, note_id)
    content = NoteContent(note.body, note.colour, tuple(tag.name for tag in note.tags))
    session.delete(note)
    return content


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
    if expected is not None and expected != body:
        # Typing saved, the common case: one guarded UPDATE. Through the ORM (load the note,
        # flush) each autosave took ~8 ms of the GUI thread, and a keystroke that saved was
        # the slowest a student typed.
        stored = session.execute(
            update(Note)
            .where(Note.id == note_id, Note.body == expected)
            .values(body=body, updated_at=utc_now())
            .execution_options(synchronize_session=False)
        )
        if getattr(stored, "rowcount", 0) == 1:
            return None
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
    note.updated_at = utc_now()
    session.flush()
    store_note_tags(session, note_id, names)


def set_note_colour(session: Session, note_id: int, colour: str | None) -> None:
    note = _note(session, note_id)
    note.colour = colour
    note.updated_at = utc_now()


def trash_note(session: Session, note_id: int) -> None:
    _note(session, note_id).deleted_at = utc_now()


def restore_note(session: Session, note_id: int) -> None:
    _note(session, note_id).deleted_at = None


def empty_trash(session: Session, study_set_id: int) -> int:
    """Delete the study set's notes in the trash for good (their tags links and search rows
    go with them); how many were deleted."""
    result = session.execute(
        delete(Note)
        .where(Note.study_set_id == study_set_id, Note.deleted_at.is_not(None))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


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
