"""Open the SQLite file: engine, pragmas on every connection, schema brought to head."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from db.migrations import ensure_schema_current


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.execute("PRAGMA journal_mode = WAL")
    # In WAL mode NORMAL never corrupts and never loses a commit to a crash or kill of the
    # process; only a power cut may roll back the last commits. FULL would fsync on every
    # autosave (several a second while typing) for a risk a study app does not need to take.
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


class Database:
    """One SQLite file. Each operation takes its own session through ``session()``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine: Engine = create_engine(f"sqlite:///{path}")
        event.listen(self.engine, "connect", _set_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any exception."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path) -> Database:
    """Open (creating if needed) the database at ``path`` with its schema at head."""
    path.parent.mkdir(parents=True, exist_ok=True)
    database = Database(path)
    try:
        ensure_schema_current(database.engine)
    except BaseException:
        database.close()
        raise
    return database


def _remove_with_sidecars(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def unfinished_path(path: Path) -> Path:
    """Where a new library is built before it is renamed into place."""
    return path.with_name(f".{path.name}.new")


def create_database(path: Path) -> None:
    """Create a new library at ``path``, all or nothing: it is built under a temporary name
    and renamed into place only once its schema is complete, so an interrupted or disk-full
    first launch leaves no half-made library behind (only a temporary, removed next time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = unfinished_path(path)
    _remove_with_sidecars(partial)
    try:
        database = Database(partial)
        try:
            ensure_schema_current(database.engine)
        finally:
            database.close()
        # The last connection closed has checkpointed and removed the -wal; a file that
        # still had one could not be renamed without losing what is in it.
        if partial.with_name(partial.name + "-wal").exists():
            raise OSError(f"the new library {partial} was not completely written")
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        _remove_with_sidecars(partial)
        raise
    try:
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)
