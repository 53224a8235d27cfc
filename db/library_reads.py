"""The library of study sets as the window and `studydesk library` read it: one row per set.

Plain sqlite3 (no ORM), so the window can show the library before SQLAlchemy is loaded;
the student's organising of sets is written by db.library.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

COURSE_SEPARATOR = "::"


@dataclass(frozen=True)
class LibraryRow:
    """A study set as the library lists it."""

    id: int
    title: str  # the student's title if they gave one, else the question
    sha256: str
    educators: tuple[str, ...]
    paragraphs: int
    notes: int
    highlights: int
    courses: tuple[str, ...]
    tags: tuple[str, ...]
    imported_at: datetime  # UTC, aware
    last_opened_at: datetime | None
    in_trash: bool

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "sha256": self.sha256,
            "courses": list(self.courses),
            "tags": list(self.tags),
            "educators": list(self.educators),
            "paragraphs": self.paragraphs,
            "notes": self.notes,
            "highlights": self.highlights,
            "imported": self.imported_at.isoformat(),
            "last_opened": None if self.last_opened_at is None else self.last_opened_at.isoformat(),
            "in_trash": self.in_trash,
        }


def _utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


def _grouped(connection: sqlite3.Connection, sql: str) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for set_id, name in connection.execute(sql):
        found.setdefault(int(set_id), []).append(str(name))
    return {set_id: tuple(names) for set_id, names in found.items()}


# Each count is one grouped query over a covering index (migration 0011), not a subquery
# per set: the listing reads no text, so 2,000 sets cost tens of milliseconds.
_SETS = """
SELECT id, coalesce(display_title, title), sha256, imported_at, last_opened_at,
       deleted_at IS NOT NULL
FROM study_sets ORDER BY id
"""
_PARAGRAPHS = """
SELECT a.study_set_id, count(*) FROM answers a JOIN passages p ON p.answer_id = a.id
GROUP BY a.study_set_id
"""
_NOTES = "SELECT study_set_id, count(*) FROM notes WHERE deleted_at IS NULL GROUP BY study_set_id"
# CROSS JOIN keeps this order: answers by set, then each passage's highlights from the index.
_HIGHLIGHTS = """
SELECT a.study_set_id, count(*)
FROM answers a CROSS JOIN passages p ON p.answer_id = a.id
CROSS JOIN highlights h ON h.passage_id = p.id
WHERE h.deleted_at IS NULL
GROUP BY a.study_set_id
"""


def _counts(connection: sqlite3.Connection, sql: str) -> dict[int, int]:
    return {int(set_id): int(count) for set_id, count in connection.execute(sql)}


def library_rows(connection: sqlite3.Connection) -> list[LibraryRow]:
    """Every study set with its counts: a fixed number of queries, whatever the size."""
    educators = _grouped(
        connection, "SELECT study_set_id, educator_handle FROM answers ORDER BY position"
    )
    courses = _grouped(
        connection,
        "SELECT sc.study_set_id, c.name FROM study_set_courses sc "
        "JOIN courses c ON c.id = sc.course_id ORDER BY c.name",
    )
    tags = _grouped(
        connection,
        "SELECT st.study_set_id, t.name FROM study_set_tags st "
        "JOIN tags t ON t.id = st.tag_id ORDER BY t.name",
    )
    paragraphs = _counts(connection, _PARAGRAPHS)
    notes = _counts(connection, _NOTES)
    highlights = _counts(connection, _HIGHLIGHTS)
    rows = []
    for set_id, title, sha256, imported_text, opened_text, in_trash in connection.execute(_SETS):
        imported = _utc(imported_text)
        assert imported is not None
        rows.append(
            LibraryRow(
                id=set_id,
                title=str(title),
                sha256=str(sha256),
                educators=educators.get(set_id, ()),
                paragraphs=paragraphs.get(set_id, 0),
                notes=notes.get(set_id, 0),
                highlights=highlights.get(set_id, 0),
                courses=courses.get(set_id, ()),
                tags=tags.get(set_id, ()),
                imported_at=imported,
                last_opened_at=_utc(opened_text),
                in_trash=bool(in_trash),
            )
        )
    return rows


def course_names(connection: sqlite3.Connection) -> list[str]:
    """Every course, parents before children ("A" before "A::B")."""
    return [str(row[0]) for row in connection.execute("SELECT name FROM courses ORDER BY name")]


def recent_study_sets(connection: sqlite3.Connection, limit: int = 10) -> list[tuple[int, str]]:
    """(id, title) of the sets opened last, newest first (none in the trash)."""
    return [
        (int(row[0]), str(row[1]))
        for row in connection.execute(
            "SELECT id, coalesce(display_title, title) FROM study_sets "
            "WHERE last_opened_at IS NOT NULL AND deleted_at IS NULL "
            "ORDER BY last_opened_at DESC LIMIT ?",
            (limit,),
        )
    ]


def note_opened(connection: sqlite3.Connection, study_set_id: int) -> None:
    """Record that the set was opened, through the plain reader connection: opening a set
    at start-up must not wait for the ORM to load."""
    with connection:
        connection.execute(
            "UPDATE study_sets SET last_opened_at = ? WHERE id = ?",
            (datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" "), study_set_id),
        )


def normal_course_name(name: str) -> str:
    """ "HIST 201 :: Unit 3 " -> "HIST 201::Unit 3"; empty levels are dropped."""
    parts = [part.strip() for part in name.split(COURSE_SEPARATOR)]
    return COURSE_SEPARATOR.join(part for part in parts if part)
