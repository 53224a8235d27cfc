"""Issue 11's journey, done as a student does it, in the real window on a real X server.

tests/e2e/test_library_journey.py starts Xvfb and runs this file in a pytest of its own on it
(QT_QPA_PLATFORM=xcb: the windows, menus, file dialogs and message boxes are real X windows;
the name does not start with test_, so the offscreen run of the suite does not collect it).
The app runs in this process (the `launch` fixture, as in tests/ui), so the test reads what
the student sees — window title, tab titles, table rows, the report — and the SQLite file.

Clicks and typing go through QTest, as in tests/ui; the shortcuts (Ctrl+L, Ctrl+K, Alt+Left,
Esc), the right-clicks, the double-click and the drag onto a course are real X input from
xdotool (tests/e2e/on_screen.py).
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
)
from pytestqt.qtbot import QtBot

from db.search import SCOPE_COURSE, SCOPE_LIBRARY
from desktop.models.library_model import ALL, COURSE, TITLE, Section
from desktop.ui.dialogs import messages
from desktop.ui.dialogs.messages import show_info as real_show_info  # before `alerts` swaps it
from desktop.ui.library.library_window import LibraryWindow
from tests.conftest import Launch
from tests.e2e.on_screen import (
    Watcher,
    choose_from_menu_bar,
    click_item,
    double_click,
    drag,
    modal,
    on_screen,
    press_button,
    real_keys,
    right_click,
    screenshot,
    shots_folder,
    type_path_into,
    visible_popup,
)
from tests.question_folder import UNIT_3, questions_in, questions_mentioning, write_question_folder
from tests.ui.helpers import choose_in_combo

COURSE_NAME = "HIST 201::Unit 3"
WORD = "propaganda"  # in four sets of the course and three others

pytestmark = pytest.mark.skipif(
    os.environ.get("QT_QPA_PLATFORM") != "xcb" or not os.environ.get("DISPLAY"),
    reason="run by tests/e2e/test_library_journey.py on its own Xvfb",
)


def query(database: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(database) as plain:
        return plain.execute(sql, args).fetchall()


def handles_in(path: Path) -> list[str]:
    """The educators of a question file, read from its educator lines."""
    text = path.read_text(encoding="utf-8")
    return re.findall(r"^(\S+) eNotes educator\|", text, flags=re.MULTILINE)


def pdf_page(pdf: Path, page: int) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    text = unicodedata.normalize("NFKC", text)  # the PDF's "ﬁ" ligatures as two letters
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class Student:
    """The student at the desk: what they do, and what they see."""

    def __init__(self, qtbot: QtBot, desk, database: Path, folder: Path) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.desk = desk
        self.window = desk.window
        self.database = database
        self.watcher = Watcher()
        self.files = write_question_folder(folder)
        self.file_of = {p.read_text(encoding="utf-8").split("\n", 1)[0]: p for p in self.files}
        self.unit_3 = sorted(questions_in(UNIT_3), key=str.casefold)  # as the Library sorts

    # --- what the student sees -----------------------------------------------------------------

    def shown(self) -> str:
        """The study set in the window, from its title."""
        title = self.window.windowTitle()
        assert title.startswith("Study Desk — "), title
        return title.removeprefix("Study Desk — ")

    def tab_titles(self) -> list[str]:
        tabs = self.window.tabs
        return [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]

    def sees(self, title: str) -> None:
        """The window shows ``title``: its title, then the Question tab and one tab per
        educator of that file, in the file's order."""
        self.qtbot.waitUntil(lambda: self.shown() == title)
        handles = handles_in(self.file_of[title])
        assert self.tab_titles()[: 1 + len(handles)] == ["Question", *handles]

    def titles_stored(self) -> list[str]:
        return [title for (title,) in query(self.database, "SELECT title FROM study_sets")]

    def in_course(self) -> list[str]:
        rows = query(
            self.database,
            "SELECT s.title FROM study_sets s JOIN study_set_courses sc ON sc.study_set_id = s.id"
            " JOIN courses c ON c.id = sc.course_id WHERE c.name = ?",
            COURSE_NAME,
        )
        return sorted((title for (title,) in rows), key=str.casefold)

    # --- 1. File › Import Folder… ------------------------------------------------------------

    def import_the_folder(self, folder: Path) -> tuple[list[str], list[str]]:
        """The folder typed into the file dialog; what the progress dialog said while it ran,
        and the report(s) at the end."""
        progress: list[str] = []

        def note_progress() -> None:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QProgressDialog) and widget.isVisible():
                    progress.append(f"{widget.windowTitle()}: {widget.labelText()}")

        reports: list[str] = []

        def read_report(box: object) -> None:
            assert isinstance(box, QMessageBox)
            reports.append(f"{box.text()}\n\n{box.detailedText()}")  # the files: Show Details
            screenshot(self.qtbot, "journey-import-report.png", box)
            press_button(self.qtbot, box, "OK")

        watching = QTimer()
        watching.timeout.connect(note_progress)
        watching.start(10)
        choose_from_menu_bar(self.qtbot, self.watcher, self.window, "File", "Import Folder…")
        self.watcher.then(
            "folder chosen", modal(QFileDialog), lambda d: type_path_into(self.qtbot, d, folder)
        )
        # at the end of the import: on a busy machine that may take a while
        self.watcher.then(
            "the report", modal(QMessageBox, "Import finished"), read_report, timeout=120
        )
        self.watcher.finish(self.qtbot)
        watching.stop()
        self.qtbot.waitUntil(lambda: not self.desk.import_controller.is_running())
        return progress, reports

    # --- 2. The Library: a course, and sets put in it ----------------------------------------

    def open_library(self) -> LibraryWindow:
        real_keys(self.qtbot, self.window, "ctrl+l")
        controller = lambda: getattr(self.desk, "library_controller", None)  # noqa: E731
        self.qtbot.waitUntil(
            lambda: (
                controller() is not None
                and controller().library_window is not None
                and controller().library_window.isVisible()
            )
        )
        library = controller().library_window
        assert isinstance(library, LibraryWindow)
        return library

    def make_course(self, library: LibraryWindow) -> None:
        """Right-click Courses in the sidebar, New Course…, type the name, Enter."""
        sidebar = library.sidebar
        [courses] = [item for item in sidebar.all_items() if item.text(0) == "Courses"]

        def name_it(dialog: object) -> None:
            assert isinstance(dialog, QInputDialog)
            field = dialog.findChild(QLineEdit)
            self.qtbot.keyClicks(field, COURSE_NAME)
            self.qtbot.keyClick(field, Qt.Key.Key_Return)

        self.watcher.then(
            "sidebar › New Course…",
            visible_popup(),
            lambda m: click_item(self.qtbot, m, "New Course…"),
        )
        self.watcher.then("course named", modal(QInputDialog, "New Course"), name_it)
        right_click(self.qtbot, sidebar.viewport(), sidebar.visualItemRect(courses))
        self.watcher.finish(self.qtbot)

    def click_section(self, library: LibraryWindow, section: Section) -> None:
        sidebar = library.sidebar
        item = sidebar.item_for(section)
        assert item is not None, section
        rect = sidebar.visualItemRect(item)
        self.qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def row_rect(self, library: LibraryWindow, title: str) -> QRect:
        """Where ``title``'s row is in the table (scrolled into view first)."""
        index = library.proxy.index(library.shown_titles().index(title), TITLE)
        library.table.scrollTo(index)
        return library.table.visualRect(index)

    def add_with_context_menu(self, library: LibraryWindow, titles: list[str]) -> None:
        """Click the first, Ctrl+click the others; right-click, Add to Course…, pick the
        course in the list, OK."""
        table = library.table.viewport()
        for number, title in enumerate(titles):
            ctrl = Qt.KeyboardModifier.ControlModifier if number else Qt.KeyboardModifier(0)
            at = self.row_rect(library, title).center()
            self.qtbot.mouseClick(table, Qt.MouseButton.LeftButton, ctrl, at)
        selected = [library.shown_titles()[library.row_of(i)] for i in library.selected_ids()]
        assert sorted(selected) == sorted(titles)

        def pick_course(dialog: object) -> None:
            assert isinstance(dialog, QInputDialog)
            assert f"these {len(titles)} study sets" in dialog.labelText()
            assert dialog.comboBoxItems() == ["HIST 201", COURSE_NAME]
            choices = dialog.findChild(QComboBox)
            choices.setFocus()
            self.qtbot.keyClick(choices, Qt.Key.Key_Down)  # HIST 201 is offered first
            assert choices.currentText() == COURSE_NAME
            press_button(self.qtbot, dialog, "OK")

        self.watcher.then(
            "table › Add to Course…",
            visible_popup(),
            lambda m: click_item(self.qtbot, m, "Add to Course…"),
        )
        self.watcher.then("course picked", modal(QInputDialog, "Add to Course"), pick_course)
        right_click(self.qtbot, table, self.row_rect(library, titles[-1]))
        self.watcher.finish(self.qtbot)

    def drag_onto_course(self, library: LibraryWindow, title: str) -> None:
        sidebar = library.sidebar
        course = sidebar.item_for(Section(COURSE, COURSE_NAME))
        assert course is not None
        start = on_screen(library.table.viewport(), self.row_rect(library, title))
        end = on_screen(sidebar.viewport(), sidebar.visualItemRect(course))
        shown_before = self.shown()
        drag(self.qtbot, start, end)
        assert self.shown() == shown_before  # a drag, not a double-click that opened it

    def course_label(self, library: LibraryWindow) -> str:
        item = library.sidebar.item_for(Section(COURSE, COURSE_NAME))
        return "" if item is None else item.text(0)

    # --- 4. Moving between sets -------------------------------------------------------------

    def open_with_enter(self, library: LibraryWindow, title: str) -> None:
        table = library.table
        table.setFocus()
        at = self.row_rect(library, title).center()
        self.qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=at)
        self.qtbot.keyClick(table, Qt.Key.Key_Return)

    def go(self, *items: str) -> None:
        """Go › ``items`` from the menu bar, with the main window in front."""
        self.window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window)
        choose_from_menu_bar(self.qtbot, self.watcher, self.window, "Go", *items)
        self.watcher.finish(self.qtbot)

    # --- 5. Ctrl+K --------------------------------------------------------------------------

    def search(self, scope: str):  # type: ignore[no-untyped-def]
        """Ctrl+K (the dialog, if not already up), Look in ``scope``, type the word; the
        dialog once its results are in."""
        controller = lambda: getattr(self.desk, "search_controller", None)  # noqa: E731
        dialog = controller().dialog if controller() is not None else None
        if dialog is None or not dialog.isVisible():
            real_keys(self.qtbot, self.window, "ctrl+k")
            self.qtbot.waitUntil(
                lambda: (
                    controller() is not None
                    and controller().dialog is not None
                    and controller().dialog.isVisible()
                )
            )
            dialog = controller().dialog
        choose_in_combo(self.qtbot, dialog.scope_box, scope)
        dialog.query.setFocus()
        dialog.query.selectAll()
        self.qtbot.keyClicks(dialog.query, WORD)
        self.qtbot.waitUntil(lambda: not dialog.is_searching() and dialog.model.rowCount() > 0)
        return dialog

    def sets_named_in(self, dialog) -> dict[str, int]:  # type: ignore[no-untyped-def]
        """Each study set the results name ("gpane ¶2 — <set>: …"), with its count."""
        titles = self.titles_stored()
        found: dict[str, int] = {}
        for row in range(dialog.model.rowCount()):
            shown = str(dialog.model.index(row).data())
            [title] = [t for t in titles if f" — {t}: " in shown]
            found[title] = found.get(title, 0) + 1
        return found

    # --- 6. Summary Options… ----------------------------------------------------------------

    def export_course_pdf(self, pdf: Path) -> None:
        """File › Summary Options…, A whole course, the course, Export PDF…, the name typed
        into the save dialog."""

        def whole_course(dialog: object) -> None:
            assert isinstance(dialog, QDialog) and dialog.objectName() == "summary-options"
            self.qtbot.mouseClick(dialog.whole_course, Qt.MouseButton.LeftButton)
            choose_in_combo(self.qtbot, dialog.course_choice, COURSE_NAME)
            assert dialog.course_choice.currentText() == "HIST 201 › Unit 3 (12 study sets)"
            self.qtbot.mouseClick(dialog.action_buttons["pdf"], Qt.MouseButton.LeftButton)

        choose_from_menu_bar(self.qtbot, self.watcher, self.window, "File", "Summary Options…")
        self.watcher.then("a whole course", modal(QDialog, "Summary Options"), whole_course)
        self.watcher.then(
            "PDF named", modal(QFileDialog), lambda d: type_path_into(self.qtbot, d, pdf)
        )
        self.watcher.finish(self.qtbot)
        status = self.window.statusBar()
        self.qtbot.waitUntil(lambda: status.currentMessage().startswith("Saved "), timeout=60_000)


