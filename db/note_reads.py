"""Reading the student's work back with sqlite3 (see db.reads for why not the ORM)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime

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


def note_ids_of_study_set(connection: sqlite3.Connection, study_set_id: int) -> list[int]:
    """Ids only, newest first: what a lazily filled list needs to know up front."""
    return [
        row[0]
        for row in connection.execute(
            "SELECT id FROM notes WHERE study_set_id = ? AND deleted_at IS NULL "
            "ORDER BY updated_at DESC, id DESC",
            (study_set_id,),
        )
    ]


def notes_by_id(connection: sqlite3.Connection, note_ids: Iterable[int]) -> dict[int, NoteRecord]:
    ids = list(note_ids)
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = connection.execute(f"SELECT {_NOTE_COLUMNS} {_NOTE_FROM} WHERE n.id IN ({marks})", ids)
    return {record.id: record for record in map(_note, rows)}


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
