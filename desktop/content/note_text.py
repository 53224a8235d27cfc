"""A note's text as Study Desk pre-fills it, and the student's own words inside it.

A new note starts with where it is attached (and the quote it was made on) so the note reads
well on its own and in the printed summary; lists show what the student wrote after that.
"""

from __future__ import annotations

import re

_PLACE_LINE = re.compile(r"^On .+:$")  # "On gpane ¶2:" or "On gpane's answer:"
_MARKDOWN_MARKS = re.compile(r"[*_`]+")


def quoted_body(quote: str, place: str) -> str:
    """A new note on a selection: the quote and where it came from, then room to write."""
    lines = "\n".join(f"> {line}" for line in quote.splitlines() or [""])
    return f"{lines}\n>\n> — {place}\n\n"


def place_body(place: str) -> str:
    """A new note on a paragraph or an answer: 'On gpane ¶2:', then room to write."""
    return f"On {place}:\n\n"


def own_words(body: str) -> str:
    """The student's words: the body without the pre-filled quote block and place line."""
    lines = body.splitlines()
    start = 0
    while start < len(lines) and (lines[start].startswith(">") or not lines[start].strip()):
        start += 1
    if start < len(lines) and _PLACE_LINE.match(lines[start].strip()) and start == 0:
        start += 1
    return "\n".join(lines[start:]).strip()


def first_line(text: str) -> str:
    """The first non-empty line without Markdown marks, for a one-line list entry."""
    for line in text.splitlines():
        line = _MARKDOWN_MARKS.sub("", line.strip().lstrip("#>*- ")).strip()
        if line:
            return line
    return ""
