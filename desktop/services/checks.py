"""``studydesk check``: is the library healthy? Reads only; never repairs or writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from db.reads import SCHEMA_HEAD, schema_revision


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str
    detail: str


def check_library(path: Path) -> Iterator[Finding]:
    version = sqlite3.sqlite_version
    options = {row[0] for row in sqlite3.connect(":memory:").execute("PRAGMA compile_options")}
    yield Finding(
        "ENABLE_FTS5" in options,
        "SQLite",
        f"{version}, full-text search (FTS5) "
        + ("available" if "ENABLE_FTS5" in options else "MISSING"),
    )
    if not path.exists():
        yield Finding(True, "Library", f"{path} does not exist yet (created on first launch)")
        return
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        yield Finding(False, "Library", f"{path} cannot be opened: {exc}")
        return
    try:
        revision = schema_revision(connection)
        yield Finding(
            revision == SCHEMA_HEAD,
            "Schema",
            f"version {revision} (this Study Desk: {SCHEMA_HEAD})",
        )
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        yield Finding(integrity == ["ok"], "Integrity", "; ".join(integrity[:5]))
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        yield Finding(not broken, "References", f"{len(broken)} broken" if broken else "ok")
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in ("study_sets", "notes", "highlights")
        }
        yield Finding(
            True, "Contents", ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in counts.items())
        )
    except sqlite3.DatabaseError as exc:
        yield Finding(False, "Library", f"{path} is damaged: {exc}")
    finally:
        connection.close()
