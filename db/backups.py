"""Backups of the library with SQLite's online backup API: verified before kept, rotated.

A backup is written to a temporary file, test-opened and checked (integrity_check, and the
tables are there), and only then renamed into backups/ — so a half-written or broken copy
never replaces anything. Retention keeps the newest few, one a day for a week, one a week
for five weeks and one a month for a year. Imports no Qt.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

KEEP_NEWEST = 5
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 5, 12
_NAME = re.compile(r"^studydesk-(\d{8}-\d{6})-([\w-]+)\.sqlite3$")
STAMP = "%Y%m%d-%H%M%S"


class BackupError(Exception):
    """The backup could not be made or restored; str(error) says why."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # local time
    reason: str  # "startup", "timer", "manual", "pre-migration", "before-restore"
    size: int


def backups_dir(database: Path) -> Path:
    return database.parent / "backups"


def verify(path: Path) -> str | None:
    """None when the file is a sound Study Desk library, else what is wrong with it."""
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                return "; ".join(result[:3])
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if "study_sets" not in tables:
                return "it holds no study sets table"
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None


def list_backups(database: Path) -> list[Backup]:
    """Newest first."""
    folder = backups_dir(database)
    found = []
    for path in folder.glob("studydesk-*.sqlite3") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match[1], STAMP)
            found.append(Backup(path, taken, match[2], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def make_backup(database: Path, reason: str, now: datetime | None = None) -> Backup:
    now = now or datetime.now()
    folder = backups_dir(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"studydesk-{now.strftime(STAMP)}-{reason}.sqlite3"
        counter = 1
        while final.exists():  # two in the same second
            final = (
                folder
                / f"studydesk-{(now + timedelta(seconds=counter)).strftime(STAMP)}-{reason}.sqlite3"
            )
            counter += 1
        temporary = folder / f".{final.name}.part"
        source = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(temporary)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        problem = verify(temporary)
        if problem is not None:
            temporary.unlink(missing_ok=True)
            raise BackupError(f"the copy did not check out ({problem}); nothing was replaced")
        os.replace(temporary, final)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"Cannot back up {database}: {exc}") from exc
    made = Backup(final, now.replace(microsecond=0), reason, final.stat().st_size)
    rotate(database, now)
    return made


def rotate(database: Path, now: datetime | None = None) -> list[Path]:
    """Delete backups that no retention rule keeps; the deleted paths."""
    now = now or datetime.now()
    backups = list_backups(database)
    keep = {b.path for b in backups[:KEEP_NEWEST]}
    for span, count, bucket in (
        (timedelta(days=KEEP_DAYS), KEEP_DAYS, lambda d: d.date()),
        (timedelta(weeks=KEEP_WEEKS), KEEP_WEEKS, lambda d: d.isocalendar()[:2]),
        (timedelta(days=31 * KEEP_MONTHS), KEEP_MONTHS, lambda d: (d.year, d.month)),
    ):
        seen: set[object] = set()
        for backup in backups:  # newest first: the newest of each day/week/month stays
            key = bucket(backup.taken_at)
            if now - backup.taken_at <= span and key not in seen and len(seen) < count:
                seen.add(key)
                keep.add(backup.path)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def changed_since_last_backup(database: Path) -> bool:
    if not database.exists():
        return False
    newest = list_backups(database)
    if not newest:
        return True
    modified = max(
        p.stat().st_mtime
        for p in (database, database.with_name(database.name + "-wal"))
        if p.exists()
    )
    return modified > newest[0].path.stat().st_mtime


def move_aside(database: Path, tag: str) -> Path:
    """Rename the database and its -wal/-shm to a unique name beside it; never deletes."""
    stamp = datetime.now().strftime(STAMP)
    base = database.with_name(f"{database.stem}.{tag}-{stamp}{database.suffix}")
    counter = 1
    while base.exists():
        base = database.with_name(f"{database.stem}.{tag}-{stamp}-{counter}{database.suffix}")
        counter += 1
    for suffix in ("", "-wal", "-shm"):
        part = database.with_name(database.name + suffix)
        if part.exists():
            os.replace(part, base.with_name(base.name + suffix))
    return base


def restore(database: Path, backup: Backup) -> Path | None:
    """Put ``backup`` in place of the database; the current one is moved aside first (so a
    restore can itself be undone). The path it was moved to, if there was one."""
    problem = verify(backup.path)
    if problem is not None:
        raise BackupError(f"the backup from {backup.taken_at:%d %b %Y %H:%M} is damaged: {problem}")
    aside = move_aside(database, "before-restore") if database.exists() else None
    temporary = database.with_name(database.name + ".restoring")
    shutil.copyfile(backup.path, temporary)
    os.replace(temporary, database)
    return aside
