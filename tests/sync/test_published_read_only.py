"""A set a teacher published is read-only in the student's Library: marked with its class
and version, and Rename / Move to Trash are refused with a message saying why."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from db.server.admin import add_class
from db.server.connect import parse_server_url
from desktop.platform import paths
from tests.conftest import Alerts, Launch
from tests.sync.conftest import PASSWORD, Server
from tests.sync.devices import Device
from tests.sync.test_published_versions import V1, publish_text
from tests.ui.test_library import open_library, select, trigger


def test_published_set_is_marked_and_cannot_be_renamed_or_trashed(
    qtbot: QtBot,
    launch: Launch,
    alerts: Alerts,
    tmp_path: Path,
    server: Server,
    make_user: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    address, password = parse_server_url(server.admin_url)
    add_class(address, password, "HIST 231")
    teacher = Device(tmp_path / "teacher", server.url(make_user("rteach", True, "HIST 231")),
                     PASSWORD)  # fmt: skip
    student_url = server.url(make_user("rpupil", False, "HIST 231"))
    student = Device(paths.database_path().parent, student_url, PASSWORD)
    publish_text(teacher, tmp_path, V1, "HIST 231")
    student.sync()

    desk = launch()
    library = open_library(qtbot, desk)
    title = V1.splitlines()[0]
    marked = f"[Published, version 1] {title}"
    assert marked in library.shown_titles()
    select(library, marked)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("My own title", True))
    trigger(library.table_menu(), "Rename…")
    assert alerts.shown[-1][:2] == ("error", "Rename")
    assert "read-only" in alerts.shown[-1][2]
    trigger(library.table_menu(), "Move to Trash")
    assert alerts.shown[-1][:2] == ("error", "Move to Trash")
    with sqlite3.connect(student.path) as connection:
        assert connection.execute(
            "SELECT display_title, deleted_at FROM study_sets WHERE title = ?", (title,)
        ).fetchall() == [(None, None)]
    assert marked in library.shown_titles()


def test_teacher_publishes_from_the_library_share_menu(
    qtbot: QtBot,
    launch: Launch,
    server: Server,
    make_user: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

    address, password = parse_server_url(server.admin_url)
    add_class(address, password, "HIST 232")
    teacher = make_user("steach", True, "HIST 232")
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    settings = paths.open_settings()
    settings.setValue(
        "sync/server", f"postgresql://{teacher}@127.0.0.1:{server.cluster.port}/studydesk"
    )
    settings.setValue("sync/automatic", False)
    settings.sync()
    desk = launch()
    library = open_library(qtbot, desk)
    [title] = library.shown_titles()
    select(library, title)
    share = next(a.menu() for a in library.table_menu().actions() if a.text() == "S&hare")
    trigger(share, "Publish to Class…")
    [dialog] = [
        w
        for w in QApplication.allWidgets()
        if isinstance(w, QDialog) and w.objectName() == "publishToClass" and w.isVisible()
    ]
    button = dialog.findChild(QDialogButtonBox).buttons()[0]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "to HIST 232 (version 1)" in desk.window.statusBar().currentMessage()
