"""Very large notes: 100,000 tags pasted into one note, and a 10 MB note opened. Both finish
and work; the cost grows in step with the size (compared against itself, never a clock)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from db.engine import open_database
from db.notes import create_note, set_note_tags
from db.records import NoteAnchor
from tests.conftest import Launch
from tests.ui.helpers import START_WORDS, click_before, gpane_tab, rows, shortcut


def test_a_hundred_thousand_pasted_tags_are_stored_and_searchable(
    launch: Launch,
    qtbot: QtBot,
    database_file: Path,
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    tags = desk.window.notes_panel.editor.tags
    QGuiApplication.clipboard().setText(" ".join(f"topic{i}" for i in range(100_000)))
    tags.setFocus()
    qtbot.keyClick(tags, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tags, Qt.Key.Key_Return)

    assert rows(database_file, "SELECT count(*) FROM note_tags") == [(100_000,)]
    with sqlite3.connect(database_file) as plain:
        found = plain.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH 'tags:topic99999'"
        ).fetchone()
    assert found == (1,)


def _seconds_to_tag(database: Path, count: int) -> float:
    library = open_database(database)
    try:
        with library.session() as session:
            note_id = create_note(session, 1, NoteAnchor("question"), "tagged")
        names = [f"t{count}-{i}" for i in range(count)]
        started = time.perf_counter()
        with library.session() as session:
            set_note_tags(session, note_id, names)
        return time.perf_counter() - started
    finally:
        library.close()


def test_tagging_time_grows_in_step_with_the_number_of_tags(tmp_path: Path) -> None:
    """Each tag once rewrote the note's whole tag list in the search index: n² work."""
    from desktop.services.library import Library

    database = tmp_path / "library.sqlite3"
    Library(database).ensure_embedded_study_set()
    small = min(_seconds_to_tag(database, 2_000) for _ in range(2))
    large = min(_seconds_to_tag(database, 8_000) for _ in range(2))
    assert large < small * 4 * 2.5  # linear, with room for a noisy machine


def test_a_ten_megabyte_note_opens_and_keeps_every_character(
    launch: Launch,
    qtbot: QtBot,
    database_file: Path,
) -> None:
    body = ("Collectivization broke the villages and the kulaks. " * 2 + "\n") * 100_000
    desk = launch()
    with sqlite3.connect(database_file) as plain:
        plain.execute(
            "INSERT INTO notes (study_set_id, anchor_kind, body, created_at, updated_at) "
            "VALUES (1, 'question', ?, '2026-11-28 10:00:00', '2026-11-28 10:00:00')",
            (body,),
        )
    desk.window.tabs.setCurrentWidget(desk.window.question_page)
    desk.notes_controller.refresh_notes()  # as after any change: the panel lists it
    panel = desk.window.notes_panel
    row = panel.list.visualRect(panel.model.index(0, 0)).center()
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=row)

    editor = panel.editor
    assert "more characters: click to edit" in editor.body.preview.toPlainText()
    qtbot.mouseClick(editor.body.preview.viewport(), Qt.MouseButton.LeftButton)
    assert editor.body.is_editing
    assert editor.body.text() == body.rstrip("\n") or editor.body.text() == body
    qtbot.keyClick(editor.body.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.body.editor, "THE END")
    desk.changes.flush()
    [(stored,)] = rows(database_file, "SELECT body FROM notes")
    assert stored.endswith("THE END") and len(stored) == len(body) + len("THE END")
