"""File › Export Study Set with My Work…: the shown set and the student's work as one
`.studydesk` file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QFileDialog

from desktop.services.changes import ChangeRunner
from desktop.services.library import Library
from desktop.services.set_files import ExportRefused, export_studydesk, studydesk_name
from desktop.summary.files import OutputRefused, check_output_path, safe_file_name
from desktop.ui.dialogs import messages
from desktop.ui.main_window import MainWindow

FOLDER_KEY = "studydesk/folder"
CAPTION = "Export Study Set with My Work"


class SetFileController(QObject):
    def __init__(
        self, window: MainWindow, library: Library, changes: ChangeRunner, settings: QSettings
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.changes = changes
        self._settings = settings
        window.menu.export_study_set_requested.connect(self.export_shown_set)

    def ask_path(self) -> Path | None:
        study_set = self.window.study_set
        if study_set is None:
            return None
        folder = str(self._settings.value(FOLDER_KEY, str(Path.home())))
        suggested = str(Path(folder) / safe_file_name(study_set.title, "studydesk"))
        name, _filter = QFileDialog.getSaveFileName(
            self.window, CAPTION, suggested, "Study Desk files (*.studydesk)"
        )
        if not name:
            return None
        path = studydesk_name(Path(name))
        if path != Path(name) and path.exists():  # the dialog asked about another name
            if not messages.ask_yes_no(
                self.window, CAPTION, f"{path.name} already exists. Replace it?"
            ):
                return None
        return path

    def export_shown_set(self) -> None:
        study_set = self.window.study_set
        path = self.ask_path()
        if study_set is None or path is None:
            return
        self.changes.flush()  # what was just typed belongs in the file
        try:
            check_output_path(path, force=True)  # the dialog already asked before replacing
            export_studydesk(self.library, study_set.id, path)
        except (OutputRefused, ExportRefused) as exc:
            messages.show_error(self.window, "Study set not exported", str(exc))
            return
        self._settings.setValue(FOLDER_KEY, str(path.parent))
        self.window.statusBar().showMessage(f"Saved {path}", 8000)
