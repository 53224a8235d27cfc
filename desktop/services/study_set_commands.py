"""Undoable changes to the library: a set's title, courses and tags; the trash for sets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from db import library
from desktop.services.changes import ChangeRunner, Changes, UndoableChange

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

STUDY_SETS = Changes(study_sets=True)


class LibraryChange(UndoableChange):
    """A change made in the Library window (undone from the main window, it says so)."""

    place = "the Library"


class RenameStudySet(LibraryChange):
    changes = STUDY_SETS

    def __init__(
        self, runner: ChangeRunner, study_set_id: int, old: str | None, new: str | None
    ) -> None:
        super().__init__(runner, "Rename Study Set")
        self.study_set_id, self.old, self.new = study_set_id, old, new

    def redo(self) -> None:
        self.apply(library.set_display_title, self.study_set_id, self.new)

    def undo(self) -> None:
        self.apply(library.set_display_title, self.study_set_id, self.old)


class SetStudySetCourses(LibraryChange):
    changes = STUDY_SETS

    def __init__(
        self,
        runner: ChangeRunner,
        study_set_ids: Sequence[int],
        old: Sequence[Sequence[str]],
        new: Sequence[Sequence[str]],
        text: str = "Change Courses",
    ) -> None:
        super().__init__(runner, text)
        self.study_set_ids, self.old, self.new = list(study_set_ids), old, new

    def _set_all(self, courses: Sequence[Sequence[str]]) -> None:
        def change(session: Session) -> None:
            for study_set_id, names in zip(self.study_set_ids, courses, strict=True):
                library.set_courses(session, study_set_id, names)

        self.apply(change)

    def redo(self) -> None:
        self._set_all(self.new)

    def undo(self) -> None:
        self._set_all(self.old)


class SetStudySetTags(LibraryChange):
    changes = STUDY_SETS

    def __init__(
        self, runner: ChangeRunner, study_set_id: int, old: Sequence[str], new: Sequence[str]
    ) -> None:
        super().__init__(runner, "Change Study Set Tags")
        self.study_set_id, self.old, self.new = study_set_id, list(old), list(new)

    def redo(self) -> None:
        self.apply(library.set_study_set_tags, self.study_set_id, self.new)

    def undo(self) -> None:
        self.apply(library.set_study_set_tags, self.study_set_id, self.old)


class TrashStudySets(LibraryChange):
    changes = STUDY_SETS

    def __init__(self, runner: ChangeRunner, study_set_ids: Sequence[int]) -> None:
        super().__init__(runner, "Move to Trash")
        self.study_set_ids = list(study_set_ids)

    def _each(self, change: Callable[[Session, int], None]) -> None:
        def all_of_them(session: Session) -> None:
            for study_set_id in self.study_set_ids:
                change(session, study_set_id)

        self.apply(all_of_them)

    def redo(self) -> None:
        self._each(library.trash_study_set)

    def undo(self) -> None:
        self._each(library.restore_study_set)


class RestoreStudySets(TrashStudySets):
    def __init__(self, runner: ChangeRunner, study_set_ids: Sequence[int]) -> None:
        super().__init__(runner, study_set_ids)
        self.setText("Restore from Trash")

    def redo(self) -> None:
        super().undo()

    def undo(self) -> None:
        super().redo()
