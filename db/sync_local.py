"""The local side of sync: what changed here (read from ``sync_rows``, migration 0009), and
applying what came from the server in one SQLite transaction.

Every row travels as (kind, key, data): ``data`` is a JSON-ready dict that names study sets
by SHA-256 and passages by (answer position, ¶ number), never by local ids, which differ
between devices. While applying, ``sync_state.applying`` is 1 so that the triggers do not
count the server's rows as local changes; it is set back before the commit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# Sent and applied in this order: a note needs its study set, a review its card.
KINDS = ("set", "course", "draft", "note", "highlight", "event", "compare_link", "card", "review")
# Texts merged three-way against sync_rows.base: note bodies, the draft, a Compare link's note.
TEXT_KINDS = {"note": "body", "draft": "body", "compare_link": "note"}
_SEP = "\x1f"
# Columns of cards/review_log that are local ids or mapped separately, never sent as-is.
_CARD_LOCAL = {"id", "study_set_id", "passage_id"}

Data = dict[str, Any]


class SyncSetUpBroken(RuntimeError):
    """The sync bookkeeping is missing (a table rebuilt without its triggers)."""


@dataclass
class LocalState:
    server_url: str | None
    user_name: str | None
    last_version: int
    last_synced_at: str | None
    published_version: int = 0  # the newest publication to a class already put in a course


@dataclass
class Outgoing:
    kind: str
    key: str
    dirty: int  # the change counter read: cleared after the push only if still the same
    deleted: bool
    data: Data | None  # None for a tombstone
    base: str | None


@dataclass
class Incoming:
    kind: str
    key: str
    version: int
    deleted: bool
    data: Data


@dataclass
class Applied:
    """What the server now holds for a row this device sent (after merging)."""

    kind: str
    key: str
    version: int
    dirty: int
    data: Data | None


@dataclass
class Conflict:
    kind: str
    key: str
    local_text: str
    server_text: str
    copy_key: str | None = None


@dataclass
class ApplyReport:
    applied: int = 0
    skipped_missing_set: int = 0
    changed_meanwhile: int = 0  # rows edited on this device during the sync: next time
    kinds: set[str] = field(default_factory=set)


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=10, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 10000")
    # As the app's own connections (db/engine.py): in WAL mode a commit then waits for no
    # fsync. A power cut could lose the last sync's local transaction, never corrupt the
    # file — and the next sync pulls and pushes those keyed rows again (idempotent).
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def check_set_up(connection: sqlite3.Connection) -> None:
    names = {
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' "
            "ESCAPE '\\'"
        )
    }
    missing = [f"sync_{kind}_insert" for kind in KINDS if f"sync_{kind}_insert" not in names]
    if missing:
        raise SyncSetUpBroken(
            "the library's sync bookkeeping is incomplete (missing " + ", ".join(missing) + ")"
        )


def read_state(connection: sqlite3.Connection) -> LocalState:
    row = connection.execute(
        "SELECT server_url, user_name, last_version, last_synced_at, published_version "
        "FROM sync_state WHERE id = 1"
    ).fetchone()
    return LocalState(*row) if row else LocalState(None, None, 0, None)


def remember_server(connection: sqlite3.Connection, url: str, user: str) -> None:
    """A different server or user starts over: everything here is sent again."""
    state = read_state(connection)
    if (state.server_url, state.user_name) == (url, user):
        return  # nothing to write (each write transaction costs a commit)
    with _transaction(connection):
        connection.execute("UPDATE sync_state SET applying = 1 WHERE id = 1")
        connection.execute(
            "UPDATE sync_state SET last_version = 0, last_synced_at = NULL WHERE id = 1"
        )
        connection.execute("DELETE FROM sync_rows WHERE local_id IS NULL")
        connection.execute("UPDATE sync_rows SET dirty = 1, version = NULL, base = NULL")
        connection.execute("UPDATE sync_state SET applying = 0 WHERE id = 1")
        connection.execute(
            "UPDATE sync_state SET server_url = ?, user_name = ? WHERE id = 1", (url, user)
        )


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


# --- reading what to send -------------------------------------------------------------------


def _split(text: str | None) -> list[str]:
    return sorted(text.split(_SEP)) if text else []


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]


def _passage_ref(answer_position: int | None, number: int | None) -> list[int] | None:
    return None if answer_position is None or number is None else [answer_position, number]


_QUERIES: dict[str, str] = {
    "set": f"""
        SELECT r.key, r.dirty, r.deleted, r.base, s.sha256, s.title, s.question,
               s.source_name, s.encoding, s.raw_text, s.imported_at, s.display_title,
               s.deleted_at,
               (SELECT group_concat(c.name, '{_SEP}') FROM study_set_courses sc
                JOIN courses c ON c.id = sc.course_id WHERE sc.study_set_id = s.id),
               (SELECT group_concat(t.name, '{_SEP}') FROM study_set_tags st
                JOIN tags t ON t.id = st.tag_id WHERE st.study_set_id = s.id)
        FROM sync_rows r LEFT JOIN study_sets s ON s.id = r.local_id
        WHERE +r.kind = 'set' AND {{where}}""",
    "course": """
        SELECT r.key, r.dirty, r.deleted, r.base, c.name
        FROM sync_rows r LEFT JOIN courses c ON c.id = r.local_id
        WHERE +r.kind = 'course' AND {where}""",
    "draft": """
        SELECT r.key, r.dirty, r.deleted, r.base, d.body, d.updated_at
        FROM sync_rows r LEFT JOIN answer_drafts d ON d.study_set_id = r.local_id
        WHERE +r.kind = 'draft' AND {where}""",
    "note": f"""
        SELECT r.key, r.dirty, r.deleted, r.base, s.sha256, n.anchor_kind, a.position,
               pa.position, p.number, n.start_offset, n.end_offset, n.quote, n.body,
               n.colour, n.created_at, n.updated_at, n.deleted_at,
               (SELECT group_concat(t.name, '{_SEP}') FROM note_tags nt
                JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id = n.id)
        FROM sync_rows r LEFT JOIN notes n ON n.id = r.local_id
        LEFT JOIN study_sets s ON s.id = n.study_set_id
        LEFT JOIN answers a ON a.id = n.answer_id
        LEFT JOIN passages p ON p.id = n.passage_id
        LEFT JOIN answers pa ON pa.id = p.answer_id
        WHERE +r.kind = 'note' AND {{where}}""",
    "highlight": """
        SELECT r.key, r.dirty, r.deleted, r.base, s.sha256, a.position, p.number,
               h.start_offset, h.end_offset, h.quote, h.colour, h.created_at, h.deleted_at
        FROM sync_rows r LEFT JOIN highlights h ON h.id = r.local_id
        LEFT JOIN passages p ON p.id = h.passage_id
        LEFT JOIN answers a ON a.id = p.answer_id
        LEFT JOIN study_sets s ON s.id = a.study_set_id
        WHERE +r.kind = 'highlight' AND {where}""",
    "event": """
        SELECT r.key, r.dirty, r.deleted, r.base, s.sha256, e.origin, e.status, e.title,
               e.start, e."end", e.precision, e.category, e.description, e.created_at,
               e.deleted_at
        FROM sync_rows r LEFT JOIN events e ON e.id = r.local_id
        LEFT JOIN study_sets s ON s.id = e.study_set_id
        WHERE +r.kind = 'event' AND {where}""",
    # A Compare link (migration 0013): its sentences by answer position, ¶ number, offsets
    # and quote; the key holds the same anchors, so the row says in full what it links.
    "compare_link": """
        SELECT r.key, r.dirty, r.deleted, r.base, s.sha256, la.position, k.left_passage,
               k.left_start, k.left_end, k.left_quote, ra.position, k.right_passage,
               k.right_start, k.right_end, k.right_quote, k.status, k.stance, k.note,
               k.created_at, k.updated_at
        FROM sync_rows r LEFT JOIN compare_links k ON k.id = r.local_id
        LEFT JOIN study_sets s ON s.id = k.study_set_id
        LEFT JOIN answers la ON la.id = k.left_answer_id
        LEFT JOIN answers ra ON ra.id = k.right_answer_id
        WHERE +r.kind = 'compare_link' AND {where}""",
}

_LINK_SIDE = ("answer", "passage", "start", "end", "quote")
_LINK_FIELDS = ("status", "stance", "note", "created_at", "updated_at")


def _data(kind: str, row: tuple[Any, ...]) -> Data | None:
    values = row[4:]
    if values[0] is None:  # the row is gone (a tombstone)
        return None
    if kind == "set":
        (sha, title, question, source, encoding, raw, imported, shown, deleted, courses, tags) = (
            values
        )
        return {
            "sha256": sha, "title": title, "question": question, "source_name": source,
            "encoding": encoding, "raw_text": raw, "imported_at": imported,
            "display_title": shown, "deleted_at": deleted, "courses": _split(courses),
            "tags": _split(tags),
        }  # fmt: skip
    if kind == "course":
        return {"name": values[0]}
    if kind == "draft":
        return {"body": values[0], "updated_at": values[1]}
    if kind == "note":
        (sha, anchor, answer_pos, p_answer, p_number, start, end, quote, body, colour,
         created, updated, deleted, tags) = values  # fmt: skip
        return {
            "set": sha, "anchor_kind": anchor, "answer": answer_pos,
            "passage": _passage_ref(p_answer, p_number), "start_offset": start,
            "end_offset": end, "quote": quote, "body": body, "colour": colour,
            "created_at": created, "updated_at": updated, "deleted_at": deleted,
            "tags": _split(tags),
        }  # fmt: skip
    if kind == "highlight":
        sha, answer_pos, number, start, end, quote, colour, created, deleted = values
        return {
            "set": sha, "passage": _passage_ref(answer_pos, number), "start_offset": start,
            "end_offset": end, "quote": quote, "colour": colour, "created_at": created,
            "deleted_at": deleted,
        }  # fmt: skip
    if kind == "event":
        names = ("set", "origin", "status", "title", "start", "end", "precision", "category",
                 "description", "created_at", "deleted_at")  # fmt: skip
        return dict(zip(names, values, strict=True))
    if kind == "compare_link":
        sha, *rest = values
        return {
            "set": sha,
            "left": dict(zip(_LINK_SIDE, rest[0:5], strict=True)),
            "right": dict(zip(_LINK_SIDE, rest[5:10], strict=True)),
            **dict(zip(_LINK_FIELDS, rest[10:], strict=True)),
        }
    raise ValueError(kind)


def _card_rows(
    connection: sqlite3.Connection, where: str, params: tuple[Any, ...]
) -> Iterator[tuple[str, int, bool, str | None, Data | None]]:
    columns = _columns(connection, "cards")
    select = ", ".join(f"c.{name}" for name in columns)
    query = (
        f"SELECT r.key, r.dirty, r.deleted, r.base, c.id, s.sha256, a.position, p.number, "
        f"{select} FROM sync_rows r LEFT JOIN cards c ON c.id = r.local_id "
        "LEFT JOIN study_sets s ON s.id = c.study_set_id "
        "LEFT JOIN passages p ON p.id = c.passage_id "
        "LEFT JOIN answers a ON a.id = p.answer_id "
        f"WHERE +r.kind = 'card' AND {where} AND (c.id IS NULL OR c.gen_key IS NULL)"
    )
    for row in connection.execute(query, params):
        key, dirty, deleted, base, card_id, sha, answer_pos, number = row[:8]
        if card_id is None:
            yield key, dirty, bool(deleted), base, None
            continue
        data: Data = {
            name: value
            for name, value in zip(columns, row[8:], strict=True)
            if name not in _CARD_LOCAL
        }
        data["set"] = sha
        data["passage"] = _passage_ref(answer_pos, number)
        yield key, dirty, bool(deleted), base, data


def _review_rows(
    connection: sqlite3.Connection, where: str, params: tuple[Any, ...]
) -> Iterator[tuple[str, int, bool, str | None, Data | None]]:
    columns = _columns(connection, "review_log")
    select = ", ".join(f"l.{name}" for name in columns)
    query = (
        f"SELECT r.key, r.dirty, r.deleted, r.base, l.id, {select} FROM sync_rows r "
        f"LEFT JOIN review_log l ON l.id = r.key WHERE +r.kind = 'review' AND {where}"
    )
    for row in connection.execute(query, params):
        key, dirty, deleted, base, present = row[:5]
        data = dict(zip(columns, row[5:], strict=True)) if present is not None else None
        yield key, dirty, bool(deleted), base, data


def _rows(
    connection: sqlite3.Connection, kind: str, where: str, params: tuple[Any, ...] = ()
) -> Iterator[tuple[str, int, bool, str | None, Data | None]]:
    if kind == "card":
        yield from _card_rows(connection, where, params)
        return
    if kind == "review":
        yield from _review_rows(connection, where, params)
        return
    for row in connection.execute(_QUERIES[kind].format(where=where), params):
        yield row[0], row[1], bool(row[2]), row[3], _data(kind, row)


def collect_outgoing(connection: sqlite3.Connection) -> list[Outgoing]:
    """Every row changed here since it was last synced, in one read transaction."""
    outgoing: list[Outgoing] = []
    connection.execute("BEGIN")
    try:
        for kind in KINDS:
            for key, dirty, deleted, base, data in _rows(connection, kind, "r.dirty > 0"):
                outgoing.append(Outgoing(kind, key, dirty, deleted or data is None, data, base))
    finally:
        connection.execute("COMMIT")
    return outgoing


def present_sets(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT sha256 FROM study_sets")}


# --- applying -------------------------------------------------------------------------------


class _Ids:
    """Local ids for the names the server uses (a set's SHA-256, a passage's position)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.sets = dict(connection.execute("SELECT sha256, id FROM study_sets"))
        self._answers: dict[tuple[int, int], int] = {}
        self._passages: dict[tuple[int, int, int], tuple[int, int]] = {}

    def answer(self, set_id: int, position: int | None) -> int | None:
        if position is None:
            return None
        if not self._answers or (set_id, position) not in self._answers:
            for answer_id, pos in self.connection.execute(
                "SELECT id, position FROM answers WHERE study_set_id = ?", (set_id,)
            ):
                self._answers[(set_id, pos)] = answer_id
        return self._answers.get((set_id, position))

    def passage(self, set_id: int, ref: list[int] | None) -> tuple[int, int] | None:
        """(passage id, its answer id)"""
        if not ref:
            return None
        wanted = (set_id, int(ref[0]), int(ref[1]))
        if wanted not in self._passages:
            for passage_id, answer_id, pos, number in self.connection.execute(
                "SELECT p.id, a.id, a.position, p.number FROM passages p "
                "JOIN answers a ON a.id = p.answer_id WHERE a.study_set_id = ?",
                (set_id,),
            ):
                self._passages[(set_id, pos, number)] = (passage_id, answer_id)
        return self._passages.get(wanted)


