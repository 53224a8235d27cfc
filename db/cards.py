"""Cards and the review log: every SQL statement of study mode.

Reads take a sqlite3 connection (the window's reader, or a command's); writes take the ORM
session of a ChangeRunner transaction and run plain SQL through it (the tables have no ORM
classes: nothing here needs one, and the rating path stays short).

Times are UTC text "YYYY-MM-DD HH:MM:SS.ffffff" (the form SQLAlchemy writes), so they sort
and compare as text in SQL.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

LIVE = "c.suspended = 0 AND c.retired_at IS NULL AND c.deleted_at IS NULL"
_IN_LIBRARY = "c.study_set_id NOT IN (SELECT id FROM study_sets WHERE deleted_at IS NOT NULL)"


def stamp(moment: datetime) -> str:
    """``moment`` as stored: UTC, naive, microseconds always written."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(sep=" ", timespec="microseconds")


def parse_stamp(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def new_card_id() -> int:
    """A random positive 63-bit id: never reused, and two devices' cards do not collide."""
    return secrets.randbits(63) or 1


def stable_card_id(gen_key: str) -> int:
    """A generated card's id, from its key: the keys name sources by their synced identity,
    so two devices that make the same card give it the same id, and their logs merge."""
    digest = hashlib.blake2b(gen_key.encode(), digest_size=8).digest()
    return int.from_bytes(digest) & ((1 << 63) - 1) or 1


def sync_keys(
    connection: sqlite3.Connection, kind: str, local_ids: Iterable[int]
) -> dict[int, str]:
    """Local id → the synced identity (sync_rows.key) of rows of ``kind`` (note, highlight,
    event); rows without one are left out."""
    ids = list(local_ids)
    if not ids:
        return {}
    found: dict[int, str] = {}
    for at in range(0, len(ids), 500):  # within SQLite's limit on parameters
        chunk = ids[at : at + 500]
        for local_id, key in connection.execute(
            f"SELECT local_id, key FROM sync_rows WHERE kind = ? "
            f"AND local_id IN ({','.join('?' * len(chunk))})",
            [kind, *chunk],
        ):
            found[int(local_id)] = str(key)
    return found


def new_log_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class SchedulingState:
    """The FSRS fields of a card, as stored."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None


@dataclass(frozen=True)
class CardRecord:
    id: int
    study_set_id: int
    kind: str
    source_kind: str
    source_id: str | None
    passage_id: int | None
    start_offset: int | None
    end_offset: int | None
    front: str
    back: str
    cloze: str | None
    tags: tuple[str, ...]
    gen_key: str | None
    suspended: bool
    created_at: str
    retired_at: str | None
    deleted_at: str | None
    scheduling: SchedulingState


@dataclass(frozen=True)
class CardContent:
    """What a card says and where it leads: one generated draft, or the student's card."""

    kind: str
    source_kind: str
    source_id: str | None
    passage_id: int | None
    start_offset: int | None
    end_offset: int | None
    front: str
    back: str
    cloze: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class LogRow:
    id: str
    card_id: int
    rating: int | None
    reviewed_at: str
    duration_ms: int | None
    undoes: str | None


_CARD_COLUMNS = (
    "c.id, c.study_set_id, c.kind, c.source_kind, c.source_id, c.passage_id, c.start_offset, "
    "c.end_offset, c.front, c.back, c.cloze, c.tags, c.gen_key, c.suspended, c.created_at, "
    "c.retired_at, c.deleted_at, c.state, c.step, c.stability, c.difficulty, c.due, "
    "c.last_review"
)


def _tags_text(tags: Iterable[str]) -> str:
    return " ".join(t.replace(" ", "_") for t in tags if t.strip())


def _card(row: Sequence[Any]) -> CardRecord:
    return CardRecord(
        id=row[0],
        study_set_id=row[1],
        kind=row[2],
        source_kind=row[3],
        source_id=row[4],
        passage_id=row[5],
        start_offset=row[6],
        end_offset=row[7],
        front=row[8],
        back=row[9],
        cloze=row[10],
        tags=tuple(row[11].split()) if row[11] else (),
        gen_key=row[12],
        suspended=bool(row[13]),
        created_at=row[14],
        retired_at=row[15],
        deleted_at=row[16],
        scheduling=SchedulingState(*row[17:23]),
    )


# --- Scopes ---------------------------------------------------------------------------------


# The sets of course ?1 and of the courses nested in it ("HIST 201::Unit 3"): the nested
# names are the range ["HIST 201::", "HIST 201:;") of the NOCASE name index, so every
# character of the name is literal and the statement does not depend on the name (a LIKE
# pattern bound as a parameter made SQLite prepare the statement again on every call,
# more than the count itself costs). With migration 0014 the memberships come from the
# (course_id, study_set_id) index alone.
_COURSE_SETS = (
    "SELECT sc.study_set_id FROM study_set_courses sc JOIN courses co ON co.id = sc.course_id "
    "WHERE co.name = ?1 OR (co.name >= ?1 || '::' AND co.name < ?1 || ':;')"
)


def set_ids_of_course(connection: sqlite3.Connection, course: str) -> list[int]:
    """The sets in course ``course`` or any course nested in it ("HIST 201" holds
    "HIST 201::Unit 3"), names matched without regard to case."""
    return sorted({int(row[0]) for row in connection.execute(_COURSE_SETS, (course,))})


def course_exists(connection: sqlite3.Connection, course: str) -> bool:
    row = connection.execute(
        "SELECT 1 FROM courses WHERE name = ? COLLATE NOCASE", (course,)
    ).fetchone()
    return row is not None


def set_ids_in_library(connection: sqlite3.Connection) -> list[int]:
    return [
        int(r[0])
        for r in connection.execute(
            "SELECT id FROM study_sets WHERE deleted_at IS NULL ORDER BY id"
        )
    ]


def _scope_sql(set_ids: Sequence[int] | None) -> tuple[str, list[Any]]:
    if set_ids is None:
        return _IN_LIBRARY, []
    return f"c.study_set_id IN ({','.join('?' * len(set_ids))})", list(set_ids)


# --- Reads ----------------------------------------------------------------------------------


def card(connection: sqlite3.Connection, card_id: int) -> CardRecord | None:
    row = connection.execute(
        f"SELECT {_CARD_COLUMNS} FROM cards c WHERE c.id = ?", (card_id,)
    ).fetchone()
    return None if row is None else _card(row)


def cards_in(
    connection: sqlite3.Connection, set_ids: Sequence[int] | None, *, live_only: bool = True
) -> list[CardRecord]:
    """The cards of these sets (None: every set in the library), by set then due."""
    where, args = _scope_sql(set_ids)
    if live_only:
        where += f" AND {LIVE}"
    else:
        where += " AND c.deleted_at IS NULL"
    rows = connection.execute(
        f"SELECT {_CARD_COLUMNS} FROM cards c WHERE {where} ORDER BY c.study_set_id, c.due, c.id",
        args,
    )
    return [_card(row) for row in rows]


def due_cards(
    connection: sqlite3.Connection, set_ids: Sequence[int] | None, now: str, limit: int
) -> list[CardRecord]:
    """The live cards due at ``now``, longest overdue first."""
    where, args = _scope_sql(set_ids)
    rows = connection.execute(
        f"SELECT {_CARD_COLUMNS} FROM cards c WHERE {where} AND {LIVE} AND c.due <= ? "
        "ORDER BY c.due, c.id LIMIT ?",
        [*args, now, limit],
    )
    return [_card(row) for row in rows]


def due_count(connection: sqlite3.Connection, set_ids: Sequence[int] | None, now: str) -> int:
    where, args = _scope_sql(set_ids)
    row = connection.execute(
        f"SELECT count(*) FROM cards c WHERE {where} AND {LIVE} AND c.due <= ?", [*args, now]
    ).fetchone()
    return int(row[0])


def due_count_of_course(connection: sqlite3.Connection, course: str, now: str) -> int:
    """Cards due in a course and the courses nested in it: one statement, so the count
    costs little more than a bare indexed count over the same cards."""
    row = connection.execute(
        f"SELECT count(*) FROM cards c WHERE c.study_set_id IN ({_COURSE_SETS}) "
        f"AND {LIVE} AND c.due <= ?2",
        (course, now),
    ).fetchone()
    return int(row[0])


def due_counts_by_set(connection: sqlite3.Connection, now: str) -> dict[int, int]:
    """Set id → cards due now, for the sets that have any."""
    return {
        int(set_id): int(count)
        for set_id, count in connection.execute(
            f"SELECT c.study_set_id, count(*) FROM cards c WHERE {LIVE} AND c.due <= ? "
            "GROUP BY c.study_set_id",
            (now,),
        )
    }


def generated_cards(connection: sqlite3.Connection, study_set_id: int) -> list[CardRecord]:
    rows = connection.execute(
        f"SELECT {_CARD_COLUMNS} FROM cards c WHERE c.study_set_id = ? AND c.gen_key IS NOT NULL",
        (study_set_id,),
    )
    return [_card(row) for row in rows]


def log_of_card(connection: sqlite3.Connection, card_id: int) -> list[LogRow]:
    rows = connection.execute(
        "SELECT id, card_id, rating, reviewed_at, duration_ms, undoes FROM review_log "
        "WHERE card_id = ? ORDER BY rowid",
        (card_id,),
    )
    return [LogRow(*row) for row in rows]


def whole_log(connection: sqlite3.Connection) -> Iterator[LogRow]:
    """Every log row, grouped by card (for ``studydesk check``)."""
    for row in connection.execute(
        "SELECT id, card_id, rating, reviewed_at, duration_ms, undoes FROM review_log "
        "ORDER BY card_id, rowid"
    ):
        yield LogRow(*row)


def every_card(connection: sqlite3.Connection) -> Iterator[CardRecord]:
    for row in connection.execute(f"SELECT {_CARD_COLUMNS} FROM cards c ORDER BY c.id"):
        yield _card(row)


def has_cards(connection: sqlite3.Connection) -> bool:
    """False for a library from before study mode (no cards table yet)."""
    found = connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'cards'").fetchone()
    return found is not None


def card_count(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT count(*) FROM cards").fetchone()[0])


def reviews_per_day(connection: sqlite3.Connection, since: str) -> list[tuple[str, int]]:
    """(UTC day, reviews that count) from ``since``: undone reviews are left out."""
    return [
        (str(day), int(n))
        for day, n in connection.execute(
            "SELECT substr(r.reviewed_at, 1, 10) AS day, count(*) FROM review_log r "
            "WHERE r.rating IS NOT NULL AND r.reviewed_at >= ? "
            "AND r.id NOT IN (SELECT undoes FROM review_log WHERE undoes IS NOT NULL) "
            "GROUP BY day ORDER BY day",
            (since,),
        )
    ]


def ratings_count(connection: sqlite3.Connection) -> dict[int, int]:
    return {
        int(rating): int(n)
        for rating, n in connection.execute(
            "SELECT r.rating, count(*) FROM review_log r WHERE r.rating IS NOT NULL "
            "AND r.id NOT IN (SELECT undoes FROM review_log WHERE undoes IS NOT NULL) "
            "GROUP BY r.rating"
        )
    }


def due_forecast(
    connection: sqlite3.Connection, set_ids: Sequence[int] | None, until: str
) -> list[tuple[str, int]]:
    """(UTC day, cards falling due that day) up to ``until``; overdue cards count today."""
    where, args = _scope_sql(set_ids)
    return [
        (str(day), int(n))
        for day, n in connection.execute(
            f"SELECT substr(c.due, 1, 10) AS day, count(*) FROM cards c WHERE {where} "
            f"AND {LIVE} AND c.due <= ? GROUP BY day ORDER BY day",
            [*args, until],
        )
    ]


@dataclass(frozen=True)
class HighlightRow:
    id: int
    passage_id: int
    passage_text: str
    start: int
    end: int
    quote: str
    handle: str


def highlights_of_set(connection: sqlite3.Connection, study_set_id: int) -> list[HighlightRow]:
    rows = connection.execute(
        "SELECT h.id, h.passage_id, p.text, h.start_offset, h.end_offset, h.quote, "
        "a.educator_handle FROM highlights h JOIN passages p ON p.id = h.passage_id "
        "JOIN answers a ON a.id = p.answer_id "
        "WHERE a.study_set_id = ? AND h.deleted_at IS NULL ORDER BY p.id, h.start_offset",
        (study_set_id,),
    )
    return [HighlightRow(*row) for row in rows]


@dataclass(frozen=True)
class QaNoteRow:
    id: int
    body: str
    passage_id: int | None
    start: int | None
    end: int | None
    tags: tuple[str, ...]


def qa_notes_of_set(connection: sqlite3.Connection, study_set_id: int) -> list[QaNoteRow]:
    """The set's notes (not in the trash) that have a ``::`` somewhere."""
    rows = connection.execute(
        "SELECT n.id, n.body, n.passage_id, n.start_offset, n.end_offset, "
        "(SELECT group_concat(t.name, char(31)) FROM note_tags nt JOIN tags t "
        " ON t.id = nt.tag_id WHERE nt.note_id = n.id) "
        # Word for word the condition of the partial index ix_notes_qa (migration 0017), which
        # is named: a condition it cannot serve fails here rather than reading every note.
        "FROM notes n INDEXED BY ix_notes_qa WHERE n.study_set_id = ? AND n.deleted_at IS NULL "
        "AND instr(n.body, '::') > 0 ORDER BY n.id",
        (study_set_id,),
    )
    return [
        QaNoteRow(r[0], r[1], r[2], r[3], r[4], tuple(r[5].split("\x1f")) if r[5] else ())
        for r in rows
    ]


def passage_place(connection: sqlite3.Connection, passage_id: int) -> tuple[int, str, int] | None:
    """(study set id, educator handle, ¶ number) of a passage."""
    row = connection.execute(
        "SELECT a.study_set_id, a.educator_handle, p.number FROM passages p "
        "JOIN answers a ON a.id = p.answer_id WHERE p.id = ?",
        (passage_id,),
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]), int(row[2]))


