"""Issue 16: hostile files and hostile text, through the commands a user runs — a named pipe,
/dev/zero and /dev/urandom given to `studydesk import`, a UTF-8 file with stray bytes, and
HTML, scripts and javascript: links exported by `studydesk summary --markdown`."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument

from db.notes import create_highlight, create_note, save_draft
from db.records import EventFields, NoteAnchor
from desktop.services import library as library_module
from desktop.services.library import MAX_STUDY_SET_BYTES, ImportRefused, Library
from tests.conftest import Alerts, Launch
from tests.study_files import SEED_BYTES, SEED_QUESTION

MEMORY_LIMIT_KB = 2 * 1024 * 1024  # address space; reading /dev/zero for ever would pass it


def studydesk(*args: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The command as tests/cli runs it (no display), under a memory ceiling (so an endless
    read fails fast instead of eating the machine's memory), and with a timeout (so a read
    that blocks for ever fails the test instead of hanging it)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    limited = ["sh", "-c", f'ulimit -v {MEMORY_LIMIT_KB} && exec "$0" "$@"', sys.executable]
    try:
        return subprocess.run(
            [*limited, "-m", "desktop", *map(str, args)],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"studydesk {' '.join(map(str, args))} was still running after {timeout} s")


def assert_refused_in_one_line(result: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("studydesk: ") and result.stderr.count("\n") == 1
    for phrase in phrases:
        assert phrase in result.stderr


# --- 5. files that are not regular files -----------------------------------------------------


def test_importing_a_named_pipe_is_refused_at_once(tmp_path: Path, database_file: Path) -> None:
    pipe = tmp_path / "study-set.txt"
    os.mkfifo(pipe)
    result = studydesk("import", pipe, timeout=30)  # no writer: a plain open() never returns
    assert_refused_in_one_line(result, "study-set.txt is not a study set", "named pipe")
    assert not database_file.exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_importing_an_endless_device_is_refused(device: str, database_file: Path) -> None:
    result = studydesk("import", device)
    assert_refused_in_one_line(result, f"{Path(device).name} is not a study set", "device")
    assert not database_file.exists()


def test_a_folder_of_nothing_importable_imports_nothing(tmp_path: Path) -> None:
    """`studydesk import FOLDER` walks the folder (issue 11): a FIFO in it is skipped at
    once, never waited on, and nothing is imported."""
    os.mkfifo(tmp_path / "pipe.txt")
    result = studydesk("import", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "pipe.txt: skipped" in result.stdout
    assert "0 imported" in result.stdout.splitlines()[-1]


def test_no_more_than_the_limit_is_read_whatever_the_size_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose recorded size is wrong (it grew after the check; /proc files say 0)."""
    big = tmp_path / "big.txt"
    with big.open("wb") as file:
        file.write(SEED_BYTES)
        file.truncate(10 * MAX_STUDY_SET_BYTES)  # sparse: no disk space used
    real_stat = os.stat

    class SizeZero:
        def __init__(self, status: os.stat_result) -> None:
            self.st_mode = status.st_mode
            self.st_size = 0

    def lying_stat(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        status = real_stat(path, *args, **kwargs)
        return SizeZero(status) if str(path) == str(big) else status

    monkeypatch.setattr(os, "stat", lying_stat)
    tracemalloc.start()
    try:
        with pytest.raises(
            ImportRefused, match="big.txt is not a study set: it is more than 20 MB"
        ):
            library_module.read_study_set_file(big)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * MAX_STUDY_SET_BYTES  # read to the limit and one byte, not 200 MB


# --- 2. stray bytes in a UTF-8 file, as the import command reports them ----------------------


def test_a_stray_byte_is_reported_and_the_rest_stays_utf8(
    tmp_path: Path, database_file: Path
) -> None:
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(SEED_BYTES.replace(b"As pohnpei", b"As \xffpohnpei", 1))
    result = studydesk("import", damaged)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Imported {SEED_QUESTION}",
        "2 educators (gpane, pohnpei397), 6 paragraphs, UTF-8, 1 invalid byte",
    ]
    with sqlite3.connect(database_file) as plain:
        encoding, text = plain.execute("SELECT encoding, raw_text FROM study_sets").fetchone()
    assert encoding == "UTF-8, 1 invalid byte"
    assert "As \ufffdpohnpei" in text and "\u00a0" in text and "Â" not in text
    # Where the bad byte is, on stderr beside the import.
    assert "warning: 1 byte that is not valid UTF-8, at line 6, column 4" in result.stderr


def test_the_window_says_where_a_stray_byte_was_when_it_opens_the_file(
    tmp_path: Path, launch: Launch, alerts: Alerts
) -> None:
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(SEED_BYTES.replace(b"As pohnpei", b"As \xffpohnpei", 1))
    launch(damaged)
    [(kind, title, text)] = alerts.shown
    assert (kind, title) == ("info", "Imported, with a problem")
    assert "not valid UTF-8, at line 6, column 4" in text


