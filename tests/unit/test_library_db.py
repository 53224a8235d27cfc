"""The library's rows and the student's organising of study sets, on a real SQLite file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db import library, library_reads
from db.notes import create_note, restore_note, trash_note
from db.records import NoteAnchor
from desktop.services.library import Library
from tests.study_files import SEED_BYTES


def two_sets(path: Path) -> tuple[Library, int, int]:
    lib = Library(path)
    first = lib.ensure_embedded_study_set()
    other = path.parent / "other.txt"
    other.write_bytes(SEED_BYTES.replace(b"What were", b"What really were", 1))
    second = lib.import_file(other).outcome.study_set_id
    return lib, first, second


def test_rows_count_what_each_set_holds(tmp_path: Path) -> None:
    lib, first, second = two_sets(tmp_path / "library.sqlite3")
    with lib.database().session() as session:
        create_note(session, first, NoteAnchor("question"), "a note")
        create_note(session, first, NoteAnchor("question"), "another")
    rows = {row.id: row for row in library_reads.library_rows(lib.reader)}
    assert rows[first].educators == ("gpane", "pohnpei397")
    assert (rows[first].paragraphs, rows[first].notes, rows[first].highlights) == (6, 2, 0)
    assert rows[second].notes == 0
    assert rows[second].title.startswith("What really were")
    lib.close()


def test_courses_nest_rename_and_delete_without_losing_sets(tmp_path: Path) -> None:
    lib, first, second = two_sets(tmp_path / "library.sqlite3")
    with lib.database().session() as session:
        library.add_to_course(session, [first, second], " HIST 201 :: Unit 3 ")
        library.set_courses(session, first, ["HIST 201::Unit 3", "Revision"])
    assert library_reads.course_names(lib.reader) == ["HIST 201", "HIST 201::Unit 3", "Revision"]
    with lib.database().session() as session:
        library.rename_course(session, "HIST 201", "HIST 202")
    rows = {row.id: row for row in library_reads.library_rows(lib.reader)}
    assert rows[first].courses == ("HIST 202::Unit 3", "Revision")
    with lib.database().session() as session:
        library.delete_course(session, "HIST 202")
    rows = {row.id: row for row in library_reads.library_rows(lib.reader)}
    assert (rows[first].courses, rows[second].courses) == (("Revision",), ())
    assert len(rows) == 2  # the sets stay in the library
    lib.close()


def test_titles_tags_trash_and_recent(tmp_path: Path) -> None:
    lib, first, second = two_sets(tmp_path / "library.sqlite3")
    with lib.database().session() as session:
        library.set_display_title(session, first, "  Stalin's goals ")
        library.set_study_set_tags(session, first, ["exam", "exam", "ussr"])
        library.mark_opened(session, second)
        library.mark_opened(session, first)
        library.trash_study_set(session, second)
    rows = {row.id: row for row in library_reads.library_rows(lib.reader)}
    assert rows[first].title == "Stalin's goals" and rows[first].tags == ("exam", "ussr")
    assert rows[second].in_trash
    assert library_reads.recent_study_sets(lib.reader) == [(first, "Stalin's goals")]
    with lib.database().session() as session:
        assert library.purge_trashed_study_sets(session) == 1
    assert [row.id for row in library_reads.library_rows(lib.reader)] == [first]
    lib.close()


def test_an_older_library_gets_its_counts_when_opened(tmp_path: Path) -> None:
    """A library made before the counts were stored (schema 0014) is counted once, as the
    app opens it, and is right from then on."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from db.migrations import MIGRATIONS_DIR

    path = tmp_path / "library.sqlite3"
    lib, first, second = two_sets(path)
    with lib.database().session() as session:
        create_note(session, first, NoteAnchor("question"), "kept")
        trashed = create_note(session, first, NoteAnchor("question"), "in the trash")
        create_note(session, second, NoteAnchor("question"), "on the other set")
        trash_note(session, trashed)
    lib.close()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0014")
    engine.dispose()
    with sqlite3.connect(path) as plain:
        assert "study_set_counts" not in {
            name for (name,) in plain.execute("SELECT name FROM sqlite_master")
        }
        [(passage,)] = plain.execute(
            "SELECT p.id FROM passages p JOIN answers a ON a.id = p.answer_id "
            "WHERE a.study_set_id = ? ORDER BY p.id LIMIT 1",
            (second,),
        ).fetchall()
        plain.execute(
            "INSERT INTO highlights(passage_id, start_offset, end_offset, quote, colour, "
            "created_at) VALUES (?, 0, 4, 'When', 'yellow', '2026-11-28 10:00:00')",
            (passage,),
        )

    again = Library(path)  # migrated to the head as it opens
    rows = {row.id: row for row in library_reads.library_rows(again.reader)}
    assert (rows[first].paragraphs, rows[first].notes, rows[first].highlights) == (6, 1, 0)
    assert (rows[second].paragraphs, rows[second].notes, rows[second].highlights) == (6, 1, 1)
    with again.database().session() as session:
        restore_note(session, trashed)
    rows = {row.id: row for row in library_reads.library_rows(again.reader)}
    assert rows[first].notes == 2
    again.close()


def test_the_question_notes_list_through_its_index_with_every_filter(tmp_path: Path) -> None:
    """The notes on the question (the panel's list, the Notes tab's "Question" filter) are
    read through the partial index of migration 0016 with every other filter and order: the
    query names the index, so a filter it cannot serve would fail, not slow down."""
    from itertools import product

    from db.note_reads import NO_COLOUR, QUESTION_ONLY, NoteFilter, note_ids

    lib, first, second = two_sets(tmp_path / "library.sqlite3")
    [(answer, passage)] = lib.reader.execute(
        "SELECT a.id, p.id FROM answers a JOIN passages p ON p.answer_id = a.id "
        "WHERE a.study_set_id = ? ORDER BY p.id LIMIT 1",
        (first,),
    ).fetchall()
    with lib.database().session() as session:
        plain = create_note(session, first, NoteAnchor("question"), "plain")
        tagged = create_note(session, first, NoteAnchor("question"), "tagged", tags=["exam"])
        yellow = create_note(session, first, NoteAnchor("study_set"), "on the set", "yellow")
        trashed = create_note(session, first, NoteAnchor("question"), "in the trash")
        create_note(session, first, NoteAnchor("answer", answer_id=answer), "on an answer")
        create_note(session, first, NoteAnchor("passage", answer, passage), "on a paragraph")
        create_note(session, second, NoteAnchor("question"), "another set's")
        trash_note(session, trashed)
    on_question = {plain, tagged, yellow}
    expected = {
        (None, None): on_question,
        ("exam", None): {tagged},
        (None, NO_COLOUR): {plain, tagged},
        (None, "yellow"): {yellow},
        ("exam", "yellow"): set(),
    }
    for (tag, colour), order in product(
        [(None, None), ("exam", None), (None, NO_COLOUR), (None, "yellow"), ("exam", "yellow")],
        ["date", "position"],
    ):
        wanted = NoteFilter(first, tag=tag, colour=colour, educator=QUESTION_ONLY, order=order)
        ids = note_ids(lib.reader, wanted)
        assert set(ids) == expected[(tag, colour)], (tag, colour, order)
        assert len(ids) == len(set(ids))
    newest_first = note_ids(lib.reader, NoteFilter(first, educator=QUESTION_ONLY))
    assert newest_first == sorted(on_question, reverse=True)  # made in this order
    lib.close()
