"""Damaged, newer and half-migrated libraries, on real files: nothing is deleted, the user is
told, and the newest good backup comes back."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config

from db.backups import list_backups, make_backup, rotate, verify
from db.engine import Database
from db.health import KNOWN_REVISIONS
from db.migrations import MIGRATIONS_DIR
from desktop.services.library import Library, MigrationFailed
from desktop.services.safety import check_and_recover
from tests.study_files import SEED_QUESTION


def library_with_a_note(path: Path, body: str = "my precious note") -> None:
    library = Library(path)
    study_set_id = library.ensure_embedded_study_set()
    from db.notes import create_note
    from db.records import NoteAnchor

    with library.database().session() as session:
        create_note(session, study_set_id, NoteAnchor("question"), body)
    library.close()


def damage_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(b"this is not SQLite at all")


def damage_pages(path: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for _ in range(6):
            handle.seek(rng.randrange(4096, size - 4096))
            handle.write(bytes(rng.randrange(256) for _ in range(2048)))


def notes_in(path: Path) -> list[str]:
    with sqlite3.connect(path) as plain:
        return [row[0] for row in plain.execute("SELECT body FROM notes")]


def test_known_revisions_match_the_migrations() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    from alembic.script import ScriptDirectory

    revisions = {r.revision for r in ScriptDirectory.from_config(config).walk_revisions()}
    assert revisions == set(KNOWN_REVISIONS)


@pytest.mark.parametrize("damage", [damage_header, damage_pages])
def test_damaged_library_is_moved_aside_and_the_newest_backup_restored(
    damage, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "studydesk.sqlite3"
    library_with_a_note(path)
    backup = make_backup(path, "manual")
    damage(path)
    damaged_bytes = path.read_bytes()

    outcome = check_and_recover(path)
    assert not outcome.refuse
    assert outcome.message is not None and "damaged" in outcome.message
    assert f"{backup.taken_at:%d %B %Y at %H:%M}" in outcome.message
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name and p.suffix == ".sqlite3"]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes  # kept, not deleted
    assert str(aside[0]) in outcome.message
    assert notes_in(path) == ["my precious note"]


def test_damaged_library_without_backup_starts_fresh_and_keeps_the_damaged_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "studydesk.sqlite3"
    library_with_a_note(path)
    damage_header(path)
    outcome = check_and_recover(path)
    assert "no usable backup" in (outcome.message or "")
    assert not path.exists()  # the app then creates a new library here
    assert len(list(tmp_path.glob("studydesk.damaged-*.sqlite3"))) == 1
    Library(path).close()
    assert verify(path) is None


def test_a_damaged_backup_is_passed_over_for_an_older_good_one(tmp_path: Path) -> None:
    path = tmp_path / "studydesk.sqlite3"
    library_with_a_note(path, "old but good")
    good = make_backup(path, "manual", now=datetime.now() - timedelta(hours=2))
    bad = make_backup(path, "manual")
    damage_header(bad.path)
    damage_header(path)
    outcome = check_and_recover(path)
    assert f"{good.taken_at:%d %B %Y at %H:%M}" in (outcome.message or "")
    assert notes_in(path) == ["old but good"]


def test_a_newer_library_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "studydesk.sqlite3"
    library_with_a_note(path)
    with sqlite3.connect(path) as plain:
        plain.execute("UPDATE alembic_version SET version_num = '0099'")
    before = path.read_bytes()
    outcome = check_and_recover(path)
    assert outcome.refuse
    assert "newer version of Study Desk" in (outcome.message or "")
    assert path.read_bytes() == before
    assert list_backups(path) == []


def test_a_failing_migration_puts_the_library_back_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "studydesk.sqlite3"
    database = Database(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
    database.close()
    with sqlite3.connect(path) as plain:  # makes migration 0003 fail: its table exists
        plain.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, odd TEXT)")
        plain.execute("INSERT INTO events (odd) VALUES ('mine')")
    before = sqlite3.connect(path).execute("SELECT version_num FROM alembic_version").fetchone()
    with pytest.raises(MigrationFailed, match="put back as it was"):
        Library(path)
    with sqlite3.connect(path) as plain:
        assert plain.execute("SELECT version_num FROM alembic_version").fetchone() == before
        assert plain.execute("SELECT odd FROM events").fetchall() == [("mine",)]
    assert [b.reason for b in list_backups(path)] == ["pre-migration"]


def test_backups_are_verified_and_rotated(tmp_path: Path) -> None:
    path = tmp_path / "studydesk.sqlite3"
    library_with_a_note(path)
    start = datetime(2026, 1, 1, 9, 0)
    for hours in range(0, 24 * 90, 6):  # four a day for three months
        make_backup(path, "timer", now=start + timedelta(hours=hours))
    now = start + timedelta(days=90)
    rotate(path, now)
    kept = list_backups(path)
    assert len(kept) <= 5 + 7 + 5 + 12
    assert kept[0].taken_at == start + timedelta(hours=24 * 90 - 6)
    assert all(verify(b.path) is None for b in kept)
    days = {b.taken_at.date() for b in kept if now - b.taken_at <= timedelta(days=7)}
    assert len(days) == 7  # one a day for the last week


def test_the_embedded_question_survives_a_restore(tmp_path: Path) -> None:
    path = tmp_path / "studydesk.sqlite3"
    library_with_a_note(path)
    make_backup(path, "manual")
    with sqlite3.connect(path) as plain:
        assert plain.execute("SELECT title FROM study_sets").fetchone()[0] == SEED_QUESTION
