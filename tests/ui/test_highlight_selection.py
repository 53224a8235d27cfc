"""Highlighting what the student selected: whole words (Alt for exact characters), a keyboard
selection from a ¶ number, and the context menu that ticks the highlight's own colour."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from desktop.ui.reading.answer_tab import AnswerTab
from tests.study_files import seed_paragraphs
from tests.ui.conftest import Launch
from tests.ui.helpers import (
    GPANE_P2,
    START_WORDS,
    click_before,
    gpane_tab,
    highlight_ten_characters,
    rows,
    select_with_keyboard,
    shortcut,
)

GPANE_P1 = seed_paragraphs("gpane")[0]
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def point_inside(tab: AnswerTab, words: str, offset: int) -> QPoint:
    """The viewport point between the ``offset``-th and next character of ``words``."""
    found = tab.document().find(words)
    assert not found.isNull()
    cursor = QTextCursor(tab.document())
    cursor.setPosition(found.selectionStart() + offset)
    tab.setTextCursor(cursor)
    tab.ensureCursorVisible()
    rect = tab.cursorRect(cursor)
    return QPoint(rect.center().x(), rect.center().y())


def drag(qtbot: QtBot, tab: AnswerTab, start: QPoint, end: QPoint, modifiers=NONE) -> None:  # type: ignore[no-untyped-def]
    viewport = tab.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, start)
    QTest.mouseMove(viewport, QPoint((start.x() + end.x()) // 2, end.y()))
    QTest.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, end)


def drag_from_wer_to_ruthle(qtbot: QtBot, tab: AnswerTab, modifiers=NONE) -> None:  # type: ignore[no-untyped-def]
    """Drag from inside 'power' (before 'wer.') to inside 'ruthless' (after 'ruthle')."""
    phrase = "power. He was ruthless"
    start = point_inside(tab, phrase, 2)
    end = point_inside(tab, phrase, len("power. He was ruthle"))
    tab.moveCursor(QTextCursor.MoveOperation.Start)
    tab.ensureCursorVisible()
    start, end = (
        point_inside(tab, phrase, 2),
        point_inside(tab, phrase, len("power. He was ruthle")),
    )
    drag(qtbot, tab, start, end, modifiers)
    assert tab.textCursor().hasSelection()


def test_a_dragged_selection_is_highlighted_in_whole_words(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    drag_from_wer_to_ruthle(qtbot, tab)
    assert tab.textCursor().selectedText() == "wer. He was ruthle"  # what the mouse covered
    shortcut(qtbot, tab, Qt.Key.Key_H)
    [mark] = tab.extraSelections()
    assert mark.cursor.selectedText() == "power. He was ruthless"
    start = GPANE_P1.index("power. He was")
    assert rows(database_file, "SELECT start_offset, end_offset, quote FROM highlights") == [
        (start, start + len("power. He was ruthless"), "power. He was ruthless")
    ]


def test_with_alt_held_the_selection_is_highlighted_exactly(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    drag_from_wer_to_ruthle(qtbot, tab, ALT)
    shortcut(qtbot, tab, Qt.Key.Key_H)
    [mark] = tab.extraSelections()
    assert mark.cursor.selectedText() == "wer. He was ruthle"
    # With the keyboard: Alt+Shift+arrows select character by character, exactly.
    click_before(qtbot, tab, START_WORDS)
    for _ in range(3):
        qtbot.keyClick(tab, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | ALT)
    shortcut(qtbot, tab, Qt.Key.Key_H)
    assert sorted(q for (q,) in rows(database_file, "SELECT quote FROM highlights")) == [
        "Sta",
        "wer. He was ruthle",
    ]


def test_a_keyboard_selection_from_a_paragraph_number_highlights_the_paragraph(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, "However, this")  # the start of ¶2
    qtbot.keyClick(tab, Qt.Key.Key_Left)  # onto the ¶2 number
    select_with_keyboard(qtbot, tab, 3)
    assert "¶2" in tab.textCursor().selectedText()
    shortcut(qtbot, tab, Qt.Key.Key_H)
    [mark] = tab.extraSelections()
    assert mark.cursor.selectedText() == GPANE_P2.strip()
    assert rows(database_file, "SELECT quote FROM highlights") == [(GPANE_P2.strip(),)]


def right_click_menu(qtbot: QtBot, tab: AnswerTab, point: QPoint) -> list[str]:
    """Right-click at ``point`` (viewport), read which entries are ticked, press Escape."""
    ticked: list[str] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read_menu)
            return
        ticked.extend(a.text().replace("&", "") for a in menu.actions() if a.isChecked())
        QTest.keyClick(menu, Qt.Key.Key_Escape)

    QTimer.singleShot(20, read_menu)
    window = tab.window()
    QTest.mouseClick(
        window.windowHandle(), Qt.MouseButton.RightButton, NONE, tab.viewport().mapTo(window, point)
    )
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    return ticked


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: no real popups
def test_the_context_menu_ticks_the_colour_of_the_highlight_under_it(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    menu = desk.window.menu
    tab = highlight_ten_characters(qtbot, desk)  # "Stalin and", in yellow
    click_before(qtbot, tab, "However, this")  # away from it
    menu.colour_actions["blue"].trigger()  # the colour for the next highlight
    assert rows(database_file, "SELECT colour FROM highlights") == [("yellow",)]

    on_highlight = point_inside(tab, START_WORDS, 3)
    assert right_click_menu(qtbot, tab, on_highlight) == ["Yellow"]
    # Closed without a choice: the colour for new highlights is still blue.
    assert [n for n, a in menu.colour_actions.items() if a.isChecked()] == ["blue"]
    elsewhere = point_inside(tab, "However, this", 3)
    assert right_click_menu(qtbot, tab, elsewhere) == ["Blue"]
