"""Reading an Anki package written earlier (the SQL of the .apkg's collection)."""

from __future__ import annotations

import sqlite3
import tempfile
import zipfile
from pathlib import Path


def newest_note_time(apkg: Path) -> float:
    """The newest note time (seconds) inside the Anki package ``apkg``; 0 when there is no
    such file or it is not one."""
    try:
        with zipfile.ZipFile(apkg) as package, tempfile.TemporaryDirectory() as folder:
            name = "collection.anki2"
            if name not in package.namelist():
                return 0.0
            package.extract(name, folder)
            connection = sqlite3.connect(Path(folder) / name)
            try:
                row = connection.execute("SELECT max(mod) FROM notes").fetchone()
            finally:
                connection.close()
            return float(row[0] or 0)
    except (OSError, zipfile.BadZipFile, sqlite3.Error, ValueError):
        return 0.0
