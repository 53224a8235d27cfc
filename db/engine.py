"""Open the SQLite file: engine, pragmas on every connection, schema brought to head."""

from __future__ import annotations

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
