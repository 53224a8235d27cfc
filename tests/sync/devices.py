"""A student's device for the sync tests: its own data folder and library, changed through
the same db functions the window's commands use, and read back as plain values."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import psycopg

from db.notes import (
    create_highlight,
    create_note,
    save_draft,
    set_note_body,
    set_note_tags,
    trash_note,
)
from db.records import EventFields, NoteAnchor
from desktop.services.library import Library
from desktop.services.sync import SyncReport, sync_library


class Device:
    def __init__(self, folder: Path, server_url: str, password: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "studydesk.sqlite3"
        self.server_url = server_url
        self.password = password
        library = Library(self.path)
        self.set_id = library.ensure_embedded_study_set()
        library.close()

    @classmethod
    def copy_of(cls, template: Device, folder: Path, server_url: str, password: str) -> Device:
        """A new device whose library starts as a copy of ``template``'s (cheaper than
        importing the embedded set again); ``template`` must not have synced."""
        folder.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(template.path) as source:
            source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        device = cls.__new__(cls)
        device.path = folder / "studydesk.sqlite3"
        shutil.copyfile(template.path, device.path)
        device.server_url, device.password, device.set_id = server_url, password, template.set_id
        return device

    def bulk_notes(self, bodies: list[str]) -> None:
        """Many question notes at once, as plain INSERTs: the sync triggers see each."""
        now = "2026-11-28 12:00:00.000000"
        with sqlite3.connect(self.path) as connection:
            connection.executemany(
                "INSERT INTO notes(study_set_id, anchor_kind, body, created_at, updated_at) "
                "VALUES (?, 'question', ?, ?, ?)",
                [(self.set_id, body, now, now) for body in bodies],
            )

    def sync(self) -> SyncReport:
        return sync_library(self.path, self.server_url, self.password)

    def _session(self) -> Any:
        library = Library(self.path)
        return library

    def write(self, action: Any) -> Any:
        library = Library(self.path)
        try:
            with library.database().session() as session:
                return action(session)
        finally:
            library.close()

    def passage(self, number: int = 1) -> tuple[int, str]:
        with sqlite3.connect(self.path) as connection:
            row = connection.execute(
                "SELECT p.id, p.text FROM passages p JOIN answers a ON a.id = p.answer_id "
                "WHERE a.study_set_id = ? AND a.position = 1 AND p.number = ?",
                (self.set_id, number),
            ).fetchone()
        return int(row[0]), str(row[1])

    def add_note(self, body: str, tags: tuple[str, ...] = ()) -> int:
        passage_id, _text = self.passage()
        anchor = NoteAnchor("passage", passage_id=passage_id)
        return int(self.write(lambda s: create_note(s, self.set_id, anchor, body, tags=tags)))

    def edit_note(self, note_id: int, body: str) -> None:
        self.write(lambda s: set_note_body(s, note_id, body))

    def tag_note(self, note_id: int, tags: tuple[str, ...]) -> None:
        self.write(lambda s: set_note_tags(s, note_id, tags))

    def trash_note(self, note_id: int) -> None:
        self.write(lambda s: trash_note(s, note_id))

    def highlight(self, start: int, end: int, colour: str = "yellow") -> int:
        passage_id, text = self.passage()
        return int(
            self.write(
                lambda s: create_highlight(s, passage_id, start, end, text[start:end], colour)
            )
        )

    def add_event(self, title: str, start: str) -> int:
        from db.events import create_event

        fields = EventFields(title, start, None, "year", "politics", "")
        return int(self.write(lambda s: create_event(s, self.set_id, fields)))

    def delete_event(self, event_id: int) -> None:
        from db.events import purge_event

        self.write(lambda s: purge_event(s, event_id))

    def save_draft(self, body: str) -> None:
        self.write(lambda s: save_draft(s, self.set_id, body))

    def note_id(self, body: str) -> int:
        with sqlite3.connect(self.path) as connection:
            row = connection.execute("SELECT id FROM notes WHERE body = ?", (body,)).fetchone()
        return int(row[0])

    def contents(self) -> dict[str, Any]:
        """Everything the student made, keyed the way the server keys it."""
        with sqlite3.connect(self.path) as c:
            notes = sorted(
                c.execute(
                    "SELECT r.key, n.body, n.anchor_kind, n.deleted_at IS NOT NULL, "
                    "(SELECT group_concat(t.name, ',') FROM (SELECT t.name FROM note_tags nt "
                    "JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id = n.id ORDER BY t.name) t) "
                    "FROM notes n JOIN sync_rows r ON r.kind = 'note' AND r.local_id = n.id"
                )
            )
            highlights = sorted(
                c.execute(
                    "SELECT r.key, h.quote, h.colour, h.start_offset FROM highlights h "
                    "JOIN sync_rows r ON r.kind = 'highlight' AND r.local_id = h.id"
                )
            )
            events = sorted(
                c.execute(
                    "SELECT r.key, e.title, e.start FROM events e "
                    "JOIN sync_rows r ON r.kind = 'event' AND r.local_id = e.id"
                )
            )
            drafts = sorted(c.execute("SELECT body FROM answer_drafts"))
            unsynced = c.execute("SELECT count(*) FROM sync_rows WHERE dirty > 0").fetchone()[0]
        return {
            "notes": notes,
            "highlights": highlights,
            "events": events,
            "drafts": drafts,
            "unsynced": unsynced,
        }


def server_notes(url: str) -> list[tuple[str, str, bool]]:
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT key, data->>'body', deleted FROM studydesk.notes ORDER BY key"
        ).fetchall()
    return [(str(k), str(b) if b is not None else "", bool(d)) for k, b, d in rows]


ROOT = Path(__file__).resolve().parents[2]


def run_cli(
    args: list[str], data: Path, env: dict[str, str] | None = None, stdin: str = ""
) -> tuple[int, str]:
    """``studydesk ARGS`` as a person runs it, with its data in ``data``: (exit code, output)."""
    import os
    import subprocess
    import sys

    environment = {
        **os.environ,
        "XDG_DATA_HOME": str(data),
        "XDG_CONFIG_HOME": str(data / "config"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        **(env or {}),
    }
    result = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=60,
    )
    return result.returncode, result.stdout + result.stderr
