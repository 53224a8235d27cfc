"""Nothing stale on show: the status bar says what is true now, and the Notes panel shows
only a note of the tab in view."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.reading.answer_tab import AnswerTab
from tests.ui.conftest import Launch
from tests.ui.helpers import START_WORDS, choose_in_combo, click_before, gpane_tab, rows, shortcut

CTRL = Qt.KeyboardModifier.ControlModifier


def test_not_saved_goes_once_a_change_is_saved_again(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor
    desk.notes.flush()
    with sqlite3.connect(database_file) as other:  # the database refuses changes to notes
        other.execute(
            "CREATE TRIGGER refuse BEFORE UPDATE ON notes "
            "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
        )
    choose_in_combo(qtbot, editor.colour, "blue")
    unsaved = desk.changes_controller.unsaved
    bar = desk.window.statusBar()
    assert unsaved.isVisible() and unsaved.text() == "Not saved"
    assert "could not be saved" in bar.currentMessage()

    with sqlite3.connect(database_file) as other:
        other.execute("DROP TRIGGER refuse")
    choose_in_combo(qtbot, editor.colour, "green")
    assert rows(database_file, "SELECT colour FROM notes") == [("green",)]
    assert not unsaved.isVisible()


def _link_position(tab: AnswerTab, handle: str) -> int:
    """Where the first link to ``handle``'s answer is in the text."""
    block = tab.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            href = fragment.charFormat().anchorHref()
            if fragment.charFormat().isAnchor() and handle in href:
                return fragment.position() + fragment.length() // 2
            fragments += 1
        block = block.next()
    raise AssertionError(f"no link to {handle}")


def _point_at(tab: AnswerTab, position: int) -> QPoint:
    cursor = QTextCursor(tab.document())
    cursor.setPosition(position)
    tab.setTextCursor(cursor)
    tab.ensureCursorVisible()
    return tab.cursorRect(cursor).center()


def _hover(tab: AnswerTab, point: QPoint) -> None:
    """The mouse comes to rest at ``point`` (QTest.mouseMove does not reach a widget's
    mouseMoveEvent on the offscreen platform, so the event is sent as the window would)."""
    viewport = tab.viewport()
    QApplication.sendEvent(
        viewport,
        QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(point),
            QPointF(viewport.mapToGlobal(point)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )


def test_a_link_hint_goes_when_the_link_was_followed_and_times_out(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    desk.backups.wait()  # the start-up backup's message is out of the way
    qtbot.wait(50)
    window = desk.window
    tab = gpane_tab(desk)
    point = _point_at(tab, _link_position(tab, "pohnpei397"))
    _hover(tab, point)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage() == "Open pohnpei397's answer")
    qtbot.mouseClick(tab.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "pohnpei397"
    assert bar.currentMessage() == ""  # it would still invite to open the answer on show

    tab = gpane_tab(desk)
    point = _point_at(tab, _link_position(tab, "pohnpei397"))
    _hover(tab, QPoint(1, 1))  # back from the other tab, the mouse comes to the link again
    assert tab.anchorAt(QPoint(1, 1)) == ""
    _hover(tab, point)
    qtbot.waitUntil(lambda: bar.currentMessage() == "Open pohnpei397's answer")
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=8000)  # the mouse stays


def test_the_panel_shows_only_a_note_of_the_tab_in_view(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    window = desk.window
    panel = window.notes_panel
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    qtbot.keyClicks(panel.editor.body.editor, "on gpane")
    on_gpane = panel.editor.note_id

    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)  # pohnpei397's answer
    assert window.tabs.tabText(window.tabs.currentIndex()) == "pohnpei397"
    assert panel.heading.text() == "Notes on pohnpei397's answer (0)"
    assert panel.editor.note_id is None
    assert panel.editor.place.text() == "No note selected"
    assert panel.editor.body.text() == ""
    assert not panel.editor.body.isEnabled()

    shortcut(qtbot, window.tabs.currentWidget(), Qt.Key.Key_N)
    qtbot.keyClicks(panel.editor.body.editor, "on pohnpei")
    on_pohnpei = panel.editor.note_id

    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # back to gpane: its note is open again
    assert panel.editor.note_id == on_gpane
    assert panel.editor.body.text().endswith("on gpane")
    assert panel.list.currentIndex().row() == panel.model.row_of(on_gpane)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)  # the question has no notes
    assert panel.editor.note_id is None
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    assert panel.editor.note_id == on_pohnpei
    assert panel.editor.body.text().endswith("on pohnpei")
