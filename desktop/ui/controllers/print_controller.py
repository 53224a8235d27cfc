"""File › Print Preview, Print, Export Summary as PDF / Markdown, Summary Options."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QUrl

from desktop.services.changes import ChangeRunner
from desktop.services.library import Library
from desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from desktop.summary.model import Summary
    from desktop.ui.controllers.course_print import CoursePrinting

# The summary's modules, Qt Print Support and the options dialog are imported when a command
# is first used: at start-up they were a tenth of the time from first paint to ready.


class PrintController(QObject):
    def __init__(
        self, window: MainWindow, library: Library, changes: ChangeRunner, settings: QSettings
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.changes = changes
        self._settings = settings
        self.preview: QPrintPreviewDialog | None = None
        self._preview_printer: QPrinter | None = None
        self._courses: CoursePrinting | None = None
        menu = window.menu
        menu.print_preview_requested.connect(self.print_preview)
        menu.print_requested.connect(self.print_summary)
        menu.export_pdf_requested.connect(self.export_pdf)
        menu.export_markdown_requested.connect(self.export_markdown)
        menu.summary_options_requested.connect(self.edit_options)

    def summary(self) -> Summary | None:
        from desktop.summary.collect import collect_summary
        from desktop.ui.dialogs.summary_dialog import load_choices

        study_set = self.window.study_set
        if study_set is None:
            return None
        self.changes.flush()  # what was just typed belongs in the summary
        options, _setup = load_choices(self._settings)
        return collect_summary(self.library, study_set.id, options)

    def make_printer(self) -> QPrinter:
        """A printer set up with the remembered paper, orientation and margins."""
        from PySide6.QtPrintSupport import QPrinter

        from desktop.summary.files import printable_file_stem
        from desktop.ui.dialogs.summary_dialog import load_choices

        _options, setup = load_choices(self._settings)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(setup.page_layout())
        if self.window.study_set is not None:  # also the name "Print to File" suggests
            printer.setDocName(printable_file_stem(self.window.study_set.title))
        return printer

    def paint(self, printer: QPrinter) -> int:
        from desktop.summary.export import footer_text
        from desktop.summary.paper import make_document, paint_pages
        from desktop.summary.render import to_html
        from desktop.ui.dialogs.summary_dialog import load_choices

        summary = self.summary()
        if summary is None:
            return 0
        _options, setup = load_choices(self._settings)
        return paint_pages(make_document(to_html(summary), setup), printer, footer_text(summary))

    def print_preview(self) -> None:
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        # The dialog does not own the printer: it must live as long as the dialog.
        self._preview_printer = self.make_printer()
        self.preview = QPrintPreviewDialog(self._preview_printer, self.window)
        self.preview.setWindowTitle("Print Preview — Summary")
        self.preview.paintRequested.connect(self.paint)
        self.preview.open()

    def print_summary(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog
        from PySide6.QtWidgets import QDialog

        printer = self.make_printer()
        dialog = QPrintDialog(printer, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.paint(printer)

    def _ask_path(
        self, caption: str, extension: str, kind: str, title: str | None = None
    ) -> Path | None:
        """Where to save, suggested from ``title`` (by default the shown set's)."""
        from PySide6.QtWidgets import QFileDialog

        from desktop.summary.files import safe_file_name, with_extension
        from desktop.ui.dialogs import messages

        if title is None:
            if self.window.study_set is None:
                return None
            title = self.window.study_set.title
        folder = str(self._settings.value("summary/folder", str(Path.home())))
        suggested = str(Path(folder) / safe_file_name(title, extension))
        name, _filter = QFileDialog.getSaveFileName(self.window, caption, suggested, kind)
        if not name:
            return None
        path = with_extension(Path(name), extension)
        if path != Path(name) and path.exists():  # the dialog asked about another name
            if not messages.ask_yes_no(
                self.window, caption, f"{path.name} already exists. Replace it?"
            ):
                return None
        self._settings.setValue("summary/folder", str(path.parent))
        return path

    def export_pdf(self) -> None:
        from desktop.summary.export import export_pdf
        from desktop.summary.files import OutputRefused
        from desktop.ui.dialogs import messages
        from desktop.ui.dialogs.summary_dialog import load_choices

        path = self._ask_path("Export Summary as PDF", "pdf", "PDF (*.pdf)")
        summary = self.summary() if path else None
        if path is None or summary is None:
            return
        _options, setup = load_choices(self._settings)
        try:  # the file dialog already asked before replacing a file
            pages = export_pdf(summary, path, setup, force=True)
        except OutputRefused as exc:
            messages.show_error(self.window, "Summary not saved", str(exc))
            return
        self.window.statusBar().showMessage(
            f"Saved {path} ({pages} page{'' if pages == 1 else 's'})", 8000
        )

    def export_markdown(self) -> None:
        from desktop.summary.export import export_markdown
        from desktop.summary.files import OutputRefused
        from desktop.ui.dialogs import messages

        path = self._ask_path("Export Summary as Markdown", "md", "Markdown (*.md)")
        summary = self.summary() if path else None
        if path is None or summary is None:
            return
        try:
            export_markdown(summary, path, force=True)
        except OutputRefused as exc:
            messages.show_error(self.window, "Summary not saved", str(exc))
            return
        self.window.statusBar().showMessage(f"Saved {path}", 8000)

    def edit_options(self) -> bool:
        """Summary Options: the choices, and Preview/Print/Export for this study set or a
        whole course (the File menu's own commands always act on the shown set)."""
        from PySide6.QtPrintSupport import QPrintPreviewWidget
        from PySide6.QtWidgets import QDialog

        from desktop.summary.course import courses_of, library_courses, shown_course_name
        from desktop.ui.dialogs.summary_dialog import (
            SummaryOptionsDialog,
            load_choices,
            save_choices,
        )

        study_set = self.window.study_set
        courses = library_courses(self.library)
        shown = [
            (name, f"{shown_course_name(name)} ({count} study set{'s' if count != 1 else ''})")
            for name, count in courses
        ]
        # The course offered first: the shown set's, else the one chosen last time.
        offered = courses_of(self.library, study_set.id) if study_set is not None else ()
        last = self._settings.value("summary/course")
        course = offered[0] if offered else last if isinstance(last, str) else None
        dialog = SummaryOptionsDialog(
            *load_choices(self._settings),
            parent=self.window,
            study_set_title=None if study_set is None else study_set.title,
            courses=shown,
            course=course,
            not_covered=self._not_covered(),
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            if dialog.followed_link:
                self._go_to(QUrl(dialog.followed_link))
            return False
        save_choices(self._settings, *dialog.choices())
        chosen_course = dialog.course()
        if chosen_course is not None:
            self._settings.setValue("summary/course", chosen_course)
        for preview in (self.preview, self._courses.preview if self._courses else None):
            pages = preview.findChild(QPrintPreviewWidget) if preview is not None else None
            if pages is not None and preview is not None and preview.isVisible():
                pages.updatePreview()  # the open preview shows the new choices at once
        if dialog.chosen_action is not None:
            self._act(dialog.chosen_action, chosen_course)
        return True

    def _not_covered(self) -> str:
        """Coverage (issue 13): the paragraphs and key points not yet annotated, as links."""
        from desktop.services.compare_data import coverage_of_set
        from desktop.ui.compare.coverage_links import not_covered_html

        record = self.window.study_set
        return (
            "" if record is None else not_covered_html(coverage_of_set(self.library.reader, record))
        )

    def _go_to(self, url: QUrl) -> None:
        from desktop.ui.reading.links import passage_in

        place = passage_in(url)
        tab = None if place is None else self.window.show_educator(place[0])
        if place is not None and tab is not None:
            tab.show_passage(*place[1:])

    def _act(self, action: str, course: str | None) -> None:
        if course is not None:
            self.course_printing().run(action, course)
            return
        {
            "preview": self.print_preview,
            "print": self.print_summary,
            "pdf": self.export_pdf,
            "markdown": self.export_markdown,
        }[action]()

    def course_printing(self) -> CoursePrinting:
        """Built when first asked for: start-up never loads the course summary."""
        if self._courses is None:
            from desktop.ui.controllers.course_print import CoursePrinting

            self._courses = CoursePrinting(
                self.window, self.library, self._settings, self._ask_path
            )
        return self._courses
