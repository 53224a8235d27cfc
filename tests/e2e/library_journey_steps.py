"""Issue 11's journey, done as a student does it, in the real window on a real X server.

tests/e2e/test_library_journey.py starts Xvfb and runs this file in a pytest of its own on it
(QT_QPA_PLATFORM=xcb, so the windows, menus, file dialogs and message boxes are real X windows;
the name does not start with test_ so the ordinary offscreen run does not collect it). The app
runs in this process (the `launch` fixture, as in tests/ui) so that the test can read what the
student sees — window title, tab titles, table rows, the report — besides the SQLite file.

Keys and clicks go through QTest, as in tests/ui; the top-level shortcuts (Ctrl+L, Ctrl+K,
Alt+Left) and the drag of a set onto a course are real X input from xdotool. Menus, file
dialogs and message boxes run event loops of their own (exec): a `Watcher` answers them from a
timer, step by step, while the test waits under them.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import time
import unicodedata
from collections import deque
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.models.library_model import COURSE, TITLE, Section
from desktop.ui.dialogs import messages
from desktop.ui.dialogs.messages import show_info as real_show_info  # before `alerts` swaps it
from tests.conftest import Launch
from tests.question_folder import UNIT_3, questions_in, questions_mentioning, write_question_folder
from tests.ui.helpers import choose_in_combo

COURSE_NAME = "HIST 201::Unit 3"
WORD = "propaganda"
STEP_TIMEOUT = 20.0  # seconds a step may wait for its window before everything is closed

pytestmark = pytest.mark.skipif(
    os.environ.get("QT_QPA_PLATFORM") != "xcb" or not os.environ.get("DISPLAY"),
    reason="run by tests/e2e/test_library_journey.py on its own Xvfb",
)


# --- answering windows that run their own event loop -----------------------------------------


class Watcher(QObject):
    """Does each step when the window it waits for is up. A step's action runs from an event
    of its own, so an action that opens a modal dialog (whose exec() only returns when the
    dialog closes) does not stop the next step from being done inside that dialog's loop."""

    def __init__(self) -> None:
        super().__init__()
        self._steps: deque[tuple[str, Callable[[], object], Callable[[object], None]]] = deque()
        self._since = time.monotonic()
        self._due: deque[tuple[str, Callable[[object], None], object]] = deque()
        self.failures: list[str] = []
        self.done: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(25)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def then(self, name: str, find: Callable[[], object], act: Callable[[object], None]) -> None:
        if not self._steps:
            self._since = time.monotonic()
        self._steps.append((name, find, act))

    def idle(self) -> bool:
        return not self._steps

    def _poll(self) -> None:
        if not self._steps:
            return
        name, find, act = self._steps[0]
        found = find()
        if found is None or found is False:
            if time.monotonic() - self._since > STEP_TIMEOUT:
                self._give_up(f"{name}: its window did not appear")
            return
        self._steps.popleft()
        self._since = time.monotonic()
        # Done from a posted event once this timer's slot has returned: an action that opens
        # a dialog waits in its exec(), inside which the next steps are polled for.
        self._due.append((name, act, found))
        QCoreApplication.postEvent(self, QEvent(QEvent.Type.User))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.User and self._due:
            self._run(*self._due.popleft())
            return True
        return super().event(event)

    def _run(self, name: str, act: Callable[[object], None], found: object) -> None:
        try:
            act(found)
            self.done.append(name)
        except Exception as exc:  # noqa: BLE001 — reported by the test, after closing up
            self._give_up(f"{name}: {exc!r}")

    def _give_up(self, why: str) -> None:
        """Close every menu and dialog so the test gets control back, and say why."""
        self.failures.append(why)
        self._steps.clear()
        for _ in range(10):
            popup = QApplication.activePopupWidget()
            modal = QApplication.activeModalWidget()
            if popup is not None:
                popup.close()
            elif isinstance(modal, QDialog):
                modal.reject()
            else:
                break

    def finish(self, qtbot: QtBot, timeout: float = 60.0) -> None:
        qtbot.waitUntil(self.idle, timeout=int(timeout * 1000))
        qtbot.wait(50)  # the last action runs from an event of its own
        assert not self.failures, self.failures


def visible_popup(title: str) -> Callable[[], QMenu | None]:
    def find() -> QMenu | None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu) and popup.isVisible():
            if not title or popup.title().replace("&", "") == title:
                return popup
        return None

    return find


