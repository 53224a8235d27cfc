"""Highlight colours as Qt colours (the table itself is in desktop.content.colours)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from desktop.content.colours import DEFAULT_COLOUR, HIGHLIGHT_COLOURS, colour_label, highlight_hex

__all__ = ["DEFAULT_COLOUR", "HIGHLIGHT_COLOURS", "colour_label", "highlight_colour"]


def highlight_colour(name: str | None) -> QColor:
    return QColor(highlight_hex(name))