def _local_id(connection: sqlite3.Connection, kind: str, key: str) -> int | None:
    row = connection.execute(
        "SELECT local_id FROM sync_rows WHERE kind = ? AND key = ?", (kind, key)
    ).fetchone()
    return row[0] if row else None


def _mark(
    connection: sqlite3.Connection,
    kind: str,
    key: str,
    local_id: int | None,
    version: int,
    base: str | None,
) -> None:
    connection.execute(
        "INSERT INTO sync_rows(kind, key, local_id, version, dirty, deleted, base) "
        "VALUES (?, ?, ?, ?, 0, 0, ?) ON CONFLICT(kind, key) DO UPDATE SET "
        "local_id = excluded.local_id, version = excluded.version, dirty = 0, deleted = 0, "
        "base = excluded.base",
        (kind, key, local_id, version, base),
    )


def _tag_ids(connection: sqlite3.Connection, names: Iterable[str]) -> list[int]:
    ids = []
    for name in names:
        connection.execute("INSERT OR IGNORE INTO tags(name) VALUES (?)", (name,))
        row = connection.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
        ids.append(row[0])
    return ids


def _course_id(connection: sqlite3.Connection, name: str) -> int:
    connection.execute("INSERT OR IGNORE INTO courses(name) VALUES (?)", (name,))
    row = connection.execute("SELECT id FROM courses WHERE name = ?", (name,)).fetchone()
    return int(row[0])


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")


