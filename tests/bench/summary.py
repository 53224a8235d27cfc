"""The summary PDF beside a bare QTextDocument -> PDF of the same HTML, in the same run:
for the embedded set, and for the same set with 2,000 notes."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QPdfWriter, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402 (the timeline benchmark needs widgets)

from desktop.services.library import Library  # noqa: E402
from desktop.summary.collect import collect_summary  # noqa: E402
from desktop.summary.export import export_pdf  # noqa: E402
from desktop.summary.paper import PDF_RESOLUTION, PageSetup  # noqa: E402
from desktop.summary.render import to_html  # noqa: E402
from tests.bench.notes_data import build  # noqa: E402

RUNS = 5


def bare_pdf(html: str, path: Path, setup: PageSetup) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(setup.page_layout())
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)


def measure(database: Path, label: str) -> list[str]:
    library = Library(database)
    study_set_id = library.ensure_embedded_study_set()
    setup = PageSetup()
    html = to_html(collect_summary(library, study_set_id))
    bare: list[float] = []
    ours: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(RUNS):
            started = time.perf_counter()
            bare_pdf(html, Path(folder) / f"bare{run}.pdf", setup)
            bare.append(time.perf_counter() - started)
            started = time.perf_counter()
            summary = collect_summary(library, study_set_id)
            pages = export_pdf(summary, Path(folder) / f"ours{run}.pdf", setup)
            ours.append(time.perf_counter() - started)
    library.close()
    b, o = statistics.median(bare), statistics.median(ours)
    return [
        f"  {label:34s} bare {b * 1000:7.0f} ms   Study Desk {o * 1000:7.0f} ms "
        f"({pages} pages)   ratio {o / b:.2f}x (goal <= 1.5)"
    ]


def run() -> list[str]:
    app = QApplication.instance() or QApplication(["bench"])
    lines = [f"summary PDF (collect + render + paginate + footer), median of {RUNS}"]
    with tempfile.TemporaryDirectory() as folder:
        lines += measure(Path(folder) / "library.sqlite3", "embedded set, no notes")
    lines += measure(build(2000).database, "embedded set with 2,000 notes")
    del app
    return lines
