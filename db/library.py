"""The library of study sets: one row per set for the library view and `studydesk library`,
and the student's organising of sets (titles, courses, tags, trash, when last opened).

Reads use a plain sqlite3 connection; writes take the session of one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from db.schema import Course, StudySet, StudySetCourse, StudySetTag, Tag

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


_ROWS = """
SELECT s.id, coalesce(s.display_title, s.title), s.sha256, s.imported_at, s.last_opened_at,
       s.deleted_at IS NOT NULL,
       (SELECT count(*) FROM passages p JOIN answers a ON a.id = p.answer_id
         WHERE a.study_set_id = s.id),
       (SELECT count(*) FROM notes n WHERE n.study_set_id = s.id AND n.deleted_at IS NULL),
       (SELECT count(*) FROM highlights h JOIN passages p ON p.id = h.passage_id
         JOIN answers a ON a.id = p.answer_id
         WHERE a.study_set_id = s.id AND h.deleted_at IS NULL)
FROM study_sets s ORDER BY s.id
"""


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
    rows = []
    for row in connection.execute(_ROWS):
        set_id = int(row[0])
        imported = _utc(row[3])
        assert imported is not None
        rows.append(
            LibraryRow(
                id=set_id,
                title=str(row[1]),
                sha256=str(row[2]),
                educators=educators.get(set_id, ()),
                paragraphs=int(row[6]),
                notes=int(row[7]),
                highlights=int(row[8]),
                courses=courses.get(set_id, ()),
                tags=tags.get(set_id, ()),
                imported_at=imported,
                last_opened_at=_utc(row[4]),
                in_trash=bool(row[5]),
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


# --- writes ------------------------------------------------------------------------------


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _set(session: Session, study_set_id: int) -> StudySet:
    found = session.get(StudySet, study_set_id)
    if found is None:
        raise LookupError(f"study set {study_set_id} does not exist")
    return found


def mark_opened(session: Session, study_set_id: int) -> None:
    _set(session, study_set_id).last_opened_at = _now()


def set_display_title(session: Session, study_set_id: int, title: str | None) -> None:
    """The student's title for the set; None or blank goes back to the question."""
    _set(session, study_set_id).display_title = (title or "").strip() or None


def trash_study_set(session: Session, study_set_id: int) -> None:
    _set(session, study_set_id).deleted_at = _now()


def restore_study_set(session: Session, study_set_id: int) -> None:
    _set(session, study_set_id).deleted_at = None


def purge_trashed_study_sets(session: Session) -> int:
    """Delete for good every set in the trash, with all its notes; how many there were."""
    doomed = list(session.scalars(select(StudySet).where(StudySet.deleted_at.is_not(None))))
    for study_set in doomed:
        session.delete(study_set)
    return len(doomed)


def normal_course_name(name: str) -> str:
    """"HIST 201 :: Unit 3 " -> "HIST 201::Unit 3"; empty levels are dropped."""
    parts = [part.strip() for part in name.split(COURSE_SEPARATOR)]
    return COURSE_SEPARATOR.join(part for part in parts if part)


def ensure_course(session: Session, name: str) -> int:
    """The course's id, creating it (and its parents) if needed."""
    name = normal_course_name(name)
    if not name:
        raise ValueError("a course needs a name")
    parts = name.split(COURSE_SEPARATOR)
    course_id = 0
    for depth in range(1, len(parts) + 1):
        path = COURSE_SEPARATOR.join(parts[:depth])
        found = session.scalar(select(Course.id).where(Course.name == path))
        if found is None:
            course = Course(name=path)
            session.add(course)
            session.flush()
            found = course.id
        course_id = found
    return course_id


def rename_course(session: Session, old: str, new: str) -> None:
    """Rename a course and everything nested in it ("A::B" follows "A")."""
    old, new = normal_course_name(old), normal_course_name(new)
    if not new:
        raise ValueError("a course needs a name")
    for course in session.scalars(select(Course)):
        if course.name == old or course.name.startswith(old + COURSE_SEPARATOR):
            course.name = new + course.name[len(old) :]


def delete_course(session: Session, name: str) -> None:
    """Remove a course and the courses nested in it; the study sets stay in the library."""
    name = normal_course_name(name)
    session.execute(
        delete(Course).where(
            (Course.name == name) | Course.name.startswith(name + COURSE_SEPARATOR)
        )
    )


def set_courses(session: Session, study_set_id: int, names: Iterable[str]) -> None:
    _set(session, study_set_id)
    ids = {ensure_course(session, name) for name in names if normal_course_name(name)}
    session.execute(delete(StudySetCourse).where(StudySetCourse.study_set_id == study_set_id))
    if ids:
        session.execute(
            insert(StudySetCourse),
            [{"study_set_id": study_set_id, "course_id": course_id} for course_id in ids],
        )


def add_to_course(session: Session, study_set_ids: Iterable[int], name: str) -> None:
    course_id = ensure_course(session, name)
    for study_set_id in study_set_ids:
        exists = session.scalar(
            select(StudySetCourse.course_id).where(
                StudySetCourse.study_set_id == study_set_id,
                StudySetCourse.course_id == course_id,
            )
        )
        if exists is None:
            session.add(StudySetCourse(study_set_id=study_set_id, course_id=course_id))


def set_study_set_tags(session: Session, study_set_id: int, names: Iterable[str]) -> None:
    _set(session, study_set_id)
    wanted = list(dict.fromkeys(name.strip() for name in names if name.strip()))
    tag_ids = []
    for name in wanted:
        found = session.scalar(select(Tag.id).where(Tag.name == name))
        if found is None:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
            found = tag.id
        tag_ids.append(found)
    session.execute(delete(StudySetTag).where(StudySetTag.study_set_id == study_set_id))
    if tag_ids:
        session.execute(
            insert(StudySetTag),
            [{"study_set_id": study_set_id, "tag_id": tag_id} for tag_id in set(tag_ids)],
        )
