"""``studydesk check`` and ``studydesk backup`` on real libraries."""

from __future__ import annotations

from pathlib import Path

from db.backups import list_backups
from desktop.services.library import Library
from tests.cli.test_commands import studydesk
from tests.reliability.test_damaged_library import damage_pages


def new_library(database_file: Path) -> None:
    library = Library(database_file)
    library.ensure_embedded_study_set()
    library.close()


def test_check_reports_a_healthy_library(database_file: Path) -> None:
    new_library(database_file)
    result = studydesk("check")
    assert result.returncode == 0, result.stdout
    assert "full-text search (FTS5) available" in result.stdout
    assert "Integrity: ok" in result.stdout
    assert result.stdout.rstrip().endswith("Healthy.")


def test_check_finds_damage_and_changes_nothing(database_file: Path) -> None:
    new_library(database_file)
    damage_pages(database_file)
    before = database_file.read_bytes()
    result = studydesk("check")
    assert result.returncode == 1
    assert "BAD" in result.stdout
    assert database_file.read_bytes() == before


def test_backup_makes_a_checked_copy(database_file: Path) -> None:
    assert studydesk("backup").returncode == 2  # nothing to back up yet
    new_library(database_file)
    result = studydesk("backup")
    assert result.returncode == 0, result.stderr
    [backup] = list_backups(database_file)
    assert backup.reason == "manual"
    assert str(backup.path) in result.stdout
