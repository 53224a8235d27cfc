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
    return [(kind, key, version, gone, data) for kind, key, version, gone, data in cursor]


def push(
    cursor: psycopg.Cursor[Any], rows: Iterable[tuple[str, str, bool, dict[str, Any] | None]]
) -> dict[tuple[str, str], int]:
    """Write (kind, key, deleted, data) rows; return the version each now has. Rows go in
    through COPY into a temporary table, then one INSERT … ON CONFLICT per kind."""
    cursor.execute(
        "CREATE TEMP TABLE IF NOT EXISTS sync_incoming "
        "(kind text, key text, deleted boolean, data jsonb) ON COMMIT DELETE ROWS"
    )
    kinds: set[str] = set()
    with cursor.copy("COPY sync_incoming (kind, key, deleted, data) FROM STDIN") as copy:
        for kind, key, deleted, data in rows:
            kinds.add(kind)
            copy.write_row((kind, key, deleted, json.dumps(data if data is not None else {})))
    versions: dict[tuple[str, str], int] = {}
    for kind in TABLES:
        if kind not in kinds:
            continue
        table = f"{SCHEMA}.{TABLES[kind]}"
        if kind == "review":
            # Insert-only: a row the server has already is left as it is.
            cursor.execute(
                f"INSERT INTO {table}(key, card_key, data, version) "
                "SELECT key, coalesce(data->>'card_id', ''), data, 0 FROM sync_incoming "
                "WHERE kind = 'review' AND NOT deleted "
                "ON CONFLICT (owner, key) DO NOTHING RETURNING key, version"
            )
        else:
            cursor.execute(
                f"INSERT INTO {table}(key, deleted, data, version) "
                "SELECT key, deleted, data, 0 FROM sync_incoming WHERE kind = %s "
                "ON CONFLICT (owner, key) DO UPDATE SET deleted = excluded.deleted, "
                "data = excluded.data RETURNING key, version",
                (kind,),
            )
        for key, version in cursor.fetchall():
            versions[(kind, key)] = version
    return versions


def published_sets(cursor: psycopg.Cursor[Any]) -> list[tuple[str, str, str, int, int, bool]]:
    """(class, sha256, title, set version, server version, published by this user) of every
    set this user may read."""
    cursor.execute(
        f"SELECT class_name, sha256, title, set_version, version, published_by = current_user "
        f"FROM {SCHEMA}.published_sets WHERE NOT withdrawn ORDER BY class_name, sha256"
    )
    return [(c, s, t, v, n, bool(m)) for c, s, t, v, n, m in cursor.fetchall()]


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
