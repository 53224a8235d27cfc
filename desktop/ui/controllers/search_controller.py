"""Search Everywhere (Ctrl+K): the dialog, where it looks, and going to what was chosen.

A result may be in another study set (the scope "Its course" or "Whole library"): that set is
opened through the session first — the same path as the Library's Open, so Go › Back returns
— and then its place is shown as for a result in the shown set. A result in My answer shows
the Question tab's draft being edited with the match selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings

from db.records import SearchHit
from db.search import SCOPE_SET, first_match
from desktop.services.session import StudySession
from desktop.services.study_sets import StudySetsService
from desktop.ui.controllers.notes_controller import NotesController
from desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from desktop.ui.notes.search_dialog import SearchDialog

SCOPE_KEY = "search/scope"


class SearchController(QObject):
    def __init__(
        self,
        window: MainWindow,
        notes: NotesController,
        session: StudySession,
        study_sets: StudySetsService,
        settings: QSettings,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.notes = notes
        self.session = session
        self.study_sets = study_sets
        self._settings = settings
        self.dialog: SearchDialog | None = None
        window.menu.search_requested.connect(self.open)
        # "Its course" names the shown set's courses, which change with the set shown and
        # when the set is put in a course or taken out of one.
        window.study_set_shown.connect(self._name_courses)
        study_sets.runner.changed.connect(
            lambda changes: self._name_courses() if changes.study_sets else None
        )

    def open(self) -> None:
        study_set = self.window.study_set
        if study_set is None:
            return
        self.notes.service.flush()  # search what was just typed, too
        dialog = self.dialog
        if dialog is None:
            dialog = self.dialog = self._build()
        self._name_courses()
        dialog.show()
        dialog.raise_()
        dialog.query.setFocus()
        dialog.query.selectAll()

    def _build(self) -> SearchDialog:
        # Loaded on the first Ctrl+K, not at start-up.
        from desktop.services.search import SearchService
        from desktop.ui.notes.search_dialog import SearchDialog

        searcher = SearchService(self.study_sets.runner.library.path)
        dialog = SearchDialog(searcher, self._shown_id, self.window)
        searcher.setParent(dialog)
        app = QCoreApplication.instance()
        if app is not None:  # quitting: the search connection goes before the library closes
            app.aboutToQuit.connect(searcher.close)
        dialog.set_scope(str(self._settings.value(SCOPE_KEY, SCOPE_SET)))
        dialog.scope_changed.connect(lambda scope: self._settings.setValue(SCOPE_KEY, scope))
        dialog.hit_chosen.connect(self.go_to_hit)
        return dialog

    def _name_courses(self) -> None:
        study_set = self.window.study_set
        if self.dialog is not None and study_set is not None:
            self.dialog.set_courses(self.study_sets.courses_of(study_set.id))

    def _shown_id(self) -> int:
        study_set = self.window.study_set
        return 0 if study_set is None else study_set.id

    def go_to_hit(self, hit: SearchHit) -> None:
        if hit.study_set_id and hit.study_set_id != self._shown_id():
            if self.study_sets.in_trash(hit.study_set_id):  # moved there since the search
                self.window.show_status(
                    f"“{hit.study_set_title}” is in the Trash: restore it in the Library first."
                )
                return
            self.session.open_study_set(hit.study_set_id)
            if self._shown_id() != hit.study_set_id:
                self.window.show_status("That study set is no longer in your library.")
                return
            self.window.show_status(f"Opened “{hit.study_set_title}”")
        if hit.kind == "draft":
            self._show_in_draft()
        else:
            self.notes.go_to_hit(hit)

    def _show_in_draft(self) -> None:
        dialog = self.dialog
        text = self.window.draft_text()
        found = first_match(text, dialog.query.text()) if dialog is not None else None
        start, end = found or (0, 0)
        self.window.select_in_draft(start, end)