def set_titles(connection: sqlite3.Connection) -> dict[int, str]:
    return {
        int(i): str(t)
        for i, t in connection.execute("SELECT id, coalesce(display_title, title) FROM study_sets")
    }


# --- Writes (inside a ChangeRunner transaction) --------------------------------------------


def _execute(session: Session, sql: str, params: Any = None) -> Any:
    from sqlalchemy import text

    return session.execute(text(sql), params or {})


_INSERT_CARD = (
    "INSERT INTO cards (id, study_set_id, kind, source_kind, source_id, passage_id, "
    "start_offset, end_offset, front, back, cloze, tags, gen_key, suspended, created_at, "
    "updated_at, state, step, due) VALUES (:id, :set, :kind, :source_kind, :source_id, "
    ":passage_id, :start, :end, :front, :back, :cloze, :tags, :gen_key, 0, :now, :now, 1, 0, "
    ":now)"
)


def _content_params(content: CardContent) -> dict[str, Any]:
    return {
        "kind": content.kind,
        "source_kind": content.source_kind,
        "source_id": content.source_id,
        "passage_id": content.passage_id,
        "start": content.start_offset,
        "end": content.end_offset,
        "front": content.front,
        "back": content.back,
        "cloze": content.cloze,
        "tags": _tags_text(content.tags),
    }


