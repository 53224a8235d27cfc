"""Importing many study sets in the window: File › Import Study Sets…, Import Folder…, a drop
of files and folders, the progress dialog's Cancel, and quitting during an import."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop.services import importer
from tests.cli.test_import_many import bad_folder, study_set
from tests.conftest import Alerts
from tests.ui.conftest import Launch, quit_app

TITLE = "what were Joseph Stalin's motivation and goals?"


def write_sets(folder: Path, numbers: range) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number in numbers:
        files.append(folder / f"set{number:03}.txt")
        files[-1].write_bytes(study_set(number))
    return files


def titles(database: Path) -> list[str]:
    with sqlite3.connect(database) as plain:
        return [row[0] for row in plain.execute("SELECT title FROM study_sets ORDER BY id")]


def dump(database: Path) -> list[str]:
    with sqlite3.connect(database) as plain:
        # last_opened_at is bookkeeping of the window, not content
        return [line for line in plain.iterdump() if "last_opened_at" not in line]


def reports(alerts: Alerts) -> list[str]:
    return [text for _kind, title, text in alerts.shown if title == "Import finished"]


def wait_for_reports(qtbot: QtBot, desk, alerts: Alerts, count: int = 1) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: len(reports(alerts)) == count and not desk.import_controller.is_running(),
        timeout=30_000,
    )


def drop(window, paths: list[Path]) -> bool:  # type: ignore[no-untyped-def]
    """Drag files from a file manager and let go over the window, as real Qt events."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    centre = window.rect().center()
    enter = QDragEnterEvent(
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(
        QPointF(centre),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def gate_after(monkeypatch: pytest.MonkeyPatch, files: int) -> tuple[threading.Event, list[int]]:
    """The worker imports ``files`` files, then waits (as on a slow disk) until released;
    also records how many imports run at the same time."""
    release = threading.Event()
    busy = [0, 0]  # running now, most at once
    lock = threading.Lock()
    done = [0]
    real: Callable[..., importer.FileOutcome] = importer.import_one

    def slow(path: Path, open_library):  # type: ignore[no-untyped-def]
        with lock:
            busy[0] += 1
            busy[1] = max(busy)
        try:
            if done[0] >= files:
                release.wait(20)
            return real(path, open_library)
        finally:
            with lock:
                busy[0] -= 1
                done[0] += 1

    monkeypatch.setattr(importer, "import_one", slow)
    return release, busy


def test_import_study_sets_from_the_file_menu(
    launch: Launch,
    qtbot: QtBot,
    alerts: Alerts,
    database_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = write_sets(tmp_path / "sets", range(1, 4))
    bad = tmp_path / "sets" / "photo.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + bytes(300))
    chosen = [str(path) for path in [*files, bad, files[0]]]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    desk = launch()
    desk.window.menu.import_many_action.trigger()
    wait_for_reports(qtbot, desk, alerts)
    [report] = reports(alerts)
    assert report.startswith("5 files: 3 imported, 1 already in your library, 1 refused.")
    assert f"set001.txt — Question 1: {TITLE}" in report
    assert "Refused:\n  photo.jpg — photo.jpg is not a study set" in report
    assert titles(database_file)[1:] == [f"Question {n}: {TITLE}" for n in (1, 2, 3)]
    # the last imported set is open, and no dialog but the one report was shown
    assert desk.window.windowTitle() == f"Study Desk — Question 3: {TITLE}"
    assert len(alerts.shown) == 1
    assert desk.import_controller.progress is None  # the progress dialog is gone


def test_import_folder_refuses_bad_files_and_changes_nothing_for_them(
    launch: Launch,
    qtbot: QtBot,
    alerts: Alerts,
    database_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = bad_folder(tmp_path / "bad")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    desk = launch()
    desk.changes.flush()
    before = dump(database_file)
    title_before = desk.window.windowTitle()
    desk.window.menu.import_folder_action.trigger()
    wait_for_reports(qtbot, desk, alerts)
    [report] = reports(alerts)
    assert report.startswith(
        "7 files: 0 imported, 0 already in your library, 4 refused, 3 skipped."
    )
    for reason in (
        "picture.png — picture.png is not a study set",
        "empty.txt — empty.txt is not a study set: the file is empty",
        "pipe — a named pipe (FIFO), not a regular file",
        "loop — a link back to a folder already being imported",
        "self — a symbolic link that loops back on itself",
    ):
        assert reason in report
    assert dump(database_file) == before
    assert desk.window.windowTitle() == title_before


def test_dropping_files_and_folders_on_the_window_imports_them(
    launch: Launch, qtbot: QtBot, alerts: Alerts, database_file: Path, tmp_path: Path
) -> None:
    folder_sets = write_sets(tmp_path / "folder" / "inner", range(1, 3))
    [single] = write_sets(tmp_path / "loose", range(3, 4))
    desk = launch()
    received: list[list[Path]] = []
    desk.window.files_dropped.connect(received.append)
    assert drop(desk.window, [tmp_path / "folder", single])
    assert received == [[tmp_path / "folder", single]]
    wait_for_reports(qtbot, desk, alerts)
    assert reports(alerts)[0].startswith("3 files: 3 imported")
    assert len(titles(database_file)) == 4
    assert folder_sets[0].exists()
    # something that is not a local file is not taken
    mime_window = desk.window
    mime = QMimeData()
    mime.setText("just text")
    enter = QDragEnterEvent(
        QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(mime_window, enter)
    assert not enter.isAccepted()


def test_a_folder_dropped_twice_at_once_is_imported_by_one_worker_at_a_time(
    launch: Launch,
    qtbot: QtBot,
    alerts: Alerts,
    database_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_sets(tmp_path / "sets", range(1, 6))
    release, busy = gate_after(monkeypatch, 1)
    desk = launch()
    assert drop(desk.window, [tmp_path / "sets"])
    assert drop(desk.window, [tmp_path / "sets"])
    assert desk.import_controller.is_running()
    assert "An import is running" in desk.window.statusBar().currentMessage()
    release.set()
    wait_for_reports(qtbot, desk, alerts, count=2)
    first, second = reports(alerts)
    assert first.startswith("5 files: 5 imported, 0 already")
    assert second.startswith("5 files: 0 imported, 5 already in your library")
    assert busy[1] == 1  # never two imports writing at once
    assert len(titles(database_file)) == 6


def test_cancel_stops_before_the_next_file_and_keeps_the_finished_ones(
    launch: Launch,
    qtbot: QtBot,
    alerts: Alerts,
    database_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_sets(tmp_path / "sets", range(1, 11))
    long_name = tmp_path / "sets" / f"set003 {'and a very long name ' * 8}.txt"
    (tmp_path / "sets" / "set003.txt").rename(long_name)
    release, _busy = gate_after(monkeypatch, 2)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "sets"))
    desk = launch()
    desk.window.menu.import_folder_action.trigger()
    progress = desk.import_controller.progress
    assert progress is not None
    qtbot.waitUntil(lambda: progress.isVisible() and progress.value() == 2, timeout=10_000)
    assert progress.maximum() == 10
    label = progress.labelText()
    assert label.startswith("Importing 3 of 10: set003 and a very")
    assert "…" in label and label.endswith(".txt")  # the 190-letter name, cut in the middle
    assert progress.width() < 640  # it grew to fit a long name: 727 px for one of 120
    # the window answers while the worker waits
    desk.window.menu.tab_actions[1].trigger()  # Go › gpane
    assert desk.window.tabs.currentIndex() == 1
    [cancel] = [b for b in progress.findChildren(QPushButton) if b.text() == "Cancel"]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    release.set()  # the third file was already being read: it finishes, whole
    wait_for_reports(qtbot, desk, alerts)
    [report] = reports(alerts)
    assert report.startswith("10 files: 3 imported")
    assert "Cancelled: 7 files were not imported." in report
    assert titles(database_file)[1:] == [f"Question {n}: {TITLE}" for n in (1, 2, 3)]
    with sqlite3.connect(database_file) as plain:
        per_set = plain.execute(
            "SELECT count(*) FROM passages p JOIN answers a ON a.id = p.answer_id "
            "GROUP BY a.study_set_id"
        ).fetchall()
    assert per_set == [(6,)] * 4  # none half-imported


def test_quitting_during_an_import_stops_the_worker_and_waits_for_it(
    launch: Launch,
    qtbot: QtBot,
    alerts: Alerts,
    database_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_sets(tmp_path / "sets", range(1, 11))
    release, _busy = gate_after(monkeypatch, 1)
    desk = launch()
    assert drop(desk.window, [tmp_path / "sets"])
    worker = desk.import_controller.worker
    assert worker is not None
    qtbot.waitUntil(lambda: desk.import_controller.progress.value() == 1, timeout=10_000)
    threading.Timer(0.3, release.set).start()  # the file being read takes a moment more
    quit_app(qtbot, desk)
    assert worker.isFinished()
    assert reports(alerts) == []  # no dialog after quitting
    assert len(titles(database_file)) == 3  # the seed, the first file, the one in progress
    with sqlite3.connect(database_file) as plain:
        assert plain.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_the_report_of_forty_files_fits_the_screen(
    launch: Launch,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 40-file report was a box 1192 px tall on an 860 px screen, its OK out of reach:
    the counts are the text, the files are under Show Details."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.dialogs import messages
    from desktop.ui.dialogs.messages import _box

    # the real box, not the test's recorder
    monkeypatch.setattr(
        messages,
        "show_info",
        lambda parent, title, text: _box(parent, QMessageBox.Icon.Information, title, text),
    )
    files = write_sets(tmp_path / "sets", range(1, 40))
    bad = tmp_path / "sets" / "photo.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + bytes(300))
    chosen = [str(path) for path in [*files, bad]]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    seen: dict[str, object] = {}

    def read_the_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.windowTitle() != "Import finished":
            QTimer.singleShot(50, read_the_box)
            return
        room = box.screen().availableGeometry()
        seen.update(text=box.text(), details=box.detailedText(), room=room.height())
        seen["height"] = box.frameGeometry().height()
        box.grab().save(str(tmp_path / "import-report-40-files.png"))  # looked at; in docs/
        for button in box.buttons():
            if button.text().startswith("Show Details"):
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                seen["open_height"] = box.frameGeometry().height()
                box.grab().save(str(tmp_path / "import-report-details.png"))
        ok = box.button(QMessageBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    desk = launch()
    QTimer.singleShot(50, read_the_box)
    desk.window.menu.import_many_action.trigger()
    qtbot.waitUntil(
        lambda: "text" in seen and not desk.import_controller.is_running(), timeout=60_000
    )
    assert (
        seen["text"]
        == "40 files: 39 imported, 0 already in your library, 1 refused.\nRefused: photo.jpg."
    )
    details = str(seen["details"])
    assert f"set001.txt — Question 1: {TITLE}" in details
    assert f"set039.txt — Question 39: {TITLE}" in details
    assert "photo.jpg — photo.jpg is not a study set" in details
    assert int(seen["height"]) <= int(seen["room"])  # type: ignore[call-overload]
    assert int(seen.get("open_height", 0)) <= int(seen["room"])  # type: ignore[call-overload]
    assert QApplication.activeModalWidget() is None  # OK was in reach and closed it
