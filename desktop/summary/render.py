"""The summary as Markdown and as HTML (for QTextDocument: print, preview, PDF). Qt-free."""

from __future__ import annotations

from html import escape

from desktop.content.colours import highlight_hex
from desktop.content.crossrefs import Stance
from desktop.summary import markdown_lite
from desktop.summary.model import Summary

STANCE_WORDS = {
    Stance.AGREES: "agrees with",
    Stance.DISPUTES: "disputes",
    Stance.NEUTRAL: "mentions",
}


def _date(summary: Summary) -> str:
    return summary.printed_on.strftime("%-d %B %Y")


# --- Markdown --------------------------------------------------------------------------------


def _question_line(summary: Summary) -> str:
    return summary.question.splitlines()[0] if summary.question.strip() else ""


def _asked(summary: Summary, heading: str | None) -> str:
    """The question, when a heading other than the question stands above it (a course
    summary heads each set with its number and the student's title)."""
    question = _question_line(summary)
    return question if heading is not None and question not in heading else ""


def to_markdown(summary: Summary, *, heading: str | None = None) -> str:
    """Every text from the study set or the student goes through ``safe_markdown``: any
    Markdown viewer shows HTML in it as text, and follows only http, https and mailto links.
    ``heading`` replaces the question as the title (the question then follows it)."""
    md = markdown_lite.safe_markdown

    def cell(text: str) -> str:
        return markdown_lite.safe_markdown(text, table_cell=True)

    out = [f"# {md(_question_line(summary) if heading is None else heading)}", ""]
    if asked := _asked(summary, heading):
        out += [f"Question: {md(asked)}", ""]
    detail = f" (file {md(summary.source_file)})" if summary.source_file else ""
    out += [f"Study set: {md(summary.source)}{detail} · printed {_date(summary)}", ""]
    if summary.options.key_points:
        out += ["## Key points", ""]
        for educator in summary.educators:
            out += [
                f"### {md(educator.handle)}"
                + (f" ({md(educator.credential)})" if educator.credential else ""),
                "",
            ]
            for point in educator.points:
                mark = f" *(highlighted, {md(point.colour)})*" if point.colour else ""
                out.append(f"- {md(point.text.strip())} (¶{point.passage_number}){mark}")
            out.append("")
    if summary.options.agreements:
        out += ["## Where the educators agree and disagree", ""]
        if not summary.relations:
            out += ["The answers do not refer to one another.", ""]
        for relation in summary.relations:
            out.append(
                f"- **{md(relation.author)}** "
                f"{relation.stance_words or STANCE_WORDS[relation.stance]} "
                f"**{md(relation.target)}** "
                f"(¶{relation.passage_number}): “{md(relation.sentence.strip())}”"
                + (
                    f" — **{md(relation.target)}** (¶{relation.other_passage_number}): "
                    f"“{md(relation.other_sentence.strip())}”"
                    if relation.other_sentence
                    else ""
                )
                + (f" *Your note:* {md(relation.note.strip())}" if relation.note.strip() else "")
            )
        out.append("")
    if summary.options.timeline and summary.timeline:
        out += ["## Timeline", "", "| Date | Event | Mentioned by |", "| --- | --- | --- |"]
        for row in summary.timeline:
            event = cell(row.title) + (f" — {cell(row.description)}" if row.description else "")
            out.append(f"| {cell(row.when)} | {event} | {cell(row.mentioned_by or '—')} |")
        out.append("")
    if summary.options.notes:
        out += ["## My notes", ""]
        if not summary.note_groups:
            out += ["No notes yet.", ""]
        for group in summary.note_groups:
            out += [f"### {md(group.heading)}", ""]
            for number, note in enumerate(group.notes, 1):
                if len(group.notes) > 1:  # several notes on one place: each visibly its own
                    out += [f"*Note {number} of {len(group.notes)}*", ""]
                if note.anchor.quote and f"> {note.anchor.quote}" not in note.body:
                    out += [f"> {md(note.anchor.quote)}", ""]
                out += [md(note.body.strip()), ""]
                if note.tags:
                    out += ["Tags: " + ", ".join(md(tag) for tag in note.tags), ""]
    if summary.options.draft:
        out += ["## My answer", "", md(summary.draft.strip()) or "No answer written yet.", ""]
    if summary.options.self_test and summary.self_test:  # numbered questions, then the key
        out += ["## Self-test", ""]
        pairs = summary.self_test
        out += [f"{n}. {md(q)}\n\n   ____________" for n, (q, _a) in enumerate(pairs, 1)]
        out += ["", "## Answer key", ""]
        out += [f"{n}. {md(a)}" for n, (_q, a) in enumerate(pairs, 1)]
    return "\n".join(out).rstrip() + "\n"


# --- HTML ------------------------------------------------------------------------------------

CSS = """
h1 { font-size: 20pt; font-weight: 700; margin-bottom: 4pt; }
h2 { font-size: 14pt; font-weight: 700; margin-top: 16pt; margin-bottom: 6pt; }
h3 { font-size: 12pt; font-weight: 700; margin-top: 10pt; margin-bottom: 4pt; }
p, li { line-height: 130%; }
.meta { color: #555555; }
.muted { color: #666666; }
.note-label { color: #555555; font-size: small; font-weight: 700; margin-top: 8pt;
              margin-bottom: 2pt; }
blockquote { margin-left: 12pt; color: #333333; font-style: italic; }
table.grid { border-collapse: collapse; }
th { background-color: #e9ecef; text-align: left; }
"""


