"""Backups of the library with SQLite's online backup API: verified before kept, rotated.

A backup is written to a temporary file, which records inside itself when (in UTC) and why
it was taken, is test-opened and checked (db.health.inspect), and only then renamed into
backups/ — so a half-written or broken copy never replaces anything. Backups are ordered by
the UTC time recorded inside them, never by a local clock (a student who flies west must
still get the newest one back). Retention keeps the newest few, one a day for a week, one a
week for five weeks and one a month for a year — among the automatic ones: a backup the
student asked for ("manual") is never rotated out; it stays until the student deletes it.
An automatic backup is made only when the library's content differs from the newest backup's.
Imports no Qt.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from db.health import BACKUP_INFO_TABLE, State, describe, inspect

KEEP_NEWEST = 5
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 5, 12
STAMP = "%Y%m%dT%H%M%SZ"  # UTC
_NAME = re.compile(r"^studydesk-(\d{8}T\d{6}Z|\d{8}-\d{6})-([\w-]+)\.sqlite3$")
_PART = re.compile(r"^\..+?(?:\.(\d+))?\.part(?:-wal|-shm|-journal)?$")
_SIDECARS = ("", "-wal", "-shm", "-journal")
MANUAL = "manual"  # the reason of a backup the student asked for: kept until deleted
# The library as it was before a restore, kept in the backups' list (restoring it undoes the
# restore) and, like a manual one, until the student deletes it.
BEFORE_RESTORE = "before-restore"
KEPT_UNTIL_DELETED = (MANUAL, BEFORE_RESTORE)
_in_progress: set[Path] = set()  # temporaries this process is writing now
_in_progress_lock = threading.Lock()


class BackupError(Exception):
    """The backup could not be made or restored; str(error) says why."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at_utc: datetime  # timezone-aware, UTC: the order of backups
    reason: str  # "startup", "timer", "manual", "pre-migration", "before-restore"
    size: int

    @property
    def taken_at(self) -> datetime:
        """The local wall-clock time it was taken (naive), for people."""
        return self.taken_at_utc.astimezone().replace(tzinfo=None)


def _as_utc(moment: datetime) -> datetime:
    """A naive datetime is local time, as ``datetime.now()`` gives."""
    return moment.astimezone(UTC)


def backups_dir(database: Path) -> Path:
    return database.parent / "backups"


def verify(path: Path) -> str | None:
    """None when the file is a sound Study Desk library this version can open, else what is
    wrong with it."""
    inspection = inspect(path, thorough=True)
    if inspection.state is State.HEALTHY:
        return None
    if inspection.state is State.MISSING:
        return "the file is missing"
    return inspection.reason


def recorded_time(path: Path) -> datetime | None:
    """The UTC time a backup recorded inside itself when it was taken; None if it has none."""
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            row = connection.execute(
                f"SELECT taken_at_utc FROM {BACKUP_INFO_TABLE} LIMIT 1"  # noqa: S608
            ).fetchone()
        finally:
            connection.close()
        return None if row is None else datetime.fromisoformat(str(row[0])).astimezone(UTC)
    except (sqlite3.Error, ValueError, UnicodeDecodeError, OSError):
        return None


def list_backups(database: Path) -> list[Backup]:
    """Newest first, by the UTC time each backup recorded inside itself."""
    folder = backups_dir(database)
    found = []
    for path in folder.glob("studydesk-*.sqlite3") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if not match:
            continue
        try:
            stat = path.stat()
        except OSError:
            continue
        taken = recorded_time(path)
        if taken is None and match[1].endswith("Z"):  # damaged, but its name is UTC
            taken = datetime.strptime(match[1], STAMP).replace(tzinfo=UTC)
        if taken is None:  # an old backup named by local time: its modification time
            taken = datetime.fromtimestamp(stat.st_mtime, UTC)
        found.append(Backup(path, taken.replace(microsecond=0), match[2], stat.st_size))
    return sorted(found, key=lambda b: b.taken_at_utc, reverse=True)


def _remove_with_sidecars(path: Path) -> None:
    for suffix in _SIDECARS:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(database: Path) -> list[Path]:
    """Remove what an interrupted backup or restore left behind (``.part`` files and their
    -wal/-shm/-journal, a ``.restoring`` copy); the removed paths. A temporary that another
    running process is still writing is left alone."""
    removed: list[Path] = []
    folder = backups_dir(database)
    candidates = list(folder.iterdir()) if folder.is_dir() else []
    for path in candidates:
        match = _PART.match(path.name)
        if not match:
            continue
        with _in_progress_lock:
            ours_now = any(path.name.startswith(p.name) for p in _in_progress)
        pid = int(match[1]) if match[1] else None
        if ours_now or (pid is not None and pid != os.getpid() and _alive(pid)):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    restoring = database.with_name(database.name + ".restoring")
    for suffix in _SIDECARS:
        part = restoring.with_name(restoring.name + suffix)
        if part.exists():
            part.unlink(missing_ok=True)
            removed.append(part)
    return removed