def modal(kind: type, title: str | None = None) -> Callable[[], QWidget | None]:
    def find() -> QWidget | None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            if title is None or widget.windowTitle() == title:
                return widget
        return None

    return find


def click_item(qtbot: QtBot, menu: QMenu, text: str) -> None:
    """Click the menu item reading ``text`` (access-key ampersands left out)."""
    found = [a for a in menu.actions() if a.text().replace("&", "") == text]
    assert found, f"no {text!r} in {[a.text() for a in menu.actions()]}"
    assert found[0].isEnabled(), f"{text!r} is disabled"
    point = menu.actionGeometry(found[0]).center()
    qtbot.mouseMove(menu, point)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=point)


def choose_from_menu_bar(qtbot: QtBot, watcher: Watcher, window, menu: str, item: str) -> None:  # type: ignore[no-untyped-def]
    """Click ``menu`` in the window's menu bar, then ``item`` in it."""
    bar = window.menuBar()
    [title] = [a for a in bar.actions() if a.text().replace("&", "") == menu]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(title).center())
    watcher.then(f"{menu} › {item}", visible_popup(menu), lambda m: click_item(qtbot, m, item))


def type_path_into(qtbot: QtBot, dialog: QFileDialog, path: Path) -> None:
    """Type the whole path into the file dialog's name field and press Enter."""
    field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert field is not None
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, str(path))
    completer = field.completer()
    if completer is not None and completer.popup().isVisible():
        completer.popup().hide()
    qtbot.keyClick(field, Qt.Key.Key_Return)


def press_button(qtbot: QtBot, dialog: QWidget, text: str) -> None:
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == text]
    assert buttons, [b.text() for b in dialog.findChildren(QAbstractButton)]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)


# --- real X input and what the screen shows -----------------------------------------------------


def xdotool(qtbot: QtBot, *args: str) -> None:
    """Run xdotool while the app keeps handling events (a drag answers its own X messages)."""
    run = subprocess.Popen(["xdotool", *args])
    qtbot.waitUntil(lambda: run.poll() is not None, timeout=30_000)
    assert run.returncode == 0, args


