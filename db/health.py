"""Is the library file sound? Checked at start-up before anything writes to it. No Qt."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

KNOWN_REVISIONS = ("0001", "0002", "0003")  # a test checks this against the migrations


@dataclass(frozen=True)
class Health:
    ok: bool
    newer: bool = False  # written by a newer Study Desk: refuse, touch nothing
    problem: str | None = None


def assess(database: Path) -> Health:
    if not database.exists():
        return Health(True)
    try:
        connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
        try:
            quick = [row[0] for row in connection.execute("PRAGMA quick_check")]
            if quick != ["ok"]:
                return Health(False, problem="; ".join(quick[:3]))
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                return Health(False, problem=f"{len(broken)} broken references between tables")
            try:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError:
                row = None
            if row is not None and row[0] not in KNOWN_REVISIONS:
                return Health(False, newer=True, problem=f"schema version {row[0]}")
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return Health(False, problem=str(exc))
    return Health(True)
