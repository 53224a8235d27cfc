"""Dark mode: the app follows the system palette, and everything the reading views draw stays
readable on it (WCAG AA: 4.5:1 for text; the event underline dots get the same)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.reading.answer_tab import AnswerTab
from desktop.ui.reading.reading_view import ReadingView
from tests.ui.conftest import Launch
from tests.ui.helpers import START_WORDS, click_before, gpane_tab, highlight_ten_characters

TEXT = 4.5  # WCAG AA for normal text


def dark_palette() -> QPalette:
    """A dark system palette as some themes give it: dark greys, light text, and Qt's
    defaults (pure blue links, placeholder grey) where the theme says nothing."""
    palette = QPalette(QColor("#3c3c3c"), QColor("#2b2b2b"))
    role = QPalette.ColorRole
    for name, colour in (
        (role.Base, "#1e1e1e"),
        (role.AlternateBase, "#262626"),
        (role.Text, "#e4e4e4"),
        (role.WindowText, "#e4e4e4"),
        (role.ButtonText, "#e4e4e4"),
        (role.Highlight, "#2a5a8a"),
        (role.HighlightedText, "#ffffff"),
    ):
        palette.setColor(name, QColor(colour))
    return palette


def switch_to_dark(qtbot: QtBot, view: ReadingView) -> None:
    """The system switches to dark; the window follows once the change reaches it."""
    QApplication.setPalette(dark_palette())
    qtbot.waitUntil(lambda: view.palette().color(QPalette.ColorRole.Base).lightness() < 60)


@pytest.fixture(params=["light", "dark"])
def system_palette(request: pytest.FixtureRequest) -> Iterator[str]:
    """The system's palette while the test runs (put back afterwards)."""
    before = QApplication.palette()
    yield request.param
    QApplication.setPalette(before)


