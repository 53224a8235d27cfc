"""`studydesk summary --course NAME` as a student runs it: sets imported with `studydesk
import`, filed in courses, and the PDF read back with pdftotext page by page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from db.library import add_to_course, ensure_course, set_display_title, trash_study_set
from db.library_reads import library_rows
from db.notes import create_note
from db.records import NoteAnchor
from desktop.services.library import Library
from tests.cli.test_commands import studydesk
from tests.study_files import SEED_TEXT

QUESTIONS = {
    "weimar": "Why did the Weimar Republic fail?",
    "cold": "How did the Cold War begin?",
    "ww1": "What caused the First World War?",
    "trashed": "Why did the Roman Republic fall?",
    "other": "What was the Meiji Restoration?",
}
MY_TITLE = "Cold War origins (my title)"
NOTE = "Containment came from Kennan's Long Telegram"


def write_study_sets(folder: Path, questions: dict[str, str]) -> None:
    """Study-set files that differ in their question (each a set of its own)."""
    folder.mkdir()
    answers = SEED_TEXT.split("\n", 1)[1]
    for name, question in questions.items():
        (folder / f"{name}.txt").write_text(f"{question}\n{answers}", encoding="utf-8")


def ids_by_question(database: Path) -> dict[str, int]:
    library = Library(database)
    try:
        return {row.title: row.id for row in library_rows(library.reader)}
    finally:
        library.close()


@pytest.fixture
def course_library(database_file: Path, tmp_path: Path) -> Path:
    """Three sets in HIST 201 (one in two of its sub-courses, one with the student's own
    title and a note), one more in the Trash, one in another course."""
    write_study_sets(tmp_path / "sets", QUESTIONS)
    imported = studydesk("import", tmp_path / "sets")
    assert imported.returncode == 0, imported.stderr
    ids = ids_by_question(database_file)
    library = Library(database_file)
    with library.database().session() as session:
        add_to_course(session, [ids[QUESTIONS["ww1"]]], "HIST 201")
        add_to_course(session, [ids[QUESTIONS["weimar"]]], "HIST 201::Unit 1")
        add_to_course(session, [ids[QUESTIONS["weimar"]]], "HIST 201::Unit 2")
        add_to_course(session, [ids[QUESTIONS["cold"]]], "HIST 201::Unit 2")
        add_to_course(session, [ids[QUESTIONS["trashed"]]], "HIST 201")
        trash_study_set(session, ids[QUESTIONS["trashed"]])
        add_to_course(session, [ids[QUESTIONS["other"]]], "JAPN 110")
        set_display_title(session, ids[QUESTIONS["cold"]], MY_TITLE)
        record = library.load_study_set(ids[QUESTIONS["cold"]])
        assert record is not None
        answer = record.answers[1]
        create_note(
            session,
            record.id,
            NoteAnchor("passage", answer.id, answer.passages[0].id),
            NOTE,
            tags=["cold-war"],
        )
    library.close()
    return database_file


# In the order of their titles, as the course summary prints them.
EXPECTED = [MY_TITLE, QUESTIONS["ww1"], QUESTIONS["weimar"]]


def page_text(pdf: Path, page: int) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)[1])  # type: ignore[index]


def contents(pdf: Path, pages: int) -> list[tuple[int, str, int]]:
    """(number, title, page) of each line of the table of contents (the sub-courses a set
    is in, after "—", left out)."""
    found = []
    for page in range(1, pages + 1):
        for line in page_text(pdf, page):
            entry = re.fullmatch(r"(\d+)\. (.+?)(?: — .+)? (\d+)", line)
            if entry:
                found.append((int(entry[1]), entry[2], int(entry[3])))
        if found and page < pages and page_text(pdf, page + 1)[0].startswith("1. "):
            break  # the first set's page: the contents are over
    return found


def test_course_pdf_lists_every_set_on_the_page_where_it_starts(
    course_library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "hist.pdf"
    # Unquoted words, as for --set.
    result = studydesk("summary", "--course", "HIST", "201", "--pdf", out)
    assert result.returncode == 0, result.stderr
    pages = page_count(out)
    assert result.stdout.strip() == f"Wrote {out} ({pages} pages, 3 study sets)"
    first = page_text(out, 1)
    assert first[0] == "HIST 201"
    assert "Contents" in first
    toc = contents(out, pages)
    assert [(number, title) for number, title, _page in toc] == list(enumerate(EXPECTED, 1))
    assert f"1. {MY_TITLE} — Unit 2 {toc[0][2]}" in first  # where in the course each set is
    assert f"2. {QUESTIONS['ww1']} {toc[1][2]}" in first
    assert f"3. {QUESTIONS['weimar']} — Unit 1, Unit 2 {toc[2][2]}" in first
    starts = [page for _n, _t, page in toc]
    assert starts == sorted(starts) and starts[0] == 2
    for number, title, page in toc:
        lines = page_text(out, page)
        assert lines[0] == f"{number}. {title}", (page, lines[:3])
        assert lines[-1].endswith(f"Page {page} of {pages}")
        assert not page_text(out, page - 1)[0].startswith(f"{number}. ")  # it starts here
    # The student's note is in the part of its set, and the question under the own title.
    cold = " ".join(" ".join(page_text(out, p)) for p in range(starts[0], starts[1]))
    assert NOTE in cold and f"Question: {QUESTIONS['cold']}" in cold
    everything = " ".join(" ".join(page_text(out, p)) for p in range(1, pages + 1))
    assert QUESTIONS["trashed"] not in everything and QUESTIONS["other"] not in everything
    assert everything.count(f"3. {QUESTIONS['weimar']}") == 2  # contents + heading: once


def test_a_long_contents_shifts_every_page_number(database_file: Path, tmp_path: Path) -> None:
    """Forty sets on A5 at a large size: the contents take more than one page, and every
    number in them is still the page where that set's heading is."""
    questions = {f"q{n:02}": f"Question {n:02} on the war?" for n in range(40)}
    write_study_sets(tmp_path / "sets", questions)
    assert studydesk("import", tmp_path / "sets").returncode == 0
    library = Library(database_file)
    with library.database().session() as session:
        add_to_course(session, [row.id for row in library_rows(library.reader)], "Big Course")
    library.close()
    out = tmp_path / "big.pdf"
    result = studydesk(
        "summary", "--course", "big course", "--pdf", out, "--paper", "A5", "--font-size", "14",
        "--no-key-points", "--no-agreements", "--no-timeline",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pages = page_count(out)
    toc = contents(out, pages)
    assert len(toc) == 40
    assert toc[0][2] > 2  # the contents needed more than one page
    for number, title, page in toc[::13] + toc[-1:]:
        heading = " ".join(page_text(out, page)[:2])  # large type on small paper: it wraps
        assert f"{heading} ".startswith(f"{number}. {title} "), (page, heading)
        assert not page_text(out, page - 1)[0].startswith(f"{number}. Question")


def test_course_markdown_links_its_contents_to_the_headings(
    course_library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "hist.md"
    result = studydesk("summary", "--course", "hist 201", "--markdown", out, "--no-timeline")
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# HIST 201\n")
    links = re.findall(r"^(\d+)\. \[(.+)\]\(#([^)]+)\)(?: — .+)?$", text, re.MULTILINE)
    assert [(int(n), title) for n, title, _anchor in links] == list(enumerate(EXPECTED, 1))
    headings = re.findall(r"^# (\d+\. .+)$", text, re.MULTILINE)
    assert headings == [f"{n}. {title}" for n, title in enumerate(EXPECTED, 1)]
    # Each link's anchor is the one a Markdown viewer makes of its heading.
    assert [anchor for _n, _t, anchor in links] == [
        "1-cold-war-origins-my-title",
        "2-what-caused-the-first-world-war",
        "3-why-did-the-weimar-republic-fail",
    ]
    assert NOTE in text and "## Timeline" not in text


def test_a_sub_course_by_its_last_part(course_library: Path, tmp_path: Path) -> None:
    out = tmp_path / "unit2.md"
    assert studydesk("summary", "--course", "Unit", "2", "--markdown", out).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# HIST 201 › Unit 2\n")
    assert re.findall(r"^# \d+\. (.+)$", text, re.MULTILINE) == [MY_TITLE, QUESTIONS["weimar"]]


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        (["HIST", "210"], "no course matches 'HIST 210'; close matches: \"HIST 201\""),
        (["Unit"], 'close matches: "HIST 201::Unit 1"; "HIST 201::Unit 2"'),
        (["Chemistry"], "no course matches 'Chemistry'; your courses: \"HIST 201\""),
    ],
)
def test_an_unknown_course_lists_the_close_matches(
    wanted: list[str], message: str, course_library: Path, tmp_path: Path
) -> None:
    out = tmp_path / "none.pdf"
    result = studydesk("summary", "--course", *wanted, "--pdf", out)
    assert result.returncode == 2
    assert result.stderr.startswith("studydesk: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_set_and_course_cannot_be_given_together(course_library: Path, tmp_path: Path) -> None:
    result = studydesk("summary", "--course", "HIST", "--set", "1", "--pdf", tmp_path / "x.pdf")
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr


def test_a_course_without_sets_is_refused(course_library: Path, tmp_path: Path) -> None:
    library = Library(course_library)
    with library.database().session() as session:
        ensure_course(session, "Empty::Inside")
    library.close()
    out = tmp_path / "empty.pdf"
    result = studydesk("summary", "--course", "Empty", "--pdf", out)
    assert result.returncode == 2
    assert 'the course "Empty" has no study sets' in result.stderr
    assert not out.exists()
