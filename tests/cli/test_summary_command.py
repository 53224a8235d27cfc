"""``studydesk summary`` as a user runs it: real files, checked with pdftotext and pdfinfo."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from db.notes import create_highlight, create_note, save_draft
from db.records import NoteAnchor
from desktop.services.library import Library
from tests.cli.test_commands import studydesk
from tests.mounts import read_only_folder

QUESTION = "What were Joseph Stalin's motivation and goals?"
HIGHLIGHT = "Stalin's broader goal was to make his country an advanced, modern society"
NOTE = "Compare with the Five-Year Plans from 1928"
TIMELINE_TITLES = [
    "Stalin born in Gori, Georgia",
    "Revolution of 1905",
    "First World War",
    "October Revolution",
    "Russian Civil War",
    "Death of Lenin",
    "First Five-Year Plan",
    "Collectivization of agriculture",
    "Dekulakization",
    "Great Purge",
    "Second World War",
    "Death of Stalin",
]


@pytest.fixture
def studied_library(database_file: Path) -> Path:
    """The embedded set with a highlight, a tagged note and a draft, made by the app's code."""
    library = Library(database_file)
    study_set_id = library.ensure_embedded_study_set()
    record = library.load_study_set(study_set_id)
    assert record is not None
    passage = record.answers[0].passages[1]
    start = passage.text.index(HIGHLIGHT)
    with library.database().session() as session:
        create_highlight(session, passage.id, start, start + len(HIGHLIGHT), HIGHLIGHT, "green")
        create_note(
            session,
            study_set_id,
            NoteAnchor("passage", record.answers[0].id, passage.id),
            f"{NOTE}: industrialisation at any cost.",
            tags=["economy"],
        )
        save_draft(session, study_set_id, "Power for himself, and a strong Soviet state.")
    library.close()
    return database_file


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def test_pdf_holds_the_question_handles_highlight_note_and_page_numbers(
    studied_library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    result = studydesk("summary", "--pdf", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {out} (")
    text = " ".join(pdftotext(out).split())
    assert QUESTION in text
    for expected in (
        "gpane",
        "pohnpei397",
        HIGHLIGHT,
        NOTE,
        "Page 1 of",
        "My answer",
        "Power for himself, and a strong Soviet state.",
        "disputes",
    ):
        assert expected in text, expected
    assert "A4" in pdfinfo(out)
    assert list(tmp_path.glob("*.part")) == []
    timeline_rows = [title for title in TIMELINE_TITLES if title in text]
    assert len(timeline_rows) >= 8, timeline_rows  # the events the answers mention
    assert "7 Nov 1917" in text and "(25 Oct" in text


def test_paper_orientation_and_sections_are_chosen_on_the_command_line(
    studied_library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "letter.pdf"
    result = studydesk("summary", "--pdf", out, "--paper", "Letter", "--landscape", "--no-notes")
    assert result.returncode == 0, result.stderr
    info = pdfinfo(out)
    assert "792 x 612 pts (letter)" in info
    text = " ".join(pdftotext(out).split())
    assert NOTE not in text
    assert "My notes" not in text
    assert HIGHLIGHT in text


def test_markdown_has_the_same_sections(studied_library: Path, tmp_path: Path) -> None:
    out = tmp_path / "summary.md"
    assert studydesk("summary", "--markdown", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# {QUESTION}\n")
    for heading in (
        "## Key points",
        "### gpane",
        "### pohnpei397",
        "## Where the educators agree and disagree",
        "## My notes",
        "## My answer",
    ):
        assert f"\n{heading}" in text, heading
    assert f"- {HIGHLIGHT} (¶2) *(highlighted, green)*" in text
    assert "\n## Timeline\n" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Date" not in line]
    assert len(rows) >= 8
    assert all(not row.endswith("| — |") for row in rows)  # only events the answers mention
    assert "| 1929–1933 | Collectivization of agriculture — " in text
    assert NOTE in text and "Tags: economy" in text


def test_an_existing_file_is_not_replaced_without_force(
    studied_library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "summary.pdf"
    out.write_bytes(b"my own file")
    result = studydesk("summary", "--pdf", out)
    assert result.returncode == 2
    assert "already exists; use --force" in result.stderr
    assert out.read_bytes() == b"my own file"
    assert studydesk("summary", "--pdf", out, "--force").returncode == 0
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("where", ["missing-folder", "is-a-folder", "under-a-file"])
def test_bad_paths_are_refused_with_a_message(
    where: str, studied_library: Path, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("x")
    target = {
        "missing-folder": tmp_path / "no" / "such" / "summary.pdf",
        "is-a-folder": tmp_path,
        "under-a-file": tmp_path / "a-file" / "summary.pdf",
    }[where]
    result = studydesk("summary", "--pdf", target)
    assert result.returncode == 2
    assert result.stderr.startswith("studydesk: ")
    assert str(target) in result.stderr
    assert sorted(
        p.name for p in tmp_path.iterdir() if p.name != "xdg-data" and p.name != "xdg-config"
    ) == ["a-file"]


def test_a_read_only_folder_is_refused_and_nothing_is_left(
    studied_library: Path, tmp_path: Path
) -> None:
    with read_only_folder(tmp_path / "readonly") as folder:
        result = studydesk(
            "summary", "--pdf", folder / "summary.pdf", "--markdown", folder / "s.md"
        )
        assert result.returncode == 2
        assert "not writable" in result.stderr or "Read-only" in result.stderr
        assert list(folder.iterdir()) == []


def test_choosing_a_study_set_by_title_words(studied_library: Path, tmp_path: Path) -> None:
    out = tmp_path / "chosen.md"
    assert studydesk("summary", "--markdown", out, "--set", "Stalin").returncode == 0
    words = tmp_path / "words.md"  # unquoted words, as for export-set
    assert studydesk("summary", "--set", "Joseph", "Stalin's", "--markdown", words).returncode == 0
    assert words.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    missing = studydesk("summary", "--markdown", tmp_path / "x.md", "--set", "Napoleon")
    assert missing.returncode == 2
    assert "no study set matches 'Napoleon'" in missing.stderr
    from desktop.content.studyset import parse_study_set_text
    from tests.study_files import SEED_TEXT

    library = Library(studied_library)
    try:
        for n, question in enumerate(["Why the Cold War?", "Why the First World War?"]):
            text = SEED_TEXT.replace(QUESTION, question, 1)
            library.import_parsed(parse_study_set_text(text, f"war{n}.txt"))
    finally:
        library.close()
    ambiguous = studydesk("summary", "--markdown", tmp_path / "w.md", "--set", "War")
    assert ambiguous.returncode == 2
    assert "'War' matches 2 study sets" in ambiguous.stderr
    assert "Cold War" in ambiguous.stderr and "Stalin" not in ambiguous.stderr  # only those


def test_the_source_is_named_for_a_student_with_the_file_only_as_a_detail(
    studied_library: Path, tmp_path: Path
) -> None:
    pdf, markdown = tmp_path / "summary.pdf", tmp_path / "summary.md"
    result = studydesk("summary", "--pdf", pdf, "--markdown", markdown)
    assert result.returncode == 0, result.stderr
    lines = [" ".join(line.split()) for line in pdftotext(pdf).splitlines() if line.strip()]
    [meta] = [line for line in lines if line.startswith("Study set:")]
    assert meta.startswith("Study set: Embedded study set · printed ")
    assert "000_70d4868b37754f02" not in meta
    assert "File: 000_70d4868b37754f02.txt" in lines  # a detail on its own line
    [md_meta] = [line for line in markdown.read_text().splitlines() if "Study set:" in line]
    assert md_meta.startswith("Study set: Embedded study set (file 000_70d4868b37754f02.txt)")


def test_summary_files_get_the_permissions_of_any_new_file(
    studied_library: Path, tmp_path: Path
) -> None:
    import os
    import stat

    pdf, markdown = tmp_path / "summary.pdf", tmp_path / "summary.md"
    previous = os.umask(0o022)  # inherited by the command, as from the student's shell
    try:
        result = studydesk("summary", "--pdf", pdf, "--markdown", markdown)
    finally:
        os.umask(previous)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(os.stat(pdf).st_mode) == 0o644
    assert stat.S_IMODE(os.stat(markdown).st_mode) == 0o644


def answer_of(handle: str) -> tuple[list[str], str]:
    from desktop.content.studyset import parse_study_set_bytes
    from desktop.content.text import split_sentences
    from tests.study_files import SEED_BYTES

    [answer] = [a for a in parse_study_set_bytes(SEED_BYTES, "s").answers if a.handle == handle]
    topics = [split_sentences(p)[0].text_of(p).strip() for p in answer.passages]
    return topics, " ".join(answer.passages)


def test_key_points_are_few_and_hold_each_paragraphs_topic_sentence(
    database_file: Path, tmp_path: Path
) -> None:
    Library(database_file).close()
    markdown = tmp_path / "summary.md"
    assert studydesk("summary", "--markdown", markdown).returncode == 0
    text = markdown.read_text(encoding="utf-8")
    section = text.split("## Key points")[1].split("## Where")[0]
    for handle, most in (("gpane", 4), ("pohnpei397", 3)):
        block = section.split(f"### {handle}")[1].split("###")[0]
        points = [line for line in block.splitlines() if line.startswith("- ")]
        topics, answer = answer_of(handle)
        assert len(points) <= most, points
        for topic in topics:  # the topic sentence of each paragraph is a key point
            assert any(topic[:60] in point.replace("\\", "") for point in points), topic
        # a short answer's key points are not most of it
        assert sum(len(point) for point in points) < 0.45 * len(answer)


def test_timeline_lists_the_events_mentioned_with_descriptions_unless_asked(
    database_file: Path, tmp_path: Path
) -> None:
    Library(database_file).close()

    def rows(*options: str) -> list[str]:
        out = tmp_path / f"summary{len(list(tmp_path.iterdir()))}.md"
        assert studydesk("summary", "--markdown", out, *options).returncode == 0
        lines = out.read_text(encoding="utf-8").split("## Timeline")[1].split("##")[0]
        return [line for line in lines.splitlines() if line.startswith("| ") and "---" not in line][
            1:
        ]

    mentioned = rows()
    assert mentioned and all(not row.endswith("| — |") for row in mentioned)
    famine = "Famine of 1932–1933"  # no answer mentions it
    assert not any(famine in row for row in mentioned)
    lenin = next(row for row in mentioned if "Death of Lenin" in row)
    assert "Death of Lenin — Lenin dies" in lenin  # its description
    everything = rows("--all-events")
    assert len(everything) > len(mentioned) and any(famine in row for row in everything)
    bare = rows("--no-timeline-descriptions")
    assert [row.split(" | ")[0] for row in bare] == [row.split(" | ")[0] for row in mentioned]
    assert "| Death of Lenin | gpane ¶3 |" in "\n".join(bare)
