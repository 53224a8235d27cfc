"""The colours a student marks text and notes with (Qt-free: the summary uses them too)."""

from __future__ import annotations

# name -> (label, colour). The names are stored in the database; labels are shown.
HIGHLIGHT_COLOURS: dict[str, tuple[str, str]] = {
    "yellow": ("Yellow", "#ffe066"),
    "green": ("Green", "#b2f2bb"),
    "blue": ("Blue", "#a5d8ff"),
    "pink": ("Pink", "#fcc2d7"),
}
DEFAULT_COLOUR = "yellow"


def highlight_hex(name: str | None) -> str:
    """The colour's #rrggbb; an unknown or missing name gets the default colour."""
    return HIGHLIGHT_COLOURS.get(name or DEFAULT_COLOUR, HIGHLIGHT_COLOURS[DEFAULT_COLOUR])[1]


def colour_label(name: str | None) -> str:
    return HIGHLIGHT_COLOURS[name][0] if name in HIGHLIGHT_COLOURS else "No colour"


# WCAG 2.x minimum contrast: 4.5:1 for text, 3:1 for graphics such as underlines.
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance of an sRGB colour with 0–255 channels."""
    red, green, blue = (_channel(c / 255) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two opaque colours, from 1 (same) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
