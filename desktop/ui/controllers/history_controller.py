"""Go › Back and Go › Recent Study Sets: moving between the sets of the library."""

from __future__ import annotations

from PySide6.QtCore import QObject

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
        window.menu.back_requested.connect(session.go_back)
        window.menu.recent_chosen.connect(session.open_study_set)
        session.history_changed.connect(self.refresh)
        study_sets.runner.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        if changes.study_sets:  # renamed or trashed sets change the recent list
            self.refresh()

    def refresh(self) -> None:
        self.window.menu.back_action.setEnabled(self.session.can_go_back())
        self.window.menu.set_recent(self.session.recent())
