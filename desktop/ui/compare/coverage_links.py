"""What is not yet covered, as links for the Summary Options dialog: "gpane ¶3 and 2 key points
not yet annotated", each ¶ and key point a link to its place (escaped: the text is plain)."""

from __future__ import annotations

from collections import Counter
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
            # Two in one paragraph are told apart by their order in it: "key point ¶2 (1)",
            # "key point ¶2 (2)" (two links both called "key point ¶2" led to different places).
            per_paragraph = Counter(key.passage_index for key in item.open_key_points)
            seen: Counter[int] = Counter()
            keys = []
            for key in item.open_key_points:
                paragraph = key.passage_index + 1
                seen[key.passage_index] += 1
                order = (
                    f" ({seen[key.passage_index]})" if per_paragraph[key.passage_index] > 1 else ""
                )
                url = passage_url(item.handle, paragraph, key.start, key.end)
                keys.append(_link(url, f"key point ¶{paragraph}{order}"))
            parts.append(", ".join(keys))
        lines.append(f"{escape(item.handle)}: " + "; ".join(parts) + " not yet annotated")
    return "<br/>".join(lines)
