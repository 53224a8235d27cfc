"""The summary's "Self-test sheet" option: the study cards as numbered questions with a line
to write on, and the answer key on pages of its own at the end (HTML and Markdown)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from db import notes
from db.records import NoteAnchor
from desktop.services import study
from desktop.services.library import Library
from desktop.summary import collect
from desktop.summary.model import SummaryOptions
from desktop.summary.render import to_html, to_markdown


def test_self_test_sheet_lists_the_cards_and_keeps_the_key_for_the_last_page(
    tmp_path: Path,
) -> None:
    library = Library(tmp_path / "library.sqlite3")
    set_id = library.ensure_embedded_study_set()

    def write(change: Callable[..., Any], *args: Any) -> Any:
        with library.database().session() as session:
            return change(session, *args)

    write(notes.create_note, set_id, NoteAnchor("question"), "Who led <b>the</b> USSR? :: Stalin")
    study.regenerate(write, library.reader, set_id)
    plain = collect.collect_summary(library, set_id)
    assert plain.self_test == ()  # off unless chosen
    summary = collect.collect_summary(library, set_id, SummaryOptions(self_test=True))
    assert summary.self_test[0] == ("Who led <b>the</b> USSR?", "Stalin")
    html = to_html(summary)
    assert "<b>1.</b> Who led &lt;b&gt;the&lt;/b&gt; USSR?" in html  # plain text, escaped
    key = html.index("page-break-before: always'>Answer key")
    assert html.index("Stalin</p>", key) > key
    markdown = to_markdown(summary)
    assert "## Self-test" in markdown and "## Answer key" in markdown
    assert markdown.index("## Answer key") < markdown.index("1. Stalin")
    assert len(summary.self_test) > 10  # the timeline and the educators make cards too
