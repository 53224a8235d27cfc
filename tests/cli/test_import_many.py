"""`studydesk import PATH...` and `studydesk library` as a user runs them: a real subprocess."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli.test_commands import database_rows, studydesk
from tests.study_files import SEED_TEXT

TITLE = "what were Joseph Stalin's motivation and goals?"


def study_set(number: int) -> bytes:
    """A study set of its own (its own question, so its own SHA-256)."""
    return SEED_TEXT.replace("What were", f"Question {number}: what were", 1).encode("utf-8")


def bad_folder(folder: Path) -> Path:
    """Binaries, empty files, an unreadable file, a FIFO and symbolic-link loops."""
    (folder / "deeper").mkdir(parents=True)
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "deeper" / "notes.txt").write_text("just a line\n", encoding="utf-8")
    unreadable = folder / "deeper" / "locked.txt"
    unreadable.write_text("not a study set either\n", encoding="utf-8")
    unreadable.chmod(0)
    os.mkfifo(folder / "deeper" / "pipe")
    (folder / "deeper" / "loop").symlink_to("..")  # back to the folder itself
    (folder / "self").symlink_to("self")  # a link to itself
    return folder


def lines_for(stdout: str, name: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.split(": ", 1)[0].endswith(name)]


def test_folder_import_reports_each_file_and_a_total(database_file: Path, tmp_path: Path) -> None:
    folder = bad_folder(tmp_path / "sets")
    (folder / "one.txt").write_bytes(study_set(1))
    (folder / "deeper" / "two.txt").write_bytes(study_set(2))
    (folder / "z-copy-of-one.txt").write_bytes(study_set(1))
    result = studydesk("import", folder)
    assert result.returncode == 2, result.stderr
    out = result.stdout
    assert lines_for(out, "/one.txt") == [
        f"{folder}/one.txt: imported — Question 1: what were Joseph Stalin's motivation and goals?"
    ]
    assert lines_for(out, "z-copy-of-one.txt")[0].endswith(": already in your library — Question 1:"
                                                          " what were Joseph Stalin's motivation"
                                                          " and goals?")  # fmt: skip
    assert lines_for(out, "two.txt")[0].startswith(f"{folder}/deeper/two.txt: imported — ")
    assert "refused: picture.png is not a study set" in lines_for(out, "picture.png")[0]
    assert "the file is empty" in lines_for(out, "empty.txt")[0]
    assert "refused: notes.txt is not a study set" in lines_for(out, "notes.txt")[0]
    assert lines_for(out, "pipe") == [f"{folder}/deeper/pipe: skipped: a named pipe (FIFO), "
                                      "not a regular file"]  # fmt: skip
    assert "skipped: a link back to a folder already being imported" in out
    assert "skipped: a symbolic link that loops back on itself" in out
    if os.geteuid() != 0:  # root reads any file
        assert "refused: Cannot read" in lines_for(out, "locked.txt")[0]
    assert out.splitlines()[-1].startswith("Total: 10 files: 2 imported, 1 already in your library")
    assert "refused" in result.stderr
    rows = json.loads(studydesk("library", "--json").stdout)
    assert sorted(row["title"][:10] for row in rows) == ["Question 1", "Question 2"]


def test_refused_files_leave_the_library_as_it_was(database_file: Path, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_bytes(study_set(1))
    assert studydesk("import", tmp_path / "good.txt").returncode == 0
    before = database_rows(database_file)
    result = studydesk("import", bad_folder(tmp_path / "bad"), tmp_path / "missing.txt")
    assert result.returncode == 2
    assert "missing.txt: refused: " in result.stdout
    assert "does not exist" in result.stdout
    assert database_rows(database_file) == before


def test_only_refused_files_create_no_library(database_file: Path, tmp_path: Path) -> None:
    assert studydesk("import", bad_folder(tmp_path / "bad")).returncode == 2
    assert not database_file.exists()


def test_many_files_exit_0_and_the_library_lists_them(database_file: Path, tmp_path: Path) -> None:
    files = []
    for number in (1, 2, 3):
        files.append(tmp_path / f"set{number}.txt")
        files[-1].write_bytes(study_set(number))
    result = studydesk("import", *files)
    assert result.returncode == 0, result.stderr
    assert [line.split(": ", 2)[1] for line in result.stdout.splitlines()[:3]] == [
        "imported — Question 1",
        "imported — Question 2",
        "imported — Question 3",
    ]
    assert result.stdout.splitlines()[-1] == (
        "Total: 3 files: 3 imported, 0 already in your library, 0 refused."
    )
    again = studydesk("import", *files)
    assert again.returncode == 0
    assert again.stdout.splitlines()[-1] == (
        "Total: 3 files: 0 imported, 3 already in your library, 0 refused."
    )
    listing = studydesk("library", "--json")
    assert listing.returncode == 0, listing.stderr
    rows = json.loads(listing.stdout)
    assert [row["id"] for row in rows] == [1, 2, 3]
    assert set(rows[0]) >= {
        "id", "title", "sha256", "courses", "educators", "paragraphs", "notes", "highlights",
        "last_opened",
    }  # fmt: skip
    assert rows[0]["educators"] == ["gpane", "pohnpei397"]
    assert rows[0]["paragraphs"] == 6
    assert len(rows[0]["sha256"]) == 64
    table = studydesk("library")
    assert table.returncode == 0
    header, *body = table.stdout.splitlines()
    assert header.split() == [
        "id", "title", "sha256", "courses", "educators", "paragraphs", "notes", "highlights",
        "last", "opened",
    ]  # fmt: skip
    assert len(body) == 3
    assert body[0].split()[0] == "1"
    assert "Question 1:" in body[0]
    assert rows[0]["sha256"][:12] in body[0]
    assert body[0].rstrip().endswith("never")


def test_library_of_a_new_machine_is_empty(database_file: Path) -> None:
    assert studydesk("library").stdout == "Your library is empty.\n"
    assert json.loads(studydesk("library", "--json").stdout) == []
    assert not database_file.exists()


def test_studydesk_files_are_imported_through_set_files(
    database_file: Path,
    tmp_path: Path,
    user_folders: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "good.txt").write_bytes(study_set(1))
    assert studydesk("import", tmp_path / "good.txt").returncode == 0
    exported = tmp_path / "mine.studydesk"
    assert studydesk("export-set", "--set", "1", exported).returncode == 0
    (tmp_path / "broken.studydesk").write_bytes(b"PK\x03\x04 not really a zip")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))  # another machine
    assert studydesk("import", exported).returncode == 0
    fresh = tmp_path / "elsewhere" / "studydesk" / "studydesk.sqlite3"
    before = database_rows(fresh)
    result = studydesk("import", tmp_path / "broken.studydesk", exported)
    assert result.returncode == 2
    assert "broken.studydesk: refused: " in result.stdout
    assert f"mine.studydesk: already in your library — Question 1: {TITLE}" in result.stdout
    assert database_rows(fresh) == before


def test_an_empty_folder_says_there_was_nothing_to_import(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = studydesk("import", empty)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == (
        "Total: 0 files: nothing to import, as the folders given hold no files."
    )
