"""File › Import Study Sets…, File › Import Folder… and files dropped on the window.

The import runs in an ImportWorker thread (its own library connection) behind a progress
dialog that does not block the window: files done of total, the file being read, Cancel.
One import runs at a time; what is asked for meanwhile waits its turn. At the end the views
are told the library changed, the last imported set opens, and one report is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from desktop.content.visible import show_invisible
from desktop.services.changes import ChangeRunner, Changes
from desktop.services.importer import ImportReport, ImportWorker, Outcome
from desktop.services.session import StudySession
from desktop.ui.dialogs import messages
from desktop.ui.main_window import MainWindow

FILE_FILTER = "Study sets (*.txt *.studydesk);;All files (*)"


PROGRESS_NAME_PX = 360  # the widest a file's name is shown in the progress dialog
REFUSED_NAMED = 3  # the report's first paragraph names this many refused files, or none


def report_message(report: ImportReport) -> str:
    """The report as the box shows it: its first paragraph the counts (and the refused
    files when few), which stays the text; the list of files goes under Show Details when
    long (messages.split_long), so the box fits the screen for any number of files."""
    counts, _, files = report.text().partition("\n\n")
    refused = report.of(Outcome.REFUSED)
    if 0 < len(refused) <= REFUSED_NAMED:
        names = ", ".join(show_invisible(each.path.name) for each in refused)
        counts += f"\nRefused: {names}."
    return f"{counts}\n\n{files}" if files else counts


class ImportController(QObject):
    def __init__(
        self,
        window: MainWindow,
        session: StudySession,
        changes: ChangeRunner,
        database_path: Path,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._changes = changes
        self._database_path = database_path
        self.worker: ImportWorker | None = None
        self.progress: QProgressDialog | None = None
        self._waiting: list[list[Path]] = []  # imports asked for while one runs
        self._closing = False
        window.menu.import_many_requested.connect(self.choose_files)
        window.menu.import_folder_requested.connect(self.choose_folder)
        window.files_dropped.connect(self.import_paths)

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self._window, "Import Study Sets", str(Path.home()), FILE_FILTER
        )
        if names:
            self.import_paths([Path(name) for name in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._window, "Import Folder", str(Path.home()))
        if folder:
            self.import_paths([Path(folder)])

    def is_running(self) -> bool:
        return self.worker is not None

    def import_paths(self, paths: list[Path]) -> None:
        if self._closing or not paths:
            return
        if self.worker is not None:
            self._waiting.append(list(paths))
            self._window.show_status(
                "An import is running; the files you added are imported when it is done."
            )
            return
        self._start(list(paths))

    def _start(self, paths: list[Path]) -> None:
        worker = ImportWorker(self._database_path, paths, self)
        progress = QProgressDialog("Looking for study sets…", "Cancel", 0, 0, self._window)
        progress.setWindowTitle("Importing Study Sets")
        progress.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(worker.cancel)
        worker.progressed.connect(self._show_progress)
        worker.finished.connect(self._finish)
        self.worker, self.progress = worker, progress
        worker.start()
        progress.show()

    def _show_progress(self, done: int, total: int, current: str) -> None:
        if self.progress is None or self.progress.wasCanceled():
            return
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if current:
            # Cut in the middle to a width of its own: a long name widened the dialog past
            # the screen (the start and the extension say which file it is).
            metrics = self.progress.fontMetrics()
            name = metrics.elidedText(current, Qt.TextElideMode.ElideMiddle, PROGRESS_NAME_PX)
            self.progress.setLabelText(f"Importing {done + 1} of {total}: {name}")
        else:
            self.progress.setLabelText(f"{done} of {total} files")

    def _finish(self) -> None:
        worker, progress = self.worker, self.progress
        if worker is None:
            return
        worker.wait()
        self.worker = self.progress = None
        if progress is not None:
            progress.close()
            progress.deleteLater()
        worker.deleteLater()
        if self._closing:
            return
        report = worker.report
        if report.of(Outcome.IMPORTED) or report.of(Outcome.ALREADY):
            self._changes.announce(Changes(study_sets=True))
            last = report.last_set_id
            if last is not None:
                self._session.open_study_set(last)
        messages.show_info(self._window, "Import finished", report_message(report))
        if self._waiting and not self._closing:
            self._start(self._waiting.pop(0))

    def shutdown(self) -> None:
        """Quitting: stop before the next file and wait for the one being written."""
        self._closing = True
        self._waiting.clear()
        worker = self.worker
        if worker is not None:
            worker.cancel()
            worker.wait()
            self._finish()
