"""Writing the summary to PDF or Markdown files (the window and the command share this)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.summary.files import write_atomically
from desktop.summary.model import Summary
from desktop.summary.render import to_html, to_markdown

if TYPE_CHECKING:  # paper imports Qt, which the Markdown export does not need
    from desktop.summary.course import CourseSummary, Progress
    from desktop.summary.course_paper import CoursePages
    from desktop.summary.paper import PageSetup


def footer_text(summary: Summary) -> str:
    title = summary.title if len(summary.title) <= 70 else summary.title[:69] + "…"
    return f"Study Desk · {title}"


def export_markdown(summary: Summary, path: Path, *, force: bool = False) -> None:
    _write_text(path, to_markdown(summary), force=force)


def _write_text(path: Path, text: str, *, force: bool) -> None:
    def write(temporary: Path) -> None:
        temporary.write_text(text, encoding="utf-8")

    write_atomically(path, write, force=force)


def export_pdf(summary: Summary, path: Path, setup: PageSetup, *, force: bool = False) -> int:
    """The page count. Needs a QGuiApplication (offscreen is enough)."""
    from desktop.summary.paper import write_pdf

    pages: list[int] = []
    html = to_html(summary)

    def write(temporary: Path) -> None:
        pages.append(write_pdf(html, temporary, setup, footer_text(summary), summary.title))

    write_atomically(path, write, force=force)
    return pages[0]


def export_course_markdown(course: CourseSummary, path: Path, *, force: bool = False) -> None:
    from desktop.summary.course_render import course_markdown

    _write_text(path, course_markdown(course), force=force)


def export_course_pdf(
    course: CourseSummary,
    path: Path,
    setup: PageSetup,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> CoursePages:
    """Needs a QGuiApplication (offscreen is enough). Cancelling leaves no file."""
    from desktop.summary.course_paper import paint_course
    from desktop.summary.paper import new_pdf_writer

    laid: list[CoursePages] = []

    def write(temporary: Path) -> None:
        writer = new_pdf_writer(temporary, setup, f"Course summary: {course.shown_name}")
        laid.append(paint_course(course, writer, setup, progress))

    write_atomically(path, write, force=force)
    return laid[0]
