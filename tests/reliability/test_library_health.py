"""One health check for start-up, ``studydesk check`` and backups, on real files: only
proven damage is repaired; a locked or unreadable library is left where it is; backups are
ordered by the UTC time inside them; a half-made first library never locks the student out."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.backups import backups_dir, list_backups, make_backup, verify
from db.health import KNOWN_REVISIONS, State, inspect
from db.migrations import MIGRATIONS_DIR, NewerDatabaseError
from desktop.services.library import Library
from desktop.services.safety import check_and_recover
from tests.cli.test_commands import studydesk
from tests.reliability.test_damaged_library import (
    damage_pages,
    library_with_a_note,
    notes_in,
)


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def garble_schema(path: Path) -> None:
    """Overwrite the notes table's name and CREATE statement in sqlite_master with bytes that
    are not UTF-8: SQLite's error message then carries them."""
    data = bytearray(path.read_bytes())
    create = data.find(b"CREATE TABLE notes")
    name = data.rfind(b"tablenotesnotes", 0, create)
    assert create > 0 and name > 0
    data[name + 5 : name + 10] = b"\xff\xfe\xfd\xfc\xfb"
    data[create + 13 : create + 18] = b"\xff\xfe\xfd\xfc\xfb"
    path.write_bytes(bytes(data))