@dataclass
class SyncCounts:
    added: int = 0
    updated: int = 0
    retired: int = 0
    restored: int = 0

    @property
    def any(self) -> bool:
        return bool(self.added or self.updated or self.retired or self.restored)


def sync_generated(
    session: Session, study_set_id: int, wanted: dict[str, CardContent], now: str
) -> SyncCounts:
    """Make the set's generated cards match ``wanted`` (gen_key → content): new keys are
    added as new cards, changed ones updated (their schedule kept), keys no longer wanted
    retired (their review history kept; a card never reviewed is deleted), and retired ones
    wanted again brought back."""
    counts = SyncCounts()
    existing = {
        row[0]: row[1:]
        for row in _execute(
            session,
            "SELECT gen_key, id, kind, source_kind, source_id, passage_id, start_offset, "
            "end_offset, front, back, cloze, tags, edited_at, retired_at FROM cards "
            "WHERE study_set_id = :set AND gen_key IS NOT NULL",
            {"set": study_set_id},
        )
    }
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for key, content in wanted.items():
        params = _content_params(content)
        old = existing.get(key)
        if old is None:
            inserts.append(
                {
                    **params,
                    "id": stable_card_id(key),
                    "set": study_set_id,
                    "gen_key": key,
                    "now": now,
                }
            )
            continue
        card_id, *stored, edited_at, retired_at = old
        if edited_at is not None:  # the student's wording stays
            params["front"], params["back"] = stored[6], stored[7]
        if retired_at is not None:
            counts.restored += 1
        elif tuple(stored) == tuple(params.values()):
            continue
        else:
            counts.updated += 1
        updates.append({**params, "id": card_id, "now": now})
    if inserts:
        _execute(session, _INSERT_CARD, inserts)
        counts.added = len(inserts)
    if updates:
        _execute(
            session,
            "UPDATE cards SET kind = :kind, source_kind = :source_kind, source_id = :source_id, "
            "passage_id = :passage_id, start_offset = :start, end_offset = :end, "
            "front = :front, back = :back, cloze = :cloze, tags = :tags, updated_at = :now, "
            "retired_at = NULL WHERE id = :id",
            updates,
        )
    gone = [
        {"id": old[0], "now": now}
        for key, old in existing.items()
        if key not in wanted and old[-1] is None
    ]
    if gone:
        # A card never reviewed has no history to keep (and the work makes it again if the
        # source comes back): it goes. The others are retired with their review log.
        _execute(
            session,
            "DELETE FROM cards WHERE id = :id AND last_review IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM review_log r WHERE r.card_id = cards.id)",
            gone,
        )
        _execute(session, "UPDATE cards SET retired_at = :now WHERE id = :id", gone)
        counts.retired = len(gone)
    return counts


