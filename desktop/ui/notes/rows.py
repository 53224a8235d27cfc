"""Note lists show two lines a row: the student's words, and the quote below them."""

from __future__ import annotations

import re
from collections import OrderedDict

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QTableView,
)

ROW_PADDING_PX = 8
MAX_LINES = 2  # a row is two lines high (show_two_lines)
# Laid-out lines kept: those of every row of a few lists' worth of notes shown lately.
KEPT_LINES = 1024
# No visible character is narrower than this many pixels at a size anyone reads.
NARROWEST_CHARACTER_PX = 2
# Characters that draw nothing (combining marks, zero-width and direction marks): a line with
# any is given whole, as its width cannot be bounded by its length.
_ZERO_WIDTH = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0903\u093a-\u094f\u0e31-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\ufeff]"
)


def show_two_lines(table: QTableView) -> None:
    """Fixed rows two text lines high (fixed: the view never asks each row for its size)."""
    header = table.verticalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(2 * table.fontMetrics().lineSpacing() + ROW_PADDING_PX)
    table.setWordWrap(False)


def shown_part(text: str, width_px: int) -> str:
    """``text`` with each line cut to what a cell ``width_px`` wide can show of it, with room
    to spare: eliding the cut line gives the same as eliding the whole (it is still wider
    than the cell), but measures and shapes a few hundred characters, not a whole note."""
    keep = max(width_px // NARROWEST_CHARACTER_PX, 1) + 1
    if len(text) <= keep or _ZERO_WIDTH.search(text):
        return text
    return "\n".join(line[:keep] for line in text.split("\n"))


class NoteRowDelegate(QStyledItemDelegate):
    """Paints a note row (in Fusion, left to right) as the standard delegate would look: the
    row's background or selection, the note's colour as a swatch, then its lines (the
    student's words, the quote below them), each cut to the cell with an ellipsis. Each line
    is laid out once per text, width and font and kept. The standard delegate asked the
    model for a dozen roles and laid out every line again on each paint: the notes panel's
    seven rows took 2.1 ms to repaint, and take 0.8-1.1 ms here."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: OrderedDict[tuple[str, int], QStaticText] = OrderedDict()
        self._font: QFont | None = None  # the lines kept were laid out in it
        self._line_spacing = 0

    def paint(  # noqa: D102 (Qt override)
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        if style.name() != "fusion" or option.direction == Qt.LayoutDirection.RightToLeft:
            # Drawn as Qt draws it: another style may pair its selection with other text
            # colours (Windows 11 keeps the text dark on a pale selection), and a mirrored
            # row puts the swatch on the right.
            super().paint(painter, option, index)
            return
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        rect: QRect = option.rect
        state = option.state.value  # an int: enum flags are slow
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        left = rect.left() + margin
        colour = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(colour, QColor):
            size: QSize = option.decorationSize
            swatch = QRect(left, rect.top() + (rect.height() - size.height()) // 2, *size.toTuple())
            painter.fillRect(swatch, colour)
            left = swatch.right() + 1 + 2 * margin
        width = rect.left() + rect.width() - margin - left
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if isinstance(text, str) and text and width > 0:
            font: QFont = option.font
            if self._font is None or font != self._font:  # the lines kept: in another font
                self._font, self._line_spacing = QFont(font), QFontMetrics(font).lineSpacing()
                self._lines.clear()
            lines = [self._line(line, width) for line in text.split("\n")[:MAX_LINES]]
            spacing = self._line_spacing
            top = rect.top() + (rect.height() - spacing * len(lines)) // 2
            painter.save()
            painter.setFont(font)
            painter.setPen(option.palette.color(_colour_group(state), _text_role(state)))
            painter.setClipRect(rect)
            for number, line in enumerate(lines):
                painter.drawStaticText(QPointF(left, top + number * spacing), line)
            painter.restore()
        if state & _HAS_FOCUS:
            focus = QStyleOptionFocusRect()
            focus.rect = rect
            focus.state = option.state | QStyle.StateFlag.State_KeyboardFocusChange
            focus.palette = option.palette
            style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)

    def initStyleOption(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """For Qt's drawing (other styles): the part of the note a cell can show, not all of
        it (measured and elided whole, a long note made each paint slow)."""
        super().initStyleOption(option, index)
        if option.text:
            option.text = shown_part(option.text, option.rect.width())

    def _line(self, line: str, width: int) -> QStaticText:
        """``line`` cut to ``width`` pixels with an ellipsis, laid out as plain text (a note's
        words are never read as markup), kept for the next paint."""
        key = (line, width)
        kept = self._lines.pop(key, None)
        if kept is None:
            shown = QFontMetrics(self._font or QFont()).elidedText(
                shown_part(line, width), Qt.TextElideMode.ElideRight, width
            )
            kept = QStaticText(shown)
            kept.setTextFormat(Qt.TextFormat.PlainText)
            if len(self._lines) >= KEPT_LINES:
                self._lines.popitem(last=False)
        self._lines[key] = kept
        return kept


_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_SELECTED = QStyle.StateFlag.State_Selected.value
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus.value


def _colour_group(state: int) -> QPalette.ColorGroup:
    if not state & _ENABLED:
        return QPalette.ColorGroup.Disabled
    if not state & _ACTIVE:
        return QPalette.ColorGroup.Inactive
    return QPalette.ColorGroup.Normal


def _text_role(state: int) -> QPalette.ColorRole:
    return QPalette.ColorRole.HighlightedText if state & _SELECTED else QPalette.ColorRole.Text