def _apply_row(connection: sqlite3.Connection, ids: _Ids, row: Incoming) -> bool:
    """Write one server row here. False when its study set is not in this library."""
    kind, key, data = row.kind, row.key, row.data
    local_id = _local_id(connection, kind, key)
    if kind == "set":
        set_id = ids.sets.get(key)
        if set_id is None:
            return False
        if row.deleted:
            # Deleted for good on the other device: here it goes to the trash, never further.
            connection.execute(
                "UPDATE study_sets SET deleted_at = coalesce(deleted_at, ?) WHERE id = ?",
                (_now(), set_id),
            )
        else:
            connection.execute(
                "UPDATE study_sets SET display_title = ?, deleted_at = ? WHERE id = ?",
                (data.get("display_title"), data.get("deleted_at"), set_id),
            )
            connection.execute("DELETE FROM study_set_courses WHERE study_set_id = ?", (set_id,))
            for name in data.get("courses", []):
                connection.execute(
                    "INSERT OR IGNORE INTO study_set_courses(study_set_id, course_id) "
                    "VALUES (?, ?)",
                    (set_id, _course_id(connection, name)),
                )
            connection.execute("DELETE FROM study_set_tags WHERE study_set_id = ?", (set_id,))
            for tag_id in _tag_ids(connection, data.get("tags", [])):
                connection.execute(
                    "INSERT OR IGNORE INTO study_set_tags(study_set_id, tag_id) VALUES (?, ?)",
                    (set_id, tag_id),
                )
        _mark(connection, kind, key, set_id, row.version, None)
        return True
    if kind == "course":
        if row.deleted:
            connection.execute("DELETE FROM courses WHERE lower(name) = ?", (key,))
            connection.execute("DELETE FROM sync_rows WHERE kind = 'course' AND key = ?", (key,))
            return True
        _mark(connection, kind, key, _course_id(connection, data["name"]), row.version, None)
        return True
    if kind == "review":
        if not row.deleted:
            columns = [c for c in _columns(connection, "review_log") if c in data]
            connection.execute(
                f"INSERT OR IGNORE INTO review_log({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                [data[c] for c in columns],
            )
        rowid = connection.execute("SELECT rowid FROM review_log WHERE id = ?", (key,)).fetchone()
        _mark(connection, kind, key, rowid[0] if rowid else None, row.version, None)
        return True
    if row.deleted:
        table, id_column = _TABLES[kind]
        if local_id is not None:
            connection.execute(f"DELETE FROM {table} WHERE {id_column} = ?", (local_id,))
        connection.execute("DELETE FROM sync_rows WHERE kind = ? AND key = ?", (kind, key))
        return True
    set_id = ids.sets.get(key if kind == "draft" else data.get("set"))
    if set_id is None:
        return False
    if kind == "draft":
        connection.execute(
            "INSERT INTO answer_drafts(study_set_id, body, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(study_set_id) DO UPDATE SET body = excluded.body, "
            "updated_at = excluded.updated_at",
            (set_id, data["body"], data["updated_at"] or _now()),
        )
        _mark(connection, kind, key, set_id, row.version, data["body"])
        return True
    if kind == "note":
        passage = ids.passage(set_id, data.get("passage"))
        answer_id = ids.answer(set_id, data.get("answer"))
        note_values = (
            set_id, data["anchor_kind"], answer_id, passage[0] if passage else None,
            data["start_offset"], data["end_offset"], data["quote"], data["body"],
            data["colour"], data["created_at"], data["updated_at"], data["deleted_at"],
        )  # fmt: skip
        note_columns = (
            "study_set_id, anchor_kind, answer_id, passage_id, start_offset, end_offset, "
            "quote, body, colour, created_at, updated_at, deleted_at"
        )
        local_id = _upsert(connection, "notes", note_columns, note_values, local_id)
        connection.execute("DELETE FROM note_tags WHERE note_id = ?", (local_id,))
        for tag_id in _tag_ids(connection, data.get("tags", [])):
            connection.execute(
                "INSERT OR IGNORE INTO note_tags(note_id, tag_id) VALUES (?, ?)",
                (local_id, tag_id),
            )
        _mark(connection, kind, key, local_id, row.version, data["body"])
        return True
    if kind == "highlight":
        passage = ids.passage(set_id, data.get("passage"))
        if passage is None:
            return False
        highlight_values = (
            passage[0], data["start_offset"], data["end_offset"], data["quote"],
            data["colour"], data["created_at"], data["deleted_at"],
        )  # fmt: skip
        highlight_columns = (
            "passage_id, start_offset, end_offset, quote, colour, created_at, deleted_at"
        )
        local_id = _upsert(connection, "highlights", highlight_columns, highlight_values, local_id)
        _mark(connection, kind, key, local_id, row.version, None)
        return True
    if kind == "event":
        event_names = ("origin", "status", "title", "start", "end", "precision", "category",
                 "description", "created_at", "deleted_at")  # fmt: skip
        event_columns = "study_set_id, " + ", ".join(f'"{n}"' for n in event_names)
        event_values = (set_id, *(data[n] for n in event_names))
        local_id = _upsert(connection, "events", event_columns, event_values, local_id)
        _mark(connection, kind, key, local_id, row.version, None)
        return True
    if kind == "compare_link":
        return _apply_compare_link(connection, ids, set_id, key, row.version, data)
    if kind == "card":
        card_id = int(key)
        taken = connection.execute(
            "SELECT id FROM cards WHERE gen_key = ? AND id <> ?", (data.get("gen_key"), card_id)
        ).fetchone()
        if data.get("gen_key") is not None and taken:
            # The same generated card made on both devices: this one's stays (its reviews
            # still arrive in the log).
            _mark(connection, kind, key, None, row.version, None)
            return True
        passage = ids.passage(set_id, data.get("passage"))
        card_names = [
            c for c in _columns(connection, "cards") if c in data and c not in _CARD_LOCAL
        ]
        card_columns = "id, study_set_id, passage_id, " + ", ".join(card_names)
        card_values = (
            card_id, set_id, passage[0] if passage else None, *(data[n] for n in card_names)
        )  # fmt: skip
        assignments = ", ".join(
            f"{c} = excluded.{c}" for c in ["study_set_id", "passage_id", *card_names]
        )
        connection.execute(
            f"INSERT INTO cards({card_columns}) VALUES ({', '.join('?' * len(card_values))}) "
            f"ON CONFLICT(id) DO UPDATE SET {assignments}",
            card_values,
        )
        _mark(connection, kind, key, card_id, row.version, None)
        return True
    raise ValueError(kind)