def _write_copy(database: Path, temporary: Path, taken: datetime, reason: str) -> None:
    """Copy the library into ``temporary`` with the backup API, as a self-contained file (no
    -wal beside it) that records when and why it was taken."""
    source = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        target = sqlite3.connect(temporary)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            target.execute(
                f"CREATE TABLE IF NOT EXISTS {BACKUP_INFO_TABLE} "
                "(taken_at_utc TEXT NOT NULL, reason TEXT NOT NULL)"
            )
            target.execute(f"DELETE FROM {BACKUP_INFO_TABLE}")  # noqa: S608
            target.execute(
                f"INSERT INTO {BACKUP_INFO_TABLE} VALUES (?, ?)",  # noqa: S608
                (taken.isoformat(), reason),
            )
            target.commit()
        finally:
            target.close()
    finally:
        source.close()
    with temporary.open("rb") as handle:
        os.fsync(handle.fileno())


def make_backup(database: Path, reason: str, now: datetime | None = None) -> Backup:
    """Back up ``database`` now (``now``: local naive or aware; default the present)."""
    taken = _as_utc(now or datetime.now(UTC)).replace(microsecond=0)
    source = inspect(database)
    if source.state is State.NEWER:
        raise BackupError(f"Not backed up: {describe(source)}.")
    if source.state is State.MISSING:
        raise BackupError(f"Cannot back up {database}: there is no library there yet.")
    folder = backups_dir(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        moment = taken
        final = folder / f"studydesk-{moment.strftime(STAMP)}-{reason}.sqlite3"
        while final.exists():  # two in the same second
            moment += timedelta(seconds=1)
            final = folder / f"studydesk-{moment.strftime(STAMP)}-{reason}.sqlite3"
        temporary = folder / f".{final.name}.{os.getpid()}.part"
        with _in_progress_lock:
            _in_progress.add(temporary)
        try:
            _write_copy(database, temporary, moment, reason)
            problem = verify(temporary)
            if problem is not None:
                raise BackupError(
                    f"Cannot back up {database}: the copy did not check out ({problem}); "
                    "nothing was replaced"
                )
            os.replace(temporary, final)
        finally:
            _remove_with_sidecars(temporary)
            with _in_progress_lock:
                _in_progress.discard(temporary)
            clean_leftovers(database)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"Cannot back up {database}: {exc}") from exc
    made = Backup(final, moment, reason, final.stat().st_size)
    rotate(database, now)
    return made


def rotate(database: Path, now: datetime | None = None) -> list[Path]:
    """Delete automatic backups that no retention rule keeps; the deleted paths. Days, weeks
    and months are the student's local ones; ages are measured in UTC. A manual backup is
    never deleted here (see delete_backup)."""
    now_utc = _as_utc(now or datetime.now(UTC))
    backups = [b for b in list_backups(database) if b.reason not in KEPT_UNTIL_DELETED]
    keep = {b.path for b in backups[:KEEP_NEWEST]}
    rules: list[tuple[timedelta, int, Callable[[datetime], Hashable]]] = [
        (timedelta(days=KEEP_DAYS), KEEP_DAYS, lambda d: d.date()),
        (timedelta(weeks=KEEP_WEEKS), KEEP_WEEKS, lambda d: tuple(d.isocalendar())[:2]),
        (timedelta(days=31 * KEEP_MONTHS), KEEP_MONTHS, lambda d: (d.year, d.month)),
    ]
    for span, count, bucket in rules:
        seen: set[Hashable] = set()
        for backup in backups:  # newest first: the newest of each day/week/month stays
            key = bucket(backup.taken_at)
            if now_utc - backup.taken_at_utc <= span and key not in seen and len(seen) < count:
                seen.add(key)
                keep.add(backup.path)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


# Columns that record only that the library was looked at, not anything the student made:
# opening a study set must not count as a change worth a new backup.
_BOOKKEEPING = {"study_sets": {"last_opened_at"}}


