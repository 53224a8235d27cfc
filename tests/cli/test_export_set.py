"""`studydesk export-set` as a user runs it (a subprocess), and the file read back into a
fresh library."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from db.set_file_data import gather_work
from desktop.services.library import Library
from desktop.services.set_files import import_studydesk
from tests.unit.test_set_file import make_work


def studydesk(*args: str | Path, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    if data is not None:
        env["XDG_DATA_HOME"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as plain:
        return list(plain.iterdump())


@pytest.fixture
def worked_set(database_file: Path) -> int:
    library = Library(database_file)
    try:
        return make_work(library)
    finally:
        library.close()


def test_round_trip_through_the_command(
    worked_set: int, database_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "mine.studydesk"
    # Unquoted title words, and the student's own title.
    done = studydesk("export-set", "--set", "Stalin's", "aims", out)
    assert done.returncode == 0, done.stderr
    assert out.name in done.stdout and zipfile.is_zipfile(out)

    fresh = tmp_path / "fresh" / "studydesk.sqlite3"
    other = Library(fresh)
    first = Library(database_file)
    try:
        report = import_studydesk(other, out)
        assert gather_work(other.reader, report.study_set_id) == gather_work(
            first.reader, worked_set
        )
    finally:
        other.close()
        first.close()


def test_by_number_and_with_out_first(worked_set: int, tmp_path: Path) -> None:
    out = tmp_path / "n"  # the extension is added
    done = studydesk("export-set", out, "--set", str(worked_set))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "n.studydesk").is_file()


def test_existing_file_needs_force(worked_set: int, tmp_path: Path) -> None:
    out = tmp_path / "a.studydesk"
    out.write_bytes(b"keep me")
    refused = studydesk("export-set", "--set", str(worked_set), out)
    assert refused.returncode == 2
    assert "already exists" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert out.read_bytes() == b"keep me"
    forced = studydesk("export-set", "--set", str(worked_set), out, "--force")
    assert forced.returncode == 0, forced.stderr
    assert zipfile.is_zipfile(out)


def test_title_words_without_out_write_nothing(
    worked_set: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    refused = studydesk("export-set", "--set", "Stalin's", "aims")  # OUT forgotten
    assert refused.returncode == 2
    assert "say where to write" in refused.stderr
    assert list(tmp_path.glob("*.studydesk")) == []  # it wrote aims.studydesk


def test_refusals_are_one_line(worked_set: int, database_file: Path, tmp_path: Path) -> None:
    before = dump(database_file)
    cases = [
        (["--set", "nothing", "like", "this", tmp_path / "x.studydesk"], "no study set"),
        (["--set", "1", database_file.parent / "x.studydesk"], "data folder"),
        (["--set", "1", tmp_path / "missing" / "x.studydesk"], "does not exist"),
    ]
    for args, expected in cases:
        refused = studydesk("export-set", *args)
        assert refused.returncode == 2, refused
        assert expected in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
    assert dump(database_file) == before
    assert not list(database_file.parent.glob("*.studydesk*"))


def test_an_ambiguous_title_lists_only_the_matches(
    worked_set: int, database_file: Path, tmp_path: Path
) -> None:
    from db import library as organise
    from tests.study_files import SEED_TEXT

    library = Library(database_file)
    try:
        for n, title in enumerate(["First World War", "First World War causes", "Other"]):
            text = SEED_TEXT.replace("What were", f"Variant {n}: what were", 1)
            from desktop.content.studyset import parse_study_set_text

            set_id = library.import_parsed(parse_study_set_text(text, f"v{n}.txt")).outcome
            with library.database().session() as session:
                organise.set_display_title(session, set_id.study_set_id, title)
    finally:
        library.close()
    refused = studydesk("export-set", "--set", "World", "War", tmp_path / "w.studydesk")
    assert refused.returncode == 2
    assert "matches 2 study sets" in refused.stderr
    assert "First World War causes" in refused.stderr and "Other" not in refused.stderr
    assert "Stalin" not in refused.stderr
    exact = studydesk("export-set", "--set", "First", "World", "War", tmp_path / "w.studydesk")
    assert exact.returncode == 0, exact.stderr
