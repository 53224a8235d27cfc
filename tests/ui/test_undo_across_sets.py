"""Edit › Undo keeps its steps when another study set is opened: a note deleted, then another
set opened, can still be brought back, and the status bar says in which set it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from tests.conftest import Launch
from tests.study_files import SEED_QUESTION
from tests.ui.helpers import (
    note_on_gpane_paragraph,
    rows,
)
from tests.ui.test_library import (  # noqa: F401 (library_files: the fixture)
    COLD,
    library_files,
    open_library,
    select,
    trigger,
)
from tests.ui.test_trash_shown_set import open_with_double_click

pytestmark = pytest.mark.usefixtures("library_files")  # two more sets beside the embedded one

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_a_note_deleted_before_opening_another_set_comes_back_with_ctrl_z(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    window = desk.window
    seed_title = window.study_set.title
    note_on_gpane_paragraph(qtbot, desk, "Kept across sets")
    qtbot.mouseClick(window.notes_panel.editor.delete_button, Qt.MouseButton.LeftButton)
    assert rows(database_file, "SELECT deleted_at IS NOT NULL FROM notes") == [(1,)]

    library = open_library(qtbot, desk)
    open_with_double_click(qtbot, library, COLD)
    assert window.study_set.title == COLD
    library.close()
    assert desk.changes_controller.undo_action.text() == "&Undo Delete Note"

    window.activateWindow()
    qtbot.keyClick(window.tabs, Qt.Key.Key_Z, CTRL)
    assert rows(database_file, "SELECT deleted_at FROM notes") == [(None,)]
    # The window stays on the set shown; the status bar names the set the step was made in.
    assert window.study_set.title == COLD
    assert window.statusBar().currentMessage() == f"Undone in “{seed_title}”: Delete Note"
    assert window.panel_model.rowCount() == 0  # the Cold War set has no notes

    window.menu.back_action.trigger()  # Go › Back: the note is in its set's panel again
    assert window.study_set.title == seed_title
    assert window.panel_model.rowCount() == 1
    assert "Kept across sets" in window.panel_model.record(0).body

    # Redone in its own set: nothing to say about where.
    window.statusBar().clearMessage()
    qtbot.keyClick(window.tabs, Qt.Key.Key_Z, CTRL_SHIFT)
    assert rows(database_file, "SELECT deleted_at IS NOT NULL FROM notes") == [(1,)]
    assert window.panel_model.rowCount() == 0
    assert window.statusBar().currentMessage() == ""


def test_undo_says_where_it_undid_in_the_library_and_in_the_main_window(
    launch: Launch, qtbot: QtBot, database_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = launch()
    window = desk.window
    library = open_library(qtbot, desk)
    # The set shown, renamed: the window's title and the undo messages use the new name.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Stalin essay", True))
    select(library, SEED_QUESTION)
    trigger(library.table_menu(), "Rename…")
    assert window.windowTitle() == "Study Desk — Stalin essay"

    note_on_gpane_paragraph(qtbot, desk)  # Add Note, in the renamed set
    assert rows(database_file, "SELECT count(*) FROM notes") == [(1,)]
    open_with_double_click(qtbot, library, COLD)
    assert window.windowTitle() == f"Study Desk — {COLD}"

    # Ctrl+Z in the Library: the note goes, and the Library's status line says where.
    library.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is library)
    library.table.setFocus()
    qtbot.keyClick(library.table, Qt.Key.Key_Z, CTRL)
    assert rows(database_file, "SELECT count(*) FROM notes") == [(0,)]
    assert library.status.text() == "Undone in “Stalin essay”: Add Note"

    # Ctrl+Z in the main window: the rename, a step of the Library, says so there.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.tabs, Qt.Key.Key_Z, CTRL)
    assert rows(database_file, "SELECT count(display_title) FROM study_sets") == [(0,)]
    assert window.statusBar().currentMessage() == "Undone in the Library: Rename Study Set"
    assert SEED_QUESTION in library.shown_titles()
