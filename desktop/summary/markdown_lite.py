"""Notes' Markdown made safe: to HTML for the printed summary, and as Markdown for export.

Notes use a handful of Markdown: paragraphs, > quotes, - lists, # headings, **bold**,
*italic* and `code`. For print, everything is escaped first, and links and images come out as
plain text, so nothing a note says can make the printed document load a file or a URL.

For the Markdown export (``safe_markdown``), the student's Markdown is kept, but any viewer
must show raw HTML as text and follow only http, https and mailto links.
"""

from __future__ import annotations

import re
from html import escape, unescape

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


# --- Markdown that any viewer shows safely ---------------------------------------------------

SAFE_SCHEMES = ("http:", "https:", "mailto:")
# How far into a link's destination its scheme is looked for; entities and backslash escapes
# may spell it out ("&#106;avascript:"). A longer disguise is simply not a safe link.
_SCHEME_WINDOW = 256
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")  # browsers drop tabs and line breaks in URLs


def _safe_destination(text: str, start: int) -> bool:
    """Whether the link destination that starts at ``text[start]`` (just after "](") uses
    an allowed scheme, decoded as a viewer would decode it."""
    end = min(len(text), start + _SCHEME_WINDOW)
    head = text[start:end].lstrip(" \t\r\n")
    if head.startswith("<"):
        head = head[1:]
    head = unescape(_BACKSLASH_ESCAPE.sub(r"\1", head))
    return _URL_IGNORED.sub("", head).lower().startswith(SAFE_SCHEMES)


def safe_markdown(text: str, *, table_cell: bool = False) -> str:
    """``text`` (the student's Markdown, or any text) as Markdown that shows no live HTML.

    Outside what is already backslash-escaped: every ``<`` becomes ``&lt;`` (no tag, comment
    or autolink can start); ``![`` becomes ``\\![`` (an image becomes a link: opening the
    file fetches nothing); a link whose destination is not http, https or mailto has its
    ``]`` escaped, and so has every ``]:`` (no link definitions), so both show as text. In a
    table cell, ``|`` is escaped and line breaks become spaces. One pass, linear in the text.

    Inside a code span this shows ``&lt;`` literally; that is the price of never depending on
    a viewer finding the same code spans as we would."""
    out: list[str] = []
    backslashes = 0  # how many backslashes come just before the current character
    length = len(text)
    for index, char in enumerate(text):
        live = backslashes % 2 == 0  # not escaped by the text itself
        following = text[index + 1] if index + 1 < length else ""
        if not live:
            out.append(char)
        elif char == "<":
            out.append("&lt;")
        elif char == "!" and following == "[":
            out.append("\\!")
        elif char == "]" and (
            following == ":" or (following == "(" and not _safe_destination(text, index + 2))
        ):
            out.append("\\]")
        elif table_cell and char == "|":
            out.append("\\|")
        elif table_cell and char in "\r\n":
            out.append(" ")
        else:
            out.append(char)
        backslashes = backslashes + 1 if char == "\\" else 0
    if table_cell and backslashes % 2:
        out.append("\\")  # a cell ending in one backslash would escape the column's "|"
    return "".join(out)
