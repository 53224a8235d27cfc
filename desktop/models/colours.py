"""Highlight colours as Qt colours (the table itself is in desktop.content.colours), and the
contrast checks that keep what the reading views draw readable in light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor

from desktop.content.colours import (
    DEFAULT_COLOUR,
    GRAPHIC_CONTRAST,
    HIGHLIGHT_COLOURS,
    TEXT_CONTRAST,
    colour_label,
    contrast_ratio,
    highlight_hex,
    relative_luminance,
)

__all__ = [
    "DEFAULT_COLOUR",
    "GRAPHIC_CONTRAST",
    "HIGHLIGHT_COLOURS",
    "TEXT_CONTRAST",
    "colour_label",
    "contrast",
    "highlight_colour",
    "over",
    "readable",
    "text_on",
]

_STEPS = 20


def highlight_colour(name: str | None) -> QColor:
    return QColor(highlight_hex(name))


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` as it shows when drawn over ``background`` (its transparency blended in)."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )


def contrast(colour: QColor, background: QColor) -> float:
    """WCAG contrast of ``colour`` drawn on the opaque ``background``."""
    return contrast_ratio(_rgb(over(colour, background)), _rgb(background))


def _mix(colour: QColor, target: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(
        colour.redF() + (target.redF() - colour.redF()) * amount,
        colour.greenF() + (target.greenF() - colour.greenF()) * amount,
        colour.blueF() + (target.blueF() - colour.blueF()) * amount,
    )


def readable(colour: QColor, background: QColor, minimum: float = TEXT_CONTRAST) -> QColor:
    """``colour`` if it stands out enough from ``background``; else the same hue made lighter
    (on a dark background) or darker (on a light one), just enough that it does.

    A palette may keep Qt's default pure blue link on a dark base (about 2:1); this keeps the
    palette's choice wherever it is readable and mends it where it is not."""
    opaque = over(colour, background)
    if contrast(opaque, background) >= minimum:
        return opaque
    dark_background = relative_luminance(_rgb(background)) < 0.18
    target = QColor("#ffffff") if dark_background else QColor("#000000")
    for step in range(1, _STEPS + 1):
        candidate = _mix(opaque, target, step / _STEPS)
        if contrast(candidate, background) >= minimum:
            return candidate
    return target


def text_on(background: QColor, *candidates: QColor) -> QColor:
    """The one of ``candidates`` (palette colours) that reads best on ``background`` if it
    reads well enough as text, else black or white, whichever reads better."""
    if candidates:
        best = max(candidates, key=lambda candidate: contrast(candidate, background))
        if contrast(best, background) >= TEXT_CONTRAST:
            return over(best, background)
    black, white = QColor("#000000"), QColor("#ffffff")
    return black if contrast(black, background) >= contrast(white, background) else white
