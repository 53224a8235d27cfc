"""``studydesk summary``: the same document as File › Export, without a display."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from desktop.services.study_set_choice import name_from_words
from desktop.summary.files import OutputRefused, check_output_path

if TYPE_CHECKING:
    from desktop.services.library import Library
    from desktop.summary.course import CourseSummary
    from desktop.summary.model import Summary, SummaryOptions
    from desktop.summary.paper import PageSetup


class SummaryRefused(Exception):
    pass


def _choose_study_set(library: Library, wanted: str | None) -> int:
    from desktop.services.study_set_choice import StudySetNotChosen, choose_study_set

    try:
        return choose_study_set(library, wanted)
    except StudySetNotChosen as exc:
        raise SummaryRefused(str(exc)) from None


def write_summary(args: argparse.Namespace) -> Iterator[str]:
    from desktop.summary.model import SummaryOptions

    options = SummaryOptions(
        key_points=not args.no_key_points,
        agreements=not args.no_agreements,
        timeline=not args.no_timeline,
        notes=not args.no_notes,
        draft=not args.no_draft,
        timeline_descriptions=not args.no_timeline_descriptions,
        all_events=args.all_events,
    )
    from desktop.platform import paths

    paths.set_application_identity()
    try:  # refuse bad paths before any work
        for path in (args.pdf, args.markdown):
            if path is not None:
                check_output_path(path, force=args.force)
    except OutputRefused as exc:
        raise SummaryRefused(str(exc)) from exc
    if not (0 <= args.margins <= 60 and 5 <= args.font_size <= 30):  # NaN fails too
        raise SummaryRefused("margins must be 0–60 mm and the font size 5–30 pt")

    from desktop.services.library import Library
    from desktop.services.safety import check_before_writing
    from desktop.summary.collect import collect_summary
    from desktop.summary.export import export_markdown

    database = paths.database_path()
    health = check_before_writing(database)  # the summary may add the embedded study set
    if health.refuse:
        raise SummaryRefused(health.message or f"cannot open {database}")
    if health.message:
        yield health.message
    library = Library(database)
    course_words = name_from_words(getattr(args, "course", None))
    try:
        if course_words is not None:
            yield from _write_course_summary(library, course_words, options, args)
            return
        study_set_id = _choose_study_set(library, name_from_words(args.study_set))
        summary = collect_summary(library, study_set_id, options)
    finally:
        library.close()
    try:
        if args.markdown is not None:
            export_markdown(summary, args.markdown, force=args.force)
            yield f"Wrote {args.markdown}"
        if args.pdf is not None:
            pages = _export_pdf_headless(summary, args)
            yield f"Wrote {args.pdf} ({pages} page{'' if pages == 1 else 's'})"
    except OutputRefused as exc:
        raise SummaryRefused(str(exc)) from exc


def _write_course_summary(
    library: Library, wanted: str, options: SummaryOptions, args: argparse.Namespace
) -> Iterator[str]:
    from desktop.summary.course import CourseNotFound, collect_course_summary, find_course
    from desktop.summary.export import export_course_markdown

    try:
        course = find_course(library, wanted)
    except CourseNotFound as exc:
        raise SummaryRefused(str(exc)) from None
    summary = collect_course_summary(library, course, options)
    if not summary.sets:
        raise SummaryRefused(
            f'the course "{course}" has no study sets (nor do the courses inside it); '
            "add some in the Library (File › Library…)"
        )
    count = f"{len(summary.sets)} study set" + ("s" if len(summary.sets) != 1 else "")
    try:
        if args.markdown is not None:
            export_course_markdown(summary, args.markdown, force=args.force)
            yield f"Wrote {args.markdown} ({count})"
        if args.pdf is not None:
            pages = _headless(args, lambda setup: _course_pdf(summary, args, setup))
            yield f"Wrote {args.pdf} ({pages} pages, {count})"
    except OutputRefused as exc:
        raise SummaryRefused(str(exc)) from exc


def _course_pdf(summary: CourseSummary, args: argparse.Namespace, setup: PageSetup) -> int:
    from desktop.summary.export import export_course_pdf

    return export_course_pdf(summary, args.pdf, setup, force=args.force).pages


def _headless(args: argparse.Namespace, export: Callable[[PageSetup], int]) -> int:
    """``export(setup)`` with the page set-up the arguments ask for, without a display."""
    # Fonts and text layout need a QGuiApplication; the offscreen platform needs no display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    from desktop.summary.paper import PageSetup, default_paper

    app = QGuiApplication.instance() or QGuiApplication(["studydesk"])
    setup = PageSetup(args.paper or default_paper(), args.landscape, args.margins, args.font_size)
    pages = export(setup)
    del app
    return pages


def _export_pdf_headless(summary: Summary, args: argparse.Namespace) -> int:
    from desktop.summary.export import export_pdf

    return _headless(args, lambda setup: export_pdf(summary, args.pdf, setup, force=args.force))