def test_a_student_imports_organises_moves_searches_and_prints_a_course(
    launch: Launch,
    qtbot: QtBot,
    tmp_path: Path,
    database_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(messages, "show_info", real_show_info)  # the report: a real box
    folder = tmp_path / "History questions"
    student = Student(qtbot, launch(), database_file, folder)
    unit_3 = student.unit_3

    # 1. File › Import Folder…: a progress dialog while it runs, one report at the end.
    progress, reports = student.import_the_folder(folder)
    assert progress and progress[0].startswith("Importing Study Sets: "), progress
    assert any(re.search(r": Importing \d+ of 40: ", said) for said in progress), progress
    [report] = reports
    assert report.startswith("40 files: 40 imported, 0 already in your library, 0 refused.")
    for path in student.files:
        assert f"  {path.name} — {path.read_text(encoding='utf-8').split(chr(10))[0]}" in report
    stored = student.titles_stored()
    assert len(stored) == 41 and set(student.file_of) <= set(stored)  # and the embedded set

    # 2. Ctrl+L: all 41 in the Library; a course made from the sidebar's context menu.
    library = student.open_library()
    qtbot.waitUntil(lambda: library.status.text() == "41 study sets")
    assert sorted(library.shown_titles()) == sorted(stored)
    student.make_course(library)
    assert query(database_file, "SELECT name FROM courses ORDER BY name") == [
        ("HIST 201",),  # the course it is nested in is made too
        (COURSE_NAME,),
    ]
    labels = [item.text(0) for item in library.sidebar.all_items()]
    assert labels[2:5] == ["Courses", "HIST 201 (0)", "Unit 3 (0)"], labels

    # 3. In All Study Sets, eleven Unit 3 sets selected with Ctrl+click and added with the
    #    context menu; the twelfth dragged onto the course with the mouse.
    student.click_section(library, Section(ALL))
    qtbot.waitUntil(lambda: library.proxy.rowCount() == 41)
    student.add_with_context_menu(library, unit_3[:-1])
    qtbot.waitUntil(lambda: student.course_label(library) == "Unit 3 (11)")
    student.drag_onto_course(library, unit_3[-1])
    qtbot.waitUntil(lambda: student.course_label(library) == "Unit 3 (12)", timeout=10_000)
    assert student.in_course() == unit_3
    student.click_section(library, Section(COURSE, COURSE_NAME))
    qtbot.waitUntil(lambda: library.proxy.rowCount() == 12)
    assert library.shown_titles() == unit_3
    assert library.status.text() == "12 shown of 41 study sets"
    screenshot(qtbot, "journey-library.png", library)

    # 4. Enter opens one, a double-click another; Esc closes the Library; Go › Back returns
    #    to the first, Go › Recent Study Sets to the second.
    first, second = unit_3[0], unit_3[1]
    student.open_with_enter(library, first)
    student.sees(first)
    double_click(qtbot, library.table.viewport(), student.row_rect(library, second))
    student.sees(second)
    real_keys(qtbot, library, "Escape")
    qtbot.waitUntil(lambda: not library.isVisible())
    student.go("Back")
    student.sees(first)
    student.go("Recent Study Sets", second)
    student.sees(second)

    # 5. Ctrl+K: the word in its course, then in the whole library; a paragraph of a set
    #    outside the course opens that set at that educator's tab; Alt+Left returns.
    dialog = student.search(SCOPE_COURSE)
    course_choice = dialog.scope_box.itemText(dialog.scope_box.findData(SCOPE_COURSE))
    assert course_choice == f"Its course ({COURSE_NAME})"
    assert sorted(student.sets_named_in(dialog)) == sorted(
        set(questions_mentioning(WORD)) & set(unit_3)
    )
    dialog = student.search(SCOPE_LIBRARY)
    everywhere = student.sets_named_in(dialog)
    assert sorted(everywhere) == sorted(questions_mentioning(WORD))
    assert dialog.status.text().startswith(
        f"{sum(everywhere.values())} results in {len(everywhere)} study sets."
    )
    screenshot(qtbot, "journey-search.png", student.window)
    elsewhere = next(title for title in sorted(everywhere) if title not in unit_3)
    in_an_answer = re.compile(rf"(\S+) ¶\d+ — {re.escape(elsewhere)}: ")
    while not in_an_answer.match(str(dialog.results.currentIndex().data())):
        qtbot.keyClick(dialog.query, Qt.Key.Key_Down)  # down the list to one of its paragraphs
    handle = in_an_answer.match(str(dialog.results.currentIndex().data()))[1]  # type: ignore[index]
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    student.sees(elsewhere)
    assert not dialog.isVisible()
    assert student.window.statusBar().currentMessage() == f"Opened “{elsewhere}”"
    assert student.tab_titles()[student.window.tabs.currentIndex()] == handle
    real_keys(qtbot, student.window, "alt+Left")
    student.sees(second)

    # 6. The course's summary as a PDF; its contents page lists the twelve sets.
    pdf = tmp_path / "Unit 3 summary.pdf"
    student.export_course_pdf(pdf)
    message = student.window.statusBar().currentMessage()
    assert message.startswith(f"Saved {pdf} (") and message.endswith(" pages, 12 study sets)")
    contents = pdf_page(pdf, 1)
    assert contents[0] == "HIST 201 › Unit 3", contents
    entries = [m for line in contents if (m := re.fullmatch(r"\d+\. (.+?)(?: — .+)? (\d+)", line))]
    assert [entry[1] for entry in entries] == unit_3, contents
    for number, entry in enumerate(entries, start=1):  # each set starts on the page listed
        heading = "".join(pdf_page(pdf, int(entry[2]))[:3])  # a long title wraps
        assert heading.replace(" ", "").startswith(f"{number}.{entry[1]}".replace(" ", ""))
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(shots_folder() / "journey-course-pdf")],
        check=True, timeout=60,
    )  # fmt: skip