def insert_card(
    session: Session, card_id: int, study_set_id: int, content: CardContent, now: str
) -> int:
    """The student's own card (no gen_key: regeneration never touches it)."""
    _execute(
        session,
        _INSERT_CARD,
        {
            **_content_params(content),
            "id": card_id,
            "set": study_set_id,
            "gen_key": None,
            "now": now,
        },
    )
    return card_id


def update_card_text(
    session: Session, card_id: int, front: str, back: str, edited_at: str | None
) -> None:
    """The student's wording (``edited_at`` None: back to the generated text's state)."""
    _execute(
        session,
        "UPDATE cards SET front = :front, back = :back, edited_at = :at, "
        "updated_at = coalesce(:at, updated_at) WHERE id = :id",
        {"front": front, "back": back, "at": edited_at, "id": card_id},
    )


def edited_at(session: Session, card_id: int) -> str | None:
    row = _execute(session, "SELECT edited_at FROM cards WHERE id = :id", {"id": card_id}).first()
    return None if row is None else row[0]


def set_suspended(session: Session, card_id: int, suspended: bool) -> None:
    _execute(
        session, "UPDATE cards SET suspended = :s WHERE id = :id", {"s": suspended, "id": card_id}
    )


def set_deleted(session: Session, card_id: int, deleted_at: str | None) -> None:
    _execute(
        session,
        "UPDATE cards SET deleted_at = :at WHERE id = :id",
        {"at": deleted_at, "id": card_id},
    )


