"""File › Library…: the sidebar, the table, the filter, opening a set, and organising sets
into courses, tags and the Trash, as a student does it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QToolButton
from pytestqt.qtbot import QtBot

from desktop.models.library_model import (
    COURSE,
    COURSES,
    EDUCATORS,
    TITLE,
    TRASH,
    LibraryModel,
    Section,
)
from desktop.platform import paths
from desktop.services.library import Library
from desktop.ui.library.library_window import LibraryWindow
from tests.conftest import Alerts, Launch
from tests.study_files import SEED_QUESTION
from tests.ui.helpers import rows

WAR = "What caused the First World War?"
COLD = "Why did the Cold War begin?"

WAR_TEXT = (
    f"{WAR}\n\nExpert Answers\nmhistorian eNotes educator| Certified Educator\n\n"
    "The alliance system turned a Balkan crisis into a general war in 1914.\n\n"
    "Militarism and the naval race made every general staff plan for an early strike."
)
COLD_TEXT = (
    f"{COLD}\n\nExpert Answers\ngpane eNotes educator| Certified Educator\n\n"
    "Mistrust between the wartime allies hardened after 1945.\n\n"
    "kdavis eNotes educator| Certified Educator\n\n"
    "The division of Germany made the quarrel permanent."
)


@pytest.fixture
def library_files(tmp_path: Path) -> None:
    """Two more study sets, imported before the app starts (the seed joins at launch)."""
    folder = tmp_path / "sets"
    folder.mkdir()
    library = Library(paths.database_path())
    try:
        for name, text in (("war.txt", WAR_TEXT), ("cold.txt", COLD_TEXT)):
            (folder / name).write_text(text, encoding="utf-8")
            library.import_file(folder / name)
    finally:
        library.close()


def open_library(qtbot: QtBot, desk) -> LibraryWindow:  # type: ignore[no-untyped-def]
    desk.window.menu.library_action.trigger()
    window = desk.library_controller.library_window
    assert window is not None
    qtbot.waitExposed(window)
    return window


def query(database: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(database) as plain:
        return plain.execute(sql, args).fetchall()


def set_id(database: Path, title: str) -> int:
    return int(query(database, "SELECT id FROM study_sets WHERE title = ?", title)[0][0])


def select(window: LibraryWindow, *titles: str) -> None:
    ids = [window.shown_ids()[window.shown_titles().index(title)] for title in titles]
    window.select_ids(ids, ids[0])


def trigger(menu: QMenu, text: str) -> None:
    found = [a for a in menu.actions() if a.text().replace("&", "") == text]
    assert found, [a.text() for a in menu.actions()]
    assert found[0].isEnabled(), text
    found[0].trigger()


def shown_tooltip(tip: str) -> str:
    """What a tool tip shows: Qt draws it as HTML when it merely looks like HTML."""
    if not QtGui.Qt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def sidebar_labels(window: LibraryWindow) -> list[str]:
    return [item.text(0) for item in window.sidebar.all_items()]


def courses_of(database: Path, title: str) -> list[str]:
    return [
        name
        for (name,) in query(
            database,
            "SELECT c.name FROM courses c JOIN study_set_courses sc ON sc.course_id = c.id "
            "JOIN study_sets s ON s.id = sc.study_set_id WHERE s.title = ? ORDER BY c.name",
            title,
        )
    ]


def test_library_lists_filters_and_opens_a_set(
    launch: Launch, qtbot: QtBot, library_files: None, database_file: Path
) -> None:
    desk = launch()
    window = open_library(qtbot, desk)
    assert not window.isModal()
    assert sorted(window.shown_titles()) == sorted([SEED_QUESTION, WAR, COLD])
    assert sidebar_labels(window)[:2] == ["All Study Sets (3)", "Recently Opened (1)"]
    assert window.status.text() == "3 study sets"

    qtbot.keyClicks(window.filter_box, "educator:gpane")
    assert sorted(window.shown_titles()) == sorted([SEED_QUESTION, COLD])
    window.filter_box.clear()
    qtbot.keyClicks(window.filter_box, "war")
    assert sorted(window.shown_titles()) == sorted([COLD, WAR])
    assert window.status.text() == "2 shown of 3 study sets"
    # Esc in the filled box empties it, and the window stays open.
    window.activateWindow()
    window.filter_box.setFocus()
    qtbot.keyClick(window.filter_box, Qt.Key.Key_Escape)
    assert window.filter_box.text() == "" and window.isVisible()
    assert window.status.text() == "3 study sets"

    # Sorting by a column sorts on its value.
    window.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # paragraphs
    assert window.shown_titles()[0] == SEED_QUESTION  # 6 paragraphs, the others 2

    # Double-click a row: the main window shows that set.
    row = window.row_of(set_id(database_file, WAR))
    rect = window.table.visualRect(window.proxy.index(row, TITLE))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert WAR in desk.window.windowTitle()
    assert [tab.answer.handle for tab in desk.window.answer_tabs()] == ["mhistorian"]
    assert rows(
        database_file, f"SELECT last_opened_at IS NOT NULL FROM study_sets WHERE title = '{WAR}'"
    ) == [(1,)]
    assert "Recently Opened (2)" in sidebar_labels(window)

    # Enter on another row opens it too.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.table.setFocus()
    select(window, COLD)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert COLD in desk.window.windowTitle()
    assert [tab.answer.handle for tab in desk.window.answer_tabs()] == ["gpane", "kdavis"]

    window.show_section(Section("recent"))
    assert window.shown_titles()[0] == COLD  # newest first


def test_titles_stay_readable_in_a_small_library_window(
    launch: Launch, qtbot: QtBot, library_files: None
) -> None:
    desk = launch()
    window = open_library(qtbot, desk)
    window.resize(984, 600)  # the counts and dates keep their width; the title did not
    QApplication.processEvents()
    title_width = window.table.columnWidth(TITLE)
    assert window.table.fontMetrics().horizontalAdvance(WAR) + 16 < title_width
    window.resize(1400, 600)  # room to spare: the title takes it
    QApplication.processEvents()
    assert window.table.columnWidth(TITLE) > title_width + 200
    # Another column widened by hand (as by dragging its edge) takes the room from the title.
    wide = window.table.columnWidth(TITLE)
    header = window.table.horizontalHeader()
    header.resizeSection(EDUCATORS, header.sectionSize(EDUCATORS) + 100)
    assert window.table.columnWidth(TITLE) == wide - 100


def test_organise_several_sets_with_the_context_menu_and_undo(
    launch: Launch,
    qtbot: QtBot,
    library_files: None,
    database_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    alerts: Alerts,
) -> None:
    desk = launch()
    window = open_library(qtbot, desk)

    # Add two sets to a nested course at once.
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("HIST 201 :: Unit 3", True))
    select(window, WAR, COLD)
    assert sorted(window.selected_ids()) == sorted(
        [set_id(database_file, WAR), set_id(database_file, COLD)]
    )
    trigger(window.table_menu(), "Add to Course…")
    assert courses_of(database_file, WAR) == ["HIST 201::Unit 3"]
    assert courses_of(database_file, COLD) == ["HIST 201::Unit 3"]
    labels = sidebar_labels(window)
    assert labels.index("HIST 201 (2)") < labels.index("Unit 3 (2)")
    assert "Unfiled (1)" in labels
    qtbot.keyClicks(window.filter_box, 'course:"HIST 201"')
    assert sorted(window.shown_titles()) == sorted([COLD, WAR])
    assert window.table.model().index(0, 1).data() == "HIST 201 › Unit 3"
    window.filter_box.clear()

    # The tool bar's Undo button reads "Undo"; its tool tip names the step it undoes.
    undo_button = window.toolbar.widgetForAction(window.undo_action)
    assert isinstance(undo_button, QToolButton)
    assert undo_button.text() == "Undo"
    assert "Unit 3" in undo_button.toolTip()

    # Undo in the library window (Ctrl+Z) and in the main window's Edit menu: one stack.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert courses_of(database_file, WAR) == []
    assert "Unfiled (3)" in sidebar_labels(window)
    qtbot.keyClick(
        window.table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert courses_of(database_file, WAR) == ["HIST 201::Unit 3"]
    desk.changes_controller.undo_action.trigger()
    assert courses_of(database_file, COLD) == []
    desk.changes_controller.redo_action.trigger()
    assert courses_of(database_file, COLD) == ["HIST 201::Unit 3"]

    # Tags for both; the filter finds them.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("exam, essay", True))
    select(window, WAR, COLD)
    trigger(window.table_menu(), "Tags…")
    assert rows(database_file, "SELECT count(*) FROM study_set_tags") == [(4,)]
    qtbot.keyClicks(window.filter_box, "tag:essay")
    assert sorted(window.shown_titles()) == sorted([COLD, WAR])
    window.filter_box.clear()
    assert "essay (2)" in sidebar_labels(window)

    # Rename one: the display title changes, the question does not.
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("WWI causes", True))
    select(window, WAR)
    trigger(window.table_menu(), "Rename…")
    assert rows(database_file, f"SELECT display_title FROM study_sets WHERE title = '{WAR}'") == [
        ("WWI causes",)
    ]
    assert "WWI causes" in window.shown_titles()

    # Trash, restore, trash again, then Empty Trash (asked first).
    select(window, "WWI causes")
    trigger(window.table_menu(), "Move to Trash")
    assert "WWI causes" not in window.shown_titles()
    assert "Trash (1)" in sidebar_labels(window)
    window.show_section(Section(TRASH))
    assert window.shown_titles() == ["WWI causes"]
    select(window, "WWI causes")
    trigger(window.table_menu(), "Restore")
    assert window.shown_titles() == []
    window.show_section(Section("all"))
    select(window, "WWI causes")
    trigger(window.table_menu(), "Move to Trash")
    window.show_section(Section(TRASH))
    trigger(window.table_menu(), "Empty Trash…")  # answered No
    assert rows(database_file, "SELECT count(*) FROM study_sets") == [(3,)]
    alerts.answers.append(True)
    trigger(window.table_menu(), "Empty Trash…")
    assert alerts.shown[-1][1] == "Empty Trash"
    assert rows(database_file, "SELECT count(*) FROM study_sets") == [(2,)]
    assert window.shown_titles() == []
    assert "Trash (0)" in sidebar_labels(window)


def test_courses_from_the_sidebar_and_dropping_sets_on_one(
    launch: Launch,
    qtbot: QtBot,
    library_files: None,
    database_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    alerts: Alerts,
) -> None:
    desk = launch()
    window = open_library(qtbot, desk)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("CHEM 101", True))
    trigger(window.sidebar_menu(None), "New Course…")
    assert rows(database_file, "SELECT name FROM courses") == [("CHEM 101",)]
    assert window.section() == Section(COURSE, "CHEM 101")
    assert window.shown_titles() == []

    # Drag two sets from the table onto the course in the sidebar.
    window.show_section(Section("all"))
    select(window, SEED_QUESTION, COLD)
    indexes = window.table.selectionModel().selectedIndexes()
    data = window.proxy.mimeData(indexes)
    item = window.sidebar.item_for(Section(COURSE, "CHEM 101"))
    assert item is not None
    point = window.sidebar.visualItemRect(item).center()
    left, copy = Qt.MouseButton.LeftButton, Qt.DropAction.CopyAction
    none = Qt.KeyboardModifier.NoModifier
    viewport = window.sidebar.viewport()
    # As a drag does it: enter the sidebar, move over the course, drop.
    enter = QDragEnterEvent(point, copy, data, left, none)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(point, copy, data, left, none)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    drop = QDropEvent(QPointF(point), copy, data, left, none)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()
    assert courses_of(database_file, COLD) == ["CHEM 101"]
    assert courses_of(database_file, SEED_QUESTION) == ["CHEM 101"]
    assert courses_of(database_file, WAR) == []
    assert "CHEM 101 (2)" in sidebar_labels(window)

    # Rename the course; the sets follow it.
    item = window.sidebar.item_for(Section(COURSE, "CHEM 101"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("CHEM 102", True))
    trigger(window.sidebar_menu(item), "Rename Course…")
    assert courses_of(database_file, COLD) == ["CHEM 102"]
    assert sorted(window.shown_titles()) == sorted([SEED_QUESTION, COLD])

    # Delete it (asked first); the sets stay.
    item = window.sidebar.item_for(Section(COURSE, "CHEM 102"))
    alerts.answers.append(True)
    trigger(window.sidebar_menu(item), "Delete Course…")
    assert rows(database_file, "SELECT count(*) FROM courses") == [(0,)]
    assert rows(database_file, "SELECT count(*) FROM study_sets WHERE deleted_at IS NULL") == [(3,)]
    assert window.section() == Section("all")


def test_the_library_model_passes_the_model_tester(
    launch: Launch,
    qtbot: QtBot,
    library_files: None,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    desk = launch()
    window = open_library(qtbot, desk)
    assert isinstance(window.model, LibraryModel)
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.proxy)


def test_add_to_course_offers_the_course_last_created_or_chosen(
    launch: Launch,
    qtbot: QtBot,
    library_files: None,
    database_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After creating "HIST 201::Unit 3" it offered its parent "HIST 201" first."""
    from PySide6.QtCore import QTimer

    desk = launch()
    window = open_library(qtbot, desk)
    real_get_item = QInputDialog.getItem
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("HIST 201 :: Unit 3", True))
    select(window, WAR)
    trigger(window.table_menu(), "Add to Course…")
    monkeypatch.setattr(QInputDialog, "getItem", real_get_item)
    offered: list[str] = []

    def accept_what_is_offered() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, accept_what_is_offered)
            return
        offered.append(dialog.textValue())
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    # the student adds another set: the new course is offered, Enter takes it
    select(window, COLD)
    QTimer.singleShot(0, accept_what_is_offered)
    window.course_action.trigger()
    assert offered == ["HIST 201::Unit 3"]
    assert courses_of(database_file, COLD) == ["HIST 201::Unit 3"]

    # with a course chosen in the sidebar, that course is offered
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("ECON 110", True))
    select(window, SEED_QUESTION)
    trigger(window.table_menu(), "Add to Course…")
    monkeypatch.setattr(QInputDialog, "getItem", real_get_item)
    window.show_section(Section(COURSE, "HIST 201"))
    select(window, WAR)
    QTimer.singleShot(0, accept_what_is_offered)
    window.course_action.trigger()
    assert offered[1] == "HIST 201"


