"""The course summary's Qt-free parts: which course a name means, which sets a course holds,
and the Markdown's contents (anchors, hostile titles)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from db.library_reads import LibraryRow
from desktop.summary.course import (
    CourseNotFound,
    CourseSet,
    CourseSummary,
    choose_course,
    sets_in_course,
)
from desktop.summary.course_render import course_markdown, front_html, heading_anchor
from desktop.summary.model import Summary, SummaryOptions

COURSES = ["ANCIENT 100", "HIST 201", "HIST 201::Unit 1", "HIST 201::Unit 2", "HIST 2010"]


@pytest.mark.parametrize(
    ("wanted", "course"),
    [
        ("HIST 201", "HIST 201"),
        ("hist 201", "HIST 201"),
        ("HIST 201 :: Unit 2", "HIST 201::Unit 2"),
        ("unit 1", "HIST 201::Unit 1"),
        ("ancient 100", "ANCIENT 100"),
    ],
)
def test_a_course_by_its_name_in_any_case_or_its_last_part(wanted: str, course: str) -> None:
    assert choose_course(COURSES, wanted) == course


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        ("HIST", 'no course matches \'HIST\'; close matches: "HIST 201"; "HIST 201::Unit 1"'),
        ("Unit", '"HIST 201::Unit 1"; "HIST 201::Unit 2"'),
        ("Biology", 'your courses: "ANCIENT 100"; "HIST 201"'),
    ],
)
def test_no_match_lists_the_close_ones(wanted: str, message: str) -> None:
    with pytest.raises(CourseNotFound) as refused:
        choose_course(COURSES, wanted)
    assert message in str(refused.value)


def test_two_courses_with_the_same_last_part_need_the_full_name() -> None:
    with pytest.raises(CourseNotFound) as refused:
        choose_course(["A::Unit 1", "B::Unit 1"], "Unit 1")
    assert str(refused.value) == (
        '\'Unit 1\' fits 2 courses; give its full name: "A::Unit 1"; "B::Unit 1"'
    )
    with pytest.raises(CourseNotFound, match="there are no courses yet"):
        choose_course([], "HIST")


def row(set_id: int, title: str, courses: tuple[str, ...], trashed: bool = False) -> LibraryRow:
    return LibraryRow(
        set_id, title, "0" * 64, (), 0, 0, 0, courses, (), datetime.now(UTC), None, trashed
    )


def test_a_course_holds_its_sub_courses_sets_once_without_the_trash() -> None:
    rows = [
        row(1, "weimar", ("HIST 201::Unit 1", "HIST 201::Unit 2")),
        row(2, "Cold War", ("HIST 201",)),
        row(3, "binned", ("HIST 201",), trashed=True),
        row(4, "not here", ("HIST 2010",)),  # a name that starts the same is another course
        row(5, "apollo", ("HIST 201::Unit 2",)),
    ]
    assert [r.id for r in sets_in_course(rows, "HIST 201")] == [5, 2, 1]
    assert [r.id for r in sets_in_course(rows, "HIST 201::Unit 2")] == [5, 1]


def summary(question: str) -> Summary:
    return Summary(
        title=question,
        question=question,
        source="Imported study set",
        printed_on=date(2026, 11, 28),
        options=SummaryOptions(),
    )


def test_markdown_contents_link_to_the_headings_and_escape_titles() -> None:
    hostile = "Why <img src=x onerror=alert(1)> [fail](javascript:x)?"
    course = CourseSummary(
        "HIST 201",
        date(2026, 11, 28),
        SummaryOptions(),
        (
            CourseSet(1, "Origins: 1945–1947", summary("How did the Cold War begin?")),
            CourseSet(2, hostile, summary(hostile), ("Unit <1>",)),
        ),
    )
    text = course_markdown(course)
    assert "1. [Origins: 1945–1947](#1-origins-19451947)" in text
    assert "\n# 1. Origins: 1945–1947\n\nQuestion: How did the Cold War begin?\n" in text
    assert heading_anchor("2. " + hostile) == "2-why-img-srcx-onerroralert1-failjavascriptx"
    [line] = [line for line in text.splitlines() if line.startswith("2. [")]
    assert "<" not in line and "\\[fail\\]" in line and line.endswith("— Unit &lt;1>")
    html = front_html(course, [2, 3])
    assert "&lt;img src=x" in html and "<img" not in html
