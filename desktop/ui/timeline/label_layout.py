"""Placing event labels so that none overlaps another, at any zoom. Pure Python.

Labels are laid out per lane, left to right, in a few stacked rows: each goes into the
first row where it fits after the previous label; a label that fits nowhere is moved right
a little, or else hidden at this zoom (its marker keeps the full title as a tool tip). Long
titles are shortened with an ellipsis to MAX_LABEL_PX.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

GAP_PX = 6.0
MAX_LABEL_PX = 220.0
MAX_SHIFT_PX = 24.0


@dataclass(frozen=True)
class LabelRequest:
    key: str
    lane: int
    x: float  # where the label wants to start (the marker), in view pixels
    text: str


@dataclass(frozen=True)
class PlacedLabel:
    key: str
    lane: int
    row: int
    x: float
    width: float
    text: str  # possibly shortened with an ellipsis

    def overlaps(self, other: PlacedLabel) -> bool:
        return (
            self.lane == other.lane
            and self.row == other.row
            and self.x < other.x + other.width
            and other.x < self.x + self.width
        )


def layout_labels(
    requests: Iterable[LabelRequest],
    rows_per_lane: int,
    measure: Callable[[str], float],
    elide: Callable[[str, float], str],
) -> list[PlacedLabel]:
    """``measure(text)`` is its width in pixels; ``elide(text, width)`` shortens it to fit."""
    placed: list[PlacedLabel] = []
    row_ends: dict[tuple[int, int], float] = {}
    for request in sorted(requests, key=lambda r: (r.lane, r.x, r.key)):
        text = request.text
        width = measure(text)
        if width > MAX_LABEL_PX:
            text, width = elide(text, MAX_LABEL_PX), MAX_LABEL_PX
        ends = [row_ends.get((request.lane, row), float("-inf")) for row in range(rows_per_lane)]
        row = next((r for r, end in enumerate(ends) if end + GAP_PX <= request.x), None)
        x = request.x
        if row is None:  # every row is taken here: the row that frees up first, a bit later
            row = min(range(rows_per_lane), key=lambda r: ends[r])
            x = ends[row] + GAP_PX
            if x - request.x > MAX_SHIFT_PX:
                continue  # hidden at this zoom
        label = PlacedLabel(request.key, request.lane, row, x, width, text)
        placed.append(label)
        row_ends[(request.lane, row)] = x + width
    return placed
