"""File › New Study Set…: the form, checked by the study-set parser, stored like an import."""

from __future__ import annotations

from PySide6.QtCore import QObject

from desktop.content.compose import compose_study_set, form_problem
from desktop.content.studyset import StudySetFormatError
from desktop.services.session import StudySession
from desktop.ui.dialogs.new_study_set_dialog import NewStudySetDialog
from desktop.ui.main_window import MainWindow


class NewSetController(QObject):
    def __init__(self, window: MainWindow, session: StudySession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.dialog: NewStudySetDialog | None = None
        window.menu.new_study_set_requested.connect(self.open_form)

    def open_form(self) -> None:
        dialog = NewStudySetDialog(self.window)
        dialog.submitted.connect(lambda: self._add(dialog))
        self.dialog = dialog
        dialog.open()

    def _add(self, dialog: NewStudySetDialog) -> None:
        question, answers = dialog.question.toPlainText(), dialog.typed_answers()
        problem = form_problem(question, answers)
        if problem is not None:
            dialog.show_problem(problem)
            return
        try:
            parsed = compose_study_set(question, answers)
        except StudySetFormatError as exc:  # what the form's own checks do not foresee
            dialog.show_problem(
                "This cannot be added yet: each educator needs a handle (one word, such as "
                f"gpane) and an answer, and the question must not be empty. ({exc})"
            )
            return
        if self.session.add_study_set(parsed):
            dialog.accept()