def _section(title: str) -> str:
    return f"<h2>{escape(title)}</h2>"


def _file_detail(summary: Summary) -> str:
    if not summary.source_file:
        return ""
    return f"<br><span style='font-size: small'>File: {escape(summary.source_file)}</span>"


def _self_test_html(pairs: tuple[tuple[str, str], ...]) -> str:
    """Numbered questions with a line to write on; the answer key starts a new page."""

    def lines(text: str) -> str:
        return "<br>".join(escape(line) for line in text.splitlines())

    questions = "".join(
        f"<p><b>{n}.</b> {lines(q)}<br><span class='muted'>{'_' * 30}</span></p>"
        for n, (q, _a) in enumerate(pairs, 1)
    )
    answers = "".join(f"<p><b>{n}.</b> {lines(a)}</p>" for n, (_q, a) in enumerate(pairs, 1))
    return (
        f"{_section('Self-test')}{questions}"
        f"<h2 style='page-break-before: always'>Answer key</h2>{answers}"
    )


def to_html(summary: Summary, *, heading: str | None = None) -> str:
    """``heading`` replaces the question as the title (the question then follows it)."""
    title = _question_line(summary) if heading is None else heading
    parts = [
        f"<html><head><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    if asked := _asked(summary, heading):
        parts.append(f"<p><b>Question:</b> {escape(asked)}</p>")
    parts += [
        f"<p class='meta'>Study set: {escape(summary.source)} · "
        f"printed {escape(_date(summary))}{_file_detail(summary)}</p>",
    ]
    if summary.options.key_points:
        parts.append(_section("Key points"))
        for educator in summary.educators:
            credential = (
                f" <span class='muted'>({escape(educator.credential)})</span>"
                if educator.credential
                else ""
            )
            parts.append(f"<h3>{escape(educator.handle)}{credential}</h3><ul>")
            for point in educator.points:
                text = escape(point.text.strip())
                if point.colour:
                    colour = highlight_hex(point.colour)
                    text = f"<span style='background-color: {colour}'>{text}</span>"
                parts.append(
                    f"<li>{text} <span class='muted'>(¶{point.passage_number})</span></li>"
                )
            parts.append("</ul>")
    if summary.options.agreements:
        parts.append(_section("Where the educators agree and disagree"))
        if not summary.relations:
            parts.append("<p>The answers do not refer to one another.</p>")
        parts.append("<ul>")
        for relation in summary.relations:
            other = (
                f" — <b>{escape(relation.target)}</b> "
                f"<span class='muted'>(¶{relation.other_passage_number})</span>: "
                f"<i>“{escape(relation.other_sentence.strip())}”</i>"
                if relation.other_sentence
                else ""
            )
            remark = (
                f"<br/>Your note: {escape(relation.note.strip())}" if relation.note.strip() else ""
            )
            parts.append(
                f"<li><b>{escape(relation.author)}</b> "
                f"{escape(relation.stance_words or STANCE_WORDS[relation.stance])} "
                f"<b>{escape(relation.target)}</b> "
                f"<span class='muted'>(¶{relation.passage_number})</span>: "
                f"<i>“{escape(relation.sentence.strip())}”</i>{other}{remark}</li>"
            )
        parts.append("</ul>")
    if summary.options.timeline and summary.timeline:
        parts.append(_section("Timeline"))
        parts.append(
            "<table class='grid' border='1' cellspacing='0' cellpadding='4' width='100%'>"
            "<tr><th width='26%'>Date</th><th>Event</th><th width='22%'>Mentioned by</th></tr>"
        )
        for row in summary.timeline:
            description = (
                f"<br><span class='muted' style='font-size: small'>{escape(row.description)}</span>"
                if row.description
                else ""
            )
            parts.append(
                f"<tr><td>{escape(row.when)}</td><td>{escape(row.title)}{description}</td>"
                f"<td>{escape(row.mentioned_by or '—')}</td></tr>"
            )
        parts.append("</table>")
    if summary.options.notes:
        parts.append(_section("My notes"))
        if not summary.note_groups:
            parts.append("<p class='muted'>No notes yet.</p>")
        for group in summary.note_groups:
            parts.append(f"<h3>{escape(group.heading)}</h3>")
            for number, note in enumerate(group.notes, 1):
                if len(group.notes) > 1:  # several notes on one place: each visibly its own
                    if number > 1:
                        parts.append("<hr>")
                    parts.append(f"<p class='note-label'>Note {number} of {len(group.notes)}</p>")
                if note.anchor.quote and f"> {note.anchor.quote}" not in note.body:
                    parts.append(f"<blockquote>“{escape(note.anchor.quote)}”</blockquote>")
                parts.append(markdown_lite.to_html(note.body))
                if note.tags:
                    parts.append(f"<p class='muted'>Tags: {escape(', '.join(note.tags))}</p>")
    if summary.options.draft:
        parts.append(_section("My answer"))
        parts.append(
            markdown_lite.to_html(summary.draft)
            if summary.draft.strip()
            else "<p class='muted'>No answer written yet.</p>"
        )
    if summary.options.self_test and summary.self_test:
        parts.append(_self_test_html(summary.self_test))
    parts.append("</body></html>")
    return "".join(parts)
