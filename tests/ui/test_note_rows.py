"""A note's row in the notes panel, as the student sees it: what they wrote on the first line,
the quote it was made on below it, and their words as typed, never read as markup."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Launch
from tests.ui.helpers import (
    START_WORDS,
    click_before,
    gpane_tab,
    select_with_keyboard,
    shortcut,
)

TYPED = "<b>Kulaks</b> resisted"
LONG_QUOTE = 90  # characters of the answer the note is made on
LONG_WORDS = (
    "Kulaks resisted collectivization by slaughtering their livestock rather than hand it"
    " over to the collective farms"
)
INK = 120  # how far a pixel's colour is from the row's background to count as drawn


def ink_lines(image: QImage, row: QRect, left: int) -> list[tuple[int, int, int]]:
    """The bands of drawn pixel rows in ``row`` right of ``left``: (top, bottom, rightmost
    drawn x) of each, from the top."""
    background = QColor(image.pixel(row.left() + 1, row.top() + 1))
    bands: list[tuple[int, int, int]] = []
    for y in range(row.top(), row.bottom() + 1):
        drawn = [
            x
            for x in range(left, row.right() - 1)
            if _distance(QColor(image.pixel(x, y)), background) > INK
        ]
        if not drawn:
            continue
        if bands and bands[-1][1] == y - 1:
            top, _bottom, right = bands[-1]
            bands[-1] = (top, y, max(right, max(drawn)))
        else:
            bands.append((y, y, max(drawn)))
    return bands


def _distance(one: QColor, other: QColor) -> int:
    return (
        abs(one.red() - other.red())
        + abs(one.green() - other.green())
        + abs(one.blue() - other.blue())
    )


def grab_first_row(window) -> tuple[QImage, QRect]:  # type: ignore[no-untyped-def]
    """The notes panel's first row as drawn, not highlighted (as it looks among the others)."""
    table = window.notes_panel.list
    model = window.panel_model
    table.clearSelection()
    table.setCurrentIndex(model.index(-1, 0))
    table.viewport().repaint()
    row = table.visualRect(model.index(0, 0))
    return table.viewport().grab().toImage(), row


def test_a_row_shows_the_words_and_the_quote_below_even_when_cut(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    window = desk.window
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    select_with_keyboard(qtbot, tab, LONG_QUOTE)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    qtbot.keyClicks(window.notes_panel.editor.body.editor, LONG_WORDS)
    model = window.panel_model
    qtbot.waitUntil(lambda: str(model.index(0, 0).data()).startswith(LONG_WORDS), timeout=5000)

    image, row = grab_first_row(window)
    bands = ink_lines(image, row, row.left() + 2)
    # Two lines: the student's words, then the quote below them, each cut with an ellipsis.
    assert len(bands) == 2, bands
    assert bands[0][1] < bands[1][0]
    metrics = QFontMetrics(window.notes_panel.list.font())
    assert metrics.horizontalAdvance(LONG_WORDS) > row.width()
    assert metrics.horizontalAdvance(str(model.index(0, 0).data()).split("\n")[1]) > row.width()


def test_a_row_shows_the_words_as_typed_not_as_markup(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    window = desk.window
    window.tabs.setCurrentIndex(0)  # a note on the question: no quote
    shortcut(qtbot, window.tabs.currentWidget(), Qt.Key.Key_N)
    qtbot.keyClicks(window.notes_panel.editor.body.editor, TYPED)
    model = window.panel_model
    qtbot.waitUntil(lambda: str(model.index(0, 0).data()) == TYPED, timeout=5000)

    image, row = grab_first_row(window)
    [(_top, _bottom, right)] = ink_lines(image, row, row.left() + 2)
    # The tags take their room: drawn as markup, "Kulaks" would be bold and the line shorter
    # by the width of "<b></b>".
    font = window.notes_panel.list.font()
    typed_width = QFontMetrics(font).horizontalAdvance(TYPED)
    drawn_width = right - row.left()
    assert abs(drawn_width - typed_width) <= 8, (drawn_width, typed_width)
    assert drawn_width > QFontMetrics(font).horizontalAdvance("Kulaks resisted") + 20
