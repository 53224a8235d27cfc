"""File › Export Study Set with My Work… writes the shown set, with the note just typed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.conftest import Alerts, Launch
from tests.ui.helpers import START_WORDS, click_before, gpane_tab, rows, shortcut


def test_export_study_set_with_my_work_from_the_file_menu(
    launch: Launch, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "stalin"  # the extension is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    qtbot.keyClicks(desk.window.notes_panel.editor.body.editor, "typed just before export")
    desk.window.menu.export_study_set_action.trigger()

    written = tmp_path / "stalin.studydesk"
    with zipfile.ZipFile(written) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        notes = json.loads(archive.read("notes.json"))
    assert manifest["title"].startswith("What were Joseph Stalin")
    assert any("typed just before export" in note["body"] for note in _note_list(notes))


def _note_list(notes: object) -> list[dict[str, str]]:
    if isinstance(notes, dict):
        notes = notes.get("notes", [])
    assert isinstance(notes, list)
    return notes


@pytest.mark.parametrize("how", ["ctrl_o", "studydesk_file"])
def test_a_studydesk_file_opened_brings_its_work_in(
    how: str,
    launch: Launch,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    database_file: Path,
    alerts: Alerts,
) -> None:
    """With File › Import Study Set… (Ctrl+O) or as ``studydesk FILE``, as Import Study
    Sets… does: both took it for a text ("NUL bytes")."""
    from db import notes
    from db.records import NoteAnchor
    from desktop.services.library import Library
    from desktop.services.set_files import export_studydesk

    elsewhere = Library(tmp_path / "other" / "studydesk.sqlite3")  # the student's other machine
    set_id = elsewhere.ensure_embedded_study_set()
    with elsewhere.database().session() as session:
        notes.create_note(session, set_id, NoteAnchor("question"), "Written on the laptop")
    chosen = export_studydesk(elsewhere, set_id, tmp_path / "stalin.studydesk")
    elsewhere.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen), ""))

    if how == "ctrl_o":
        desk = launch()
        desk.window.menu.import_action.trigger()
    else:
        desk = launch(chosen)
    qtbot.waitUntil(lambda: any(title == "Import finished" for _k, title, _t in alerts.shown))
    assert not any("not a study set" in text for text in alerts.texts())
    assert rows(database_file, "SELECT body FROM notes") == [("Written on the laptop",)]
    desk.window.show_question()
    qtbot.waitUntil(lambda: desk.window.panel_model.rowCount() == 1)  # the question's note
