"""Highlights and notes as a student makes them: keyboard and mouse, then the database."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import Alerts
from tests.ui.conftest import Launch, quit_app
from tests.ui.helpers import (
    GPANE_P2,
    SELECTED,
    START_WORDS,
    choose_in_combo,
    click_before,
    click_into,
    gpane_tab,
    highlight_ten_characters,
    note_on_gpane_paragraph,
    rows,
    select_with_keyboard,
    shortcut,
    type_tags,
)


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
    type_tags(qtbot, editor.tags, "kulaks economy")
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
    # The row shows what the student wrote, with the quote it was made on below it.
    row = again.window.panel_model.index(0, 0).data()
    assert row == f"Kulaks resisted collectivization.\n“{quote}”"


def test_undo_and_redo_a_highlight_and_a_note(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = highlight_ten_characters(qtbot, desk)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor
    note_id = editor.note_id
    qtbot.keyClicks(editor.body.editor, "typed before the undo")
    type_tags(qtbot, editor.tags, "kept")
    tab.setFocus()
    assert rows(database_file, "SELECT count(*) FROM notes") == [(1,)]

    shortcut(qtbot, tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the tags
    assert rows(database_file, "SELECT count(*) FROM note_tags") == [(0,)]
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
    # The note comes back as it was when it was undone, not as it was first made.
    [(body,)] = rows(database_file, "SELECT body FROM notes")
    assert body.endswith("typed before the undo")
    shortcut(qtbot, tab, Qt.Key.Key_Z)  # and its tags
    assert rows(database_file, "SELECT name FROM tags JOIN note_tags ON id = tag_id") == [("kept",)]


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
    shortcut(qtbot, tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Edit › Undo
    assert len(tab.extraSelections()) == 1
    shortcut(qtbot, tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Edit › Undo
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
    assert desk.changes.autosave.is_pending(("note", first))
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
    qtbot.waitUntil(lambda: not desk.changes.autosave.is_pending(("note", second)), timeout=3000)
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
    editor = window.notes_panel.editor
    qtbot.keyClicks(editor.body.editor, "Why did he want power?")
    type_tags(qtbot, editor.tags, "question")
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    choose_in_combo(qtbot, editor.colour, "blue")

    window.tabs.setCurrentWidget(window.notes_tab)
    notes = window.notes_tab
    assert window.notes_model.rowCount() == 2
    assert notes.count.text() == "2 notes"
    choose_in_combo(qtbot, notes.tag, "question")
    assert window.notes_model.rowCount() == 1
    assert window.notes_model.record(0).place == "Question"
    assert notes.count.text() == "1 of 2 notes"
    choose_in_combo(qtbot, notes.tag, None)  # Any
    choose_in_combo(qtbot, notes.colour, "blue")
    assert window.notes_model.rowCount() == 1
    assert window.notes_model.record(0).place == "gpane ¶2"

    # Double-click goes to where the note is attached, and flashes it.
    row = notes.table.visualRect(window.notes_model.index(0, 0)).center()
    qtbot.mouseClick(notes.table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    qtbot.mouseDClick(notes.table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "gpane"
    assert window.tabs.currentWidget().is_flashing


def test_context_menu_offers_the_note_actions(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    texts = [a.text() for a in tab.context_actions if a is not None]
    assert {"&Highlight Selection", "Add &Note…", "&Remove Highlight"} <= set(texts)


def test_clicking_a_note_in_the_panel_jumps_to_its_place(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    select_with_keyboard(qtbot, tab, 12)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: not tab.is_flashing)  # the new note's flash is over
    tab.moveCursor(QTextCursor.MoveOperation.Start)  # scrolled back to the top
    tab.ensureCursorVisible()
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


def test_a_note_changed_elsewhere_while_typing_keeps_both_texts(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    """Another writer (a second device, later) changed the note under the editor: the typed
    text is never written over it, and never dropped either."""
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor
    qtbot.keyClicks(editor.body.editor, "mine")
    desk.changes.flush()
    [(note_id, stored)] = rows(database_file, "SELECT id, body FROM notes")
    assert stored.endswith("mine")

    with sqlite3.connect(database_file) as other_writer:
        other_writer.execute("UPDATE notes SET body = 'theirs' WHERE id = ?", (note_id,))
    qtbot.keyClicks(editor.body.editor, " and more")
    desk.changes.flush()

    bodies = [body for (body,) in rows(database_file, "SELECT body FROM notes ORDER BY id")]
    assert bodies[0] == "theirs"
    assert len(bodies) == 2 and bodies[1].endswith("mine and more")
    assert editor.body.text() == "theirs"  # the newer stored text is what the editor shows
    assert "kept as a separate note" in desk.window.statusBar().currentMessage()


# The completion popup asks for the keyboard, which the offscreen platform cannot give.
@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")
def test_choosing_a_tag_from_the_completion_list_writes_it_once(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor
    type_tags(qtbot, editor.tags, "kulaks economy")
    click_before(qtbot, tab, "Russia had long")
    shortcut(qtbot, tab, Qt.Key.Key_N)  # a second note: its tags field is empty
    assert editor.tags.text() == ""

    editor.tags.setFocus()
    qtbot.keyClicks(editor.tags, "purges ku")
    popup = editor.tags.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.tags.text().split() == ["purges", "kulaks"]
    qtbot.keyClick(editor.tags, Qt.Key.Key_Return)
    note_id = editor.note_id
    assert rows(
        database_file,
        f"SELECT name FROM tags JOIN note_tags ON id = tag_id WHERE note_id = {note_id} "
        "ORDER BY name",
    ) == [("kulaks",), ("purges",)]


def test_the_trash_shows_when_each_note_was_deleted_and_empties_after_asking(
    launch: Launch, qtbot: QtBot, database_file: Path, alerts: Alerts
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    editor = desk.window.notes_panel.editor
    click_before(qtbot, tab, "Russia had long")
    shortcut(qtbot, tab, Qt.Key.Key_N)
    qtbot.keyClicks(editor.body.editor, "A note to keep")
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    qtbot.keyClicks(editor.body.editor, "A note to delete")
    type_tags(qtbot, editor.tags, "gone")
    doomed = editor.note_id
    with sqlite3.connect(database_file) as plain:  # written long before it was deleted
        plain.execute("UPDATE notes SET updated_at = '2020-01-02 03:04:05' WHERE id = ?", (doomed,))
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    [(deleted_at,)] = rows(
        database_file, "SELECT deleted_at FROM notes WHERE deleted_at IS NOT NULL"
    )

    desk.window.menu.trash_action.trigger()
    dialog = desk.notes_controller.trash_dialog
    assert dialog is not None and dialog.model.rowCount() == 1
    model = dialog.table.model()
    last = model.columnCount() - 1
    assert model.headerData(last, Qt.Orientation.Horizontal) == "Deleted"
    when = datetime.fromisoformat(deleted_at).replace(tzinfo=UTC).astimezone()
    day = QLocale().toString(QDate(when.year, when.month, when.day), QLocale.FormatType.ShortFormat)
    assert model.index(0, last).data() == f"{day} {when:%H:%M}"
    assert "2020" not in model.index(0, last).data()

    alerts.answers = [False]  # No: nothing is deleted
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert alerts.shown[-1][1] == "Empty Trash"
    assert rows(database_file, "SELECT count(*) FROM notes") == [(2,)]
    assert dialog.model.rowCount() == 1

    alerts.answers = [True]
    qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    [(kept,)] = rows(database_file, "SELECT body FROM notes")
    assert kept.endswith("A note to keep")
    assert rows(database_file, f"SELECT count(*) FROM note_tags WHERE note_id = {doomed}") == [(0,)]
    assert rows(database_file, "SELECT count(*) FROM search_index WHERE kind = 'note'") == [(1,)]
    assert dialog.model.rowCount() == 0
    assert dialog.explanation.text() == "The trash is empty."
    assert not dialog.empty_button.isEnabled()
    assert desk.window.panel_model.rowCount() == 1
    dialog.close()


def test_undoing_a_change_to_something_already_gone_says_so(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    tab.setFocus()
    with sqlite3.connect(database_file) as other_program:
        other_program.execute("DELETE FROM notes")
    shortcut(qtbot, tab, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo "Add Note"
    assert "cannot be undone or redone any more" in desk.window.statusBar().currentMessage()
    assert not desk.changes.undo_stack.canUndo()  # the step is gone, nothing half-done


def test_the_note_box_says_how_to_get_a_note_and_alt_r_reaches_the_colour(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    editor = desk.window.notes_panel.editor
    # No note selected: the box cannot be typed in, and says what to do instead.
    assert "Add Note… (Ctrl+Shift+N)" in editor.body.preview.toPlainText()
    note_on_gpane_paragraph(qtbot, desk)
    assert editor.body.editor.placeholderText() == "Write your note (Markdown). Click to edit."
    desk.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk.window)
    qtbot.keyClick(editor.body.editor, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor.colour


def test_tagging_a_note_in_the_notes_tab_keeps_its_row_selected(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    window = desk.window
    note_on_gpane_paragraph(qtbot, desk, "Kulaks")
    window.tabs.setCurrentIndex(0)
    shortcut(qtbot, window.tabs.currentWidget(), Qt.Key.Key_N)  # a second note, on the question
    window.tabs.setCurrentWidget(window.notes_tab)
    notes = window.notes_tab
    assert window.notes_model.rowCount() == 2
    row = notes.table.visualRect(window.notes_model.index(1, 0)).center()
    qtbot.mouseClick(notes.table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    chosen = notes.editor.note_id
    type_tags(qtbot, notes.editor.tags, "famine")  # the list is read again
    selected = notes.table.selectionModel().selectedRows()
    assert [window.notes_model.note_id(index.row()) for index in selected] == [chosen]
    assert notes.editor.note_id == chosen and "famine" in notes.editor.tags.text()
