"""Printing a whole course (chosen in Summary Options): preview, print, PDF and Markdown,
behind a progress dialog with Cancel. Built on first use (start-up never imports it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QProgressDialog

from desktop.services.library import Library
from desktop.summary.course import (
    CourseSummary,
    Progress,
    SummaryCancelled,
    collect_course_summary,
    shown_course_name,
)
from desktop.summary.course_paper import paint_course
from desktop.summary.export import export_course_markdown, export_course_pdf
from desktop.summary.files import OutputRefused, printable_file_stem
from desktop.ui.dialogs import messages
from desktop.ui.dialogs.summary_dialog import load_choices
from desktop.ui.main_window import MainWindow

# (caption, extension, file filter, title to name the file after) -> the path, or None
AskPath = Callable[[str, str, str, str], Path | None]


def _name(course: str) -> str:
    """What a course summary's file is named after: "HIST-201-Unit-3-summary.pdf"."""
    return f"{shown_course_name(course)} summary"


class WorkProgress:
    """A progress dialog with Cancel for work done on the window's thread, step by step:
    ``report`` is the Progress callback (it lets the window repaint and Cancel be clicked)."""

    def __init__(self, parent: MainWindow, title: str) -> None:
        self.dialog = QProgressDialog(parent)
        self.dialog.setObjectName("course-summary-progress")
        self.dialog.setWindowTitle(title)
        label = QLabel(self.dialog)
        label.setTextFormat(Qt.TextFormat.PlainText)  # set titles are the student's text
        self.dialog.setLabel(label)
        self.dialog.setCancelButtonText("Cancel")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.show()  # at once: the first set may take a moment

    def report(self, done: int, total: int, what: str) -> bool:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        self.dialog.setLabelText(what)
        QApplication.processEvents()
        return not self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()


class CoursePrinting(QObject):
    def __init__(
        self, window: MainWindow, library: Library, settings: QSettings, ask_path: AskPath
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self._settings = settings
        self._ask_path = ask_path
        self.preview: QPrintPreviewDialog | None = None
        self._preview_printer: QPrinter | None = None
        self._previewed: CourseSummary | None = None

    def run(self, action: str, course: str) -> None:
        {
            "preview": self.print_preview,
            "print": self.print_course,
            "pdf": self.export_pdf,
            "markdown": self.export_markdown,
        }[action](course)

    # --- the work, with progress -------------------------------------------------------------

    def _with_progress(self, course: str, work: Callable[[Progress], object]) -> bool:
        """Run ``work(progress)``; False when the student cancelled it."""
        progress = WorkProgress(self.window, f"Course Summary — {shown_course_name(course)}")
        try:
            work(progress.report)
        except SummaryCancelled:
            self.window.statusBar().showMessage("Course summary cancelled; nothing saved", 8000)
            return False
        finally:
            progress.close()
        return True

    def collect(self, course: str) -> CourseSummary | None:
        """The course's summary, or None when cancelled or the course has no sets."""
        options, _setup = load_choices(self._settings)
        found: list[CourseSummary] = []

        def gather(progress: Progress) -> None:
            found.append(collect_course_summary(self.library, course, options, progress=progress))

        if not self._with_progress(course, gather):
            return None
        if not found[0].sets:
            messages.show_info(
                self.window,
                "Course Summary",
                f"The course {shown_course_name(course)} has no study sets, nor have the "
                "courses inside it.",
            )
            return None
        return found[0]

    # --- preview and print -----------------------------------------------------------------

    def _printer(self, course: str) -> QPrinter:
        _options, setup = load_choices(self._settings)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(setup.page_layout())
        printer.setDocName(printable_file_stem(shown_course_name(course)))
        return printer

    def print_preview(self, course: str) -> None:
        summary = self.collect(course)
        if summary is None:
            return
        self._previewed = summary
        self._preview_printer = self._printer(course)  # must live as long as the dialog
        self.preview = QPrintPreviewDialog(self._preview_printer, self.window)
        self.preview.setWindowTitle(f"Print Preview — {shown_course_name(course)}")
        self.preview.paintRequested.connect(self._paint_preview)
        self.preview.open()

    def _paint_preview(self, printer: QPrinter) -> None:
        summary = self._previewed
        if summary is None:
            return
        options, setup = load_choices(self._settings)
        if options != summary.options:  # changed in Summary Options while the preview is open
            summary = collect_course_summary(self.library, summary.course, options)
            self._previewed = summary
        paint_course(summary, printer, setup)

    def print_course(self, course: str) -> None:
        printer = self._printer(course)
        if QPrintDialog(printer, self.window).exec() != QDialog.DialogCode.Accepted:
            return
        summary = self.collect(course)
        if summary is None:
            return
        _options, setup = load_choices(self._settings)
        self._with_progress(course, lambda report: paint_course(summary, printer, setup, report))

    # --- files -----------------------------------------------------------------------------

    def export_pdf(self, course: str) -> None:
        path = self._ask_path("Export Course Summary as PDF", "pdf", "PDF (*.pdf)", _name(course))
        summary = self.collect(course) if path else None
        if path is None or summary is None:
            return
        _options, setup = load_choices(self._settings)
        pages: list[int] = []

        def write(progress: Progress) -> None:
            laid = export_course_pdf(summary, path, setup, force=True, progress=progress)
            pages.append(laid.pages)

        try:  # the file dialog already asked before replacing a file
            if not self._with_progress(course, write):
                return
        except OutputRefused as exc:
            messages.show_error(self.window, "Course summary not saved", str(exc))
            return
        self.window.statusBar().showMessage(
            f"Saved {path} ({pages[0]} pages, {len(summary.sets)} study sets)", 8000
        )

    def export_markdown(self, course: str) -> None:
        path = self._ask_path(
            "Export Course Summary as Markdown", "md", "Markdown (*.md)", _name(course)
        )
        summary = self.collect(course) if path else None
        if path is None or summary is None:
            return
        try:
            export_course_markdown(summary, path, force=True)
        except OutputRefused as exc:
            messages.show_error(self.window, "Course summary not saved", str(exc))
            return
        self.window.statusBar().showMessage(f"Saved {path} ({len(summary.sets)} study sets)", 8000)