# --- 4. the Markdown export shows hostile text as text ---------------------------------------

PASSAGE = (
    'Collectivization was <img src="http://example.invalid/pixel.png"> brutal '
    "<script>alert(1)</script>, see [the plan](javascript:alert(1)) and "
    '<a href="javascript:alert(2)">this</a><style>body { display: none }</style>.'
)
QUESTION = "Why did <b>Stalin</b> win <script>alert('q')</script>?"
NOTE = "\n".join(
    [
        '<img src="http://example.invalid/tracker.png"> <script>alert(3)</script>',
        "",
        "![local](file:///etc/passwd) ![pixel](http://example.invalid/p.png)",
        "",
        "[one](javascript:alert(4)) [two](JaVaScRiPt&#58;alert(5)) [three](<javascript:alert(6)>)",
        "[four]( \n java\tscript:alert(7)) [five](data:text/html,<script>alert(8)</script>)",
        "[six][ref] and [ref]",
        "",
        "[ref]: javascript:alert(9)",
        "",
        "<iframe src='http://example.invalid/frame'></iframe> <!-- hidden -->",
        "",
        "A [web link](https://example.invalid/page) and [mail](mailto:student@example.invalid);"
        " **bold** stays bold.",
    ]
)
DRAFT = "My answer <style>* { color: white }</style> <svg onload=alert(10)></svg>"
EVENT = "<img src=x onerror=alert(11)> | not a column"


def write_hostile_set(folder: Path) -> Path:
    source = folder / "hostile.txt"
    source.write_text(
        f"{QUESTION}\n\nExpert Answers\ngpane eNotes educator| Certified Educator\n\n"
        f"{PASSAGE}\n\nThe Five-Year Plans came first.\n\n"
        "pohnpei397 eNotes educator| Certified Educator\n\n"
        "Unlike gpane, I would stress ideology.",
        encoding="utf-8",
    )
    return source


@pytest.fixture
def hostile_library(database_file: Path, tmp_path: Path) -> int:
    library = Library(database_file)
    study_set_id = library.import_file(write_hostile_set(tmp_path)).outcome.study_set_id
    record = library.load_study_set(study_set_id)
    assert record is not None
    passage = record.answers[0].passages[0]
    from db.events import create_event

    with library.database().session() as session:
        create_highlight(session, passage.id, 0, len(passage.text), passage.text, "yellow")
        create_note(
            session,
            study_set_id,
            NoteAnchor("passage", record.answers[0].id, passage.id),
            NOTE,
            tags=["<b>tag</b>"],
        )
        save_draft(session, study_set_id, DRAFT)
        create_event(session, study_set_id, EventFields(EVENT, "1930", None, "year", "policy"))
    library.close()
    return study_set_id


def rendered(markdown: str) -> tuple[str, list[str], int]:
    """What a Markdown viewer shows (Qt's, GitHub dialect): text, link targets, images."""
    document = QTextDocument()
    document.setMarkdown(markdown)
    links: list[str] = []
    images = 0
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment_format = fragments.fragment().charFormat()
            if fragment_format.isAnchor():
                links.append(fragment_format.anchorHref())
            images += fragment_format.isImageFormat()
            fragments += 1
        block = block.next()
    return document.toPlainText(), links, images


def test_the_markdown_summary_shows_html_and_scripts_as_text(
    qapp, hostile_library: int, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "summary.md"
    result = studydesk("summary", "--set", str(hostile_library), "--all-events", "--markdown", out)
    assert result.returncode == 0, result.stderr
    markdown = out.read_text(encoding="utf-8")
    for tag in ("<script", "<img", "<style", "<a ", "<iframe", "<svg", "<b>", "<!--"):
        assert tag not in markdown, tag

    text, links, images = rendered(markdown)
    assert images == 0  # nothing is fetched when the file is opened
    assert sorted(set(links)) == [
        "http://example.invalid/p.png",  # the remote image, now a link the reader may follow
        "https://example.invalid/page",
        "mailto:student@example.invalid",
    ]
    flat = " ".join(text.split())
    for shown in (
        "Why did <b>Stalin</b> win <script>alert('q')</script>?",
        '<img src="http://example.invalid/pixel.png"> brutal <script>alert(1)</script>',
        '<a href="javascript:alert(2)">this</a><style>body { display: none }</style>',
        '<img src="http://example.invalid/tracker.png"> <script>alert(3)</script>',
        "[one](javascript:alert(4))",
        "[ref]: javascript:alert(9)",
        "<iframe src='http://example.invalid/frame'></iframe> <!-- hidden -->",
        "My answer <style>* { color: white }</style> <svg onload=alert(10)></svg>",
        "<img src=x onerror=alert(11)> | not a column",
        "Tags: <b>tag</b>",
    ):
        assert shown in flat, shown
    assert "[local](file:///etc/passwd)" in flat  # an image becomes text, never a fetch
