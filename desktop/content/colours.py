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
