"""Reading the student's work back with sqlite3 (see db.reads for why not the ORM)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

from db.records import HighlightRecord, NoteAnchor, NoteRecord

_NOTE_COLUMNS = """
    n.id, n.study_set_id, n.anchor_kind, n.answer_id, n.passage_id, n.start_offset,
    n.end_offset, n.quote, n.body, n.colour, n.created_at, n.updated_at, n.deleted_at,
    coalesce(a.educator_handle, pa.educator_handle), p.number,
    (SELECT group_concat(name, char(31)) FROM
        (SELECT t.name FROM note_tags nt JOIN tags t ON t.id = nt.tag_id
         WHERE nt.note_id = n.id ORDER BY t.name))
"""
_NOTE_FROM = """
    FROM notes n
    LEFT JOIN passages p ON p.id = n.passage_id
    LEFT JOIN answers pa ON pa.id = p.answer_id
    LEFT JOIN answers a ON a.id = n.answer_id
"""


def _utc(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def _note(row: tuple) -> NoteRecord:  # type: ignore[type-arg]
    created = _utc(row[10])
    updated = _utc(row[11])
    assert created is not None and updated is not None
    return NoteRecord(
        id=row[0],
        study_set_id=row[1],
        anchor=NoteAnchor(row[2], row[3], row[4], row[5], row[6], row[7]),
        body=row[8],
        colour=row[9],
        created_at=created,
        updated_at=updated,
        deleted_at=_utc(row[12]),
        educator=row[13],
        passage_number=row[14],
        tags=tuple(row[15].split("\x1f")) if row[15] else (),
    )


def note(connection: sqlite3.Connection, note_id: int) -> NoteRecord | None:
    row = connection.execute(
        f"SELECT {_NOTE_COLUMNS} {_NOTE_FROM} WHERE n.id = ?", (note_id,)
    ).fetchone()
    return None if row is None else _note(row)


def notes_of_study_set(
    connection: sqlite3.Connection, study_set_id: int, *, trashed: bool = False
) -> list[NoteRecord]:
    """Every note of the study set (or of its trash), newest first."""
    condition = "IS NOT NULL" if trashed else "IS NULL"
    rows = connection.execute(
        f"SELECT {_NOTE_COLUMNS} {_NOTE_FROM} "
        f"WHERE n.study_set_id = ? AND n.deleted_at {condition} "
        "ORDER BY n.updated_at DESC, n.id DESC",
        (study_set_id,),
    )
    return [_note(row) for row in rows]


def notes_by_id(
    connection: sqlite3.Connection, note_ids: Iterable[int], *, preview_chars: int | None = None
) -> dict[int, NoteRecord]:
    """The notes with these ids; with ``preview_chars``, bodies cut to that length (for
    lists, which show a line of each and must not hold 100,000 whole notes)."""
    ids = list(note_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    columns = _NOTE_COLUMNS
    if preview_chars is not None:
        columns = columns.replace("n.body,", f"substr(n.body, 1, {int(preview_chars)}),", 1)
    rows = connection.execute(f"SELECT {columns} {_NOTE_FROM} WHERE n.id IN ({marks})", ids)
    return {record.id: record for record in map(_note, rows)}


class ParagraphNote(NamedTuple):
    """What a paragraph's margin mark needs of a note, and no more."""

    note_id: int
    answer_id: int
    passage_id: int
    body: str  # cut to the preview length asked for
    quote: str | None  # the text it is on, for a note on a range


def paragraph_notes(
    connection: sqlite3.Connection, study_set_id: int, preview_chars: int
) -> list[ParagraphNote]:
    """The study set's notes on paragraphs (not in the trash), each with its answer, in one
    query: the margin marks of every answer tab (one query and whole NoteRecords per tab
    were a third of switching between large sets)."""
    rows = connection.execute(
        f"SELECT n.id, p.answer_id, n.passage_id, substr(n.body, 1, {int(preview_chars)}), "
        "CASE WHEN n.anchor_kind = 'range' THEN n.quote END "
        "FROM notes n JOIN passages p ON p.id = n.passage_id "
        "WHERE n.study_set_id = ? AND n.deleted_at IS NULL ORDER BY n.id",
        (study_set_id,),
    )
    return [ParagraphNote(*row) for row in rows]


def highlights_of_answer(connection: sqlite3.Connection, answer_id: int) -> list[HighlightRecord]:
    rows = connection.execute(
        "SELECT h.id, h.passage_id, h.start_offset, h.end_offset, h.quote, h.colour "
        "FROM highlights h JOIN passages p ON p.id = h.passage_id "
        "WHERE p.answer_id = ? AND h.deleted_at IS NULL ORDER BY p.number, h.start_offset",
        (answer_id,),
    )
    return [HighlightRecord(*row) for row in rows]


