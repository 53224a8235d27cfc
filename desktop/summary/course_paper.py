"""A course summary on pages: contents with real page numbers, each set from a new page.

Each set is its own QTextDocument, laid out once (its headings kept with what follows, as in
a set's own summary); its page count is then known, so the page where each set starts is
the sum of the pages before it. The contents come first, so their own length shifts every set:
they are laid out with the numbers that a one-page contents would give; when they take more
pages, they are laid out again with the numbers that follow from that length (numbers only
grow, so the length only grows, and this ends — in practice in two rounds, each laying out
only the contents). Work and memory are linear in the number of sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QPainter, QTextDocument

from desktop.summary.course import CourseSummary, Progress, SummaryCancelled
from desktop.summary.course_render import front_html, set_html
from desktop.summary.paper import (
    PageFrame,
    PageSetup,
    lay_out,
    make_document,
    page_frame,
    page_number,
    paint_page,
)

if TYPE_CHECKING:
    from desktop.summary.paper import PageDevice


@dataclass(frozen=True)
class CoursePages:
    pages: int  # in all
    front_pages: int  # the heading and contents
    starts: tuple[int, ...]  # the page (from 1) where each set starts, in the contents' order


def course_footer(course: CourseSummary) -> str:
    name = course.shown_name
    return f"Study Desk · {name if len(name) <= 70 else name[:69] + '…'}"


def _contents(
    course: CourseSummary,
    device: PageDevice,
    frame: PageFrame,
    setup: PageSetup,
    set_pages: list[int],
) -> tuple[QTextDocument, int, tuple[int, ...]]:
    """The laid-out contents, how many pages they take, and where each set starts."""
    front_pages = 1
    while True:
        starts, page = [], front_pages + 1
        for count in set_pages:
            starts.append(page)
            page += count
        front = make_document(front_html(course, starts), setup)
        laid = lay_out(front, device, frame)
        if laid <= front_pages:  # (were it fewer, the last front page would stay blank)
            return front, front_pages, tuple(starts)
        # Longer than guessed: every set starts later. Numbers only grow, so the contents
        # only lengthen and this ends; the second round is almost always the last.
        front_pages = laid


def paint_course(
    course: CourseSummary,
    device: PageDevice,
    setup: PageSetup,
    progress: Progress | None = None,
) -> CoursePages:
    """Paint the whole course summary on ``device`` (a PDF writer or a printer)."""
    painter = QPainter(device)
    try:
        documents = []
        total_sets = len(course.sets)
        frame: PageFrame | None = None
        for number in range(1, total_sets + 1):
            title = course.sets[number - 1].title
            if progress is not None and not progress(
                number - 1, total_sets, f"Laying out “{title}”"
            ):
                raise SummaryCancelled
            document = make_document(set_html(course, number), setup)
            frame = frame or page_frame(painter, document.defaultFont(), device)
            documents.append((document, lay_out(document, device, frame)))
        if frame is None:
            frame = page_frame(painter, make_document("", setup).defaultFont(), device)
        front, front_pages, starts = _contents(
            course, device, frame, setup, [pages for _document, pages in documents]
        )
        total = front_pages + sum(pages for _document, pages in documents)
        footer = course_footer(course)
        printed = 0
        for document, pages in [(front, front_pages), *documents]:
            for page in range(pages):
                if progress is not None and not progress(
                    printed, total, f"Page {printed + 1} of {total}"
                ):
                    raise SummaryCancelled
                if printed:
                    device.newPage()
                printed += 1
                paint_page(
                    painter, document, device, frame, page, footer, page_number(printed, total)
                )
        return CoursePages(total, front_pages, starts)
    except SummaryCancelled:
        abort = getattr(device, "abort", None)  # a printer: the pages so far are not printed
        if abort is not None:
            abort()
        raise
    finally:
        painter.end()
