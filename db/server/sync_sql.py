"""The SQL of one sync against the server, inside one transaction the caller holds.

``lock`` first: a transaction-scoped advisory lock per user, so two devices of one student
never push at the same time, and a pull never misses a row that another of the student's
transactions numbered earlier but committed later (versions come from one sequence).
Every table is read and written through row-level security as the connected user.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import psycopg

from db.server import SCHEMA

TABLES = {
    "set": "sets",
    "course": "courses",
    "draft": "drafts",
    "note": "notes",
    "highlight": "highlights",
    "event": "events",
    "compare_link": "compare_links",
    "card": "cards",
    "review": "review_logs",
}

Row = tuple[str, str, int, bool, dict[str, Any]]  # kind, key, version, deleted, data


def lock(cursor: psycopg.Cursor[Any]) -> None:
    cursor.execute("SELECT pg_advisory_xact_lock(hashtext(current_user))")


def pull(cursor: psycopg.Cursor[Any], since: int) -> list[Row]:
    """Every row of this user written after version ``since``, oldest first, in one query.
    The owner is a text parameter (not current_user, a ``name``) so that the planner uses
    each table's (owner, version) index; row-level security still checks current_user."""
    _send_pull(cursor, since)
    return [(kind, key, version, gone, data) for kind, key, version, gone, data in cursor]


def _send_pull(cursor: psycopg.Cursor[Any], since: int) -> None:
    user = cursor.connection.info.user
    parts = []
    params: list[Any] = []
    for kind, table in TABLES.items():
        deleted = "false" if kind == "review" else "deleted"
        parts.append(
            f"SELECT '{kind}' AS kind, key, version, {deleted}, data FROM {SCHEMA}.{table} "
            "WHERE owner = %s AND version > %s"
        )
        params += [user, since]
    cursor.execute(" UNION ALL ".join(parts) + " ORDER BY version", params)


Published = tuple[str, str, str, int, int, bool]


def lock_and_pull(
    connection: psycopg.Connection[Any], since: int
) -> tuple[list[Row], list[Published]]:
    """``lock``, ``pull`` and ``published_sets`` sent together (a pipeline): one round trip
    to the server instead of three. The caller holds the transaction."""
    with (
        connection.pipeline(),
        connection.cursor() as locking,
        connection.cursor() as pulling,
        connection.cursor() as publishing,
    ):
        lock(locking)
        _send_pull(pulling, since)
        _send_published(publishing)
        rows = [(kind, key, version, gone, data) for kind, key, version, gone, data in pulling]
        published = [(c, s, t, v, n, bool(m)) for c, s, t, v, n, m in publishing.fetchall()]
    return rows, published


# Up to this many rows are sent as array parameters of the INSERT itself; more go through
# COPY into a temporary table. A small push (the usual incremental sync) thus costs one
# round trip per kind instead of creating a temporary table, a COPY and the INSERT.
COPY_ABOVE = 500


def push(
    cursor: psycopg.Cursor[Any], rows: Iterable[tuple[str, str, bool, dict[str, Any] | None]]
) -> dict[tuple[str, str], int]:
    """Write (kind, key, deleted, data) rows; return the version each now has: one
    INSERT … ON CONFLICT per kind, from arrays (a few rows) or a COPY (many)."""
    by_kind: dict[str, tuple[list[str], list[bool], list[str]]] = {}
    total = 0
    for kind, key, deleted, data in rows:
        keys, gone, texts = by_kind.setdefault(kind, ([], [], []))
        keys.append(key)
        gone.append(deleted)
        texts.append(json.dumps(data if data is not None else {}))
        total += 1
    copied = total > COPY_ABOVE
    if copied:
        _copy_in(cursor, by_kind)
    versions: dict[tuple[str, str], int] = {}
    for kind in TABLES:
        if kind not in by_kind:
            continue
        if copied:
            source = "sync_incoming WHERE kind = %s"
            params: tuple[Any, ...] = (kind,)
        else:
            source = "unnest(%s::text[], %s::boolean[], %s::text[]) AS r(key, deleted, data)"
            params = by_kind[kind]
        cursor.execute(_upsert_sql(kind, source), params)
        for key, version in cursor.fetchall():
            versions[(kind, key)] = version
    return versions


def _copy_in(
    cursor: psycopg.Cursor[Any], by_kind: dict[str, tuple[list[str], list[bool], list[str]]]
) -> None:
    cursor.execute(
        "CREATE TEMP TABLE IF NOT EXISTS sync_incoming "
        "(kind text, key text, deleted boolean, data text) ON COMMIT DELETE ROWS"
    )
    with cursor.copy("COPY sync_incoming (kind, key, deleted, data) FROM STDIN") as copy:
        for kind, (keys, gone, texts) in by_kind.items():
            for key, deleted, text in zip(keys, gone, texts, strict=True):
                copy.write_row((kind, key, deleted, text))


def _upsert_sql(kind: str, source: str) -> str:
    """The INSERT of one kind's rows from ``source`` (columns key, deleted, data as text)."""
    table = f"{SCHEMA}.{TABLES[kind]}"
    if kind == "review":
        # Insert-only: a row the server has already is left as it is.
        return (
            f"INSERT INTO {table}(key, card_key, data, version) "
            "SELECT key, coalesce(data::jsonb->>'card_id', ''), data::jsonb, 0 "
            f"FROM {source} {'AND' if 'WHERE' in source else 'WHERE'} NOT deleted "
            "ON CONFLICT (owner, key) DO NOTHING RETURNING key, version"
        )
    return (
        f"INSERT INTO {table}(key, deleted, data, version) "
        f"SELECT key, deleted, data::jsonb, 0 FROM {source} "
        "ON CONFLICT (owner, key) DO UPDATE SET deleted = excluded.deleted, "
        "data = excluded.data RETURNING key, version"
    )


def published_sets(cursor: psycopg.Cursor[Any]) -> list[Published]:
    """(class, sha256, title, set version, server version, published by this user) of every
    set this user may read."""
    _send_published(cursor)
    return [(c, s, t, v, n, bool(m)) for c, s, t, v, n, m in cursor.fetchall()]


def _send_published(cursor: psycopg.Cursor[Any]) -> None:
    cursor.execute(
        f"SELECT class_name, sha256, title, set_version, version, published_by = current_user "
        f"FROM {SCHEMA}.published_sets WHERE NOT withdrawn ORDER BY class_name, sha256"
    )


def published_text(cursor: psycopg.Cursor[Any], class_name: str, sha256: str) -> str | None:
    cursor.execute(
        f"SELECT raw_text FROM {SCHEMA}.published_sets WHERE class_name = %s AND sha256 = %s",
        (class_name, sha256),
    )
    row = cursor.fetchone()
    return str(row[0]) if row else None


def set_texts(cursor: psycopg.Cursor[Any], shas: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The full records (with raw text) of this user's own study sets."""
    wanted = list(shas)
    if not wanted:
        return {}
    cursor.execute(
        f"SELECT key, data FROM {SCHEMA}.sets WHERE owner = %s AND key = ANY(%s) AND NOT deleted",
        (cursor.connection.info.user, wanted),
    )
    return {key: data for key, data in cursor.fetchall()}