def content_digest(path: Path) -> str:
    """A digest of what the library holds (every ordinary table's rows, in a stable order),
    leaving out how and when a backup was taken: equal for a library and a backup of it."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
    digest = hashlib.sha256()
    try:
        connection.execute("BEGIN")  # one consistent snapshot of every table
        tables = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        for name, sql in tables:
            if name == BACKUP_INFO_TABLE or str(sql or "").upper().startswith("CREATE VIRTUAL"):
                continue  # a virtual (FTS5) table's data is in its shadow tables
            quoted = '"' + str(name).replace('"', '""') + '"'
            cursor = connection.execute(f"SELECT * FROM {quoted} LIMIT 0")  # noqa: S608
            skipped = _BOOKKEEPING.get(str(name), set())
            columns = [
                '"' + str(column[0]).replace('"', '""') + '"'
                for column in cursor.description or ()
                if column[0] not in skipped
            ]
            chosen = ", ".join(columns)
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            digest.update(f"\0table {name}\0".encode())
            for row in connection.execute(
                f"SELECT {chosen} FROM {quoted} ORDER BY {order}"  # noqa: S608
            ):
                digest.update(repr(row).encode())
        connection.execute("COMMIT")
    finally:
        connection.close()
    return digest.hexdigest()


def changed_since_last_backup(database: Path) -> bool:
    """Whether the library holds anything the newest backup does not (by content: opening
    and closing the window, which touches the file, is not a change)."""
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
    if modified <= newest[0].path.stat().st_mtime:
        return False
    try:
        return content_digest(database) != content_digest(newest[0].path)
    except sqlite3.Error:
        return True  # cannot compare: a backup is the safe answer


def delete_backup(database: Path, backup: Backup) -> None:
    """Delete one backup (the student's choice in Help › Backups); only a file in this
    library's backups folder."""
    folder = backups_dir(database).resolve()
    if backup.path.resolve().parent != folder or not _NAME.match(backup.path.name):
        raise BackupError(f"{backup.path} is not one of this library's backups")
    try:
        _remove_with_sidecars(backup.path)
    except OSError as exc:
        raise BackupError(f"Cannot delete {backup.path.name}: {exc}") from exc


def move_aside(database: Path, tag: str) -> Path:
    """Rename the database and its -wal/-shm to a unique name beside it; never deletes."""
    stamp = datetime.now(UTC).strftime(STAMP)
    base = database.with_name(f"{database.stem}.{tag}-{stamp}{database.suffix}")
    counter = 1
    while base.exists():
        base = database.with_name(f"{database.stem}.{tag}-{stamp}-{counter}{database.suffix}")
        counter += 1
    _move_with_sidecars(database, base)
    return base


def _keep_as_backup(database: Path, reason: str) -> Path:
    """Move the database (and its -wal/-shm) into the backups folder as a backup of
    ``reason``: listed, and restorable like any backup (restore reads a -wal beside it).
    Only renames: a connection still open elsewhere keeps the moved file, and nothing here
    can fail half-way (folding the log in took a lock that connection held)."""
    folder = backups_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime(STAMP)
    target = folder / f"studydesk-{stamp}-{reason}.sqlite3"
    counter = 1
    while target.exists():
        target = folder / f"studydesk-{stamp}-{reason}-{counter}.sqlite3"
        counter += 1
    _move_with_sidecars(database, target)
    return target


def _move_with_sidecars(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        part = source.with_name(source.name + suffix)
        if part.exists():
            os.replace(part, target.with_name(target.name + suffix))


def _copy_database(source: Path, target: Path) -> None:
    """A copy of ``source`` as one file: with the write-ahead log beside it read in (the
    library kept before a restore may have one), else the file as it is."""
    if not source.with_name(source.name + "-wal").exists():
        shutil.copyfile(source, target)
        return
    reader, writer = sqlite3.connect(source), sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def restore(database: Path, backup: Backup, *, listed: bool = True) -> Path | None:
    """Put ``backup`` in place of the database; the current one is moved aside first (so a
    restore can itself be undone): into the backups' list (``listed``), else beside the
    database (a library a failed update left half-done, which no one should pick from the
    list). The path it was moved to, if there was one."""
    problem = verify(backup.path)
    if problem is not None:
        raise BackupError(f"the backup from {backup.taken_at:%d %b %Y %H:%M} is damaged: {problem}")
    temporary = database.with_name(database.name + ".restoring")
    _remove_with_sidecars(temporary)
    try:
        try:
            _copy_database(backup.path, temporary)
            copy = sqlite3.connect(temporary)
            try:
                copy.execute(f"DROP TABLE IF EXISTS {BACKUP_INFO_TABLE}")
                copy.commit()
                copy.execute("PRAGMA journal_mode = WAL")
            finally:
                copy.close()
        except sqlite3.Error as exc:  # the library has not been touched yet
            raise BackupError(f"the backup could not be copied: {exc}") from exc
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        keep = _keep_as_backup if listed else move_aside
        aside = keep(database, BEFORE_RESTORE) if database.exists() else None
        try:
            os.replace(temporary, database)
        except OSError:
            if aside is not None:  # the library goes back where it was, as it was
                _move_with_sidecars(aside, database)
            raise
    finally:
        _remove_with_sidecars(temporary)
    return aside
