"""Every way a command can fail ends in one line on stderr and exit 2, never a traceback, and
never a write into a library that is damaged, newer, locked or not ours to write."""

from __future__ import annotations

import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from db.backups import backups_dir, list_backups, make_backup
from desktop.services.library import Library
from tests.mounts import read_only_folder, tmpfs
from tests.reliability.test_damaged_library import damage_pages
from tests.reliability.test_library_health import garble_schema, without_permission_override
from tests.study_files import SEED_BYTES


def new_library(path: Path) -> None:
    library = Library(path)
    library.ensure_embedded_study_set()
    library.close()


def seed_file(folder: Path) -> Path:
    path = folder / "seed.txt"
    path.write_bytes(SEED_BYTES)
    return path


def run(
    *args: str | Path, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        timeout=120,
        **kwargs,
    )


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 2 and exactly one line on stderr, starting "studydesk:"; that line."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("studydesk: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def summary_args(tmp_path: Path) -> list[str | Path]:
    return ["summary", "--markdown", tmp_path / "out.md"]


@pytest.mark.parametrize("damage", [damage_pages, garble_schema])
def test_import_and_summary_refuse_a_damaged_library(
    damage, database_file: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    new_library(database_file)
    damage(database_file)
    before = database_file.read_bytes()
    assert_refused(run("import", seed_file(tmp_path)), "damaged")
    assert_refused(run(*summary_args(tmp_path)), "damaged")
    assert database_file.read_bytes() == before
    assert not (tmp_path / "out.md").exists()
    check = run("check")
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert "BAD" in check.stdout


def test_import_summary_and_backup_refuse_a_newer_library(
    database_file: Path, tmp_path: Path
) -> None:
    new_library(database_file)
    with sqlite3.connect(database_file) as plain:
        plain.execute("UPDATE alembic_version SET version_num = '0099'")
    before = database_file.read_bytes()
    assert_refused(run("import", seed_file(tmp_path)), "newer version")
    assert_refused(run(*summary_args(tmp_path)), "newer version")
    assert_refused(run("backup"), "newer version")
    assert database_file.read_bytes() == before
    assert list_backups(database_file) == []


def test_import_and_summary_refuse_a_locked_library(database_file: Path, tmp_path: Path) -> None:
    new_library(database_file)
    holder = sqlite3.connect(database_file, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert_refused(run("import", seed_file(tmp_path)), "locked")
        assert_refused(run(*summary_args(tmp_path)), "locked")
        check = run("check")
        assert check.returncode == 1 and "cannot be opened right now" in check.stdout
    finally:
        holder.close()
    assert not list(database_file.parent.glob("*.damaged-*"))


def test_import_and_summary_on_a_read_only_library(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro") as mount:
        library = mount / "studydesk" / "studydesk.sqlite3"
        new_library(library)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        env = {"XDG_DATA_HOME": str(mount)}
        assert_refused(run("import", seed_file(tmp_path), env=env), "read-only")
        assert_refused(run(*summary_args(tmp_path), env=env), "read-only")


def test_import_and_summary_with_an_unwritable_home(tmp_path: Path) -> None:
    with read_only_folder(tmp_path / "home") as home:
        env = {"HOME": str(home)}
        base = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        for args in (["import", seed_file(tmp_path)], summary_args(tmp_path)):
            result = subprocess.run(
                [sys.executable, "-m", "desktop", *map(str, args)],
                capture_output=True,
                text=True,
                env={**base, **env, "QT_QPA_PLATFORM": "offscreen"},
                timeout=120,
            )
            assert "Traceback" not in result.stderr
            assert result.returncode == 2, result.stderr
            assert [ln for ln in result.stderr.splitlines() if ln.startswith("studydesk: ")]


def test_import_on_a_full_disk(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", size="1m") as mount:
        data = mount / "studydesk"
        data.mkdir()
        env = {"XDG_DATA_HOME": str(mount)}
        subprocess.run(
            ["dd", "if=/dev/zero", f"of={mount / 'filler'}", "bs=64k"], capture_output=True
        )
        assert_refused(run("import", seed_file(tmp_path), env=env), "full")
        # An interrupted first library leaves nothing that locks the student out later.
        assert list(data.iterdir()) == []
        summary = run(*summary_args(tmp_path), env=env)
        assert "Traceback" not in summary.stderr and summary.returncode in (0, 2)
        (mount / "filler").unlink()
        again = run("import", seed_file(tmp_path), env=env)
        assert again.returncode == 0, again.stderr
        assert again.stdout.startswith("Imported")


def test_import_of_an_endless_device_is_refused(database_file: Path) -> None:
    def limit_memory() -> None:  # so a reader that never stops fails fast, not the machine
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    result = run("import", "/dev/zero", preexec_fn=limit_memory)
    assert_refused(result)
    assert not database_file.exists()


@pytest.mark.parametrize("wanted", ["99999999999999999999", "²", "0", "-1"])
def test_summary_of_a_study_set_that_is_not_there(
    wanted: str, database_file: Path, tmp_path: Path
) -> None:
    new_library(database_file)
    assert_refused(run(*summary_args(tmp_path), "--set", wanted), "no study set matches")


@pytest.mark.parametrize("force", [False, True])
def test_no_summary_overwrites_the_library_its_backups_or_the_lock(
    force: bool, database_file: Path, tmp_path: Path
) -> None:
    new_library(database_file)
    backup = make_backup(database_file, "manual")
    data = database_file.parent
    lock = data / "studydesk.lock"
    lock.write_text("12345\n")
    wal = database_file.with_name(database_file.name + "-wal")
    targets = [database_file, wal, database_file.with_name(database_file.name + "-shm")]
    targets += [backup.path, lock, backups_dir(database_file) / "new.pdf"]
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    for target in targets:
        for option in ("--pdf", "--markdown"):
            args = ["summary", option, target] + (["--force"] if force else [])
            assert_refused(run(*args), "Study Desk's own")
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def test_import_when_the_library_cannot_be_read(database_file: Path, tmp_path: Path) -> None:
    prefix = without_permission_override()
    new_library(database_file)
    database_file.chmod(0o000)
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    before = sorted(p.name for p in database_file.parent.iterdir())
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "desktop", "import", str(seed_file(tmp_path))],
        capture_output=True,
        text=True,
        env=base,
        timeout=120,
    )
    assert_refused(result, "not allowed")
    files = sorted(p.name for p in database_file.parent.iterdir())
    assert files == before
    database_file.chmod(0o644)
    with sqlite3.connect(database_file) as plain:
        assert plain.execute("SELECT count(*) FROM study_sets").fetchone()[0] == 1
