"""Sync in the window: File › Sync Now (Ctrl+Shift+S) sends the student's work, brings the
other device's, the views show it, and the status bar says "Synced just now"; with the
server gone it says "Offline — will sync" and the work stays."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.platform import paths
from tests.conftest import Launch
from tests.sync.conftest import PASSWORD, Server
from tests.sync.devices import Device, server_notes
from tests.sync.pg_cluster import free_port


def _configure(url: str) -> None:
    settings = paths.open_settings()
    settings.setValue("sync/server", url)
    settings.setValue("sync/automatic", False)  # the test presses Sync Now itself
    settings.sync()


def _notes_stored() -> list[str]:
    with sqlite3.connect(paths.database_path()) as connection:
        return [row[0] for row in connection.execute("SELECT body FROM notes")]


def test_sync_now_from_the_window(
    qtbot: QtBot,
    launch: Launch,
    tmp_path: Path,
    server: Server,
    make_user: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    user = make_user("window")
    url = f"postgresql://{user}@127.0.0.1:{server.cluster.port}/studydesk"
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    # The other device wrote a note and synced it before this window opened.
    laptop = Device(tmp_path / "laptop", server.url(user), PASSWORD)
    laptop.add_note("Written on the laptop")
    laptop.sync()
    _configure(url)
    desk = launch()
    controller = desk.sync_controller
    label = controller.label
    assert controller.sync_action.shortcut().toString() == "Ctrl+Shift+S"
    # The views are told everything may have changed (as after restoring a backup).
    with qtbot.waitSignal(
        desk.changes.changed, timeout=20_000, check_params_cb=lambda c: c.notes and c.study_sets
    ):
        qtbot.keyClick(desk.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert label.text() == "Synced just now", label.toolTip()
    assert "Written on the laptop" in _notes_stored()

    # Server gone: the label says so, and nothing here is lost.
    desk.settings.setValue("sync/server", f"postgresql://{user}@127.0.0.1:{free_port()}/studydesk")
    controller.sync_action.trigger()
    qtbot.waitUntil(lambda: label.text() == "Offline — will sync", timeout=20_000)
    qtbot.waitUntil(lambda: not controller.runner.busy)
    assert "Written on the laptop" in _notes_stored()
    assert [body for _k, body, _d in server_notes(server.url(user, PASSWORD))] == [
        "Written on the laptop"
    ]


def test_teacher_publishes_the_shown_set_from_the_file_menu(
    qtbot: QtBot,
    launch: Launch,
    tmp_path: Path,
    server: Server,
    make_user: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from db.server.admin import add_class
    from db.server.connect import parse_server_url

    address, password = parse_server_url(server.admin_url)
    add_class(address, password, "HIST 220")
    teacher = make_user("wteach", teacher=True, class_name="HIST 220")
    student = make_user("wpupil", class_name="HIST 220")
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    _configure(f"postgresql://{teacher}@127.0.0.1:{server.cluster.port}/studydesk")
    desk = launch()
    controller = desk.sync_controller
    assert controller.publish_action.text() == "Pu&blish to Class…"
    controller.publish_action.trigger()
    dialog = desk.window.findChild(QDialog, "publishToClass")
    assert dialog is not None and dialog.isVisible()
    combo = dialog.findChild(QComboBox, "publishClass")
    assert [combo.itemText(i) for i in range(combo.count())] == ["HIST 220"]
    publish_button = dialog.findChild(QDialogButtonBox).buttons()[0]
    qtbot.mouseClick(publish_button, Qt.MouseButton.LeftButton)
    assert "Published" in desk.window.statusBar().currentMessage()

    # The student's next sync files the set under the class.
    pupil = Device(tmp_path / "pupil", server.url(student), PASSWORD)
    pupil.sync()
    with sqlite3.connect(pupil.path) as connection:
        courses = connection.execute(
            "SELECT c.name FROM study_set_courses sc JOIN courses c ON c.id = sc.course_id"
        ).fetchall()
    assert courses == [("HIST 220",)]
