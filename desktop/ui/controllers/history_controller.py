"""Go › Back and Go › Recent Study Sets: moving between the sets of the library; and never
showing a set that is in the Trash (an undo or redo, or any change, that puts the shown set
there moves the window to another one)."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer

from desktop.services.changes import Changes
from desktop.services.session import StudySession
from desktop.services.study_sets import StudySetsService
from desktop.ui.main_window import MainWindow


class HistoryController(QObject):
    def __init__(
        self, window: MainWindow, session: StudySession, study_sets: StudySetsService
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.study_sets = study_sets
        window.menu.back_requested.connect(self.go_back)
        window.menu.recent_chosen.connect(session.open_study_set)
        session.history_changed.connect(self.refresh)
        study_sets.runner.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if changes.study_sets:  # renamed or trashed sets change the recent list
            self.session.forget_recent()
            self.refresh()
            # After the change is done: it may come from inside an undo or redo, and showing
            # another set is no step of the undo stack's to be taken while it is at work.
            QTimer.singleShot(0, self, self.leave_the_trash)

    def go_back(self) -> None:
        """Go › Back (the session passes over sets that went to the Trash meanwhile)."""
        self.session.go_back()
        self.leave_the_trash()

    def _shown_is_in_trash(self) -> bool:
        current = self.session.current_id
        try:
            return current is not None and self.study_sets.in_trash(current)
        except sqlite3.ProgrammingError:  # the library closed meanwhile (quitting)
            return False

    def leave_the_trash(self) -> None:
        """If the set shown is in the Trash, show another (the one opened most recently)."""
        if not self._shown_is_in_trash():
            return
        current = self.session.current_id
        assert current is not None
        trashed = self.window.study_set.listed_title if self.window.study_set is not None else ""
        self.session.save_bookkeeping()  # "the one opened most recently" as of now
        instead = self.study_sets.set_to_show_instead([current])
        if instead is None:
            self.window.show_status(
                "Every study set is in the Trash: restore one in File › Library… (Ctrl+L)."
            )
            return
        self.session.open_study_set(instead, remember=False)
        shown = self.window.study_set.listed_title if self.window.study_set is not None else ""
        self.window.show_status(f"“{trashed}” is in the Trash now; showing “{shown}”.")

    def refresh(self) -> None:
        self.window.menu.back_action.setEnabled(self.session.can_go_back())
        self.window.menu.set_recent(self.session.recent())