def test_titles_take_the_spare_width_and_every_count_shows(
    tmp_path: Path,
    launch: Launch,
    qtbot: QtBot,
    library_files: None,
    database_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 1240 px the titles got 240 px while courses, educators and dates took 500."""
    from desktop.models.library_model import (
        COURSES,
        DUE,
        EDUCATORS,
        IMPORTED,
        LAST_OPENED,
        NOTES,
    )

    desk = launch()
    window = open_library(qtbot, desk)
    window.resize(1240, 600)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("HIST 201 :: Unit 3", True))
    select(window, WAR, COLD)
    trigger(window.table_menu(), "Add to Course…")
    qtbot.waitUntil(lambda: window.table.viewport().width() > 900)
    header = window.table.horizontalHeader()
    width = {column: header.sectionSize(column) for column in range(header.count())}
    # the title has what the other columns leave, and they leave it the most
    assert width[TITLE] == window.table.viewport().width() - sum(width.values()) + width[TITLE]
    assert width[TITLE] >= 0.3 * window.table.viewport().width()  # was 240 of 1032
    assert max(width[LAST_OPENED], width[IMPORTED]) <= 100  # were 118 each
    assert max(width[COURSES], width[EDUCATORS]) <= 160
    assert width[TITLE] > width[COURSES] + width[EDUCATORS]
    model = window.table.model()
    row = window.shown_titles().index(COLD)
    # the courses fit; the dates show the day, their tool tip the time too
    assert window.table.sizeHintForColumn(COURSES) <= width[COURSES]
    imported = model.index(row, IMPORTED)
    assert len(imported.data()) == len("2026-11-28")
    assert str(imported.data(Qt.ItemDataRole.ToolTipRole)).startswith(imported.data() + " ")
    assert model.index(row, LAST_OPENED).data() == ""  # never opened
    # Due shows 0 like the other counts
    assert model.index(row, NOTES).data() == "0"
    assert model.index(row, DUE).data() == "0"
    assert shown_tooltip(model.index(row, EDUCATORS).data(Qt.ItemDataRole.ToolTipRole)) == (
        "gpane, kdavis"
    )
    window.grab().save(str(tmp_path / "library-columns.png"))  # looked at; in docs/


MARKUP_TITLE = '<img src="file:///etc/hosts"> <b>Causes</b> & effects'
MARKUP_COURSE = "<i>HIST</i> 201"


def test_titles_and_courses_that_look_like_html_show_as_typed_in_tool_tips(
    launch: Launch, qtbot: QtBot, library_files: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = launch()
    window = open_library(qtbot, desk)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (MARKUP_TITLE, True))
    select(window, WAR)
    trigger(window.table_menu(), "Rename…")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (MARKUP_COURSE, True))
    select(window, MARKUP_TITLE)
    trigger(window.table_menu(), "Add to Course…")
    model = window.table.model()
    row = window.shown_titles().index(MARKUP_TITLE)
    title_tip = model.index(row, TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert shown_tooltip(title_tip) == MARKUP_TITLE  # no picture, no bold: the characters
    courses_tip = model.index(row, COURSES).data(Qt.ItemDataRole.ToolTipRole)
    assert shown_tooltip(courses_tip) == MARKUP_COURSE
    course_items = window.sidebar.findItems(
        MARKUP_COURSE, Qt.MatchFlag.MatchStartsWith | Qt.MatchFlag.MatchRecursive
    )
    assert course_items
    assert shown_tooltip(course_items[0].toolTip(0)).startswith(MARKUP_COURSE + " — drop")


def test_the_note_and_highlight_counts_follow_what_the_student_does(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    """The counts are kept by the database as notes and highlights are written (migration
    0015), not counted when the window opens: every way of writing must move them."""
    from desktop.models.library_model import HIGHLIGHTS, NOTES
    from tests.ui.helpers import (
        START_WORDS,
        click_before,
        gpane_tab,
        highlight_ten_characters,
        shortcut,
    )

    desk = launch()
    window = open_library(qtbot, desk)

    def counts() -> tuple[str, str]:
        row = window.shown_titles().index(SEED_QUESTION)
        model = window.table.model()
        return model.index(row, NOTES).data(), model.index(row, HIGHLIGHTS).data()

    def in_database() -> tuple[str, str]:
        [(notes,)] = query(database_file, "SELECT count(*) FROM notes WHERE deleted_at IS NULL")
        [(marks,)] = query(
            database_file, "SELECT count(*) FROM highlights WHERE deleted_at IS NULL"
        )
        return str(notes), str(marks)

    assert counts() == ("0", "0")
    tab = highlight_ten_characters(qtbot, desk)
    shortcut(qtbot, tab, Qt.Key.Key_N)  # a note on the highlighted words
    qtbot.keyClicks(desk.window.notes_panel.editor.body.editor, "first")
    click_before(qtbot, gpane_tab(desk), "Russia had long")
    shortcut(qtbot, tab, Qt.Key.Key_N)  # a note on the paragraph
    qtbot.keyClicks(desk.window.notes_panel.editor.body.editor, "second")
    qtbot.waitUntil(lambda: counts() == ("2", "1"))
    assert in_database() == ("2", "1")

    qtbot.mouseClick(desk.window.notes_panel.editor.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: counts() == ("1", "1"))  # the deleted note is in the Trash
    desk.changes_controller.undo_action.trigger()  # back from the Trash
    qtbot.waitUntil(lambda: counts() == ("2", "1"))
    click_before(qtbot, tab, START_WORDS)  # into the highlight
    qtbot.keyClick(tab, Qt.Key.Key_Right)
    desk.window.menu.remove_highlight_action.trigger()
    qtbot.waitUntil(lambda: counts() == ("2", "0"))
    assert in_database() == ("2", "0")
    undo = desk.changes_controller.undo_action
    while undo.isEnabled():  # everything, back to before the first highlight
        undo.trigger()
    qtbot.waitUntil(lambda: counts() == ("0", "0"))
    assert in_database() == ("0", "0")
    desk.changes_controller.redo_action.trigger()  # the highlight is made again
    qtbot.waitUntil(lambda: counts() == ("0", "1"))
    assert in_database() == ("0", "1")