def _apply_compare_link(
    connection: sqlite3.Connection, ids: _Ids, set_id: int, key: str, version: int, data: Data
) -> bool:
    """Write a Compare link. Its sentences are its identity (the table's unique constraint,
    and the sync key): a link this device made for the same two sentences is the same row,
    updated rather than doubled."""
    left, right = data["left"], data["right"]
    left_answer = ids.answer(set_id, left["answer"])
    right_answer = ids.answer(set_id, right["answer"])
    if left_answer is None or right_answer is None:
        return False
    values = (
        set_id, left_answer, left["passage"], left["start"], left["end"], left["quote"],
        right_answer, right["passage"], right["start"], right["end"], right["quote"],
        data["status"], data["stance"], data["note"] or "", data["created_at"] or _now(),
        data["updated_at"] or _now(),
    )  # fmt: skip
    row = connection.execute(
        "INSERT INTO compare_links(study_set_id, left_answer_id, left_passage, left_start, "
        "left_end, left_quote, right_answer_id, right_passage, right_start, right_end, "
        "right_quote, status, stance, note, created_at, updated_at) "
        f"VALUES ({', '.join('?' * len(values))}) "
        "ON CONFLICT(left_answer_id, left_passage, left_start, right_answer_id, right_passage, "
        "right_start) DO UPDATE SET left_end = excluded.left_end, "
        "left_quote = excluded.left_quote, right_end = excluded.right_end, "
        "right_quote = excluded.right_quote, status = excluded.status, "
        "stance = excluded.stance, note = excluded.note, updated_at = excluded.updated_at "
        "RETURNING id",
        values,
    ).fetchone()
    _mark(connection, "compare_link", key, int(row[0]), version, data["note"] or "")
    return True


