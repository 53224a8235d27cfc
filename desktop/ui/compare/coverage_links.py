"""What is not yet covered, as links for the Summary Options dialog: "gpane ¶3 and 2 key points
not yet annotated", each ¶ and key point a link to its place (escaped: the text is plain)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from desktop.content.alignment_coverage import Coverage
from desktop.ui.reading.links import passage_url


def _link(url: str, text: str) -> str:
    return f"<a href='{escape(url)}'>{escape(text)}</a>"


def not_covered_html(coverages: Sequence[Coverage]) -> str:
    lines = []
    for item in coverages:
        if item.complete:
            continue
        parts = []
        if item.open_paragraphs:
            links = [
                _link(passage_url(item.handle, number, 0, 0), f"¶{number}")
                for number in item.open_paragraphs
            ]
            parts.append(", ".join(links))
        if item.open_key_points:
            keys = [
                _link(
                    passage_url(item.handle, key.passage_index + 1, key.start, key.end),
                    f"key point ¶{key.passage_index + 1}",
                )
                for key in item.open_key_points
            ]
            parts.append(", ".join(keys))
        lines.append(f"{escape(item.handle)}: " + "; ".join(parts) + " not yet annotated")
    return "<br/>".join(lines)
