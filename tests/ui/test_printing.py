"""Print Preview, printing to a PDF printer, the options dialog and File › Export."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Launch
from tests.ui.helpers import START_WORDS, click_before, gpane_tab, shortcut


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def print_to_pdf(desk, path: Path) -> int:  # type: ignore[no-untyped-def]
    printer = desk.print_controller.make_printer()  # paper and margins as chosen
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return desk.print_controller.paint(printer)


def test_print_preview_opens_with_pages(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    qtbot.keyClick(
        desk.window.tabs.currentWidget(),
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    preview = desk.print_controller.preview
    assert preview is not None
    qtbot.waitUntil(preview.isVisible)
    pages = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: pages.pageCount() >= 1)
    preview.close()


def test_printing_includes_a_note_typed_just_now(
    launch: Launch, qtbot: QtBot, tmp_path: Path
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    qtbot.keyClicks(desk.window.notes_panel.editor.body.editor, "Typed seconds before printing")
    out = tmp_path / "printed.pdf"
    assert print_to_pdf(desk, out) >= 1
    text = pdf_text(out)
    assert "Typed seconds before printing" in text
    assert "Page 1 of" in text


def test_options_change_what_is_printed_and_are_remembered(
    launch: Launch, qtbot: QtBot, tmp_path: Path
) -> None:
    desk = launch()

    def untick_notes_and_answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "summary-options"
        dialog.sections["notes"].setChecked(False)
        dialog.sections["draft"].setChecked(False)
        dialog.paper.setCurrentText("Letter")
        dialog.accept()

    QTimer.singleShot(0, untick_notes_and_answer)
    desk.window.menu.summary_options_action.trigger()
    out = tmp_path / "without-notes.pdf"
    print_to_pdf(desk, out)
    text = pdf_text(out)
    assert "Key points" in text
    assert "My notes" not in text and "My answer" not in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "letter" in info
    desk.window.close()
    again = launch()
    options, setup = __import__("desktop.ui.dialogs.summary_dialog", fromlist=["x"]).load_choices(
        again.settings
    )
    assert (options.notes, options.draft, setup.paper) == (False, False, "Letter")


def test_export_pdf_and_markdown_from_the_file_menu(
    launch: Launch, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    desk = launch()
    asked: list[str] = []

    def save_dialog(_parent, _caption, suggested, _filter):  # type: ignore[no-untyped-def]
        asked.append(Path(suggested).name)
        return str(tmp_path / Path(suggested).name), ""

    # The save dialog is the platform's own; the test answers it as the user would.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    qtbot.keyClick(
        desk.window.tabs.currentWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
    )
    desk.window.menu.export_markdown_action.trigger()
    assert asked == [
        "What-were-Joseph-Stalins-motivation-and-goals.pdf",
        "What-were-Joseph-Stalins-motivation-and-goals.md",
    ]
    pdf = tmp_path / asked[0]
    assert "What were Joseph Stalin's motivation and goals?" in pdf_text(pdf)
    assert (tmp_path / asked[1]).read_text(encoding="utf-8").startswith("# What were Joseph")
    assert "Saved" in desk.window.statusBar().currentMessage()


def test_exports_get_the_users_permissions_and_their_own_extension(
    launch: Launch, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    os.umask(previous := os.umask(0o022))  # the student's usual umask
    desk = launch()
    out = tmp_path / "exports"
    out.mkdir()
    answers = iter([out / "typed-as.md", out / "notes", out / "summary.pdf"])

    def save_dialog(_parent, _caption, _suggested, _filter):  # type: ignore[no-untyped-def]
        return str(next(answers)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    try:
        desk.window.menu.export_pdf_action.trigger()  # the student typed a .md name
        desk.window.menu.export_markdown_action.trigger()  # no extension at all
        desk.window.menu.export_markdown_action.trigger()  # a .pdf name for Markdown
    finally:
        os.umask(previous)
    written = sorted(p.name for p in out.iterdir())
    assert written == ["notes.md", "summary.md", "typed-as.pdf"]
    assert (out / "typed-as.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "notes.md").read_text(encoding="utf-8").startswith("# What were")
    for name in written:
        assert stat.S_IMODE(os.stat(out / name).st_mode) == 0o644, name


def test_print_to_file_suggests_a_name_a_file_can_have(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    seen: list[str] = []

    def read_suggested_name() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintDialog)
        # "Print to file" suggests <folder>/<document name>.pdf (on X11; offscreen shows
        # only the folder in the field, so the document name is read from the dialog's printer)
        field = dialog.findChild(QLineEdit, "filename")
        assert field is not None
        name = Path(field.text()).name
        seen.append(name if name.endswith(".pdf") else dialog.printer().docName() + ".pdf")
        dialog.reject()

    QTimer.singleShot(200, read_suggested_name)
    desk.window.menu.print_action.trigger()
    assert seen == ["What were Joseph Stalin's motivation and goals.pdf"]
    assert not set(seen[0]) & set('?<>:"/\\|*')


def test_timeline_options_in_the_summary_dialog(
    launch: Launch, qtbot: QtBot, tmp_path: Path
) -> None:
    desk = launch()
    famine, lenin_dies = "Famine of 1932–1933", "Lenin dies after a series of strokes"
    first = tmp_path / "default.pdf"
    print_to_pdf(desk, first)
    text = pdf_text(first)
    assert "Death of Lenin" in text and lenin_dies in text  # described
    assert famine not in text  # no answer mentions it

    def all_events_without_descriptions() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "summary-options"
        dialog.timeline_choices["all_events"].setChecked(True)
        dialog.timeline_choices["timeline_descriptions"].setChecked(False)
        dialog.accept()

    QTimer.singleShot(0, all_events_without_descriptions)
    desk.window.menu.summary_options_action.trigger()
    second = tmp_path / "all-events.pdf"
    print_to_pdf(desk, second)
    text = pdf_text(second)
    assert famine in text and "Death of Lenin" in text
    assert lenin_dies not in text
