"""Switching study sets keeps the window's tabs and gives them the new set; each answer tab
is laid out, and reads its highlights and note marks, only when it is first shown. What a
student sees in a tab first opened after a switch must be that set's: its text, its
highlights, its notes — never the set shown before in the same tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.ui.reading.answer_tab import NOTE_MARK, AnswerTab
from tests.study_files import SEED_TEXT
from tests.ui.conftest import Launch
from tests.ui.helpers import (
    START_WORDS,
    bring_to_front,
    click_before,
    click_into,
    gpane_tab,
    highlight_ten_characters,
    rows,
    shortcut,
)
from tests.ui.test_note_marks import number_cell_text

MHISTORIAN_WORDS = "Unlike gpane, I would stress ideology first."
NOTE_WORDS = "Fear of the kulaks"


def click_tab(qtbot: QtBot, desk, title: str) -> None:  # type: ignore[no-untyped-def]
    """Click the tab titled ``title`` in the tab bar, as a student does."""
    tabs = desk.window.tabs
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def shown_answer(desk) -> AnswerTab:  # type: ignore[no-untyped-def]
    tab = desk.window.tabs.currentWidget()
    assert isinstance(tab, AnswerTab)
    return tab


def highlighted_texts(tab: AnswerTab) -> list[str]:
    """The text under each highlight the view paints (its extra selections)."""
    return [selection.cursor.selectedText() for selection in tab.extraSelections()]


def titles(desk) -> list[str]:  # type: ignore[no-untyped-def]
    tabs = desk.window.tabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_tabs_first_opened_after_a_switch_show_that_sets_text_highlights_and_notes(
    launch: Launch, qtbot: QtBot, three_educators_on_open: Path
) -> None:
    desk = launch()
    window, panel = desk.window, desk.window.notes_panel

    # Set A (the embedded set): a highlight and a note in gpane's ¶2, then the Question tab.
    tab_a = highlight_ten_characters(qtbot, desk)
    quote = highlighted_texts(tab_a)[0]
    assert len(quote) >= 10
    shortcut(qtbot, tab_a, Qt.Key.Key_N)  # a note on the paragraph at the cursor
    qtbot.keyClicks(panel.editor.body.editor, NOTE_WORDS)
    desk.changes.flush()
    assert NOTE_MARK in number_cell_text(tab_a, 2)
    click_tab(qtbot, desk, "Question")
    question_a = window.question_view.toPlainText()
    window.resize(800, 420)  # short enough for the Question tab to scroll
    qtbot.keyClick(window.question_view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.question_view.verticalScrollBar().value() > 0

    # Set B, imported (Ctrl+O): three educators, the same gpane text, none of A's work.
    bring_to_front(qtbot, desk)
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert titles(desk) == [
        "Question",
        "gpane",
        "pohnpei397",
        "mhistorian",
        "Compare",
        "Timeline",
        "Notes",
    ]
    assert "3 educators answered" in window.question_view.toPlainText()
    assert window.question_view.verticalScrollBar().value() == 0  # at its top, not A's place
    click_tab(qtbot, desk, "mhistorian")
    assert MHISTORIAN_WORDS in shown_answer(desk).toPlainText()
    assert panel.heading.text() == "Notes on mhistorian's answer (0)"
    click_tab(qtbot, desk, "gpane")
    gpane_b = shown_answer(desk)
    assert START_WORDS in gpane_b.toPlainText()
    assert highlighted_texts(gpane_b) == []  # A's highlight is not B's
    assert NOTE_MARK not in number_cell_text(gpane_b, 2)  # nor A's note
    assert gpane_b.verticalScrollBar().value() == 0
    assert panel.heading.text() == "Notes on gpane's answer (0)"
    click_tab(qtbot, desk, "Question")

    # Go › Back (Alt+Left) to A: one tab fewer; gpane, not opened since, shows A's work.
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert titles(desk) == ["Question", "gpane", "pohnpei397", "Compare", "Timeline", "Notes"]
    assert window.question_view.toPlainText() == question_a
    assert window.tabs.currentWidget() is window.question_page
    click_tab(qtbot, desk, "gpane")
    gpane_a = shown_answer(desk)
    gpane_a_id = gpane_a.answer.id
    assert START_WORDS in gpane_a.toPlainText()
    assert highlighted_texts(gpane_a) == [quote]
    assert NOTE_MARK in number_cell_text(gpane_a, 2)
    assert [mark.words for mark in gpane_a.note_marks()] == [NOTE_WORDS]
    assert panel.heading.text() == "Notes on gpane's answer (1)"
    click_tab(qtbot, desk, "pohnpei397")
    assert highlighted_texts(shown_answer(desk)) == []

    # B again from Go › Recent Study Sets, A's gpane tab being the current one: the same tab,
    # laid out at once for B's gpane, shows none of A's work.
    click_tab(qtbot, desk, "gpane")
    window.menu.recent_menu.actions()[1].trigger()  # the set opened before: B
    assert "mhistorian" in titles(desk)
    gpane = shown_answer(desk)
    assert gpane.answer.handle == "gpane" and gpane.answer.id != gpane_a_id
    assert highlighted_texts(gpane) == []
    assert NOTE_MARK not in number_cell_text(gpane, 2)
    assert panel.heading.text() == "Notes on gpane's answer (0)"


def test_a_set_with_one_educator_drops_the_tabs_it_has_no_answers_for(
    launch: Launch, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = tmp_path / "one.txt"
    one.write_text(SEED_TEXT.split("pohnpei397 eNotes educator")[0], encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(one), ""))
    desk = launch()
    window = desk.window
    click_tab(qtbot, desk, "Compare")  # the current tab goes with the set that had it
    compare_a = window.compare_tab

    bring_to_front(qtbot, desk)
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert titles(desk) == ["Question", "gpane", "Timeline", "Notes"]
    assert window.compare_tab is None
    assert window.tabs.currentWidget() is window.question_page
    assert "1 educator answered, in 3 paragraphs" in window.question_view.toPlainText()

    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert titles(desk) == ["Question", "gpane", "pohnpei397", "Compare", "Timeline", "Notes"]
    # The set's own Compare tab, kept while the one-educator set (which had none) was shown.
    assert window.compare_tab is compare_a
    assert window.compare_tab.record.id == window.study_set.id
    click_tab(qtbot, desk, "pohnpei397")  # made anew: the one-educator set had no use for it
    assert "pohnpei397" in shown_answer(desk).toPlainText().splitlines()[0]
    assert len(shown_answer(desk).answer.passages) > 1


TYPED = " typed in the Notes tab"


def test_after_a_switch_no_note_editor_shows_a_note_of_the_set_before(
    launch: Launch,
    qtbot: QtBot,
    three_educators_on_open: Path,
    database_file: Path,
) -> None:
    desk = launch()
    window = desk.window
    notes, panel = window.notes_tab, window.notes_panel

    def select_first_note() -> None:
        row = notes.table.visualRect(window.notes_model.index(0, 0)).center()
        qtbot.mouseClick(notes.table.viewport(), Qt.MouseButton.LeftButton, pos=row)

    def shows_no_note(editor) -> bool:  # type: ignore[no-untyped-def]
        return (
            editor.note_id is None
            and editor.place.text() == "No note selected"
            and editor.body.text() == ""
            and not editor.body.isEnabled()
        )

    # Set A: a note on gpane ¶2; in the Notes tab it is selected and words are typed into it.
    tab_a = gpane_tab(desk)
    click_before(qtbot, tab_a, START_WORDS)
    shortcut(qtbot, tab_a, Qt.Key.Key_N)
    click_tab(qtbot, desk, "Notes")
    select_first_note()
    editor = notes.editor
    note_a = editor.note_id
    assert note_a is not None and editor.place.text() == "gpane ¶2"
    click_into(qtbot, editor.body.preview)
    assert editor.body.is_editing
    qtbot.keyClick(editor.body.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.body.editor, TYPED)

    # Set B (Ctrl+O) with the Notes tab current: it stays current and lists B's notes (none);
    # neither editor shows A's note, and the words typed into it are saved.
    qtbot.keyClick(editor.body.editor, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert "mhistorian" in titles(desk)
    assert window.tabs.currentWidget() is notes
    assert window.notes_model.rowCount() == 0 and notes.count.text() == "0 notes"
    assert shows_no_note(editor)
    assert shows_no_note(panel.editor)
    [(body,)] = rows(database_file, f"SELECT body FROM notes WHERE id = {note_a}")
    assert body.endswith(TYPED)

    # Back to A (Alt+Left): its note selected again in the Notes tab; then the Question tab,
    # and B from Go › Recent Study Sets; the Notes tab opened after the switch shows no note.
    qtbot.keyClick(notes.table, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert "mhistorian" not in titles(desk)
    select_first_note()
    assert editor.note_id == note_a and editor.body.text().endswith(TYPED)
    click_tab(qtbot, desk, "Question")
    window.menu.recent_menu.actions()[1].trigger()  # the set opened before: B
    assert "mhistorian" in titles(desk)
    click_tab(qtbot, desk, "Notes")
    assert window.notes_model.rowCount() == 0
    assert shows_no_note(editor)
