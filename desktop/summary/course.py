"""A course summary: every study set of a course, each summarised as on its own. Qt-free.

Which sets a course holds (decided here, as the Library's sidebar and its `course:` filter
already read it): the sets filed under the course itself and under every course nested in it
("HIST 201" holds what is in "HIST 201::Unit 3"), each set once however many of those courses
it is in, none from the Trash; in a stable order — by the title the library shows (the
student's title, else the question), case-insensitively, then by number.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from db.library_reads import COURSE_SEPARATOR, LibraryRow, course_names, library_rows
from db.library_reads import normal_course_name as _normal
from desktop.summary.model import Summary, SummaryOptions

if TYPE_CHECKING:
    from desktop.services.library import Library

# (steps done, steps in all, what is being done) -> whether to go on.
Progress = Callable[[int, int, str], bool]


class SummaryCancelled(Exception):
    """The student pressed Cancel; nothing was written."""


class CourseNotFound(LookupError):
    """No one course fits the name; str(error) says which courses come close."""


@dataclass(frozen=True)
class CourseSet:
    study_set_id: int
    title: str  # as the library lists it: the student's title, else the question
    summary: Summary
    sub_courses: tuple[str, ...] = ()  # where inside the course it is filed: ("Unit 3",)


@dataclass(frozen=True)
class CourseSummary:
    course: str  # "HIST 201::Unit 3"
    printed_on: date
    options: SummaryOptions
    sets: tuple[CourseSet, ...]

    @property
    def shown_name(self) -> str:
        return shown_course_name(self.course)

    def heading_of(self, number: int) -> str:
        """The heading of the ``number``-th set (from 1), as in the table of contents."""
        return f"{number}. {self.sets[number - 1].title}"


def shown_course_name(course: str) -> str:
    """ "HIST 201::Unit 3" -> "HIST 201 › Unit 3", as the library shows nested courses."""
    return course.replace(COURSE_SEPARATOR, " › ")


def in_course(course: str, names: Sequence[str]) -> bool:
    """Whether a set filed under ``names`` belongs to ``course`` (or a course inside it)."""
    nested = course + COURSE_SEPARATOR
    return any(name == course or name.startswith(nested) for name in names)


def sub_courses_of(course: str, names: Sequence[str]) -> tuple[str, ...]:
    """The courses inside ``course`` among ``names``, named from there: "Unit 3" for
    "HIST 201::Unit 3" in "HIST 201"."""
    nested = course + COURSE_SEPARATOR
    return tuple(shown_course_name(n[len(nested) :]) for n in names if n.startswith(nested))


def sets_in_course(rows: Sequence[LibraryRow], course: str) -> list[LibraryRow]:
    """The course's sets, sub-courses included, none from the Trash, in their printed order."""
    chosen = [row for row in rows if not row.in_trash and in_course(course, row.courses)]
    return sorted(chosen, key=lambda row: (row.title.casefold(), row.id))


def course_sizes(rows: Sequence[LibraryRow], courses: Sequence[str]) -> list[tuple[str, int]]:
    """Each course with the number of sets its summary would hold."""
    return [(course, len(sets_in_course(rows, course))) for course in courses]


def choose_course(courses: Sequence[str], wanted: str) -> str:
    """The one course ``wanted`` names: its full name ("HIST 201::Unit 3", spaces around
    "::" and letter case do not matter), else its last part ("Unit 3") when only one course
    ends so. Otherwise CourseNotFound, whose message lists the close matches."""
    name = _normal(wanted)
    key = name.casefold()
    if not courses:
        raise CourseNotFound(
            f"there are no courses yet, so none matches {wanted!r}; make one in the Library "
            "(File › Library…, right-click Courses)"
        )
    if name in courses:
        return name
    for fits in (
        [course for course in courses if course.casefold() == key],
        [c for c in courses if c.rsplit(COURSE_SEPARATOR, 1)[-1].casefold() == key],
    ):
        if len(fits) == 1:
            return fits[0]
        if fits:
            raise CourseNotFound(
                f"{wanted!r} fits {len(fits)} courses; give its full name: {_listed(fits)}"
            )
    close = _close_matches(courses, key)
    if close:
        raise CourseNotFound(f"no course matches {wanted!r}; close matches: {_listed(close)}")
    raise CourseNotFound(f"no course matches {wanted!r}; your courses: {_listed(courses)}")


def _close_matches(courses: Sequence[str], key: str) -> list[str]:
    """Courses whose name contains ``key``, then those spelt like it, at most ten."""
    folded = {course.casefold(): course for course in courses}
    containing = [course for course in courses if key and key in course.casefold()]
    spelt = difflib.get_close_matches(key, list(folded), n=10, cutoff=0.6)
    last_parts = {c.rsplit(COURSE_SEPARATOR, 1)[-1].casefold(): c for c in courses}
    spelt += difflib.get_close_matches(key, list(last_parts), n=10, cutoff=0.6)
    found = containing + [folded.get(name) or last_parts[name] for name in spelt]
    return list(dict.fromkeys(found))[:10]


def _listed(courses: Sequence[str]) -> str:
    return "; ".join(f'"{course}"' for course in courses)


def find_course(library: Library, wanted: str) -> str:
    return choose_course(course_names(library.reader), wanted)


def library_courses(library: Library) -> list[tuple[str, int]]:
    """Every course with the number of sets its summary would hold, parents first."""
    return course_sizes(library_rows(library.reader), course_names(library.reader))


def courses_of(library: Library, study_set_id: int) -> tuple[str, ...]:
    """The courses a set is filed under (not those containing them)."""
    rows = library_rows(library.reader)
    return next((row.courses for row in rows if row.id == study_set_id), ())


def collect_course_summary(
    library: Library,
    course: str,
    options: SummaryOptions | None = None,
    *,
    progress: Progress | None = None,
    today: date | None = None,
) -> CourseSummary:
    """Every set of the course summarised (one set at a time: linear in the number of sets).
    SummaryCancelled when ``progress`` says stop."""
    from desktop.summary.collect import collect_summary

    options = options or SummaryOptions()
    today = today or date.today()
    rows = sets_in_course(library_rows(library.reader), course)
    sets = []
    for done, row in enumerate(rows):
        if progress is not None and not progress(done, len(rows), f"Gathering “{row.title}”"):
            raise SummaryCancelled
        summary = collect_summary(library, row.id, options, today)
        sets.append(CourseSet(row.id, row.title, summary, sub_courses_of(course, row.courses)))
    if progress is not None and not progress(len(rows), len(rows), "Gathered"):
        raise SummaryCancelled
    return CourseSummary(course, today, options, tuple(sets))