def without_permission_override() -> list[str]:
    """A command prefix that runs a child as root without the capabilities that let root
    read any file: file permissions then bind it like any user (a chmod alone proves nothing
    to root)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_the_known_revisions_are_read_from_the_migration_scripts() -> None:
    names = {p.name.split("_")[0] for p in (MIGRATIONS_DIR / "versions").glob("0*.py")}
    assert set(KNOWN_REVISIONS) == names


def test_a_locked_library_is_left_in_place_and_start_up_says_retry(tmp_path: Path) -> None:
    path = tmp_path / "studydesk.sqlite3"
    library_with_a_note(path)
    make_backup(path, "manual")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        before = files_in(tmp_path)
        outcome = check_and_recover(path)
        assert outcome.refuse and outcome.retry
        assert "locked" in (outcome.message or "")
        assert "left where it is" in (outcome.message or "")
        assert files_in(tmp_path) == before  # nothing moved aside, nothing restored
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert notes_in(path) == ["my precious note"]


def test_a_library_this_user_cannot_read_is_left_in_place(tmp_path: Path) -> None:
    prefix = without_permission_override()
    path = tmp_path / "studydesk.sqlite3"
    library_with_a_note(path)
    make_backup(path, "manual")
    path.chmod(0o000)
    before = files_in(tmp_path)
    code = (
        "from pathlib import Path; from desktop.services.safety import check_and_recover; "
        f"r = check_and_recover(Path({str(path)!r})); print(r.refuse, r.retry); print(r.message)"
    )
    result = subprocess.run(
        [*prefix, sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    flags, message = result.stdout.split("\n", 1)
    assert flags == "True True"
    assert "not allowed to open it" in message
    assert files_in(tmp_path) == before
    assert not list(tmp_path.glob("*.damaged-*"))


def test_garbage_in_the_schema_is_damage_and_is_repaired(tmp_path: Path) -> None:
    path = tmp_path / "studydesk.sqlite3"
    library_with_a_note(path)
    make_backup(path, "manual")
    garble_schema(path)
    assert inspect(path).state is State.DAMAGED
    assert inspect(path, thorough=True).state is State.DAMAGED
    outcome = check_and_recover(path)
    assert not outcome.refuse
    assert "damaged" in (outcome.message or "")
    assert notes_in(path) == ["my precious note"]
    assert len(list(tmp_path.glob("studydesk.damaged-*.sqlite3"))) == 1


def test_the_damage_message_speaks_in_sentences(tmp_path: Path) -> None:
    path = tmp_path / "studydesk.sqlite3"
    library_with_a_note(path)
    damage_pages(path)
    message = check_and_recover(path).message or ""
    assert "damaged" in message
    for raw in ("***", "Page ", "Tree ", "btree", "\n", "database disk image"):
        assert raw not in message


def _backup_in(tz: str, database: Path) -> None:
    env_tz = {"TZ": tz}
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "backup"],
        capture_output=True,
        text=True,
        env={**os.environ, **env_tz},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_backups_are_ordered_by_the_utc_time_inside_them(database_file: Path) -> None:
    library_with_a_note(database_file, "written in Tokyo")
    _backup_in("Asia/Tokyo", database_file)
    time.sleep(1.1)
    with sqlite3.connect(database_file) as plain:
        plain.execute("UPDATE notes SET body = 'written after flying to Los Angeles'")
    _backup_in("America/Los_Angeles", database_file)
    newest, older = list_backups(database_file)
    assert newest.taken_at_utc > older.taken_at_utc
    assert all(b.path.name.split("-")[1].endswith("Z") for b in (newest, older))  # UTC names
    # Names are only labels: the time recorded inside each backup decides.
    fake = newest.path.with_name("studydesk-20000101T000000Z-manual.sqlite3")
    newest.path.rename(fake)
    assert list_backups(database_file)[0].path == fake
    damage_pages(database_file)
    outcome = check_and_recover(database_file)
    assert "restored" in (outcome.message or "")
    assert notes_in(database_file) == ["written after flying to Los Angeles"]


def _empty_but_begun(path: Path) -> None:
    plain = sqlite3.connect(path)
    plain.execute("PRAGMA journal_mode = WAL")  # writes the header page, nothing else
    plain.close()


@pytest.mark.parametrize("size", [0, 4096])
def test_an_unfinished_first_library_is_set_aside_and_started_afresh(
    size: int, database_file: Path
) -> None:
    database_file.parent.mkdir(parents=True)
    if size:
        _empty_but_begun(database_file)
    else:
        database_file.touch()
    assert database_file.stat().st_size == size
    outcome = check_and_recover(database_file)
    assert not outcome.refuse
    assert "never finished" in (outcome.message or "")
    assert len(list(database_file.parent.glob("studydesk.unfinished-*.sqlite3"))) == 1
    library = Library(database_file)
    library.ensure_embedded_study_set()
    library.close()
    assert verify(database_file) is None


def test_a_new_library_appears_only_when_complete(database_file: Path) -> None:
    library = Library(database_file)
    library.close()
    assert [p.name for p in database_file.parent.iterdir()] == [database_file.name]
    assert verify(database_file) is None


def test_a_newer_library_is_refused_before_any_backup(database_file: Path) -> None:
    library_with_a_note(database_file)
    with sqlite3.connect(database_file) as plain:
        plain.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(NewerDatabaseError):
        Library(database_file)
    assert not backups_dir(database_file).exists() or not list(backups_dir(database_file).iterdir())


def test_a_backup_leaves_no_temporaries(database_file: Path) -> None:
    library_with_a_note(database_file)
    make_backup(database_file, "manual")
    result = studydesk("backup")
    assert result.returncode == 0, result.stderr
    names = [p.name for p in backups_dir(database_file).iterdir()]
    assert len(names) == 2 and all(n.startswith("studydesk-") for n in names), names
    assert all(n.endswith(".sqlite3") for n in names), names


def _big_library(path: Path) -> None:
    library_with_a_note(path)
    with sqlite3.connect(path) as plain:
        study_set = plain.execute("SELECT id FROM study_sets").fetchone()[0]
        filler = "x" * 200_000
        for _ in range(300):  # about 60 MB: the backup takes a moment
            plain.execute(
                "INSERT INTO notes (study_set_id, anchor_kind, body, created_at, updated_at) "
                "SELECT study_set_id, anchor_kind, ?, created_at, updated_at FROM notes "
                "WHERE study_set_id = ? LIMIT 1",
                (filler, study_set),
            )


def test_a_killed_backup_leaves_nothing_behind_after_the_next_start(
    database_file: Path,
) -> None:
    _big_library(database_file)
    folder = backups_dir(database_file)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    for _attempt in range(5):
        child = subprocess.Popen(
            [sys.executable, "-m", "desktop", "backup"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while child.poll() is None and time.monotonic() < deadline:
            if folder.is_dir() and any(p.name.endswith(".part") for p in folder.iterdir()):
                child.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        child.wait()
        if child.returncode == -signal.SIGKILL:
            break
        for backup in list_backups(database_file):  # it finished first: again
            backup.path.unlink()
    else:
        pytest.fail("never caught the backup in the act")
    assert any(".part" in p.name for p in folder.iterdir())
    outcome = check_and_recover(database_file)
    assert outcome.message is None
    assert not [p.name for p in folder.iterdir() if ".part" in p.name]
