"""Automatic backups as a student meets them: a launch backs up only a changed library; a
backup the student asked for stays until the student deletes it; no hidden leftovers."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.backups import list_backups, make_backup
from tests.conftest import Alerts, Launch, quit_app
from tests.ui.helpers import START_WORDS, click_before, gpane_tab, shortcut


def launch_and_quit(launch: Launch, qtbot: QtBot, type_note: str = "") -> None:
    desk = launch()
    scheduler = desk.backups
    assert scheduler is not None
    if type_note:
        tab = gpane_tab(desk)
        click_before(qtbot, tab, START_WORDS)
        shortcut(qtbot, tab, Qt.Key.Key_N)
        qtbot.keyClicks(desk.window.notes_panel.editor.body.editor, type_note)
        desk.notes.flush()
    # the start-up backup runs a moment after the window is ready, in a worker thread
    qtbot.waitUntil(lambda: scheduler._worker is not None, timeout=10_000)
    # and the shown set's study cards are made a moment after it opens (once)
    qtbot.waitUntil(lambda: cards_made(desk.library.path), timeout=10_000)
    quit_app(qtbot, desk)  # waits for the worker


def cards_made(database: Path) -> bool:
    with sqlite3.connect(database) as plain:
        return bool(plain.execute("SELECT count(*) FROM cards").fetchone()[0])


def hidden_files(database: Path) -> list[str]:
    return sorted(p.name for p in (database.parent / "backups").iterdir() if p.name.startswith("."))


def test_launches_back_up_only_a_changed_library(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    # The first launch makes the library and, a moment after its start-up backup or before
    # it (the machine's speed decides), the embedded set's study cards: a second backup is
    # then right. From there, launches that change nothing make none.
    launch_and_quit(launch, qtbot)
    launch_and_quit(launch, qtbot)
    settled = [b.reason for b in list_backups(database_file)]
    assert settled in (["startup"], ["startup", "startup"])
    for _ in range(2):
        launch_and_quit(launch, qtbot)
    assert [b.reason for b in list_backups(database_file)] == settled
    launch_and_quit(launch, qtbot, type_note="a note worth keeping")
    assert [b.reason for b in list_backups(database_file)] == [*settled, "startup"]
    assert hidden_files(database_file) == []


def test_a_backup_the_student_made_stays_until_the_student_deletes_it(
    launch: Launch, qtbot: QtBot, database_file: Path, alerts: Alerts
) -> None:
    desk = launch()
    desk.window.menu.backups_action.trigger()
    dialog = desk.backups_dialog
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    dialog.close()
    quit_app(qtbot, desk)
    [manual] = list_backups(database_file)
    assert manual.reason == "manual"

    for number in range(6):  # six working sessions, each changing the library
        launch_and_quit(launch, qtbot, type_note=f"session {number}")
    reasons = [b.reason for b in list_backups(database_file)]
    assert reasons.count("startup") == 5  # the automatic ones rotate among themselves
    assert manual.path in [b.path for b in list_backups(database_file)]
    assert hidden_files(database_file) == []

    desk = launch()
    desk.window.menu.backups_action.trigger()
    dialog = desk.backups_dialog
    assert not dialog.delete_button.isEnabled()  # the newest is automatic: rotated, not deleted
    row = [b.path for b in dialog.backups].index(manual.path)
    dialog.list.setCurrentIndex(dialog.model.index(row))
    assert dialog.delete_button.isEnabled()
    alerts.answers.append(True)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert "Delete the backup" in alerts.texts()[-1]
    assert manual.path not in [b.path for b in list_backups(database_file)]
    assert not manual.path.exists()
    assert manual.path not in [b.path for b in dialog.backups]
    dialog.close()
    quit_app(qtbot, desk)


def test_studydesk_backup_is_kept_past_many_automatic_ones(database_file: Path) -> None:
    from tests.cli.test_check_and_backup import new_library
    from tests.cli.test_commands import studydesk

    new_library(database_file)
    assert studydesk("backup").returncode == 0
    [manual] = list_backups(database_file)
    # All eight on one local day (from local midnight), so that only the rule "the newest
    # five" applies: eight hours from 20:00 would cross midnight and the newest of the first
    # day would rightly be kept too.
    start = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
    for hour in range(1, 9):
        make_backup(database_file, "timer", now=start + timedelta(hours=hour))
    kept = list_backups(database_file)
    assert [b.reason for b in kept].count("timer") == 5
    assert manual.path in [b.path for b in kept]