def seen(colour: QColor, background: QColor) -> tuple[int, int, int]:
    alpha = colour.alphaF()
    return tuple(  # type: ignore[return-value]
        round(c * alpha + b * (1 - alpha))
        for c, b in zip(colour.getRgb()[:3], background.getRgb()[:3], strict=True)
    )


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2 relative luminance."""
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ratio(colour: QColor, background: QColor) -> float:
    """WCAG contrast of ``colour`` as drawn on ``background``."""
    first, second = luminance(seen(colour, background)), luminance(seen(background, background))
    return (max(first, second) + 0.05) / (min(first, second) + 0.05)


def formats(view: ReadingView) -> list[tuple[str, QTextCharFormat]]:
    """(text, character format) of every run of text the view draws."""
    runs = []
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            runs.append((fragment.text(), fragment.charFormat()))
            iterator += 1
        block = block.next()
    return runs


def foreground(view: ReadingView, text_format: QTextCharFormat) -> QColor:
    if text_format.hasProperty(QTextFormat.Property.ForegroundBrush):
        return text_format.foreground().color()
    return view.palette().color(QPalette.ColorRole.Text)


def test_reading_colours_are_readable_in_light_and_dark(
    launch: Launch, qtbot: QtBot, system_palette: str, tmp_path: Path
) -> None:
    desk = launch()
    if system_palette == "dark":
        switch_to_dark(qtbot, gpane_tab(desk))
    tab = highlight_ten_characters(qtbot, desk)
    base = tab.palette().color(QPalette.ColorRole.Base)

    runs = formats(tab)
    # Body text, the ¶ numbers and the muted line under the name.
    for text, text_format in runs:
        if text.strip():
            assert ratio(foreground(tab, text_format), base) >= TEXT, text
    links = [
        (t, f) for t, f in runs if f.isAnchor() and f.anchorHref().startswith("studydesk:educator")
    ]
    assert links, "gpane names pohnpei"
    for text, link in links:
        if system_palette == "dark":  # not the palette's pure blue on dark grey
            assert link.foreground().color().name() != "#0000ff"
        assert ratio(link.foreground().color(), base) >= TEXT, text
    events = [f for _t, f in runs if f.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine]
    assert events, "event mentions are underlined with dots"
    for event in events:
        assert ratio(event.underlineColor(), base) >= TEXT
    numbers = [f for t, f in runs if t.startswith("¶")]
    assert ratio(numbers[0].foreground().color(), base) >= TEXT

    # The highlight's text on each of the four highlight colours.
    for name, action in desk.window.menu.colour_actions.items():
        click_before(qtbot, tab, START_WORDS)  # the cursor on the highlight
        action.trigger()  # recolours it
        [mark] = tab.extraSelections()
        assert mark.cursor.selectedText() == "Stalin and"
        background = mark.format.background().color()
        shown = QColor.fromRgb(*seen(background, base))
        assert ratio(mark.format.foreground().color(), shown) >= TEXT, name

    # The Question tab: its links and muted lines.
    desk.window.tabs.setCurrentIndex(0)
    question = desk.window.question_view
    assert question is not None
    for text, text_format in formats(question):
        if text.strip():
            assert ratio(foreground(question, text_format), base) >= TEXT, text

    if system_palette == "dark":
        desk.window.tabs.setCurrentIndex(1)
        gpane_tab(desk).show_passage(2)
        qtbot.waitUntil(lambda: not tab.is_flashing)
        # docs/answer-tab-dark.png is this picture (STUDYDESK_SCREENSHOTS=docs to refresh it).
        folder = Path(os.environ.get("STUDYDESK_SCREENSHOTS", tmp_path))
        desk.window.grab().save(str(folder / "answer-tab-dark.png"))


def test_the_flash_on_a_passage_is_readable_in_dark(
    launch: Launch, qtbot: QtBot, system_palette: str
) -> None:
    desk = launch()
    tab: AnswerTab = gpane_tab(desk)
    if system_palette == "dark":
        switch_to_dark(qtbot, tab)
    tab.show_passage(2)
    [flash] = tab.extraSelections()
    base = tab.palette().color(QPalette.ColorRole.Base)
    shown = QColor.fromRgb(*seen(flash.format.background().color(), base))
    assert ratio(flash.format.foreground().color(), shown) >= TEXT
    cursor = QTextCursor(flash.cursor)
    assert cursor.hasSelection()


def test_compares_only_one_educator_tags_read_in_light_and_dark(
    launch: Launch, qtbot: QtBot, system_palette: str
) -> None:
    """The grey "only gpane" tags between the Compare columns were drawn straight on the
    bands: on a dark palette's tan band, about 1:1."""
    from collections import Counter

    from PySide6.QtGui import QFontMetrics

    from tests.ui.test_compare import open_compare

    desk = launch()
    if system_palette == "dark":
        switch_to_dark(qtbot, gpane_tab(desk))
    tab = open_compare(qtbot, desk)
    strip = tab.page.connectors
    qtbot.waitUntil(lambda: bool(strip.left_only) and strip.left.complete)
    image = strip.grab().toImage()
    font = strip.font()
    font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
    metrics = QFontMetrics(font)
    width = metrics.horizontalAdvance(f"only {strip.left_name}")
    offset = strip._offset(strip.left)
    tags = 0
    for sentence in strip.left_only:
        top = strip._in_strip(strip.left, sentence, offset).top()
        if not 0 <= top < image.height() - metrics.height():
            continue
        box = [
            image.pixelColor(x, y)
            for x in range(2, 2 + width)
            for y in range(top, top + metrics.height())
        ]
        behind = QColor(Counter(c.rgb() for c in box).most_common(1)[0][0])
        glyphs = max(box, key=lambda c: ratio(c, behind))  # the tag's most solid pixel
        assert ratio(glyphs, behind) >= 4.0, (system_palette, sentence.text)
        tags += 1
    assert tags, "a tag in view"
