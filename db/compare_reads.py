"""Reading Compare decisions and what the student has marked, with sqlite3 (no ORM)."""

from __future__ import annotations

import sqlite3

from db.compare_records import LinkFields, LinkRecord, SentenceAnchor


def links_of_study_set(connection: sqlite3.Connection, study_set_id: int) -> list[LinkRecord]:
    """Every stored link of the study set, in the order they were made."""
    rows = connection.execute(
        "SELECT id, study_set_id, left_answer_id, left_passage, left_start, left_end, "
        "left_quote, right_answer_id, right_passage, right_start, right_end, right_quote, "
        "status, stance, note FROM compare_links WHERE study_set_id = ? ORDER BY id",
        (study_set_id,),
    )
    return [_record(row) for row in rows]


def _record(row: tuple) -> LinkRecord:  # type: ignore[type-arg]
    return LinkRecord(
        row[0],
        row[1],
        SentenceAnchor(*row[2:7]),
        SentenceAnchor(*row[7:12]),
        LinkFields(row[12], row[13], row[14]),
    )


def marked_ranges(
    connection: sqlite3.Connection, study_set_id: int
) -> dict[int, list[tuple[int, int, int | None]]]:
    """answer id -> (¶ number, start, end) of every highlight and note in its paragraphs;
    end None for a note on a whole paragraph. Trashed notes and removed highlights are out."""
    marked: dict[int, list[tuple[int, int, int | None]]] = {}
    rows = connection.execute(
        "SELECT p.answer_id, p.number, h.start_offset, h.end_offset FROM highlights h "
        "JOIN passages p ON p.id = h.passage_id JOIN answers a ON a.id = p.answer_id "
        "WHERE a.study_set_id = ? AND h.deleted_at IS NULL "
        "UNION ALL "
        "SELECT p.answer_id, p.number, coalesce(n.start_offset, 0), n.end_offset FROM notes n "
        "JOIN passages p ON p.id = n.passage_id "
        "WHERE n.study_set_id = ? AND n.deleted_at IS NULL",
        (study_set_id, study_set_id),
    )
    for answer_id, number, start, end in rows:
        marked.setdefault(int(answer_id), []).append((int(number), int(start), end))
    return marked


def link_between(
    connection: sqlite3.Connection, left: SentenceAnchor, right: SentenceAnchor
) -> LinkRecord | None:
    """The stored link of exactly these two sentences, if there is one."""
    row = connection.execute(
        "SELECT id, study_set_id, left_answer_id, left_passage, left_start, left_end, "
        "left_quote, right_answer_id, right_passage, right_start, right_end, right_quote, "
        "status, stance, note FROM compare_links WHERE left_answer_id = ? AND left_passage = ? "
        "AND left_start = ? AND right_answer_id = ? AND right_passage = ? AND right_start = ?",
        (left.answer_id, left.passage, left.start, right.answer_id, right.passage, right.start),
    ).fetchone()
    return None if row is None else _record(row)