_TABLES = {
    "compare_link": ("compare_links", "id"),
    "note": ("notes", "id"),
    "highlight": ("highlights", "id"),
    "event": ("events", "id"),
    "draft": ("answer_drafts", "study_set_id"),
    "card": ("cards", "id"),
}


def _upsert(
    connection: sqlite3.Connection,
    table: str,
    columns: str,
    values: tuple[Any, ...],
    local_id: int | None,
) -> int:
    if local_id is not None:
        assignments = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
        cursor = connection.execute(
            f"UPDATE {table} SET {assignments} WHERE id = ?", (*values, local_id)
        )
        if cursor.rowcount:
            return local_id
    cursor = connection.execute(
        f"INSERT INTO {table}({columns}) VALUES ({', '.join('?' * len(values))})", values
    )
    return int(cursor.lastrowid or 0)


def apply(
    connection: sqlite3.Connection,
    incoming: list[Incoming],
    applied: list[Applied],
    conflicts: list[Conflict],
    snapshot_dirty: dict[tuple[str, str], int],
    new_last_version: int,
) -> ApplyReport:
    """One transaction: the server's rows written here, the rows sent marked clean, the
    conflicts recorded, the version seen remembered. A row changed here while the sync ran
    (its counter moved) is left for the next sync, and the version seen is not advanced."""
    report = ApplyReport()
    with _transaction(connection):
        connection.execute("UPDATE sync_state SET applying = 1 WHERE id = 1")
        # Generated cards are made again on each device from the synced work, and their
        # gen_key names local ids (highlight:12), which mean other rows elsewhere: only the
        # student's own cards travel (their reviews travel either way, in the log).
        connection.execute(
            "DELETE FROM sync_rows WHERE kind = 'card' AND local_id IN "
            "(SELECT id FROM cards WHERE gen_key IS NOT NULL)"
        )
        ids = _Ids(connection)
        dirty_now: dict[tuple[str, str], int] = {
            (str(kind), str(key)): int(dirty)
            for kind, key, dirty in connection.execute(
                "SELECT kind, key, dirty FROM sync_rows WHERE dirty > 0"
            )
        }

        def changed_meanwhile(kind: str, key: str) -> bool:
            return dirty_now.get((kind, key), 0) != snapshot_dirty.get((kind, key), 0)

        for row in sorted(incoming, key=lambda r: KINDS.index(r.kind)):
            if changed_meanwhile(row.kind, row.key):
                report.changed_meanwhile += 1
                continue
            if _apply_row(connection, ids, row):
                report.applied += 1
                report.kinds.add(row.kind)
            else:
                report.skipped_missing_set += 1
        for sent in applied:
            if changed_meanwhile(sent.kind, sent.key):
                report.changed_meanwhile += 1
                continue
            if sent.data is None:  # a tombstone the server now has
                connection.execute(
                    "DELETE FROM sync_rows WHERE kind = ? AND key = ? AND local_id IS NULL",
                    (sent.kind, sent.key),
                )
                continue
            text_field = TEXT_KINDS.get(sent.kind)
            base = sent.data.get(text_field) if text_field else None
            connection.execute(
                "UPDATE sync_rows SET dirty = 0, version = ?, base = ? WHERE kind = ? AND key = ?",
                (sent.version, base, sent.kind, sent.key),
            )
        for conflict in conflicts:
            connection.execute(
                "INSERT INTO sync_conflicts(kind, key, local_text, server_text, copy_key, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (conflict.kind, conflict.key, conflict.local_text, conflict.server_text,
                 conflict.copy_key, _now()),
            )  # fmt: skip
        # Rows left for next time are pulled again then: the version seen stays put.
        if not report.changed_meanwhile and not report.skipped_missing_set:
            connection.execute(
                "UPDATE sync_state SET last_version = max(last_version, ?) WHERE id = 1",
                (new_last_version,),
            )
        connection.execute("UPDATE sync_state SET last_synced_at = ? WHERE id = 1", (_now(),))
        connection.execute("UPDATE sync_state SET applying = 0 WHERE id = 1")
    return report


