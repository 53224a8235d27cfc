"""Study sets a teacher publishes to a class. The engine decides who may: the policies of
studydesk.published_sets let a teacher write only for the classes they teach, and a student
read only the published (not withdrawn) sets of their own classes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from db.server import SCHEMA


@dataclass(frozen=True)
class PublishedSet:
    class_name: str
    sha256: str
    title: str
    set_version: int
    version: int
    raw_text: str | None = None  # read only when the caller asks for the text


def publish(
    connection: psycopg.Connection[Any], class_name: str, sha256: str, title: str, raw_text: str
) -> int:
    """Publish and return the set's version in the class. A set of the same question (title)
    already published there is an earlier version of this one: this text takes the next
    version number and the earlier text is withdrawn (students' syncs carry their work over
    to the new version). Publishing the same text again also counts a new version."""
    with connection.transaction(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SCHEMA}.published_sets"
            "(class_name, sha256, title, raw_text, set_version, version) "
            "VALUES (%(class)s, %(sha)s, %(title)s, %(text)s, 1 + coalesce((SELECT "
            f"max(set_version) FROM {SCHEMA}.published_sets WHERE class_name = %(class)s "
            "AND title = %(title)s), 0), 0) "
            "ON CONFLICT (class_name, sha256) DO UPDATE SET "
            "title = excluded.title, withdrawn = false, set_version = excluded.set_version "
            "RETURNING set_version",
            {"class": class_name, "sha": sha256, "title": title, "text": raw_text},
        )
        row = cursor.fetchone()
        cursor.execute(
            f"UPDATE {SCHEMA}.published_sets SET withdrawn = true "
            "WHERE class_name = %s AND title = %s AND sha256 <> %s AND NOT withdrawn",
            (class_name, title, sha256),
        )
    return int(row[0]) if row else 0


def withdraw(connection: psycopg.Connection[Any], class_name: str, sha256: str) -> bool:
    with connection.transaction(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {SCHEMA}.published_sets SET withdrawn = true "
            "WHERE class_name = %s AND sha256 = %s",
            (class_name, sha256),
        )
        return cursor.rowcount > 0


def visible_sets(
    connection: psycopg.Connection[Any], with_text: bool = False
) -> list[PublishedSet]:
    """What this user may read: their classes' published sets (teachers: what they publish)."""
    text = "raw_text" if with_text else "NULL"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT class_name, sha256, title, set_version, version, {text} "
            f"FROM {SCHEMA}.published_sets WHERE NOT withdrawn ORDER BY class_name, title"
        )
        return [PublishedSet(*row) for row in cursor.fetchall()]


def taught_classes(connection: psycopg.Connection[Any]) -> list[str]:
    """The classes this user teaches (none for a student)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name FROM {SCHEMA}.classes WHERE teacher = current_user ORDER BY name"
        )
        return [str(row[0]) for row in cursor.fetchall()]
