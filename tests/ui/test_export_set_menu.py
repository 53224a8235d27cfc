"""File › Export Study Set with My Work… writes the shown set, with the note just typed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.conftest import Launch
from tests.ui.helpers import START_WORDS, click_before, gpane_tab, shortcut


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