def purge_card(session: Session, card_id: int) -> None:
    """Only for undoing the creation of a card never reviewed."""
    _execute(session, "DELETE FROM cards WHERE id = :id", {"id": card_id})


def _scheduling_values(state: SchedulingState) -> tuple[Any, ...]:
    return (
        state.state,
        state.step,
        state.stability,
        state.difficulty,
        state.due,
        state.last_review,
    )


# The rating path runs these as driver SQL (no statement compiling): it is the one write
# a student waits on many times a minute.
_SET_SCHEDULING = (
    "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
    "last_review = ? WHERE id = ?"
)
_INSERT_LOG = (
    "INSERT INTO review_log (id, card_id, rating, reviewed_at, duration_ms, undoes) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


def record_review(session: Session, row: LogRow, after: SchedulingState) -> None:
    """One rating: its log row added and the card's state set, in the caller's transaction."""
    connection = session.connection()
    connection.exec_driver_sql(
        _INSERT_LOG,
        (row.id, row.card_id, row.rating, row.reviewed_at, row.duration_ms, row.undoes),
    )
    connection.exec_driver_sql(_SET_SCHEDULING, (*_scheduling_values(after), row.card_id))


def set_scheduling(session: Session, card_id: int, state: SchedulingState) -> None:
    session.connection().exec_driver_sql(_SET_SCHEDULING, (*_scheduling_values(state), card_id))
