"""The Notes tab's Conflicts filter: a note edited on two devices that could not be merged is
kept in both versions tagged sync-conflict; the filter lists only those, with a count, and
resolving one (deleting a version, removing the tag) takes it out of the filter."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.platform import paths
from tests.conftest import Launch
from tests.sync.conftest import PASSWORD, Server
from tests.sync.devices import Device


def _select_row(qtbot: QtBot, desk, row: int) -> None:  # type: ignore[no-untyped-def]
    table = desk.window.notes_tab.table
    centre = table.visualRect(desk.window.notes_model.index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_conflicts_filter_lists_both_versions_until_resolved(
    qtbot: QtBot,
    launch: Launch,
    tmp_path: Path,
    server: Server,
    make_user: Callable[..., str],
) -> None:
    user = make_user("clash")
    url = server.url(user)
    laptop = Device(tmp_path / "laptop", url, PASSWORD)
    # The desktop is the data folder the window opens.
    desktop = Device(paths.database_path().parent, url, PASSWORD)
    note = laptop.add_note("One sentence only.")
    laptop.add_note("Nobody touches this one.")
    laptop.sync()
    desktop.sync()
    laptop.edit_note(note, "One sentence, from the laptop.")
    desktop.edit_note(desktop.note_id("One sentence only."), "One sentence, from the desktop.")
    laptop.sync()
    assert desktop.sync().conflicts == 1

    desk = launch()
    window = desk.window
    window.tabs.setCurrentWidget(window.notes_tab)
    notes = window.notes_tab
    assert notes.conflicts.isVisible()
    assert notes.conflicts.text() == "Conflicts (2)"
    assert notes.count.text() == "3 notes"
    qtbot.mouseClick(notes.conflicts, Qt.MouseButton.LeftButton)
    assert notes.count.text() == "2 of 3 notes"
    shown = sorted(window.notes_model.record(row).body for row in range(2))
    assert shown == ["One sentence, from the desktop.", "One sentence, from the laptop."]

    # Resolve: delete the laptop's version...
    rows = [window.notes_model.record(r).body for r in range(2)]
    _select_row(qtbot, desk, rows.index("One sentence, from the laptop."))
    assert notes.editor.body.editor.toPlainText() == "One sentence, from the laptop."
    qtbot.mouseClick(notes.editor.delete_button, Qt.MouseButton.LeftButton)
    assert window.notes_model.rowCount() == 1
    assert notes.conflicts.text() == "Conflicts (1)"
    # ...and take the tag off the version kept.
    _select_row(qtbot, desk, 0)
    assert notes.editor.body.editor.toPlainText() == "One sentence, from the desktop."
    tags = notes.editor.tags
    assert tags.text() == "sync-conflict"
    tags.setFocus()
    tags.selectAll()
    qtbot.keyClick(tags, Qt.Key.Key_Delete)
    qtbot.keyClick(tags, Qt.Key.Key_Return)
    assert window.notes_model.rowCount() == 0
    assert notes.conflicts.text() == "Conflicts (0)"
    # Turning the filter off shows the two notes left, and the button goes (none left).
    qtbot.mouseClick(notes.conflicts, Qt.MouseButton.LeftButton)
    assert window.notes_model.rowCount() == 2
    assert notes.count.text() == "2 notes"
    assert not notes.conflicts.isVisible()
    with sqlite3.connect(paths.database_path()) as connection:
        kept = connection.execute(
            "SELECT n.body, count(nt.tag_id) FROM notes n "
            "LEFT JOIN note_tags nt ON nt.note_id = n.id WHERE n.deleted_at IS NULL "
            "GROUP BY n.id ORDER BY n.body"
        ).fetchall()
    assert kept == [("Nobody touches this one.", 0), ("One sentence, from the desktop.", 0)]
