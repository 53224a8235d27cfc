"""File › Library…: the Library window, wired to the study-sets service and the session.

Every change goes through StudySetsService (the one ChangeRunner, one undo stack); the window
is refreshed from ChangeRunner.changed and from the session when a set is opened.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from db.library_reads import normal_course_name
from desktop.models.library_model import COURSE, Section
from desktop.services.autosave import SaveError
from desktop.services.changes import Changes
from desktop.services.session import StudySession
from desktop.services.study import due_counts_by_set
from desktop.services.study_set_commands import LibraryChange
from desktop.services.study_sets import StudySetsService
from desktop.ui.controllers.undo_actions import UndoActions
from desktop.ui.dialogs import messages
from desktop.ui.library import prompts
from desktop.ui.library.library_window import LibraryWindow
from desktop.ui.main_window import MainWindow
from desktop.ui.sync.published import published_labels, refuse_published


class LibraryController(QObject):
    publish_requested = Signal(int)  # Share › Publish to Class… (app.py: the sync controller)

    def __init__(
        self, window: MainWindow, study_sets: StudySetsService, session: StudySession
    ) -> None:
        super().__init__(window)
        self.main_window = window
        self.study_sets = study_sets
        self.session = session
        self.library_window: LibraryWindow | None = None
        window.menu.library_requested.connect(self.show)
        study_sets.runner.changed.connect(self._changed)
        # The "last opened" column and Recently Opened: once the session wrote the times
        # (shortly after a switch, not inside it).
        session.bookkeeping_saved.connect(self.refresh)

    # --- the window ---------------------------------------------------------------------------

    def show(self) -> LibraryWindow:
        self.session.save_bookkeeping()  # its "last opened" column as of now
        library = self.library_window
        if library is None:
            library = self.library_window = self._build()
        library.show()
        self.refresh()
        library.raise_()
        library.activateWindow()
        library.table.setFocus()
        return library

    def _build(self) -> LibraryWindow:
        library = LibraryWindow(self.main_window)
        actions = UndoActions(
            self.study_sets.runner, library, library.show_notice, place=LibraryChange.place
        )
        library.add_undo_actions(actions.undo, actions.redo)
        library.open_requested.connect(self.open)
        library.rename_requested.connect(self.rename)
        library.add_to_course_requested.connect(self.add_to_course)
        library.add_to_named_course_requested.connect(self.add_to_named_course)
        library.tags_requested.connect(self.edit_tags)
        library.trash_requested.connect(self.trash)
        library.restore_requested.connect(self.study_sets.restore)
        library.empty_trash_requested.connect(self.empty_trash)
        library.new_course_requested.connect(self.new_course)
        library.rename_course_requested.connect(self.rename_course)
        library.delete_course_requested.connect(self.delete_course)
        # Files dropped here are imported as if dropped on the main window: one import path.
        library.files_dropped.connect(self.main_window.files_dropped)
        library.publish_requested.connect(self.publish_requested)
        return library

    def _changed(self, changes: Changes) -> None:
        if changes.study_sets or changes.notes or changes.highlights or changes.cards:
            self.refresh()

    def refresh(self) -> None:
        library = self.library_window
        if library is not None and library.isVisible():
            due = due_counts_by_set(self.study_sets.runner.reader)  # the Due column
            library.model.set_markers(published_labels(self.study_sets.runner.reader))
            library.set_library(self.study_sets.rows(), self.study_sets.course_names(), due)

    def _window(self) -> LibraryWindow:
        assert self.library_window is not None
        return self.library_window

    # --- opening ------------------------------------------------------------------------------

    def open(self, study_set_id: int) -> None:
        row = self.study_sets.row(study_set_id)
        if row is None or row.in_trash:
            return
        self.session.open_study_set(study_set_id)
        # Opened from the Library, whose Recently Opened and Last Opened show it at once
        # (switching in the main window leaves this to a timer, once the switching stops).
        self.session.save_bookkeeping()
        self.main_window.show_status(f"Opened “{row.title}”")

    # --- organising the sets ------------------------------------------------------------------

    def rename(self, study_set_id: int) -> None:
        row = self.study_sets.row(study_set_id)
        reader = self.study_sets.runner.reader
        if row is None or refuse_published(self._window(), reader, [study_set_id], "Rename"):
            return
        title = prompts.ask_text(
            self._window(),
            "Rename Study Set",
            "Title shown in the library (leave empty for the question; the text is not changed):",
            row.title,
        )
        if title is not None:
            self.study_sets.rename(study_set_id, title)

    def add_to_course(self, ids: Sequence[int]) -> None:
        course = prompts.ask_course(self._window(), self.study_sets.course_names(), len(ids))
        if course is not None:
            self.add_to_named_course(ids, course)

    def add_to_named_course(self, ids: Sequence[int], course: str) -> None:
        name = normal_course_name(course)
        if not name:
            messages.show_error(self._window(), "Add to Course", "A course needs a name.")
            return
        live = [row.id for row in self.study_sets.rows() if row.id in ids and not row.in_trash]
        self.study_sets.add_to_course(live, name)

    def edit_tags(self, ids: Sequence[int]) -> None:
        rows = [row for row in self.study_sets.rows() if row.id in ids]
        if not rows:
            return
        common = [tag for tag in rows[0].tags if all(tag in row.tags for row in rows)]
        sets = "this study set" if len(rows) == 1 else f"these {len(rows)} study sets"
        text = prompts.ask_text(
            self._window(),
            "Tags",
            f"Tags on {sets}, separated by commas:",
            ", ".join(common),
        )
        if text is None:
            return
        wanted = prompts.split_tags(text)
        removed = set(common) - set(wanted)
        stack = self.study_sets.runner.undo_stack
        stack.beginMacro("Tag Study Sets" if len(rows) > 1 else "Tag Study Set")
        try:
            for row in rows:
                kept = [tag for tag in row.tags if tag not in removed]
                self.study_sets.set_tags(row.id, list(dict.fromkeys([*kept, *wanted])))
        finally:
            stack.endMacro()

    def trash(self, ids: Sequence[int]) -> None:
        if refuse_published(self._window(), self.study_sets.runner.reader, ids, "Move to Trash"):
            return
        current = self.session.current_id
        if current is not None and current in ids:
            # The window must not show a trashed set: it moves to another one first, so that
            # the Trash step is the last thing done (and the first undone).
            self.session.save_bookkeeping()  # "the one opened last" as of now
            instead = self.study_sets.set_to_show_instead(ids)
            if instead is None:
                messages.show_error(
                    self._window(),
                    "Move to Trash",
                    "The window always shows a study set, so at least one stays out of the "
                    "Trash. Import or make another study set first, or leave the one shown "
                    "out of the selection.",
                )
                return
            self.session.open_study_set(instead)
        self.study_sets.trash(list(ids))
        count = len(ids)
        self._window().status.setText(
            f"Moved {count} study set{'s' if count != 1 else ''} to the Trash (Ctrl+Z undoes)"
        )

    def empty_trash(self) -> None:
        doomed = [row for row in self.study_sets.rows() if row.in_trash]
        if not doomed:
            return
        sets = "the study set" if len(doomed) == 1 else f"the {len(doomed)} study sets"
        if not messages.ask_yes_no(
            self._window(),
            "Empty Trash",
            f"Delete {sets} in the Trash, with all your notes and highlights on them, for "
            "good? This cannot be undone.",
        ):
            return
        try:
            self.study_sets.empty_trash()
        except SaveError as exc:
            messages.show_error(self._window(), "Trash not emptied", str(exc))

    # --- courses ------------------------------------------------------------------------------

    def new_course(self, parent: str) -> None:
        prefix = f"{parent}::" if parent else ""
        name = prompts.ask_text(
            self._window(), "New Course", "Course name (“::” nests, e.g. HIST 201::Unit 3):", prefix
        )
        if name is None:
            return
        name = normal_course_name(name)
        if not name:
            messages.show_error(self._window(), "New Course", "A course needs a name.")
            return
        try:
            self.study_sets.create_course(name)
        except SaveError as exc:
            messages.show_error(self._window(), "Course not created", str(exc))
            return
        self._window().show_section(Section(COURSE, name))

    def rename_course(self, old: str) -> None:
        new = prompts.ask_text(self._window(), "Rename Course", "New name for the course:", old)
        if new is None or normal_course_name(new) == old:
            return
        name = normal_course_name(new)
        if not name:
            messages.show_error(self._window(), "Rename Course", "A course needs a name.")
            return
        if name in self.study_sets.course_names():
            messages.show_error(
                self._window(), "Rename Course", f"There is already a course called {name}."
            )
            return
        try:
            self.study_sets.rename_course(old, name)
        except SaveError as exc:
            messages.show_error(self._window(), "Course not renamed", str(exc))
            return
        self._window().show_section(Section(COURSE, name))

    def delete_course(self, name: str) -> None:
        if not messages.ask_yes_no(
            self._window(),
            "Delete Course",
            f"Delete the course {name} and any courses inside it? The study sets in it stay "
            "in your library.",
        ):
            return
        try:
            self.study_sets.delete_course(name)
        except SaveError as exc:
            messages.show_error(self._window(), "Course not deleted", str(exc))
