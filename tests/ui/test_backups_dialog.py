"""Help › Backups as a student uses it: back up, change something, restore, and undo that."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.backups import list_backups
from desktop.ui.dialogs import messages
from tests.ui.conftest import Launch
from tests.ui.helpers import (
    START_WORDS,
    click_before,
    gpane_tab,
    note_on_gpane_paragraph,
    shortcut,
)


def type_draft(qtbot: QtBot, desk, text: str):  # type: ignore[no-untyped-def]
    """Open the Question tab, click into My answer, go to its end and type ``text``."""
    desk.window.show_question()
    draft = desk.window.question_page.draft
    if not draft.is_editing:
        qtbot.mouseClick(draft.preview.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(draft.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(draft.editor, text)
    return draft


def bodies(database: Path) -> list[str]:
    with sqlite3.connect(database) as plain:
        return [row[0] for row in plain.execute("SELECT body FROM notes ORDER BY id")]


def back_up_now(qtbot: QtBot, desk) -> None:  # type: ignore[no-untyped-def]
    """Help › Backups, Back Up Now, and close the dialog (it is modal to the window)."""
    desk.window.menu.backups_action.trigger()
    dialog = desk.backups_dialog
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert desk.window.statusBar().currentMessage().startswith("Backed up your library (")
    dialog.close()


def restore_the_manual_backup(qtbot: QtBot, desk):  # type: ignore[no-untyped-def]
    """Help › Backups, the backup made by hand, Restore; the dialog is left open."""
    return restore_from_the_list(qtbot, desk, "made by hand")


def restore_from_the_list(qtbot: QtBot, desk, described: str):  # type: ignore[no-untyped-def]
    """Help › Backups, the backup whose line in the list says ``described``, Restore."""
    desk.window.menu.backups_action.trigger()
    dialog = desk.backups_dialog
    lines = dialog.model.stringList()
    chosen = next(i for i, line in enumerate(lines) if described in line)
    dialog.list.setCurrentIndex(dialog.model.index(chosen))
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    return dialog


def test_restore_a_backup_from_the_help_menu_and_undo_it(
    launch: Launch, qtbot: QtBot, database_file: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_: True)
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    qtbot.keyClicks(desk.window.notes_panel.editor.body.editor, "kept in the backup")
    draft = type_draft(qtbot, desk, "my answer as backed up")
    desk.notes.flush()

    back_up_now(qtbot, desk)
    assert "manual" in [b.reason for b in list_backups(database_file)]

    tab = gpane_tab(desk)
    click_before(qtbot, tab, "Russia had long")
    shortcut(qtbot, tab, Qt.Key.Key_N)
    qtbot.keyClicks(desk.window.notes_panel.editor.body.editor, "written after the backup")
    type_draft(qtbot, desk, ", changed after the backup")
    desk.notes.flush()
    assert len(bodies(database_file)) == 2

    dialog = restore_the_manual_backup(qtbot, desk)
    assert len(bodies(database_file)) == 1
    assert bodies(database_file)[0].endswith("kept in the backup")
    gpane_tab(desk)
    assert desk.window.panel_model.rowCount() == 1  # the window shows the restored library
    # The answer draft shows the restored text, and typing goes on from it.
    draft = desk.window.question_page.draft
    assert draft.text() == "my answer as backed up"
    type_draft(qtbot, desk, "!")
    desk.notes.flush()
    with sqlite3.connect(database_file) as plain:
        assert plain.execute("SELECT body FROM answer_drafts").fetchall() == [
            ("my answer as backed up!",)
        ]
    dialog.close()

    # The library as it was before the restore is in the list: restoring it undoes the restore.
    restore_from_the_list(qtbot, desk, "before a restore").close()
    assert len(bodies(database_file)) == 2
    assert any("written after the backup" in body for body in bodies(database_file))


def test_a_damaged_library_is_repaired_at_start_up_and_the_student_told(
    launch: Launch, qtbot: QtBot, database_file: Path, alerts
) -> None:  # type: ignore[no-untyped-def]
    from db.backups import make_backup
    from tests.reliability.test_damaged_library import damage_header

    first = launch()
    first.window.close()
    first.shutdown()
    backup = make_backup(database_file, "manual")
    damage_header(database_file)
    desk = launch()
    [(_kind, title, text)] = [a for a in alerts.shown if a[1] == "Your library was repaired"]
    assert f"{backup.taken_at:%d %B %Y at %H:%M}" in text
    assert desk.window.windowTitle().startswith("Study Desk — What were Joseph Stalin")
    assert len(list(database_file.parent.glob("studydesk.damaged-*.sqlite3"))) == 1


def test_after_a_restore_the_notes_panel_shows_the_restored_words(
    launch: Launch, qtbot: QtBot, database_file: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(messages, "ask_yes_no", lambda *_: True)
    desk = launch()
    editor = note_on_gpane_paragraph(qtbot, desk, "as backed up")
    desk.notes.flush()
    back_up_now(qtbot, desk)
    qtbot.keyClicks(editor, ", then changed")
    desk.notes.flush()
    model = desk.window.panel_model
    qtbot.waitUntil(lambda: str(model.index(0, 0).data()).startswith("as backed up, then"))

    dialog = restore_the_manual_backup(qtbot, desk)
    assert bodies(database_file)[0].endswith("as backed up")
    gpane_tab(desk)
    assert model.index(0, 0).data() == "as backed up"  # not the words typed after the backup
    dialog.close()
