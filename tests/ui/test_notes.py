"""Highlights and notes as a student makes them: keyboard and mouse, then the database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.reading.answer_tab import AnswerTab
from tests.study_files import seed_paragraphs
from tests.ui.conftest import Launch, quit_app

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
GPANE_P2 = seed_paragraphs("gpane")[1]
START_WORDS = "Stalin and other tough"
SELECTED = 30  # characters selected with Shift+Right


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


def test_highlight_and_note_on_a_selection_survive_a_restart(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    select_with_keyboard(qtbot, tab, SELECTED)
    start = GPANE_P2.index(START_WORDS)
    quote = GPANE_P2[start : start + SELECTED].strip()
    assert tab.selected_ranges()[0].quote == quote

    shortcut(qtbot, tab, Qt.Key.Key_H)
    assert len(tab.extraSelections()) == 1
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor
    assert editor.body.is_editing
    assert f"> {quote}" in editor.body.text()
    assert "gpane ¶2" in editor.body.text()
    qtbot.keyClicks(editor.body.editor, "Kulaks resisted collectivization.")
    editor.tags.setFocus()
    qtbot.keyClicks(editor.tags, "kulaks economy")
    qtbot.keyClick(editor.tags, Qt.Key.Key_Return)
    quit_app(qtbot, desk)

    assert rows(
        database_file, "SELECT start_offset, end_offset, quote, colour FROM highlights"
    ) == [(start, start + SELECTED, quote, "yellow")]
    [(kind, note_quote, body)] = rows(database_file, "SELECT anchor_kind, quote, body FROM notes")
    assert (kind, note_quote) == ("range", quote)
    assert body.endswith("Kulaks resisted collectivization.")
    assert rows(database_file, "SELECT name FROM tags ORDER BY name") == [("economy",), ("kulaks",)]

    again = launch()
    tab = gpane_tab(again)
    highlight = tab.extraSelections()[0]
    assert highlight.cursor.selectedText() == quote
    assert again.window.panel_model.rowCount() == 1
    note = again.window.panel_model.record(0)
    assert note.tags == ("economy", "kulaks")
    assert note.place == "gpane ¶2"


def test_undo_and_redo_a_highlight_and_a_note(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = highlight_ten_characters(qtbot, desk)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    note_id = desk.window.notes_panel.editor.note_id
    tab.setFocus()
    assert rows(database_file, "SELECT count(*) FROM notes") == [(1,)]

    shortcut(qtbot, tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the note
    assert rows(database_file, "SELECT count(*) FROM notes") == [(0,)]
    assert desk.window.notes_panel.editor.note_id is None
    shortcut(qtbot, tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the highlight
    assert rows(database_file, "SELECT count(*) FROM highlights") == [(0,)]
    assert tab.extraSelections() == []

    shortcut(qtbot, tab, Qt.Key.Key_Z)  # Ctrl+Shift+Z: redo
    assert len(tab.extraSelections()) == 1
    shortcut(qtbot, tab, Qt.Key.Key_Z)
    assert rows(database_file, "SELECT id, anchor_kind FROM notes") == [(note_id, "range")]


def test_recolour_and_remove_a_highlight_with_undo(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = highlight_ten_characters(qtbot, desk)
    click_before(qtbot, tab, START_WORDS)  # cursor inside the highlight, no selection
    qtbot.keyClick(tab, Qt.Key.Key_Right)
    desk.window.menu.colour_actions["green"].trigger()
    assert rows(database_file, "SELECT colour FROM highlights") == [("green",)]
    desk.window.menu.remove_highlight_action.trigger()
    assert rows(database_file, "SELECT deleted_at IS NOT NULL FROM highlights") == [(1,)]
    assert tab.extraSelections() == []
    desk.notes.undo_stack.undo()
    assert len(tab.extraSelections()) == 1
    desk.notes.undo_stack.undo()
    assert rows(database_file, "SELECT colour FROM highlights") == [("yellow",)]
    quit_app(qtbot, desk)
    again = launch()
    assert again.window.menu.colour_actions["green"].isChecked()  # last colour remembered


def test_delete_goes_to_the_trash_and_restores(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)  # no selection: a note on the paragraph
    editor = desk.window.notes_panel.editor
    qtbot.keyClicks(editor.body.editor, "A note to delete")
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert rows(database_file, "SELECT anchor_kind, deleted_at IS NOT NULL FROM notes") == [
        ("passage", 1)
    ]
    assert desk.window.panel_model.rowCount() == 0
    desk.window.menu.trash_action.trigger()
    dialog = desk.notes_controller.trash_dialog
    assert dialog is not None and dialog.model.rowCount() == 1
    assert "A note to delete" in dialog.model.record(0).body
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert rows(database_file, "SELECT deleted_at FROM notes") == [(None,)]
    assert dialog.model.rowCount() == 0
    assert desk.window.panel_model.rowCount() == 1
    dialog.close()


def test_two_notes_edited_in_quick_succession_keep_their_own_text(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    panel = desk.window.notes_panel
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    first = panel.editor.note_id
    qtbot.keyClicks(panel.editor.body.editor, "first note")
    # Straight to another note while the first one's save is still pending.
    assert desk.notes.autosave.is_pending(("note", first))
    click_before(qtbot, tab, "Russia had long")
    shortcut(
        qtbot,
        tab,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    second = panel.editor.note_id
    assert second != first
    qtbot.keyClicks(panel.editor.body.editor, "second note")
    qtbot.waitUntil(lambda: not desk.notes.autosave.is_pending(("note", second)), timeout=3000)
    bodies = dict(rows(database_file, "SELECT id, body FROM notes"))
    assert bodies[first].endswith("first note")
    assert bodies[second].endswith("second note")
    assert "second" not in bodies[first]


def test_typing_is_saved_within_about_a_second_without_a_save_command(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor.body.editor
    qtbot.keyClicks(editor, "saved by itself")
    qtbot.waitUntil(
        lambda: rows(database_file, "SELECT body FROM notes")[0][0].endswith("saved by itself"),
        timeout=2500,  # the bounded wait is 1 s; the rest is slack for a busy machine
    )


def test_my_answer_draft_is_kept(launch: Launch, qtbot: QtBot, database_file: Path) -> None:
    desk = launch()
    desk.window.tabs.setCurrentIndex(0)
    draft = desk.window.question_page.draft
    qtbot.mouseClick(draft.preview.viewport(), Qt.MouseButton.LeftButton)
    assert draft.is_editing
    qtbot.keyClicks(draft.editor, "Stalin wanted **power** and a strong state.")
    quit_app(qtbot, desk)  # quitting flushes the pending save
    assert rows(database_file, "SELECT body FROM answer_drafts") == [
        ("Stalin wanted **power** and a strong state.",)
    ]
    again = launch()
    again.window.tabs.setCurrentIndex(0)
    shown = again.window.question_page.draft
    assert not shown.is_editing
    assert "Stalin wanted power and a strong state." in shown.preview.toPlainText()


def test_note_on_the_question_and_the_notes_tab_filters(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    window = desk.window
    window.tabs.setCurrentIndex(0)
    shortcut(qtbot, window.tabs.currentWidget(), Qt.Key.Key_N)
    qtbot.keyClicks(window.notes_panel.editor.body.editor, "Why did he want power?")
    window.notes_panel.editor.tags.setText("question")
    window.notes_panel.editor.tags.editingFinished.emit()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    window.notes_panel.editor.colour.setCurrentIndex(
        window.notes_panel.editor.colour.findData("blue")
    )
    window.notes_panel.editor.colour.activated.emit(window.notes_panel.editor.colour.currentIndex())
    desk.notes.flush()

    window.tabs.setCurrentWidget(window.notes_tab)
    notes = window.notes_tab
    assert window.notes_model.rowCount() == 2
    assert notes.count.text() == "2 notes"
    notes.tag.setCurrentIndex(notes.tag.findData("question"))
    notes.tag.activated.emit(notes.tag.currentIndex())
    assert window.notes_model.rowCount() == 1
    assert window.notes_model.record(0).place == "Question"
    assert notes.count.text() == "1 of 2 notes"
    notes.tag.setCurrentIndex(0)
    notes.colour.setCurrentIndex(notes.colour.findData("blue"))
    notes.colour.activated.emit(notes.colour.currentIndex())
    assert window.notes_model.record(0).place == "gpane ¶2"

    # Double-click goes to where the note is attached, and flashes it.
    index = window.notes_model.index(0, 0)
    notes.table.doubleClicked.emit(index)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "gpane"
    assert window.tabs.currentWidget().is_flashing


def test_context_menu_offers_the_note_actions(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    texts = [a.text() for a in tab.context_actions if a is not None]
    assert {"&Highlight Selection", "Add &Note…", "&Remove Highlight"} <= set(texts)
    assert QApplication.instance() is not None


def test_clicking_a_note_in_the_panel_jumps_to_its_place(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    select_with_keyboard(qtbot, tab, 12)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    tab.moveCursor(QTextCursor.MoveOperation.Start)  # scrolled back to the top
    tab.ensureCursorVisible()
    tab._end_flash()
    panel = desk.window.notes_panel
    index = panel.model.index(0, 0)
    qtbot.mouseClick(
        panel.list.viewport(), Qt.MouseButton.LeftButton, pos=panel.list.visualRect(index).center()
    )
    assert tab.is_flashing
    assert tab.textCursor().position() == tab.passage_position(2) + GPANE_P2.index(START_WORDS)
    assert tab.viewport().rect().contains(tab.cursorRect().center())  # in view


def test_ctrl_z_while_typing_undoes_the_typing_and_saves_it(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor.body.editor
    before = editor.toPlainText()
    qtbot.keyClicks(editor, "a typo")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == before
    desk.notes.flush()
    assert rows(database_file, "SELECT body FROM notes") == [(before,)]
    assert rows(database_file, "SELECT count(*) FROM notes") == [(1,)]  # the note stays


def click_into(qtbot: QtBot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton)


def test_one_note_edited_in_two_editors_keeps_every_word(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    """The note is open in the Notes panel and in the Notes tab: typing in one must never be
    overwritten by a stale copy in the other (it once lost "BBB" silently)."""
    desk = launch()
    window = desk.window
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)  # a note on gpane ¶2, open in the panel's editor
    panel_editor = window.notes_panel.editor
    qtbot.keyClicks(panel_editor.body.editor, "AAA")

    window.tabs.setCurrentWidget(window.notes_tab)
    notes = window.notes_tab
    row = notes.table.visualRect(window.notes_model.index(0, 0)).center()
    qtbot.mouseClick(notes.table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    tab_editor = notes.editor
    assert tab_editor.note_id == panel_editor.note_id
    click_into(qtbot, tab_editor.body.preview)
    assert tab_editor.body.is_editing
    qtbot.keyClick(tab_editor.body.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(tab_editor.body.editor, "BBB")

    assert panel_editor.note_id == tab_editor.note_id  # the panel still shows the note
    click_into(qtbot, panel_editor.body.preview)
    assert panel_editor.body.is_editing
    qtbot.keyClick(panel_editor.body.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel_editor.body.editor, "CCC")
    quit_app(qtbot, desk)

    [(body,)] = rows(database_file, "SELECT body FROM notes")
    assert body.startswith("BBB")
    assert body.endswith("AAACCC")
    assert rows(database_file, "SELECT count(*) FROM notes") == [(1,)]
