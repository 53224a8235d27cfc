"""Edit › Undo/Redo, the "Not saved" mark, and flushing typed text at the right moments:
the window's side of the one ChangeRunner."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel

from db.library_reads import listed_titles
from desktop.content.plain import plain_tooltip
from desktop.services.changes import ChangeRunner, Changes
from desktop.ui.controllers.undo_actions import UndoActions
from desktop.ui.dialogs import messages
from desktop.ui.main_window import MainWindow


class ChangesController(QObject):
    def __init__(self, window: MainWindow, runner: ChangeRunner) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.unsaved = QLabel(window)
        self.unsaved.setTextFormat(Qt.TextFormat.PlainText)
        self.unsaved.setStyleSheet("color: #c92a2a; font-weight: 600")
        self.unsaved.hide()
        window.statusBar().addPermanentWidget(self.unsaved)
        actions = UndoActions(runner, window, runner.notice.emit)
        self.undo_action, self.redo_action = actions.undo, actions.redo
        window.menu.add_edit_actions_first([self.undo_action, self.redo_action])

        runner.failed.connect(self._save_failed)
        runner.saved.connect(self.unsaved.hide)
        runner.changed.connect(self._changed)
        runner.notice.connect(lambda text: window.statusBar().showMessage(text, 20_000))
        window.close_guard = self.can_close
        window.tabs.currentChanged.connect(lambda _index: runner.flush())
        # The undo stack is kept from one set to the next (a note deleted, then another set
        # opened, can still be brought back); the runner is told which set work is done in.
        window.study_set_shown.connect(self._study_set_shown)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._application_state_changed)

    def _study_set_shown(self) -> None:
        record = self.window.study_set
        self.runner.shown_set = None if record is None else (record.id, record.listed_title)

    def _changed(self, changes: Changes) -> None:
        self._saved_unless_pending_failures()
        record = self.window.study_set
        if changes.study_sets and record is not None:  # a rename of the set shown, or its undo
            title = listed_titles(self.runner.reader, [record.id]).get(record.id)
            if title is not None:
                self.window.rename_shown_set(title)
                self._study_set_shown()

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.runner.flush()

    def _save_failed(self, message: str) -> None:
        self.unsaved.setText("Not saved")
        self.unsaved.setToolTip(plain_tooltip(message))
        self.unsaved.show()
        self.window.statusBar().showMessage(message, 10_000)

    def _saved_unless_pending_failures(self) -> None:
        """A change was written: "Not saved" goes unless typed text still waits to be saved
        (a failed undoable change is not kept, so nothing of it is left unsaved)."""
        if not self.runner.autosave.has_failures():
            self.unsaved.hide()

    def can_close(self) -> bool:
        if self.runner.flush():
            return True
        return messages.ask_yes_no(
            self.window,
            "Changes not saved",
            "Your last changes could not be saved (see the status bar). Quit anyway and lose "
            "them? Choose No to keep Study Desk open and try again.",
        )
