"""Is the library on disk still the file this process opened?

Another program can delete, move or replace the library or its write-ahead log while Study
Desk runs. SQLite keeps writing through the descriptors it holds, into a file nobody will
ever read again, and reports success: saves were lost silently that way. A check of the
files' identities (device and inode) before each write finds it first.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Identity:
    device: int
    inode: int


def identity(path: Path) -> Identity | None:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return Identity(status.st_dev, status.st_ino)


def wal_path(database: Path) -> Path:
    return database.with_name(database.name + "-wal")


def rescue_journal(connection: sqlite3.Connection) -> None:
    """Copy everything in this connection's write-ahead log into the database file.

    The log may already be unlinked: SQLite reads it through the descriptor it holds, so
    the changes in it reach the database file instead of disappearing with the process."""
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
