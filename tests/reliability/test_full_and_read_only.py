"""Typing on a full disk and into a read-only data folder (real tmpfs mounts): a clear
message, the text stays in the editor marked unsaved, and saving works once it can."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop.app import StudyDeskApp
from tests.conftest import Alerts
from tests.mounts import tmpfs
from tests.ui.helpers import START_WORDS, click_before, gpane_tab, shortcut


@pytest.fixture
def data_on_tmpfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    with tmpfs(tmp_path / "small-disk", size="4m") as mount:
        monkeypatch.setenv("XDG_DATA_HOME", str(mount))
        yield mount


def start(qtbot: QtBot) -> StudyDeskApp:
    desk = StudyDeskApp(None)
    qtbot.addWidget(desk.window)
    with qtbot.waitSignal(desk.ready, timeout=10_000):
        desk.start()
    desk.backups.wait()  # no automatic backup during the test: the disk is for the note
    return desk


def note_bodies(mount: Path) -> list[str]:
    with sqlite3.connect(mount / "studydesk" / "studydesk.sqlite3") as plain:
        return [row[0] for row in plain.execute("SELECT body FROM notes")]


def test_full_disk_keeps_the_text_and_saves_once_space_is_back(
    data_on_tmpfs: Path, qtbot: QtBot
) -> None:
    desk = start(qtbot)
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor.body.editor
    desk.notes.flush()
    filler = data_on_tmpfs / "filler"
    subprocess.run(
        ["dd", "if=/dev/zero", f"of={filler}", "bs=64k", "count=200"], capture_output=True
    )  # fills the disk (dd stops with "no space left")
    qtbot.keyClicks(editor, "typed on a full disk " * 400)  # more than the WAL has room for
    assert not desk.notes.flush()
    unsaved = desk.changes_controller.unsaved
    assert unsaved.isVisible() and unsaved.text() == "Not saved"
    assert "disk is full" in unsaved.toolTip()
    assert editor.toPlainText().endswith("typed on a full disk ")
    filler.unlink()
    assert desk.notes.flush()
    assert not unsaved.isVisible()
    assert note_bodies(data_on_tmpfs)[0].endswith("typed on a full disk ")
    desk.window.close()
    desk.shutdown()


def test_a_read_only_data_folder_is_refused_with_a_message_and_nothing_changes(
    data_on_tmpfs: Path, qtbot: QtBot, alerts, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    desk = start(qtbot)
    desk.window.close()
    desk.shutdown()
    library = data_on_tmpfs / "studydesk" / "studydesk.sqlite3"
    before = library.read_bytes()
    # A mount cannot turn read-only while files on it are open for writing, so the folder is
    # made read-only between two runs, as a full or failing disk does.
    subprocess.run(["mount", "-o", "remount,ro", str(data_on_tmpfs)], check=True)
    exits: list[int] = []
    monkeypatch.setattr("desktop.app.QApplication.exit", lambda code=0: exits.append(code))
    try:
        again = StudyDeskApp(None)
        qtbot.addWidget(again.window)
        again.load()
        qtbot.waitUntil(lambda: exits == [1])
        [(kind, title, text)] = alerts.shown  # answered No: stop
        assert (kind, title) == ("question", "Library not available")
        assert "cannot be written to (it is read-only)" in text and "Try again?" in text
        assert library.read_bytes() == before
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(data_on_tmpfs)], check=True)


def type_a_saved_note(qtbot: QtBot, desk: StudyDeskApp, text: str) -> QPlainTextEdit:
    """Ctrl+Shift+N on gpane ¶2, type ``text``, and let it be saved; the note's editor."""
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor.body.editor
    qtbot.keyClicks(editor, text)
    assert desk.changes.flush()
    return editor


def test_a_journal_deleted_while_running_loses_no_save(qtbot: QtBot, database_file: Path) -> None:
    """Another program deleted the -wal file while Study Desk ran: saves went into a file
    nobody would read again (9 of 50 were lost after a kill). Now they reach the library."""
    desk = start(qtbot)
    editor = type_a_saved_note(qtbot, desk, "before")
    wal = database_file.with_name(database_file.name + "-wal")
    assert wal.exists()
    wal.unlink()

    qtbot.keyClicks(editor, " after")
    assert desk.changes.flush()
    # What a fresh process (the next start, after a kill) reads from the file on disk:
    with sqlite3.connect(f"{database_file.as_uri()}?mode=ro", uri=True) as fresh:
        [(body,)] = fresh.execute("SELECT body FROM notes").fetchall()
    assert body.endswith("before after")
    assert "nothing was lost" in desk.window.statusBar().currentMessage()
    desk.window.close()
    desk.shutdown()


def test_a_library_replaced_while_running_is_not_written_and_the_text_is_kept(
    qtbot: QtBot, database_file: Path, alerts: Alerts
) -> None:
    desk = start(qtbot)
    editor = type_a_saved_note(qtbot, desk, "typed")
    moved = database_file.with_name("moved-away.sqlite3")
    database_file.rename(moved)
    database_file.write_bytes(moved.read_bytes())  # another program put a copy in its place

    qtbot.keyClicks(editor, " more")
    assert not desk.changes.flush()
    unsaved = desk.changes_controller.unsaved
    assert unsaved.isVisible() and "replaced" in desk.window.statusBar().currentMessage()
    assert editor.toPlainText().endswith("typed more")  # still in the editor
    with sqlite3.connect(database_file) as copy:
        [(body,)] = copy.execute("SELECT body FROM notes").fetchall()
    assert not body.endswith("more")  # the replacement was not written to
    alerts.answers.append(True)  # "Quit anyway and lose them?" — yes, to end the test
    desk.window.close()
    assert "could not be saved" in alerts.shown[-1][2]
    desk.shutdown()
