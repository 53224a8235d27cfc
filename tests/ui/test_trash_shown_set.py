"""The window never shows a study set that is in the Trash: moving the shown set there (from
the Library, by undo or redo, or by Go › Back to a set trashed meanwhile) moves the window to
another set, and Ctrl+Z in the Library really brings the set back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.models.library_model import TRASH, Section
from tests.conftest import Alerts, Launch
from tests.study_files import SEED_QUESTION
from tests.ui.test_library import (  # noqa: F401 (library_files: the fixture, used below)
    COLD,
    WAR,
    library_files,
    open_library,
    query,
    select,
    set_id,
    trigger,
)

pytestmark = pytest.mark.usefixtures("library_files")  # two more sets beside the embedded one

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def in_trash(database: Path, title: str) -> bool:
    found = query(database, "SELECT deleted_at IS NOT NULL FROM study_sets WHERE title = ?", title)
    return bool(found[0][0])


def shown_title(desk) -> str:  # type: ignore[no-untyped-def]
    return str(desk.window.study_set.title)


def open_with_double_click(qtbot: QtBot, library, title: str) -> None:  # type: ignore[no-untyped-def]
    row = library.shown_titles().index(title)
    rect = library.table.visualRect(library.proxy.index(row, 0))
    qtbot.mouseClick(library.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(library.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_trashing_the_shown_set_moves_the_window_and_undo_brings_it_back(
    launch: Launch, qtbot: QtBot, database_file: Path, alerts: Alerts
) -> None:
    desk = launch()
    library = open_library(qtbot, desk)
    open_with_double_click(qtbot, library, COLD)
    assert shown_title(desk) == COLD
    desk.window.menu.library_action.trigger()  # back to the Library window

    # Every set at once: refused, since the window always shows one; nothing moves.
    select(library, SEED_QUESTION, WAR, COLD)
    trigger(library.table_menu(), "Move to Trash")
    assert "at least one stays out of the Trash" in alerts.texts()[-1]
    assert not any(in_trash(database_file, t) for t in (SEED_QUESTION, WAR, COLD))
    assert shown_title(desk) == COLD

    # The shown set: the window moves to the set opened before it, then the set goes.
    select(library, COLD)
    trigger(library.table_menu(), "Move to Trash")
    assert in_trash(database_file, COLD)
    assert shown_title(desk) == SEED_QUESTION
    assert desk.window.windowTitle() == f"Study Desk — {SEED_QUESTION}"

    # Ctrl+Z in the Library takes the set out of the Trash (the step was not lost when the
    # window moved); Ctrl+Shift+Z puts it back, and the window stays off it.
    qtbot.keyClick(library.table, Qt.Key.Key_Z, CTRL)
    assert not in_trash(database_file, COLD)
    assert shown_title(desk) == SEED_QUESTION
    qtbot.keyClick(library.table, Qt.Key.Key_Z, CTRL_SHIFT)
    assert in_trash(database_file, COLD)
    qtbot.wait(20)  # the check after a change runs once the change is done
    assert shown_title(desk) == SEED_QUESTION


def test_a_change_that_trashes_the_shown_set_moves_the_window(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    library = open_library(qtbot, desk)
    seed = set_id(database_file, SEED_QUESTION)
    war = set_id(database_file, WAR)
    open_with_double_click(qtbot, library, WAR)
    assert shown_title(desk) == WAR

    # A caller that does not move the window first (the undoable step alone): the window
    # leaves the set once the step is done, for the one opened before it.
    desk.study_sets.trash([war])
    qtbot.waitUntil(lambda: shown_title(desk) == SEED_QUESTION)
    assert "is in the Trash now" in desk.window.statusBar().currentMessage()
    desk.window.menu.library_action.trigger()
    library.show_section(Section(TRASH))  # Restore there brings it out again
    select(library, WAR)
    trigger(library.table_menu(), "Restore")
    assert not in_trash(database_file, WAR)
    library.show_section(Section("all"))

    # Go › Back passes over a set that went to the Trash meanwhile.
    open_with_double_click(qtbot, library, WAR)
    assert shown_title(desk) == WAR  # Back would go to the embedded set
    select(library, SEED_QUESTION)
    trigger(library.table_menu(), "Move to Trash")
    assert in_trash(database_file, SEED_QUESTION)
    opened: list[object] = []
    desk.session.study_set_opened.connect(opened.append)
    desk.window.menu.back_action.trigger()
    qtbot.wait(20)
    assert opened == []  # the trashed set was never shown, not even for a moment
    assert shown_title(desk) == WAR
    assert desk.window.study_set.id != seed
    assert not desk.window.menu.back_action.isEnabled()  # nothing left to go back to