def open_conflicts(connection: sqlite3.Connection) -> list[tuple[str, str, str, str]]:
    return list(
        connection.execute(
            "SELECT kind, key, local_text, server_text FROM sync_conflicts "
            "WHERE resolved_at IS NULL ORDER BY id"
        )
    )


def dirty_counters(
    connection: sqlite3.Connection, kind: str, keys: Iterable[str]
) -> dict[str, int]:
    found: dict[str, int] = {}
    for key in keys:
        row = connection.execute(
            "SELECT dirty FROM sync_rows WHERE kind = ? AND key = ?", (kind, key)
        ).fetchone()
        if row is not None:
            found[key] = int(row[0])
    return found


def study_set_for_publishing(path: Path, study_set_id: int) -> tuple[str, str, str]:
    """(sha256, the title shown, the text) of one study set."""
    connection = connect(path)
    try:
        row = connection.execute(
            "SELECT sha256, coalesce(display_title, title), raw_text FROM study_sets WHERE id = ?",
            (study_set_id,),
        ).fetchone()
    finally:
        connection.close()
    if row is None:
        raise LookupError(f"no study set {study_set_id}")
    return str(row[0]), str(row[1]), str(row[2])


def file_under_classes(
    connection: sqlite3.Connection,
    placed: Iterable[tuple[str, str, int, bool]],
    published_version: int,
) -> None:
    """Put newly published sets (sha256, class name, set version, published by this user)
    in a course named after the class, once: a student may take them out again. These are
    the student's own changes (they sync). A set someone else published is recorded in
    published_copies: read-only here."""
    with _transaction(connection):
        for sha, class_name, set_version, mine in placed:
            row = connection.execute(
                "SELECT id FROM study_sets WHERE sha256 = ?", (sha,)
            ).fetchone()
            if row is None:
                continue
            connection.execute(
                "INSERT OR IGNORE INTO study_set_courses(study_set_id, course_id) VALUES (?, ?)",
                (row[0], _course_id(connection, class_name)),
            )
            if not mine:
                connection.execute(
                    "INSERT OR REPLACE INTO published_copies(study_set_id, class_name, "
                    "set_version) VALUES (?, ?, ?)",
                    (row[0], class_name, set_version),
                )
        connection.execute(
            "UPDATE sync_state SET published_version = max(published_version, ?) WHERE id = 1",
            (published_version,),
        )


def published_copies(connection: sqlite3.Connection) -> dict[int, tuple[str, int]]:
    """Study set id -> (class, published version) of every set received from a teacher."""
    return {
        int(set_id): (str(class_name), int(version))
        for set_id, class_name, version in connection.execute(
            "SELECT study_set_id, class_name, set_version FROM published_copies"
        )
    }


def earlier_versions(
    connection: sqlite3.Connection, sha: str, class_name: str
) -> list[tuple[int, int]]:
    """(old set id, new set id) for each set here that is an earlier published version of
    the set ``sha`` in the class: the same question, filed under the class, not in the trash.
    Once the work is carried over the old set is trashed, so this finds it only once."""
    return [
        (int(old), int(new))
        for old, new in connection.execute(
            "SELECT s.id, n.id FROM study_sets n JOIN study_sets s ON s.title = n.title "
            "AND s.id <> n.id AND s.deleted_at IS NULL "
            "JOIN study_set_courses sc ON sc.study_set_id = s.id "
            "JOIN courses c ON c.id = sc.course_id AND c.name = ? "
            "WHERE n.sha256 = ? AND n.deleted_at IS NULL",
            (class_name, sha),
        )
    ]
