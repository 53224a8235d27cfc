"""The library of study sets as the window and `studydesk library` read it: one row per set.

Plain sqlite3 (no ORM), so the window can show the library before SQLAlchemy is loaded;
the student's organising of sets is written by db.library.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import NamedTuple

COURSE_SEPARATOR = "::"


class LibraryRow(NamedTuple):
    """A study set as the library lists it. A named tuple, not a frozen dataclass: made for
    every set each time the library is listed, and a frozen dataclass took five times as
    long to make (2,000 sets: 10 of the listing's 48 ms)."""

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
    """Times are stored in UTC without an offset; parsed with one added, as replace(tzinfo=)
    took seven times as long as the parsing."""
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text + "+00:00")
    except ValueError:  # written with an offset after all
        return datetime.fromisoformat(text).astimezone(UTC)


def _grouped(connection: sqlite3.Connection, sql: str) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for set_id, name in connection.execute(sql):
        found.setdefault(int(set_id), []).append(str(name))
    return {set_id: tuple(names) for set_id, names in found.items()}


# The paragraphs, notes and highlights of each set are counted by triggers as they are
# written (migration 0015): counting 200,000 notes each time was most of the listing's time.
_SETS = """
SELECT s.id, coalesce(s.display_title, s.title), s.sha256, s.imported_at, s.last_opened_at,
       s.deleted_at IS NOT NULL,
       coalesce(c.paragraphs, 0), coalesce(c.notes, 0), coalesce(c.highlights, 0)
FROM study_sets s LEFT JOIN study_set_counts c ON c.study_set_id = s.id
ORDER BY s.id
"""
# In the index's order (migration 0015): no sorting of every answer.
_EDUCATORS = "SELECT study_set_id, educator_handle FROM answers ORDER BY study_set_id, position"


def library_rows(connection: sqlite3.Connection) -> list[LibraryRow]:
    """Every study set with its counts: a fixed number of queries, whatever the size."""
    educators = _grouped(connection, _EDUCATORS)
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
    rows = []
    for (
        set_id,
        title,
        sha256,
        imported_text,
        opened_text,
        in_trash,
        paragraphs,
        notes,
        highlights,
    ) in connection.execute(_SETS):
        imported = _utc(imported_text)
        assert imported is not None
        rows.append(
            LibraryRow(
                id=set_id,
                title=str(title),
                sha256=str(sha256),
                educators=educators.get(set_id, ()),
                paragraphs=int(paragraphs),
                notes=int(notes),
                highlights=int(highlights),
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


RECENT_LIMIT = 10  # Go › Recent Study Sets


def listed_titles(connection: sqlite3.Connection, study_set_ids: list[int]) -> dict[int, str]:
    """The title each set is listed by (its display title, else its own), for those of
    ``study_set_ids`` not in the trash."""
    marks = ", ".join("?" * len(study_set_ids))
    return {
        int(row[0]): str(row[1])
        for row in connection.execute(
            f"SELECT id, coalesce(display_title, title) FROM study_sets "
            f"WHERE id IN ({marks}) AND deleted_at IS NULL",
            study_set_ids,
        )
    }


def recent_study_sets(
    connection: sqlite3.Connection, limit: int = RECENT_LIMIT
) -> list[tuple[int, str]]:
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
