"""The student's organising of study sets: titles, courses, tags, the trash, when last
opened. Each function takes the session of one transaction; reading is db.library_reads."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from db.library_reads import COURSE_SEPARATOR, normal_course_name
from db.schema import Course, StudySet, StudySetCourse, StudySetTag, Tag


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
