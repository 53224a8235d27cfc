"""Files and folders dragged from a file manager onto the Library window are imported as a
drop on the main window is: one worker, the progress dialog, one report; the table shows them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import Alerts, Launch
from tests.ui.test_import_many import reports, titles, wait_for_reports, write_sets
from tests.ui.test_library import open_library


def drag_files_onto(target: QWidget, paths: list[Path]) -> bool:
    return drag_urls_onto(target, [QUrl.fromLocalFile(str(path)) for path in paths])


def drag_urls_onto(target: QWidget, urls: list[QUrl]) -> bool:
    """Drag ``urls`` over the middle of ``target`` and let go, as the window system does it:
    the events go to the top-level window, which hands them to the widget under the pointer
    that takes drops (or the nearest parent that does)."""
    mime = QMimeData()
    mime.setUrls(urls)
    top = target.window()
    handle = top.windowHandle()
    point = target.mapTo(top, target.rect().center())
    copy, left = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, copy, mime, left, none)
    QApplication.sendEvent(handle, enter)
    move = QDragMoveEvent(point + QPoint(1, 1), copy, mime, left, none)
    QApplication.sendEvent(handle, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(point + QPoint(1, 1)), copy, mime, left, none)
    QApplication.sendEvent(handle, drop)
    return drop.isAccepted()


def test_files_and_folders_dropped_on_the_library_are_imported(
    launch: Launch, qtbot: QtBot, alerts: Alerts, database_file: Path, tmp_path: Path
) -> None:
    folder = write_sets(tmp_path / "course", range(1, 4))[0].parent
    single = write_sets(tmp_path / "loose", range(7, 8))[0]
    desk = launch()
    library = open_library(qtbot, desk)
    assert len(library.shown_ids()) == 1

    # A folder and a file let go over the table (which only drags sets out itself).
    assert drag_files_onto(library.table.viewport(), [folder, single])
    wait_for_reports(qtbot, desk, alerts)
    assert reports(alerts)[0].startswith("4 files: 4 imported")
    assert len(titles(database_file)) == 5
    qtbot.waitUntil(lambda: len(library.shown_ids()) == 5)
    assert library.isVisible()

    # Over the sidebar (which takes sets dropped on a course), files import too.
    more = write_sets(tmp_path / "more", range(9, 10))
    assert drag_files_onto(library.sidebar.viewport(), more)
    wait_for_reports(qtbot, desk, alerts, count=2)
    assert len(titles(database_file)) == 6
    qtbot.waitUntil(lambda: len(library.shown_ids()) == 6)

    # A web link is not a file to import: not taken, nothing imported.
    assert not drag_urls_onto(library.table.viewport(), [QUrl("https://example.org/set.txt")])
    assert len(reports(alerts)) == 2