def real_keys(qtbot: QtBot, widget: QWidget, keys: str) -> None:
    """Give ``widget``'s window the X keyboard focus and type ``keys`` (xdotool syntax)."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    xdotool(qtbot, "windowfocus", "--sync", str(int(window.winId())))
    xdotool(qtbot, "key", keys)


def right_click(qtbot: QtBot, widget: QWidget, rect) -> None:  # type: ignore[no-untyped-def]
    """A real right-click (the X server's pointer) in the middle of ``rect`` of ``widget``."""
    at = global_centre(widget, rect)
    xdotool(qtbot, "mousemove", "--sync", str(at.x()), str(at.y()), "click", "3")


def global_centre(widget: QWidget, rect) -> QPoint:  # type: ignore[no-untyped-def]
    return widget.mapToGlobal(rect.center())


def screenshot(qtbot: QtBot, name: str, widget: QWidget | None = None) -> Path:
    """What the X screen shows (of ``widget``'s window, or all of it), as a PNG."""
    qtbot.wait(300)  # let the last paint reach the X server
    folder = Path(os.environ.get("STUDYDESK_JOURNEY_SHOTS", "/tmp"))
    folder.mkdir(parents=True, exist_ok=True)
    screen = QGuiApplication.primaryScreen()
    area = screen.geometry()
    if widget is not None:
        area = widget.window().frameGeometry().intersected(area)
    out = folder / name
    assert screen.grabWindow(0, area.x(), area.y(), area.width(), area.height()).save(str(out))
    return out


# --- what the student sees and what is stored -------------------------------------------------


def query(database: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(database) as plain:
        return plain.execute(sql, args).fetchall()


def tab_titles(desk) -> list[str]:  # type: ignore[no-untyped-def]
    tabs = desk.window.tabs
    return [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]


def handles_in(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return re.findall(r"^(\S+) eNotes educator\|", text, flags=re.MULTILINE)


def shown_title(desk) -> str:  # type: ignore[no-untyped-def]
    title = desk.window.windowTitle()
    assert title.startswith("Study Desk — "), title
    return title.removeprefix("Study Desk — ")


def pdf_page(pdf: Path, page: int) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    text = unicodedata.normalize("NFKC", text)  # the PDF's "ﬁ" ligatures as two letters
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


# --- the journey ------------------------------------------------------------------------------


def test_a_student_imports_organises_moves_searches_and_prints_a_course(
    launch: Launch,
    qtbot: QtBot,
    tmp_path: Path,
    database_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = write_question_folder(tmp_path / "History questions")
    by_title = {path.read_text(encoding="utf-8").split("\n", 1)[0]: path for path in files}
    unit_3 = sorted(questions_in(UNIT_3), key=str.casefold)
    monkeypatch.setattr(messages, "show_info", real_show_info)  # the report is a real box
    desk = launch()
    watcher = Watcher()

    # 1. File › Import Folder…: the folder typed into the file dialog; the progress dialog;
    #    one report at the end.
    progress_seen: list[str] = []

    def note_progress() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                progress_seen.append(f"{widget.windowTitle()}: {widget.labelText()}")

    progress_watch = QTimer()
    progress_watch.timeout.connect(note_progress)
    progress_watch.start(10)
    report: list[str] = []

    def read_report(box: object) -> None:
        assert isinstance(box, QMessageBox)
        report.append(box.text())
        screenshot(qtbot, "journey-import-report.png", box)
        press_button(qtbot, box, "OK")

    choose_from_menu_bar(qtbot, watcher, desk.window, "File", "Import Folder…")
    watcher.then(
        "folder chosen",
        modal(QFileDialog),
        lambda d: type_path_into(qtbot, d, tmp_path / "History questions"),  # type: ignore[arg-type]
    )
    watcher.then("the report", modal(QMessageBox, "Import finished"), read_report)
    watcher.finish(qtbot)
    progress_watch.stop()
    qtbot.waitUntil(lambda: not desk.import_controller.is_running())
    assert progress_seen and progress_seen[0].startswith("Importing Study Sets: ")
    assert any(re.search(r"Importing \d+ of 40: ", seen) for seen in progress_seen), progress_seen
    assert len(report) == 1
    assert report[0].startswith("40 files: 40 imported, 0 already in your library, 0 refused.")
    assert f"{files[0].name} — {files[0].read_text().split(chr(10))[0]}" in report[0]
    stored = [title for (title,) in query(database_file, "SELECT title FROM study_sets")]
    assert len(stored) == 41 and set(by_title) <= set(stored)

    # 2. Ctrl+L: the Library lists all 41; a new course made from the sidebar's context menu.
    real_keys(qtbot, desk.window, "ctrl+l")
    qtbot.waitUntil(
        lambda: (
            desk.library_controller.library_window is not None
            and desk.library_controller.library_window.isVisible()
        )
    )
    library = desk.library_controller.library_window
    qtbot.waitUntil(lambda: library.status.text() == "41 study sets")
    assert sorted(library.shown_titles()) == sorted(stored)

    sidebar = library.sidebar
    courses_item = next(i for i in sidebar.all_items() if i.text(0) == "Courses")

    def name_course(dialog: object) -> None:
        assert isinstance(dialog, QInputDialog)
        field = dialog.findChild(QLineEdit)
        qtbot.keyClicks(field, COURSE_NAME)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    # Every step is asked for before the click: the menu's exec() returns only at the end.
    watcher.then(
        "sidebar › New Course…", visible_popup(""), lambda m: click_item(qtbot, m, "New Course…")
    )
    watcher.then("course named", modal(QInputDialog, "New Course"), name_course)
    right_click(qtbot, sidebar.viewport(), sidebar.visualItemRect(courses_item))
    watcher.finish(qtbot)
    assert query(database_file, "SELECT name FROM courses ORDER BY name") == [
        ("HIST 201",),  # the course it is nested in is made too
        (COURSE_NAME,),
    ]
    labels = [item.text(0) for item in sidebar.all_items()]
    assert labels[2:5] == ["Courses", "HIST 201 (0)", "Unit 3 (0)"], labels

    # 3. Back to All Study Sets; Ctrl+click eleven of the twelve Unit 3 sets, then the context
    #    menu's Add to Course…; the twelfth is dragged onto the course with the mouse.
    all_sets = sidebar.item_for(Section("all"))
    qtbot.mouseClick(
        sidebar.viewport(), Qt.MouseButton.LeftButton, pos=sidebar.visualItemRect(all_sets).center()
    )
    qtbot.waitUntil(lambda: library.proxy.rowCount() == 41)
    table = library.table
    by_click, dragged = unit_3[:-1], unit_3[-1]

    def rect_of(title: str):  # type: ignore[no-untyped-def]
        index = library.proxy.index(library.shown_titles().index(title), TITLE)
        table.scrollTo(index)
        return table.visualRect(index)

    for number, title in enumerate(by_click):
        modifier = Qt.KeyboardModifier.ControlModifier if number else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, modifier, rect_of(title).center()
        )
    selected = sorted(library.shown_titles()[library.row_of(i)] for i in library.selected_ids())
    assert selected == sorted(by_click)

    def pick_course(dialog: object) -> None:
        assert isinstance(dialog, QInputDialog)
        assert "these 11 study sets" in dialog.labelText()
        assert dialog.comboBoxItems() == ["HIST 201", COURSE_NAME]
        choices = dialog.findChild(QComboBox)
        choices.setFocus()
        qtbot.keyClick(choices, Qt.Key.Key_Down)  # from HIST 201, offered first, to Unit 3
        assert choices.currentText() == COURSE_NAME
        press_button(qtbot, dialog, "OK")

    watcher.then(
        "table › Add to Course…",
        visible_popup(""),
        lambda m: click_item(qtbot, m, "Add to Course…"),
    )
    watcher.then("course picked", modal(QInputDialog, "Add to Course"), pick_course)
    right_click(qtbot, table.viewport(), rect_of(by_click[-1]))
    watcher.finish(qtbot)
    course_item = lambda: sidebar.item_for(Section(COURSE, COURSE_NAME))  # noqa: E731
    qtbot.waitUntil(lambda: course_item().text(0) == "Unit 3 (11)")

    start = global_centre(table.viewport(), rect_of(dragged))
    end = global_centre(sidebar.viewport(), sidebar.visualItemRect(course_item()))
    shown_before = shown_title(desk)
    # One xdotool run for the whole drag: once it starts, QDrag.exec() holds this test's code
    # until the drop, so the moves and the release must already be on their way.
    xdotool(
        qtbot, "mousemove", "--sync", str(start.x()), str(start.y()), "sleep", "0.3",
        "mousedown", "1", "sleep", "0.3",
        "mousemove", "--sync", str(start.x() + 10), str(start.y() + 2), "sleep", "0.2",
        "mousemove", "--sync", str(start.x() + 40), str(start.y() + 5), "sleep", "0.3",
        "mousemove", "--sync", str(end.x() + 20), str(end.y()), "sleep", "0.3",
        "mousemove", "--sync", str(end.x()), str(end.y()), "sleep", "0.5",
        "mouseup", "1",
    )  # fmt: skip
    assert shown_title(desk) == shown_before  # a drag, not a double-click that opened it
    qtbot.waitUntil(lambda: course_item().text(0) == "Unit 3 (12)", timeout=10_000)
    in_course = query(
        database_file,
        "SELECT s.title FROM study_sets s JOIN study_set_courses sc ON sc.study_set_id = s.id "
        "JOIN courses c ON c.id = sc.course_id WHERE c.name = ?",
        COURSE_NAME,
    )
    assert sorted(title for (title,) in in_course) == sorted(unit_3)

    # The course, chosen in the sidebar, shows its twelve sets.
    qtbot.mouseClick(
        sidebar.viewport(),
        Qt.MouseButton.LeftButton,
        pos=sidebar.visualItemRect(course_item()).center(),
    )
    qtbot.waitUntil(lambda: library.proxy.rowCount() == 12)
    assert library.shown_titles() == unit_3
    assert library.status.text() == "12 shown of 41 study sets"
    screenshot(qtbot, "journey-library.png", library)

    # 4. Enter opens one, a double-click another; Go › Back returns to the first.
    first, second = unit_3[0], unit_3[1]
    table.setFocus()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect_of(first).center())
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown_title(desk) == first)
    assert tab_titles(desk)[0] == "Question"
    assert tab_titles(desk)[1 : 1 + len(handles_in(by_title[first]))] == handles_in(by_title[first])
    at = global_centre(table.viewport(), rect_of(second))
    xdotool(qtbot, "mousemove", "--sync", str(at.x()), str(at.y()),
            "click", "--repeat", "2", "--delay", "80", "1")  # fmt: skip
    qtbot.waitUntil(lambda: shown_title(desk) == second)
    assert tab_titles(desk)[1 : 1 + len(handles_in(by_title[second]))] == handles_in(
        by_title[second]
    )
    real_keys(qtbot, library, "Escape")  # the Library closes; the main window is in front
    qtbot.waitUntil(lambda: not library.isVisible())
    desk.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk.window)
    choose_from_menu_bar(qtbot, watcher, desk.window, "Go", "Back")
    watcher.finish(qtbot)
    qtbot.waitUntil(lambda: shown_title(desk) == first)
    assert tab_titles(desk)[1 : 1 + len(handles_in(by_title[first]))] == handles_in(by_title[first])

    # 5. Ctrl+K: "propaganda" in its course, then in the whole library; a result from another
    #    set opens that set; Alt+Left (Go › Back) returns.
    real_keys(qtbot, desk.window, "ctrl+k")
    qtbot.waitUntil(
        lambda: (
            desk.search_controller.dialog is not None and desk.search_controller.dialog.isVisible()
        )
    )
    search = desk.search_controller.dialog
    from db.search import SCOPE_COURSE, SCOPE_LIBRARY

    def results_for(scope: str) -> dict[str, int]:
        """Choose where to look, then read each result's set as the list names it."""
        choose_in_combo(qtbot, search.scope_box, scope)
        search.query.setFocus()
        search.query.selectAll()
        qtbot.keyClicks(search.query, WORD)
        qtbot.waitUntil(lambda: not search.is_searching() and search.model.rowCount() > 0)
        sets: dict[str, int] = {}
        for row in range(search.model.rowCount()):
            shown = str(search.model.index(row).data())
            title = next(t for t in stored if f" — {t}: " in shown)
            sets[title] = sets.get(title, 0) + 1
        return sets

    assert search.scope_box.itemText(search.scope_box.findData(SCOPE_COURSE)) == (
        f"Its course ({COURSE_NAME})"
    )
    course_hits = results_for(SCOPE_COURSE)
    assert sorted(course_hits) == sorted(set(questions_mentioning(WORD)) & set(unit_3))
    library_hits = results_for(SCOPE_LIBRARY)
    assert sorted(library_hits) == sorted(questions_mentioning(WORD))
    assert search.status.text().startswith(
        f"{sum(library_hits.values())} results in {len(library_hits)} study sets."
    )
    screenshot(qtbot, "journey-search.png", desk.window)
    elsewhere = next(t for t in sorted(library_hits) if t not in unit_3)
    in_an_answer = re.compile(rf"(\S+) ¶\d+ — {re.escape(elsewhere)}: ")
    while not in_an_answer.match(str(search.results.currentIndex().data())):
        qtbot.keyClick(search.query, Qt.Key.Key_Down)  # down the list to a paragraph of it
    handle = in_an_answer.match(str(search.results.currentIndex().data()))[1]  # type: ignore[index]
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown_title(desk) == elsewhere)
    assert not search.isVisible()
    assert desk.window.statusBar().currentMessage() == f"Opened “{elsewhere}”"
    assert tab_titles(desk)[desk.window.tabs.currentIndex()] == handle
    real_keys(qtbot, desk.window, "alt+Left")
    qtbot.waitUntil(lambda: shown_title(desk) == first)

    # 6. Summary Options…: a whole course, Export PDF…, the name typed in the save dialog.
    pdf = tmp_path / "Unit 3 summary.pdf"

    def summarise_course(dialog: object) -> None:
        assert isinstance(dialog, QDialog) and dialog.objectName() == "summary-options"
        qtbot.mouseClick(dialog.whole_course, Qt.MouseButton.LeftButton)
        choose_in_combo(qtbot, dialog.course_choice, COURSE_NAME)
        assert dialog.course_choice.currentText() == "HIST 201 › Unit 3 (12 study sets)"
        qtbot.mouseClick(dialog.action_buttons["pdf"], Qt.MouseButton.LeftButton)

    choose_from_menu_bar(qtbot, watcher, desk.window, "File", "Summary Options…")
    watcher.then("a whole course", modal(QDialog, "Summary Options"), summarise_course)
    watcher.then(
        "PDF named",
        modal(QFileDialog),
        lambda d: type_path_into(qtbot, d, pdf),  # type: ignore[arg-type]
    )
    watcher.finish(qtbot)
    qtbot.waitUntil(
        lambda: desk.window.statusBar().currentMessage().startswith("Saved "), timeout=60_000
    )
    message = desk.window.statusBar().currentMessage()
    assert message.startswith(f"Saved {pdf} (") and message.endswith(" pages, 12 study sets)")
    contents = pdf_page(pdf, 1)
    listed = [m[1] for line in contents if (m := re.fullmatch(r"\d+\. (.+?)(?: — .+)? \d+", line))]
    assert listed == unit_3, contents
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(Path(os.environ.get("STUDYDESK_JOURNEY_SHOTS", "/tmp")) / "journey-course-pdf")],
        check=True, timeout=60,
    )  # fmt: skip
    assert watcher.failures == []
