"""Reading stored timeline events with sqlite3 (see db.reads for why not the ORM)."""

from __future__ import annotations

import sqlite3

from db.records import EventRecord


def events_of_study_set(connection: sqlite3.Connection, study_set_id: int) -> list[EventRecord]:
    """Every stored event that is not deleted, dismissed found years included."""
    rows = connection.execute(
        'SELECT id, study_set_id, origin, status, title, start, "end", precision, category, '
        "description FROM events WHERE study_set_id = ? AND deleted_at IS NULL ORDER BY start, id",
        (study_set_id,),
    )
    return [EventRecord(*row) for row in rows]
