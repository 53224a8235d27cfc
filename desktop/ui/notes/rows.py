"""Note lists show two lines a row: the student's words, and the quote below them."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView

ROW_PADDING_PX = 8
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
    to spare: the style still elides each cut line at the same place (it is still wider
    than the cell), but measures and shapes a few hundred characters, not a whole note."""
    keep = max(width_px // NARROWEST_CHARACTER_PX, 1) + 1
    if len(text) <= keep or _ZERO_WIDTH.search(text):
        return text
    return "\n".join(line[:keep] for line in text.split("\n"))


class ShownPartDelegate(QStyledItemDelegate):
    """Draws a note row as the standard delegate does, from the shown part of its text only
    (each paint of a long note measured and elided all of it: most of a list's paint)."""

    def initStyleOption(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        text = option.text
        if text:
            option.text = shown_part(text, option.rect.width())
