"""The course summary PDF beside a bare one in the same run: the same sets' HTML, joined
into one QTextDocument and printed with QTextDocument.print_ (no contents, no page numbers
looked up, no headings kept with what follows). For 10 and 40 sets, so the cost per set shows
whether the work stays linear in the number of sets."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QPdfWriter, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from db.library import add_to_course  # noqa: E402
from db.library_reads import library_rows  # noqa: E402
from desktop.platform.resources import embedded_study_set_path  # noqa: E402
from desktop.services.library import Library  # noqa: E402
from desktop.summary.course import collect_course_summary  # noqa: E402
from desktop.summary.course_render import set_html  # noqa: E402
from desktop.summary.export import export_course_pdf  # noqa: E402
from desktop.summary.paper import PDF_RESOLUTION, PageSetup  # noqa: E402

RUNS = 5


def course_library(folder: Path, sets: int) -> Path:
    """``sets`` study sets (the seed's answers under other questions) in one course."""
    answers = embedded_study_set_path().read_text(encoding="utf-8").split("\n", 1)[1]
    database = folder / f"library-{sets}.sqlite3"
    library = Library(database)
    for number in range(sets):
        file = folder / f"set-{sets}-{number}.txt"
        file.write_text(f"Question {number}: what drove Soviet policy?\n{answers}", "utf-8")
        library.import_file(file)
    with library.database().session() as session:
        add_to_course(session, [row.id for row in library_rows(library.reader)], "Bench")
    library.close()
    return database


def bare_pdf(html: str, path: Path, setup: PageSetup) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(setup.page_layout())
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)


def measure(folder: Path, sets: int) -> tuple[str, float]:
    library = Library(course_library(folder, sets))
    setup = PageSetup()
    course = collect_course_summary(library, "Bench")
    # The bare document: every set's HTML, one after the other, each from a new page.
    html = "".join(
        set_html(course, n).replace("<h1>", "<h1 style='page-break-before: always'>", 1)
        for n in range(1, sets + 1)
    )
    bare: list[float] = []
    ours: list[float] = []
    for run in range(RUNS):
        started = time.perf_counter()
        bare_pdf(html, folder / f"bare{run}.pdf", setup)
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        summary = collect_course_summary(library, "Bench")
        laid = export_course_pdf(summary, folder / f"ours{sets}-{run}.pdf", setup)
        ours.append(time.perf_counter() - started)
    library.close()
    b, o = statistics.median(bare), statistics.median(ours)
    line = (
        f"  {sets:2d} sets: bare {b * 1000:6.0f} ms   Study Desk {o * 1000:6.0f} ms "
        f"({laid.pages} pages, {o / sets * 1000:.0f} ms a set)   ratio {o / b:.2f}x (goal <= 2)"
    )
    return line, o / sets


def run() -> list[str]:
    app = QApplication.instance() or QApplication(["bench"])
    lines = [f"course summary PDF (collect + contents + each set paginated), median of {RUNS}"]
    with tempfile.TemporaryDirectory() as name:
        small, per_set_small = measure(Path(name), 10)
        large, per_set_large = measure(Path(name), 40)
    lines += [
        small,
        large,
        f"  cost a set, 40 sets / 10 sets: {per_set_large / per_set_small:.2f}x "
        "(linear: about 1; goal <= 1.3)",
    ]
    del app
    return lines
