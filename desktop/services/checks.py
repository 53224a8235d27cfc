"""``studydesk check``: is the library healthy? Reads only; never repairs or writes.

The verdict is db.health.inspect's, the same check start-up and backups use."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from db.health import State, fts5_available, inspect
from db.reads import SCHEMA_HEAD
from desktop.services.study_check import card_findings


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str
    detail: str


def check_library(path: Path) -> Iterator[Finding]:
    fts5 = fts5_available()
    yield Finding(
        fts5,
        "SQLite",
        f"{sqlite3.sqlite_version}, full-text search (FTS5) "
        + ("available" if fts5 else "MISSING"),
    )
    report = inspect(path, thorough=True)
    if report.state is State.MISSING:
        yield Finding(True, "Library", f"{path} does not exist yet (created on first launch)")
        return
    if report.state is State.UNREACHABLE:
        yield Finding(False, "Library", f"{path} cannot be opened right now: {report.reason}")
        return
    if report.state is State.UNFINISHED:
        yield Finding(
            False,
            "Library",
            f"{path} was never finished ({report.reason}); Study Desk sets it aside and "
            "starts afresh when it next starts",
        )
        return
    if report.state is State.NEWER:
        yield Finding(
            False,
            "Schema",
            f"{report.reason}, written by a newer Study Desk (this one: {SCHEMA_HEAD})",
        )
        return
    if report.problems:
        shown = "; ".join(" ".join(line.split()) for line in report.problems[:5])
        yield Finding(False, "Integrity", f"{report.reason}: {shown}")
        return
    if report.state is State.DAMAGED and report.broken_references:
        yield Finding(True, "Integrity", "ok")
        yield Finding(False, "References", f"{report.broken_references} broken")
        return
    if report.state is State.DAMAGED:
        yield Finding(False, "Library", f"{path} is damaged: {report.reason}")
        return
    yield Finding(
        report.revision == SCHEMA_HEAD,
        "Schema",
        f"version {report.revision} (this Study Desk: {SCHEMA_HEAD})",
    )
    yield Finding(True, "Integrity", "ok")
    yield Finding(True, "References", "ok")
    yield Finding(
        True,
        "Contents",
        ", ".join(f"{n} {t.replace('_', ' ')}" for t, n in report.contents.items()),
    )
    # Study cards: each stored FSRS state must be what its review log replays to.
    yield from (Finding(*finding) for finding in card_findings(path))
