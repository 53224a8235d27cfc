"""What the UI tests do as a student would: click, select with the keyboard, press shortcuts,
pick from a list; and the plain reads of the database file they assert on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QToolTip
from pytestqt.qtbot import QtBot

from desktop.ui.reading.answer_tab import AnswerTab
from tests.study_files import seed_paragraphs

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
GPANE_P2 = seed_paragraphs("gpane")[1]
START_WORDS = "Stalin and other tough"
SELECTED = 32  # characters selected with Shift+Right: ends on a word boundary


def rows(database: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(database) as plain:
        return plain.execute(sql).fetchall()


def gpane_tab(desk) -> AnswerTab:  # type: ignore[no-untyped-def]
    desk.window.tabs.setCurrentIndex(1)
    tab = desk.window.tabs.currentWidget()
    assert isinstance(tab, AnswerTab)
    return tab


def click_before(qtbot: QtBot, tab: AnswerTab, words: str) -> None:
    """Click with the mouse just before ``words`` (the text cursor lands there)."""
    found = tab.document().find(words)
    assert not found.isNull()
    start = QTextCursor(tab.document())
    start.setPosition(found.selectionStart())
    tab.setTextCursor(start)
    tab.ensureCursorVisible()
    point = tab.cursorRect(start).center()
    point.setX(point.x() + 1)
    qtbot.mouseClick(tab.viewport(), Qt.MouseButton.LeftButton, pos=point)


def select_with_keyboard(qtbot: QtBot, tab: AnswerTab, count: int) -> None:
    for _ in range(count):
        qtbot.keyClick(tab, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def shortcut(qtbot: QtBot, widget, key: Qt.Key, modifiers=CTRL_SHIFT) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, key, modifiers)


def highlight_ten_characters(qtbot: QtBot, desk) -> AnswerTab:  # type: ignore[no-untyped-def]
    """In gpane's ¶2: click before START_WORDS, Shift+Right ten times, Ctrl+Shift+H."""
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    select_with_keyboard(qtbot, tab, 10)
    shortcut(qtbot, tab, Qt.Key.Key_H)
    return tab


def note_on_gpane_paragraph(qtbot: QtBot, desk, text: str = ""):  # type: ignore[no-untyped-def]
    """In gpane's ¶2, no selection: Ctrl+Shift+N (a note on the paragraph), then ``text``
    typed into the notes panel's editor; that editor's text field."""
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor.body.editor
    if text:
        qtbot.keyClicks(editor, text)
    return editor


def click_into(qtbot: QtBot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton)


def choose_in_combo(qtbot: QtBot, combo: QComboBox, data: object) -> None:
    """Pick the item holding ``data`` with the keyboard (Home, then Down), as a user can."""
    target = combo.findData(data)
    assert target >= 0, f"{data!r} is not offered"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(target):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == target


def type_tags(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Replace the tags with ``text`` and press Enter."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def fill_event_dialog(title: str, start: str, end: str, category: str) -> None:
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.objectName() == "event-dialog"
    dialog.title.setText(title)
    dialog.start.setFocus()
    dialog.start.selectAll()
    QTest.keyClicks(dialog.start, start)  # typed: the precision follows the date
    dialog.end.setText(end)
    dialog.category.setCurrentIndex(dialog.category.findData(category))
    dialog.accept()


def bring_to_front(qtbot: QtBot, desk) -> None:  # type: ignore[no-untyped-def]
    """The window is active again after a dialog closed (shortcuts only reach an active one)."""
    desk.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk.window)


def tooltip_as_seen() -> str:
    """The text of the tool tip on screen, as a person reads it (markup drawn, not shown)."""
    document = QTextDocument()
    document.setHtml(QToolTip.text())
    return document.toPlainText()
