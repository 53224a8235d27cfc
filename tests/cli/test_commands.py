"""The command line as a user runs it: a real subprocess, no display."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from tests.study_files import ACCEPTED_VARIANTS, REFUSED_VARIANTS, SEED_QUESTION, write_variant


def studydesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_a_mistyped_command_is_named_and_opens_no_window(tmp_path: Path) -> None:
    # No display here: a window opened would fail instead.
    typo = studydesk("libary")
    assert typo.returncode == 2
    assert "'libary' is neither a command nor a file" in typo.stderr
    assert "Did you mean `studydesk library`?" in typo.stderr
    missing = studydesk(tmp_path / "missing.txt")
    assert missing.returncode == 2 and "neither a command nor a file" in missing.stderr


def database_rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as plain:
        return list(plain.iterdump())


def test_version_and_help_need_no_display() -> None:
    version = studydesk("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"studydesk {__version__}")
    help_text = studydesk("--help")
    assert help_text.returncode == 0
    assert "studydesk import FILE" in help_text.stdout


def test_import_prints_title_educators_and_paragraphs(database_file: Path, tmp_path: Path) -> None:
    seed = write_variant(tmp_path, "seed", ACCEPTED_VARIANTS["seed"][0])
    result = studydesk("import", seed)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Imported {SEED_QUESTION}",
        "2 educators (gpane, pohnpei397), 6 paragraphs, UTF-8",
    ]
    again = studydesk("import", seed)
    assert again.returncode == 0
    assert again.stdout.startswith("Already in your library:")
    with sqlite3.connect(database_file) as plain:
        assert plain.execute("SELECT count(*) FROM study_sets").fetchone()[0] == 1
        assert plain.execute("SELECT count(*) FROM passages").fetchone()[0] == 6


@pytest.mark.parametrize("name", sorted(set(ACCEPTED_VARIANTS) - {"seed"}))
def test_import_accepts_each_variant(name: str, database_file: Path, tmp_path: Path) -> None:
    data, encoding = ACCEPTED_VARIANTS[name]
    result = studydesk("import", write_variant(tmp_path, name, data))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Imported {SEED_QUESTION}"
    assert result.stdout.rstrip().endswith(encoding)
    with sqlite3.connect(database_file) as plain:
        assert plain.execute("SELECT encoding FROM study_sets").fetchone()[0] == encoding


@pytest.mark.parametrize("name", sorted(REFUSED_VARIANTS))
def test_import_refuses_with_the_parsers_message_and_changes_nothing(
    name: str, database_file: Path, tmp_path: Path
) -> None:
    assert (
        studydesk(
            "import", write_variant(tmp_path, "seed", ACCEPTED_VARIANTS["seed"][0])
        ).returncode
        == 0
    )
    before = database_rows(database_file)
    data, phrase = REFUSED_VARIANTS[name]
    result = studydesk("import", write_variant(tmp_path, name, data))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"studydesk: {name}.txt is not a study set: ")
    assert phrase in result.stderr
    assert database_rows(database_file) == before


def test_refused_import_on_a_new_machine_creates_no_database(
    database_file: Path, tmp_path: Path
) -> None:
    result = studydesk("import", write_variant(tmp_path, "empty", b""))
    assert result.returncode == 2
    assert not database_file.exists()


def test_import_of_a_missing_file(tmp_path: Path) -> None:
    result = studydesk("import", tmp_path / "missing.txt")
    assert result.returncode == 2
    assert "missing.txt does not exist" in result.stderr
