"""Notes show in the reading text: a mark beside the ¶ number of a paragraph with notes;
hovering it shows the note's words (as typed, never as markup); clicking it opens the note."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from desktop.ui.reading.answer_tab import AnswerTab
from tests.ui.conftest import Launch, quit_app
from tests.ui.helpers import (
    START_WORDS,
    click_before,
    gpane_tab,
    select_with_keyboard,
    shortcut,
    tooltip_as_seen,
)

WORDS = "Kulaks resisted <b>collectivization</b> & paid for it."


def number_cell_text(tab: AnswerTab, number: int) -> str:
    """What the margin beside paragraph ¶``number`` shows."""
    found = tab.document().find(f"¶{number}")
    assert not found.isNull()
    cell = found.currentTable().cellAt(found)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def mark_points(tab: AnswerTab) -> list[QPoint]:
    """Viewport points of the note marks (scrolled into view), top to bottom."""
    points = []
    cursor = QTextCursor(tab.document())
    while True:
        cursor = tab.document().find("✎", cursor)
        if cursor.isNull():
            return points
        tab.setTextCursor(cursor)
        tab.ensureCursorVisible()
        middle = QTextCursor(tab.document())
        middle.setPosition(cursor.selectionStart())
        rect = tab.cursorRect(middle)
        points.append(QPoint(rect.x() + 3, rect.center().y()))


def hover(qtbot: QtBot, tab: AnswerTab, point: QPoint) -> str:
    event = QHelpEvent(QEvent.Type.ToolTip, point, tab.viewport().mapToGlobal(point))
    QApplication.sendEvent(tab.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    seen = tooltip_as_seen()
    QToolTip.hideText()
    return seen


def test_a_paragraph_with_a_note_has_a_mark_that_shows_and_opens_the_note(
    launch: Launch, qtbot: QtBot, tmp_path: Path
) -> None:
    screenshots = Path(os.environ.get("STUDYDESK_SCREENSHOTS", tmp_path))
    desk = launch()
    tab = gpane_tab(desk)
    assert "✎" not in tab.toPlainText()
    click_before(qtbot, tab, "However, this")  # in ¶2, nothing selected
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor
    qtbot.keyClicks(editor.body.editor, WORDS)
    note_id = editor.note_id
    assert note_id is not None
    assert "✎" in number_cell_text(tab, 2)
    assert "✎" not in number_cell_text(tab, 1) + number_cell_text(tab, 3)
    # The words typed reach the mark's tool tip (autosave), shown exactly as typed.
    [point] = mark_points(tab)
    qtbot.waitUntil(lambda: WORDS in hover(qtbot, tab, point), timeout=5000)
    quit_app(qtbot, desk)

    again = launch()
    tab = gpane_tab(again)
    panel = again.window.notes_panel
    assert panel.editor.note_id is None
    panel.toggleViewAction().trigger()  # the student hid the panel
    assert not panel.isVisible()
    [point] = mark_points(tab)
    assert WORDS in hover(qtbot, tab, point)
    qtbot.mouseClick(tab.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(panel.isVisible)
    assert panel.editor.note_id == note_id
    assert WORDS in panel.editor.body.text()
    again.window.grab().save(str(screenshots / "note-mark.png"))


def test_a_note_on_a_range_marks_its_paragraph_and_shows_the_quote(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    select_with_keyboard(qtbot, tab, 10)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    qtbot.keyClicks(desk.window.notes_panel.editor.body.editor, "Who were they?")
    assert "✎" in number_cell_text(tab, 2)
    [point] = mark_points(tab)
    qtbot.waitUntil(lambda: "Who were they?" in hover(qtbot, tab, point), timeout=5000)
    seen = hover(qtbot, tab, point)
    assert "Stalin and" in seen
    # Deleting the note takes its mark away.
    desk.window.notes_panel.editor.delete_button.click()
    qtbot.waitUntil(lambda: "✎" not in tab.toPlainText())


def test_many_notes_on_a_paragraph_show_nine_marks_and_a_count_that_opens_the_next(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    editor = desk.window.notes_panel.editor
    made = []
    for number in range(12):
        click_before(qtbot, tab, "However, this")  # in ¶2
        shortcut(qtbot, tab, Qt.Key.Key_N)
        qtbot.keyClicks(editor.body.editor, f"Note number {number + 1}")
        made.append(editor.note_id)
    qtbot.waitUntil(lambda: number_cell_text(tab, 2).endswith("\u2029+3"), timeout=5000)
    assert number_cell_text(tab, 2).count("✎") == 9

    found = tab.document().find("+3")
    tab.setTextCursor(found)
    tab.ensureCursorVisible()
    start, end = QTextCursor(tab.document()), QTextCursor(tab.document())
    start.setPosition(found.selectionStart())
    end.setPosition(found.selectionEnd())
    left, right = tab.cursorRect(start), tab.cursorRect(end)
    point = QPoint((left.x() + right.x()) // 2, left.center().y())  # the middle of "+3"
    tab.grab().save("/tmp/marks_shot.png")
    assert "3 more notes on this paragraph" in hover(qtbot, tab, point)
    qtbot.mouseClick(tab.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: editor.note_id == made[9])
    assert "Note number 10" in editor.body.text()
