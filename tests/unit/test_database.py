"""The SQLite file: schema by migration, pragmas, study sets imported once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from db.engine import open_database
from db.migrations import MIGRATIONS_DIR, NewerDatabaseError
from db.reads import SCHEMA_HEAD
from desktop.services.library import ImportRefused, Library
from tests.study_files import ACCEPTED_VARIANTS, SEED_QUESTION, write_variant


def test_head_revision_constant_matches_the_migration_scripts() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


def test_new_database_is_migrated_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    database = open_database(tmp_path / "new" / "library.sqlite3")
    with database.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    database.close()
    with sqlite3.connect(tmp_path / "new" / "library.sqlite3") as plain:
        tables = {row[0] for row in plain.execute("SELECT name FROM sqlite_master")}
        version = plain.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert {"study_sets", "answers", "passages"} <= tables
    assert version == SCHEMA_HEAD


def test_embedded_study_set_is_imported_once(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    for _launch in range(3):
        library = Library(path)
        library.ensure_embedded_study_set()
        library.close()
    with sqlite3.connect(path) as plain:
        sets = plain.execute("SELECT title, is_embedded FROM study_sets").fetchall()
        passages = plain.execute("SELECT count(*) FROM passages").fetchone()[0]
    assert sets == [(SEED_QUESTION, 1)]
    assert passages == 6


def test_the_same_text_in_another_encoding_is_not_imported_twice(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite3")
    first = library.ensure_embedded_study_set()
    crlf = write_variant(tmp_path, "crlf", ACCEPTED_VARIANTS["crlf"][0])
    result = library.import_file(crlf)
    library.close()
    assert result.outcome.study_set_id == first
    assert result.outcome.created is False


def test_deleting_a_study_set_cascades_to_its_passages(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite3")
    library.ensure_embedded_study_set()
    with library.reader as connection:
        connection.execute("DELETE FROM study_sets")
    assert library.reader.execute("SELECT count(*) FROM passages").fetchone()[0] == 0
    library.close()


def test_database_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as plain:
        plain.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer Study Desk"):
        open_database(path)
    assert path.read_bytes() == before


def test_missing_file_is_refused_with_its_path(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite3")
    with pytest.raises(ImportRefused, match="does not exist"):
        library.import_file(tmp_path / "nowhere.txt")
    library.close()


def test_reads_and_orm_agree_on_what_was_imported(tmp_path: Path) -> None:
    library = Library(tmp_path / "library.sqlite3")
    study_set_id = library.ensure_embedded_study_set()
    record = library.load_study_set(study_set_id)
    library.close()
    assert record is not None
    assert record.title == SEED_QUESTION
    assert record.is_embedded
    assert [a.handle for a in record.answers] == ["gpane", "pohnpei397"]
    assert [[p.number for p in a.passages] for a in record.answers] == [[1, 2, 3], [1, 2, 3]]
    assert record.answers[1].passages[2].text.endswith("taking power away from Stalin.")
