"""Whether study sets are in the Trash: the small reads that keep the window off a trashed
set (without reading every set's row for the library table)."""

from __future__ import annotations

import sqlite3


def in_trash(connection: sqlite3.Connection, study_set_id: int) -> bool:
    """True when the set is in the Trash (a set that is gone is not)."""
    row = connection.execute(
        "SELECT deleted_at IS NOT NULL FROM study_sets WHERE id = ?", (study_set_id,)
    ).fetchone()
    return bool(row and row[0])


def live_study_set_ids(connection: sqlite3.Connection) -> list[int]:
    """Every set not in the Trash, the most recently opened first, then the newest imported."""
    return [
        int(row[0])
        for row in connection.execute(
            "SELECT id FROM study_sets WHERE deleted_at IS NULL "
            "ORDER BY last_opened_at IS NULL, last_opened_at DESC, id DESC"
        )
    ]
