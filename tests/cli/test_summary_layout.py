"""How the printed summary is laid out on pages: headings stay with what follows them, and
notes on the same paragraph are visibly separate. Real PDFs, read with pdftotext."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from db.notes import create_note, save_draft
from db.records import NoteAnchor
from desktop.services.library import Library
from tests.cli.test_commands import studydesk

SECTION_HEADINGS = {
    "Key points",
    "Where the educators agree and disagree",
    "Timeline",
    "My notes",
    "My answer",
}


@pytest.fixture
def noted_library(database_file: Path) -> Path:
    """Several notes on each of gpane's paragraphs (two on ¶2), and a long draft."""
    library = Library(database_file)
    study_set_id = library.ensure_embedded_study_set()
    record = library.load_study_set(study_set_id)
    assert record is not None
    with library.database().session() as session:
        for answer in record.answers:
            for passage in answer.passages:
                create_note(
                    session,
                    study_set_id,
                    NoteAnchor("passage", answer.id, passage.id),
                    f"First thought on {answer.handle} ¶{passage.number}: power and fear.",
                )
        passage = record.answers[0].passages[1]
        create_note(
            session,
            study_set_id,
            NoteAnchor("passage", record.answers[0].id, passage.id),
            "Second thought on the same paragraph: industry first.",
        )
        save_draft(session, study_set_id, "\n\n".join(["Stalin wanted power. " * 12] * 6))
    library.close()
    return database_file


def page_lines(pdf: Path, page: int) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    return [line for line in lines if not line.startswith(("Study Desk ·", "Page "))]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    [pages] = [line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages")]
    return int(pages)


def is_heading(line: str, in_notes: bool) -> bool:
    """Section and educator headings; inside "My notes" also the note groups ("gpane ¶2",
    which elsewhere is the timeline's "Mentioned by" cell)."""
    return (
        line in SECTION_HEADINGS
        or line in {"gpane (eNotes educator)", "pohnpei397 (Certified Educator)"}
        or (in_notes and line.startswith(("gpane ¶", "pohnpei397 ¶")) and len(line) <= 14)
    )


def test_no_heading_sits_alone_at_the_bottom_of_a_page(noted_library: Path, tmp_path: Path) -> None:
    alone = []
    for size in ("9", "9.5", "10", "10.5", "11", "11.5", "12", "12.5", "13", "14"):
        pdf = tmp_path / f"summary-{size}.pdf"
        result = studydesk("summary", "--pdf", pdf, "--font-size", size, "--paper", "A5")
        assert result.returncode == 0, result.stderr
        pages = page_count(pdf)
        assert pages >= 3
        in_notes = False
        for page in range(1, pages):
            lines = page_lines(pdf, page)
            in_notes = in_notes or "My notes" in lines
            if lines and is_heading(lines[-1], in_notes):
                alone.append((size, page, lines[-3:]))
    assert alone == []


def test_notes_on_the_same_paragraph_are_separate(noted_library: Path, tmp_path: Path) -> None:
    pdf, markdown = tmp_path / "summary.pdf", tmp_path / "summary.md"
    assert studydesk("summary", "--pdf", pdf, "--markdown", markdown).returncode == 0
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith(("Study Desk ·", "Page "))]
    start = lines.index("gpane ¶2", lines.index("My notes"))
    group = lines[start : start + 5]
    assert group[1].startswith("Note 1 of 2")
    assert group[2].startswith("First thought on gpane ¶2")
    assert group[3].startswith("Note 2 of 2")
    assert group[4].startswith("Second thought on the same paragraph")
    md = markdown.read_text(encoding="utf-8")
    assert "*Note 1 of 2" in md and "*Note 2 of 2" in md


def test_a_table_heading_keeps_a_whole_row_of_the_table(
    database_file: Path, tmp_path: Path
) -> None:
    Library(database_file).close()
    pdf = tmp_path / "summary.pdf"
    assert studydesk("summary", "--pdf", pdf).returncode == 0
    [page] = [n for n in range(1, page_count(pdf) + 1) if "Timeline" in page_lines(pdf, n)]
    text = " ".join(page_lines(pdf, page))
    # the first event's row, description included, is on the heading's page
    assert "First World War" in text and "Litovsk in March 1918." in text
