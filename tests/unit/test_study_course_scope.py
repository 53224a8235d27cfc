"""A course's cards on a real SQLite file: the course and the courses nested in it, names
matched without regard to case and taken literally (no wildcards), each set counted once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from db import library as library_db
from db import notes
from db.records import NoteAnchor
from desktop.services import study
from desktop.services.library import Library


def test_a_course_counts_the_due_cards_of_its_sets_and_of_its_nested_courses(
    tmp_path: Path,
) -> None:
    library = Library(tmp_path / "library.sqlite3")
    try:
        set_id = library.ensure_embedded_study_set()

        def write(change, *args):  # type: ignore[no-untyped-def]
            with library.database().session() as session:
                return change(session, *args)

        passage_id = int(library.reader.execute("SELECT min(id) FROM passages").fetchone()[0])
        anchor = NoteAnchor("passage", None, passage_id, None, None, None)
        write(notes.create_note, set_id, anchor, "Who? :: Stalin\nWhen? :: 1924\nWhere? :: USSR")
        study.regenerate(write, library.reader, set_id)
        later = study.utc_now() + timedelta(days=1)  # new cards are due when made
        due = study.due_count(library.reader, study.Scope.of_set(set_id, "the set"), later)
        assert due >= 3  # the note's three, the educators' and the timeline's

        def due_in(course: str) -> tuple[int, list[int] | None]:
            scope = study.Scope.of_course(course)
            return study.due_count(library.reader, scope, later), scope.set_ids(library.reader)

        write(library_db.set_courses, set_id, ["HIST 201::Unit 3", "HIST 201"])
        assert due_in("hist 201") == (due, [set_id])  # in both, counted once
        assert due_in("HIST 201::UNIT 3") == (due, [set_id])
        assert due_in("HIST 201::Unit") == (0, [])
        assert due_in("HIST") == (0, [])

        write(library_db.set_courses, set_id, ["HIST 2010", "HIST 201 b", "HIST 201:x"])
        assert due_in("HIST 201") == (0, [])  # a longer name is not nested in it

        write(library_db.set_courses, set_id, ["50%_off::Week 1"])
        assert due_in("50%_off") == (due, [set_id])
        assert due_in("50%") == (0, [])
        assert due_in("50x_off") == (0, [])  # no wildcards
        assert due_in("50%xoff") == (0, [])
    finally:
        library.close()
