"""The summary document and its file handling, without Qt."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.content.key_points import central_sentences
from desktop.content.studyset import parse_study_set_bytes
from desktop.summary import markdown_lite
from desktop.summary.files import OutputRefused, safe_file_name, write_atomically
from tests.study_files import SEED_BYTES


def test_central_sentences_are_deterministic_and_in_text_order() -> None:
    parsed = parse_study_set_bytes(SEED_BYTES, "seed.txt")
    passages = parsed.answers[1].passages
    first = central_sentences(passages)
    assert first == central_sentences(passages)
    assert len(first) == 3
    assert [(k.passage_index, k.start) for k in first] == sorted(
        (k.passage_index, k.start) for k in first
    )
    assert "On the personal level goal, Stalin wanted power." in [k.text for k in first]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        (
            "What were Joseph Stalin's motivation and goals?",
            "What-were-Joseph-Stalins-motivation-and-goals.pdf",
        ),
        ("../../etc/passwd", "etc-passwd.pdf"),
        ("CON", "summary-CON.pdf"),
        ("???", "summary.pdf"),
        ("Ça va: «Lénine»/Trotsky", "Ca-va-Lenine-Trotsky.pdf"),
        ("x" * 300, "x" * 80 + ".pdf"),
    ],
)
def test_safe_file_names(title: str, name: str) -> None:
    assert safe_file_name(title, "pdf") == name


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "out.md"

    def fail(temporary: Path) -> None:
        temporary.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputRefused, match="No space left on device"):
        write_atomically(target, fail, force=False)
    assert list(folder.iterdir()) == []


def test_markdown_in_notes_is_escaped_and_loads_nothing() -> None:
    html = markdown_lite.to_html(
        '<img src="http://example.com/x.png"> **bold** ![pic](file:///etc/passwd) [a](http://x)'
    )
    assert "<img" not in html and "&lt;img" in html
    assert "<b>bold</b>" in html
    assert "src=" not in html.replace("&lt;img src=", "")


def test_summary_date_is_the_printing_day() -> None:
    from db.records import AnswerRecord, PassageRecord, StudySetRecord
    from desktop.summary.model import build_summary
    from desktop.summary.render import to_markdown

    record = StudySetRecord(
        1,
        "x",
        "Why?",
        "Why?",
        "why.txt",
        "UTF-8",
        __import__("datetime").datetime(2026, 1, 1),
        False,
        (AnswerRecord(1, "a1", None, (PassageRecord(1, 1, "One sentence here."),)),),
    )
    summary = build_summary(record, highlights={}, notes=[], draft="", today=date(2026, 11, 27))
    assert "printed 27 November 2026" in to_markdown(summary)


def test_a_typed_sets_summary_names_no_file() -> None:
    import dataclasses

    from db.records import AnswerRecord, PassageRecord, StudySetRecord
    from desktop.content.compose import TYPED_SOURCE
    from desktop.summary.model import build_summary
    from desktop.summary.render import to_markdown

    record = StudySetRecord(
        1,
        "x",
        "Why?",
        "Why?",
        TYPED_SOURCE,
        "UTF-8",
        __import__("datetime").datetime(2026, 1, 1),
        False,
        (AnswerRecord(1, "a1", None, (PassageRecord(1, 1, "One sentence here."),)),),
    )
    typed = to_markdown(build_summary(record, highlights={}, notes=[], draft=""))
    assert "Typed in Study Desk" in typed and "(file" not in typed
    imported = dataclasses.replace(record, source_name="why.txt")
    assert "(file why.txt)" in to_markdown(
        build_summary(imported, highlights={}, notes=[], draft="")
    )