def all_tags(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute("SELECT name FROM tags ORDER BY name")]


def draft(connection: sqlite3.Connection, study_set_id: int) -> str:
    row = connection.execute(
        "SELECT body FROM answer_drafts WHERE study_set_id = ?", (study_set_id,)
    ).fetchone()
    return "" if row is None else str(row[0])


@dataclass(frozen=True)
class NoteFilter:
    """Which notes of a study set a list shows; None means any."""

    study_set_id: int
    tag: str | None = None
    colour: str | None = None  # a colour name, or NO_COLOUR
    educator: str | None = None  # an educator handle, or QUESTION_ONLY for the question's
    anchor_kind: str | None = None
    answer_id: int | None = None  # the notes "in view" on that answer's tab
    order: str = "date"  # "date" (newest first) or "position" (as in the text)


NO_COLOUR = "-"
QUESTION_ONLY = "-"

_ORDERS = {
    "date": "n.updated_at DESC, n.id DESC",
    "position": "coalesce(a.position, pa.position, 0), coalesce(p.number, 0), "
    "coalesce(n.start_offset, 0), n.id",
}


def note_ids(connection: sqlite3.Connection, wanted: NoteFilter) -> list[int]:
    """Ids of the matching notes in display order: a lazy list loads the rest by page."""
    where = ["n.study_set_id = ?", "n.deleted_at IS NULL"]
    args: list[object] = [wanted.study_set_id]
    if wanted.tag is not None:
        where.append(
            "EXISTS (SELECT 1 FROM note_tags nt JOIN tags t ON t.id = nt.tag_id "
            "WHERE nt.note_id = n.id AND t.name = ?)"
        )
        args.append(wanted.tag)
    if wanted.colour == NO_COLOUR:
        where.append("n.colour IS NULL")
    elif wanted.colour is not None:
        where.append("n.colour = ?")
        args.append(wanted.colour)
    if wanted.educator == QUESTION_ONLY:
        # Word for word the partial index's condition (migration 0016, with the deleted_at
        # one above): the query names that index, and SQLite uses it only for the same terms.
        where.append("n.anchor_kind IN ('question', 'study_set')")
    elif wanted.educator is not None:
        where.append("coalesce(a.educator_handle, pa.educator_handle) = ?")
        args.append(wanted.educator)
    if wanted.anchor_kind is not None:
        where.append("n.anchor_kind = ?")
        args.append(wanted.anchor_kind)
    if wanted.answer_id is not None:
        where.append("coalesce(n.answer_id, p.answer_id) = ?")
        args.append(wanted.answer_id)
    # The joins cost a lookup per note: only when a filter or the order needs them.
    needs_joins = wanted.educator not in (None, QUESTION_ONLY) or wanted.answer_id is not None
    source = _NOTE_FROM if needs_joins or wanted.order != "date" else "FROM notes n"
    if wanted.educator == QUESTION_ONLY:
        # The planner prefers ix_notes_listing (two columns equal), which reads every note of
        # the set; the partial index holds only these (migration 0016).
        source = source.replace("FROM notes n", "FROM notes n INDEXED BY ix_notes_question", 1)
    sql = f"SELECT n.id {source} WHERE {' AND '.join(where)} ORDER BY {_ORDERS[wanted.order]}"
    return [row[0] for row in connection.execute(sql, args)]


def tag_counts(connection: sqlite3.Connection, study_set_id: int) -> list[tuple[str, int]]:
    """Each tag used in the study set's notes (not in the trash), with how many notes."""
    return list(
        connection.execute(
            "SELECT t.name, count(*) FROM tags t JOIN note_tags nt ON nt.tag_id = t.id "
            "JOIN notes n ON n.id = nt.note_id "
            "WHERE n.study_set_id = ? AND n.deleted_at IS NULL GROUP BY t.id ORDER BY t.name",
            (study_set_id,),
        )
    )


def colour_counts(connection: sqlite3.Connection, study_set_id: int) -> dict[str | None, int]:
    """How many notes (not in the trash) have each colour; None for no colour."""
    return dict(
        connection.execute(
            # Counted in the index alone (migration 0017), not through each note's row.
            "SELECT colour, count(*) FROM notes INDEXED BY ix_notes_colours "
            "WHERE study_set_id = ? AND deleted_at IS NULL GROUP BY colour",
            (study_set_id,),
        ).fetchall()
    )


def note_count(connection: sqlite3.Connection, study_set_id: int) -> int:
    return int(
        connection.execute(
            "SELECT count(*) FROM notes WHERE study_set_id = ? AND deleted_at IS NULL",
            (study_set_id,),
        ).fetchone()[0]
    )
