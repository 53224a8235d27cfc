"""A small, safe Markdown-to-HTML for notes in the printed summary.

Notes use a handful of Markdown: paragraphs, > quotes, - lists, # headings, **bold**,
*italic* and `code`. Everything is escaped first, and links and images come out as plain
text, so nothing a note says can make the printed document load a file or a URL.
"""

from __future__ import annotations

import re
from html import escape

_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\*)|(?<![_\w])_(?!\s)(.+?)(?<!\s)_(?!\w)")
_CODE = re.compile(r"`([^`]+)`")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)]*)\)")


def inline(text: str) -> str:
    text = _IMAGE_OR_LINK.sub(lambda m: f"{m[1]} ({m[2]})" if m[2] else m[1], text)
    text = escape(text, quote=False)
    text = _CODE.sub(r"<code>\1</code>", text)
    text = _BOLD.sub(lambda m: f"<b>{m[1] or m[2]}</b>", text)
    return _ITALIC.sub(lambda m: f"<i>{m[1] or m[2]}</i>", text)


def to_html(markdown: str) -> str:
    blocks: list[str] = []
    paragraph: list[str] = []
    quote: list[str] = []
    items: list[str] = []

    def close() -> None:
        if paragraph:
            blocks.append(f"<p>{'<br>'.join(inline(line) for line in paragraph)}</p>")
            paragraph.clear()
        if quote:
            blocks.append(
                f"<blockquote>{'<br>'.join(inline(line) for line in quote if line)}</blockquote>"
            )
            quote.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in markdown.splitlines():
        line = raw.rstrip()
        if not line.strip():
            close()
        elif line.lstrip().startswith(">"):
            if paragraph or items:
                close()
            quote.append(line.lstrip()[1:].strip())
        elif re.match(r"\s*[-*+] ", line):
            if paragraph or quote:
                close()
            items.append(re.sub(r"^\s*[-*+] ", "", line))
        elif re.match(r"#{1,6} ", line):
            close()
            blocks.append(f"<p><b>{inline(line.lstrip('#').strip())}</b></p>")
        else:
            if quote or items:
                close()
            paragraph.append(line.strip())
    close()
    return "".join(blocks)
