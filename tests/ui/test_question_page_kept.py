"""The Question tab keeps the pages of the sets shown last, parsed, to show them again when the
student switches back. A page kept from before must never come back stale: a change of text
size or of colours while another set is shown is seen on the set shown again."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.models.colours import readable
from desktop.ui.reading.reading_view import DEFAULT_POINT_SIZE, ReadingView
from tests.ui.conftest import Launch
from tests.ui.helpers import bring_to_front
from tests.ui.test_dark_mode import switch_to_dark


def question_heading(view: ReadingView) -> QTextCursor:
    """The question as the tab shows it (its first line, the page's big heading)."""
    first_line = view.toPlainText().splitlines()[1]  # below the small "QUESTION"
    found = view.document().find(first_line, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not found.isNull()
    return found


def link_colours(view: ReadingView) -> set[str]:
    """The colours the educators' names (the links in the answers table) are drawn in."""
    colours = set()
    block = view.document().begin()
    while block.isValid():
        for fragment in (it.fragment() for it in block):  # type: ignore[attr-defined]
            if fragment.isValid() and fragment.charFormat().isAnchor():
                colours.add(fragment.charFormat().foreground().color().name())
        block = block.next()
    return colours


@pytest.fixture
def palette_put_back() -> object:
    before = QApplication.palette()
    yield None
    QApplication.setPalette(before)


def test_a_set_shown_again_has_the_text_size_and_colours_chosen_meanwhile(
    launch: Launch,
    qtbot: QtBot,
    three_educators_on_open: Path,
    palette_put_back: object,
) -> None:
    desk = launch()
    window = desk.window
    view = window.question_view
    assert view is not None
    first_page = view.toPlainText()
    assert "2 educators answered" in first_page
    heading = question_heading(view)
    assert heading.charFormat().fontPointSize() == pytest.approx(DEFAULT_POINT_SIZE * 1.9, 0.01)

    # Another set (Ctrl+O), then bigger text (Ctrl+=) while it is shown.
    bring_to_front(qtbot, desk)
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert "3 educators answered" in view.toPlainText()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = (DEFAULT_POINT_SIZE + 1) * 1.9
    assert question_heading(view).charFormat().fontPointSize() == pytest.approx(bigger, 0.01)

    # Back (Alt+Left) to the first set: its page at the new size, not the one kept.
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.toPlainText() == first_page
    assert question_heading(view).charFormat().fontPointSize() == pytest.approx(bigger, 0.01)
    assert view.document().defaultFont().pointSizeF() == DEFAULT_POINT_SIZE + 1

    # The usual size again (Ctrl+-), and the other set again: its page at the usual size
    # (the one kept from its first showing was shown, and zoomed, in between).
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert "3 educators answered" in view.toPlainText()
    assert view.document().defaultFont().pointSizeF() == DEFAULT_POINT_SIZE
    usual = DEFAULT_POINT_SIZE * 1.9
    assert question_heading(view).charFormat().fontPointSize() == pytest.approx(usual, 0.01)
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.toPlainText() == first_page

    # The other set again (opening its file again shows the set already in the library), and
    # the system turns dark; back again: the links are drawn in the dark palette's link
    # colour (made readable on its base), as a fresh page has them.
    qtbot.keyClick(view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert "3 educators answered" in view.toPlainText()
    light_links = link_colours(view)
    switch_to_dark(qtbot, view)
    dark_links = link_colours(view)
    assert dark_links and dark_links != light_links
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.toPlainText() == first_page
    palette = view.palette()
    expected = readable(
        palette.color(QPalette.ColorRole.Link), palette.color(QPalette.ColorRole.Base)
    ).name()
    assert link_colours(view) == {expected}
