"""A course summary from the window: File › Summary Options…, "A whole course", a course
from the list, Export PDF… — the PDF read back with pdftotext; and Cancel in the progress
dialog leaves no file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from db.library import add_to_course
from db.library_reads import library_rows
from desktop.platform import paths
from desktop.services.library import Library
from tests.cli.test_course_summary import page_count, page_text, write_study_sets
from tests.conftest import Launch
from tests.ui.helpers import choose_in_combo

QUESTIONS = {
    "weimar": "Why did the Weimar Republic fail?",
    "cold": "How did the Cold War begin?",
    "ww1": "What caused the First World War?",
}
IN_ORDER = [QUESTIONS["cold"], QUESTIONS["ww1"], QUESTIONS["weimar"]]


@pytest.fixture
def course_files(tmp_path: Path) -> None:
    """Three sets in HIST 201 (one through its Unit 1), imported before the app starts; a
    second course, so choosing one is a real choice."""
    write_study_sets(tmp_path / "sets", QUESTIONS)
    library = Library(paths.database_path())
    try:
        for file in sorted((tmp_path / "sets").iterdir()):
            library.import_file(file)
        ids = {row.title: row.id for row in library_rows(library.reader)}
        with library.database().session() as session:
            add_to_course(session, [ids[QUESTIONS["cold"]], ids[QUESTIONS["ww1"]]], "HIST 201")
            add_to_course(session, [ids[QUESTIONS["weimar"]]], "HIST 201::Unit 1")
            add_to_course(session, [ids[QUESTIONS["weimar"]]], "ANCIENT 100")
    finally:
        library.close()


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    """The platform's save dialog, answered as the student would: the suggested name."""
    asked: list[str] = []

    def save_dialog(_parent, _caption, suggested, _filter):  # type: ignore[no-untyped-def]
        asked.append(Path(suggested).name)
        return str(folder / Path(suggested).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    return asked


def choose_course_and(qtbot: QtBot, course: str, button: str) -> None:
    """In the open Summary Options: "A whole course", ``course`` in the list, ``button``."""
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.objectName() == "summary-options"
    assert dialog.this_set.isChecked()  # the File menu's default: the shown set
    qtbot.mouseClick(dialog.whole_course, Qt.MouseButton.LeftButton)
    choose_in_combo(qtbot, dialog.course_choice, course)
    assert dialog.course_choice.currentText() == "HIST 201 (3 study sets)"
    qtbot.mouseClick(dialog.action_buttons[button], Qt.MouseButton.LeftButton)


def test_a_course_chosen_in_summary_options_is_exported_as_pdf(
    launch: Launch, qtbot: QtBot, tmp_path: Path, course_files: None, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    desk = launch()
    asked = answer_save_dialog(monkeypatch, tmp_path)
    QTimer.singleShot(0, lambda: choose_course_and(qtbot, "HIST 201", "pdf"))
    desk.window.menu.summary_options_action.trigger()
    assert asked == ["HIST-201-summary.pdf"]
    pdf = tmp_path / asked[0]
    pages = page_count(pdf)
    assert page_text(pdf, 1)[0] == "HIST 201"
    listed = []
    for line in page_text(pdf, 1):
        entry = re.fullmatch(r"(\d+)\. (.+?)(?: — .+)? (\d+)", line)
        if entry:
            listed.append((entry[2], int(entry[3])))
    assert [title for title, _page in listed] == IN_ORDER
    for number, (title, page) in enumerate(listed, 1):
        assert page_text(pdf, page)[0] == f"{number}. {title}"
        assert page_text(pdf, page)[-1].endswith(f"Page {page} of {pages}")
    assert "What were Joseph Stalin" not in " ".join(page_text(pdf, 1))  # not in the course
    assert desk.window.statusBar().currentMessage() == (
        f"Saved {pdf} ({pages} pages, 3 study sets)"
    )
    # The choice is remembered for next time; File › Export PDF still means the shown set.
    assert desk.settings.value("summary/course") == "HIST 201"


def test_cancel_in_the_progress_dialog_leaves_no_file(
    launch: Launch, qtbot: QtBot, tmp_path: Path, course_files: None, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    desk = launch()
    answer_save_dialog(monkeypatch, tmp_path)
    seen: list[str] = []

    def press_cancel() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible() and not seen:
                seen.append(widget.labelText())
                cancel = widget.findChild(QPushButton)
                qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    watcher = QTimer()
    watcher.timeout.connect(press_cancel)
    watcher.start(0)
    QTimer.singleShot(0, lambda: choose_course_and(qtbot, "HIST 201", "pdf"))
    desk.window.menu.summary_options_action.trigger()
    watcher.stop()
    assert seen and seen[0].startswith(("Gathering", "Laying out"))
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob(".*.part")) == []
    assert desk.window.statusBar().currentMessage() == "Course summary cancelled; nothing saved"


def test_a_course_previewed_from_summary_options(
    launch: Launch, qtbot: QtBot, course_files: None
) -> None:
    desk = launch()
    QTimer.singleShot(0, lambda: choose_course_and(qtbot, "HIST 201", "preview"))
    desk.window.menu.summary_options_action.trigger()
    preview = desk.print_controller.course_printing().preview
    assert preview is not None
    qtbot.waitUntil(preview.isVisible)
    assert preview.windowTitle() == "Print Preview — HIST 201"
    pages = preview.findChild(QPrintPreviewWidget)
    # The contents page, then each of the three sets from a page of its own.
    qtbot.waitUntil(lambda: pages.pageCount() >= 4)
    preview.close()
