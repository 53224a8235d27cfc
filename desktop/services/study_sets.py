"""The library of study sets: the service behind the Library window and `studydesk library`.

Reads use the library's sqlite3 reader; every change goes through the window's one
ChangeRunner (undoable, announced as Changes(study_sets=True)).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import QObject

from db import library_reads
from db.library_reads import LibraryRow
from desktop.services.changes import ChangeRunner, Changes


class StudySetsService(QObject):
    def __init__(self, runner: ChangeRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner

    # --- reads -----------------------------------------------------------------------------

    def rows(self) -> list[LibraryRow]:
        return library_reads.library_rows(self.runner.reader)

    def row(self, study_set_id: int) -> LibraryRow | None:
        return next((row for row in self.rows() if row.id == study_set_id), None)

    def course_names(self) -> list[str]:
        return library_reads.course_names(self.runner.reader)

    def recent(self) -> list[tuple[int, str]]:
        return library_reads.recent_study_sets(self.runner.reader)

    def in_trash(self, study_set_id: int) -> bool:
        from db.study_set_state import in_trash

        return in_trash(self.runner.reader, study_set_id)

    def set_to_show_instead(self, leaving: Collection[int]) -> int | None:
        """The set the window shows when the ones in ``leaving`` go to the Trash: the one
        opened most recently (the one shown before, as a rule), else the newest imported;
        None when every set would be in the Trash."""
        from db.study_set_state import live_study_set_ids

        return next((i for i in live_study_set_ids(self.runner.reader) if i not in leaving), None)

    def courses_of(self, study_set_id: int) -> list[str]:
        """The courses one set is in (one small read, not the whole library's rows)."""
        from db.search import courses_of

        return courses_of(self.runner.reader, study_set_id)

    # --- undoable changes ------------------------------------------------------------------

    def rename(self, study_set_id: int, title: str | None) -> None:
        from desktop.services.study_set_commands import RenameStudySet

        row = self.row(study_set_id)
        if row is None:
            return
        new = (title or "").strip() or None
        old = None if row.title == self._question_title(study_set_id) else row.title
        if new != old:
            self.runner.push(RenameStudySet(self.runner, study_set_id, old, new))

    def _question_title(self, study_set_id: int) -> str | None:
        record = self.runner.library.load_study_set(study_set_id)
        return None if record is None else record.title

    def set_courses(self, study_set_id: int, names: Sequence[str]) -> None:
        from desktop.services.study_set_commands import SetStudySetCourses

        row = self.row(study_set_id)
        if row is not None:
            self.runner.push(
                SetStudySetCourses(self.runner, [study_set_id], [row.courses], [list(names)])
            )

    def add_to_course(self, study_set_ids: Sequence[int], course: str) -> None:
        """Put each set in ``course`` as well (one undoable step for all of them)."""
        from desktop.services.study_set_commands import SetStudySetCourses

        name = library_reads.normal_course_name(course)
        if not name:
            return
        rows = {row.id: row for row in self.rows()}
        ids = [i for i in study_set_ids if i in rows]
        old = [rows[i].courses for i in ids]
        new = [tuple(dict.fromkeys([*rows[i].courses, name])) for i in ids]
        if old != new:
            self.runner.push(SetStudySetCourses(self.runner, ids, old, new, text=f"Add to {name}"))

    def set_tags(self, study_set_id: int, tags: Sequence[str]) -> None:
        from desktop.services.study_set_commands import SetStudySetTags

        row = self.row(study_set_id)
        if row is not None and list(row.tags) != list(tags):
            self.runner.push(SetStudySetTags(self.runner, study_set_id, row.tags, tags))

    def trash(self, study_set_ids: Sequence[int]) -> None:
        from desktop.services.study_set_commands import TrashStudySets

        if study_set_ids:
            self.runner.push(TrashStudySets(self.runner, study_set_ids))

    def restore(self, study_set_ids: Sequence[int]) -> None:
        from desktop.services.study_set_commands import RestoreStudySets

        if study_set_ids:
            self.runner.push(RestoreStudySets(self.runner, study_set_ids))

    # --- changes that cannot be undone (the window asks first) --------------------------------

    def create_course(self, name: str) -> None:
        from db import library

        self.runner.write(library.ensure_course, name)
        self.runner.announce(Changes(study_sets=True))

    def rename_course(self, old: str, new: str) -> None:
        from db import library

        self.runner.write(library.rename_course, old, new)
        self.runner.announce(Changes(study_sets=True))

    def delete_course(self, name: str) -> None:
        from db import library

        self.runner.write(library.delete_course, name)
        self.runner.announce(Changes(study_sets=True))

    def empty_trash(self) -> int:
        """Delete for good every set in the trash and all the student's work on them."""
        from db import library

        count = self.runner.write(library.purge_trashed_study_sets)
        self.runner.undo_stack.clear()  # no step may point at what is gone
        self.runner.announce(Changes(study_sets=True, notes=True))
        return count
