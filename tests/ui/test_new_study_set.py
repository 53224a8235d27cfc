"""File › New Study Set…: a student types a question and two answers, or pastes a whole
study set, and it is in the library and shown like an imported one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.dialogs.new_study_set_dialog import NewStudySetDialog
from tests.conftest import Alerts, Launch
from tests.study_files import SEED_BYTES
from tests.ui.helpers import bring_to_front


def open_form(qtbot: QtBot, desk) -> NewStudySetDialog:  # type: ignore[no-untyped-def]
    bring_to_front(qtbot, desk)
    qtbot.keyClick(
        desk.window.tabs.currentWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NewStudySetDialog)
    return dialog


def add(qtbot: QtBot, dialog: NewStudySetDialog) -> None:
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)


def test_a_typed_study_set_is_stored_and_shown(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    dialog = open_form(qtbot, desk)
    qtbot.keyClicks(dialog.question, "Why did the New Economic Policy end?")
    first, second = dialog.answers
    qtbot.keyClicks(first.handle, "mhistorian")
    qtbot.keyClicks(first.credential, "PhD")
    qtbot.keyClicks(first.text, "Grain shortages in 1927.")
    qtbot.keyClicks(second.handle, "gpane")
    add(qtbot, dialog)  # the second educator has no answer yet: refused, nothing lost
    assert dialog.isVisible()
    assert dialog.problem.text() == "Educator 2 (gpane) has no answer yet."
    qtbot.keyClicks(second.text, "Stalin wanted industry first.")
    add(qtbot, dialog)

    assert not dialog.isVisible()
    assert desk.window.windowTitle() == "Study Desk — Why did the New Economic Policy end?"
    assert [tab.answer.handle for tab in desk.window.answer_tabs()] == ["mhistorian", "gpane"]
    question = desk.window.question_view.toPlainText()
    assert "Study set typed in Study Desk, added" in question and "— file" not in question
    with sqlite3.connect(database_file) as plain:
        assert plain.execute("SELECT count(*) FROM study_sets").fetchone() == (2,)


def test_pasting_a_whole_study_set_fills_the_form(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    dialog = open_form(qtbot, desk)
    text = SEED_BYTES.decode("utf-8").replace("What were", "What really were", 1)
    QGuiApplication.clipboard().setText(text)
    qtbot.mouseClick(dialog.paste_button, Qt.MouseButton.LeftButton)
    assert dialog.question.toPlainText().startswith("What really were")
    assert [box.handle.text() for box in dialog.answers] == ["gpane", "pohnpei397"]
    add(qtbot, dialog)
    assert desk.window.windowTitle().startswith("Study Desk — What really were")


def test_the_form_says_what_is_missing_in_its_own_words(
    launch: Launch, qtbot: QtBot, database_file: Path, alerts: Alerts
) -> None:
    desk = launch()
    dialog = open_form(qtbot, desk)
    add(qtbot, dialog)
    assert dialog.problem.text() == "Type the question."
    qtbot.keyClicks(dialog.question, "Who ended the NEP?")
    add(qtbot, dialog)
    assert dialog.problem.text() == "Add at least one educator: a handle and their answer."
    first, second = dialog.answers
    qtbot.keyClicks(first.handle, "Mr Smith")
    qtbot.keyClicks(first.text, "Stalin did, in 1928.")
    add(qtbot, dialog)
    assert "“Mr Smith”, is not one word" in dialog.problem.text()
    first.handle.clear()
    qtbot.keyClicks(first.handle, "Smith")  # a capitalised handle, no credential: fine
    qtbot.keyClicks(second.handle, "smith")
    qtbot.keyClicks(second.text, "The Politburo majority.")
    add(qtbot, dialog)
    assert dialog.problem.text() == (
        "Educators 1 and 2 are both “smith”: give each a handle of their own."
    )
    with sqlite3.connect(database_file) as plain:  # nothing refused reached the library
        assert plain.execute("SELECT count(*) FROM study_sets").fetchone() == (1,)

    # Esc with all this typed asks first; No keeps the form and the typing.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert alerts.shown[-1][1] == "Discard this study set?"
    assert dialog.isVisible() and dialog.question.toPlainText() == "Who ended the NEP?"

    second.handle.clear()
    qtbot.keyClicks(second.handle, "kdavis")
    add(qtbot, dialog)
    assert not dialog.isVisible()
    assert [tab.answer.handle for tab in desk.window.answer_tabs()] == ["Smith", "kdavis"]
