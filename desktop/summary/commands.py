"""``studydesk summary``: the same document as File › Export, without a display."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator

from desktop.summary.files import OutputRefused, check_output_path


class SummaryRefused(Exception):
    pass


def _choose_study_set(library, wanted: str | None) -> int:  # type: ignore[no-untyped-def]
    """By number, by words of the title, else the one shown last, else the embedded one."""
    from desktop.platform import paths
    from desktop.services.session import LAST_STUDY_SET_KEY

    reader = library.reader
    if wanted:
        if wanted.isdigit() and library.load_study_set(int(wanted)) is not None:
            return int(wanted)
        rows = reader.execute(
            "SELECT id, title FROM study_sets WHERE title LIKE ? ESCAPE '\\' ORDER BY id",
            ("%" + wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
        ).fetchall()
        if len(rows) == 1:
            return int(rows[0][0])
        listing = "; ".join(
            f"{i}: {t}" for i, t in reader.execute("SELECT id, title FROM study_sets")
        )
        if not rows:
            raise SummaryRefused(f"no study set matches {wanted!r}. Your study sets: {listing}")
        raise SummaryRefused(
            f"{wanted!r} matches {len(rows)} study sets; give its number: {listing}"
        )
    last = paths.open_settings().value(LAST_STUDY_SET_KEY)
    if isinstance(last, str):
        found = library.find_study_set_id(last)
        if found is not None:
            return found
    return library.ensure_embedded_study_set()


def write_summary(args: argparse.Namespace) -> Iterator[str]:
    from desktop.summary.model import SummaryOptions

    options = SummaryOptions(
        key_points=not args.no_key_points,
        agreements=not args.no_agreements,
        timeline=not args.no_timeline,
        notes=not args.no_notes,
        draft=not args.no_draft,
    )
    try:  # refuse bad paths before any work
        for path in (args.pdf, args.markdown):
            if path is not None:
                check_output_path(path, force=args.force)
    except OutputRefused as exc:
        raise SummaryRefused(str(exc)) from exc
    if args.margins < 0 or args.margins > 60 or not 5 <= args.font_size <= 30:
        raise SummaryRefused("margins must be 0–60 mm and the font size 5–30 pt")

    from desktop.platform import paths
    from desktop.services.library import Library
    from desktop.summary.collect import collect_summary
    from desktop.summary.export import export_markdown

    paths.set_application_identity()
    library = Library(paths.database_path())
    try:
        study_set_id = _choose_study_set(library, args.study_set)
        summary = collect_summary(library, study_set_id, options)
    finally:
        library.close()
    try:
        if args.markdown is not None:
            export_markdown(summary, args.markdown, force=args.force)
            yield f"Wrote {args.markdown}"
        if args.pdf is not None:
            pages = _export_pdf_headless(summary, args)
            yield f"Wrote {args.pdf} ({pages} pages)"
    except OutputRefused as exc:
        raise SummaryRefused(str(exc)) from exc


def _export_pdf_headless(summary, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    # Fonts and text layout need a QGuiApplication; the offscreen platform needs no display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    from desktop.summary.export import export_pdf
    from desktop.summary.paper import PageSetup, default_paper

    app = QGuiApplication.instance() or QGuiApplication(["studydesk"])
    setup = PageSetup(args.paper or default_paper(), args.landscape, args.margins, args.font_size)
    pages = export_pdf(summary, args.pdf, setup, force=args.force)
    del app
    return pages
