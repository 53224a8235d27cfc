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
    """Publish (or publish again: the set's version goes up) and return the set version."""
    with connection.transaction(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SCHEMA}.published_sets(class_name, sha256, title, raw_text, version) "
            "VALUES (%s, %s, %s, %s, 0) ON CONFLICT (class_name, sha256) DO UPDATE SET "
            "title = excluded.title, withdrawn = false, "
            f"set_version = {SCHEMA}.published_sets.set_version + 1 "
            "RETURNING set_version",
            (class_name, sha256, title, raw_text),
        )
        row = cursor.fetchone()
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
