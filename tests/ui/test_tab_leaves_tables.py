"""Tab moves on from a table to the next control, as in any form; the arrow keys move
within it. (Qt's tables take Tab cell by cell, and wrap round: focus never left them.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import Launch
from tests.ui.helpers import (
    note_on_gpane_paragraph,
)
from tests.ui.test_library import open_library


def tab_out_of(qtbot: QtBot, window: QWidget, table: QTableView) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    assert QApplication.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table


def test_tab_leaves_the_timeline_notes_and_library_tables(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    window = desk.window
    window.tabs.setCurrentWidget(window.timeline_tab)
    qtbot.waitUntil(lambda: window.timeline_tab.table.model().rowCount() > 0)
    tab_out_of(qtbot, window, window.timeline_tab.table)

    note_on_gpane_paragraph(qtbot, desk)  # so that the Notes tab has a row
    window.tabs.setCurrentWidget(window.notes_tab)
    qtbot.waitUntil(lambda: window.notes_tab.table.model().rowCount() == 1)
    tab_out_of(qtbot, window, window.notes_tab.table)

    library = open_library(qtbot, desk)
    tab_out_of(qtbot, library, library.table)
