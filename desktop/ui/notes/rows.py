"""Note lists show two lines a row: the student's words, and the quote below them."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

ROW_PADDING_PX = 8


def show_two_lines(table: QTableView) -> None:
    """Fixed rows two text lines high (fixed: the view never asks each row for its size)."""
    header = table.verticalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(2 * table.fontMetrics().lineSpacing() + ROW_PADDING_PX)
    table.setWordWrap(False)
