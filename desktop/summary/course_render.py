"""A course summary as Markdown, and its first pages (title and contents) as HTML. Qt-free.

Each set's own part is the per-set summary (render.to_markdown / to_html) under the heading
"N. Title" that the contents lists.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from html import escape

from desktop.summary import markdown_lite
from desktop.summary.course import CourseSummary
from desktop.summary.render import CSS, to_html, to_markdown


def _printed(course: CourseSummary) -> str:
    return course.printed_on.strftime("%-d %B %Y")


def _what(course: CourseSummary) -> str:
    count = len(course.sets)
    sets = "1 study set" if count == 1 else f"{count} study sets"
    return f"Course summary · {sets}"


def heading_anchor(heading: str) -> str:
    """The anchor Markdown viewers (GitHub, GitLab, VS Code…) give a heading: lower case,
    letters, digits, '-' and '_' kept, spaces made '-', everything else dropped. A set's
    heading starts with its number ("3. …"), so no other heading gets the same anchor."""
    kept = (
        char
        for char in heading.strip().lower()
        if char in "-_ " or unicodedata.category(char)[0] in "LNM"
    )
    return "".join(kept).replace(" ", "-")


def _link_text(text: str) -> str:
    """``text`` safe inside [ ]: on one line, no live HTML, and its backslashes and
    brackets shown as written (they cannot end the link)."""
    escaped = " ".join(text.split()).replace("\\", "\\\\")
    return markdown_lite.safe_markdown(escaped.replace("[", "\\[").replace("]", "\\]"))


def course_markdown(course: CourseSummary) -> str:
    md = markdown_lite.safe_markdown
    out = [f"# {md(course.shown_name)}", "", f"{_what(course)} · printed {_printed(course)}", ""]
    out += ["## Contents", ""]
    if not course.sets:
        out += ["This course has no study sets.", ""]
    for number, item in enumerate(course.sets, 1):
        anchor = heading_anchor(course.heading_of(number))
        where = f" — {md(', '.join(item.sub_courses))}" if item.sub_courses else ""
        out.append(f"{number}. [{_link_text(item.title)}](#{anchor}){where}")
    out.append("")
    for number, item in enumerate(course.sets, 1):
        out += ["---", "", to_markdown(item.summary, heading=course.heading_of(number))]
    return "\n".join(out).rstrip() + "\n"


def front_html(course: CourseSummary, starts: Sequence[int]) -> str:
    """The course's heading and its contents; ``starts``: the page each set starts on.
    Numbers never wrap, so a row is one line unless its title is long."""
    rows = []
    for number, item in enumerate(course.sets, 1):
        rows.append(
            f"<tr><td align='right' style='white-space: nowrap'>{number}.</td>"
            f"<td width='100%'>{escape(item.title)}{_where(item.sub_courses)}</td>"
            f"<td align='right' style='white-space: nowrap'>{starts[number - 1]}</td></tr>"
        )
    header = (
        "<tr><th></th><th align='left'>Study set</th>"
        "<th align='right' style='white-space: nowrap'>Page</th></tr>"
    )
    table = f"<table width='100%' cellspacing='0' cellpadding='3'>{header}{''.join(rows)}</table>"
    contents = table if rows else "<p class='muted'>This course has no study sets.</p>"
    return (
        f"<html><head><style>{CSS}</style></head><body>"
        f"<h1>{escape(course.shown_name)}</h1>"
        f"<p class='meta'>{escape(_what(course))} · printed {escape(_printed(course))}</p>"
        f"<h2>Contents</h2>{contents}</body></html>"
    )


def _where(sub_courses: Sequence[str]) -> str:
    if not sub_courses:
        return ""
    where = escape(", ".join(sub_courses))
    return f" <span class='muted' style='font-size: small'>— {where}</span>"


def set_html(course: CourseSummary, number: int) -> str:
    """The ``number``-th set's part (from 1), headed as the contents lists it."""
    return to_html(course.sets[number - 1].summary, heading=course.heading_of(number))
