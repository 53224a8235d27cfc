"""Row-level security, tried as an attacker would: student A connects with raw psycopg as A
and sends whatever SQL it likes against B's rows, unpublished sets and the schema itself.
Every attempt must be refused by the engine (an SQLSTATE) or reach zero rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import psycopg
import pytest
from psycopg.types.json import Jsonb

from db.server.admin import add_class
from db.server.connect import parse_server_url
from db.server.published import publish, visible_sets
from tests.sync.conftest import PASSWORD, Server

INSUFFICIENT_PRIVILEGE = "42501"


@dataclass
class World:
    a: psycopg.Connection[Any]
    b_name: str
    teacher: psycopg.Connection[Any]
    a_class: str
    other_class: str


def _connect(server: Server, user: str) -> psycopg.Connection[Any]:
    return psycopg.connect(server.url(user, PASSWORD), autocommit=True)


@pytest.fixture(scope="module")
def world(server: Server, make_user_module: Callable[..., str]) -> Iterator[World]:
    address, password = parse_server_url(server.admin_url)
    a_class, other_class = "HIST 201 sec", "GEO 101 sec"
    add_class(address, password, a_class)
    add_class(address, password, other_class)
    a = make_user_module("ann", class_name=a_class)
    b = make_user_module("bob", class_name=other_class)
    t = make_user_module("tess", teacher=True, class_name=a_class)
    t2 = make_user_module("theo", teacher=True, class_name=other_class)
    with _connect(server, b) as bob:
        bob.execute(
            "INSERT INTO studydesk.notes(key, data, version) VALUES ('b-note', %s, 0)",
            (Jsonb({"body": "Bob's private note"}),),
        )
        bob.execute(
            "INSERT INTO studydesk.review_logs(key, card_key, data, version) "
            "VALUES ('b-review', '7', %s, 0)",
            (Jsonb({"rating": 3}),),
        )
    with _connect(server, t2) as theo:
        publish(theo, other_class, "f" * 64, "Only for GEO", "Q?\nExpert Answers\n")
    teacher = _connect(server, t)
    publish(teacher, a_class, "e" * 64, "Withdrawn later", "Q?\nExpert Answers\n")
    teacher.execute("UPDATE studydesk.published_sets SET withdrawn = true")
    a_connection = _connect(server, a)
    yield World(a_connection, b, teacher, a_class, other_class)
    a_connection.close()
    teacher.close()


@pytest.fixture(scope="module")
def make_user_module(server: Server) -> Callable[..., str]:
    from db.server.admin import add_user

    counter = iter(range(1, 1000))

    def make(stem: str, teacher: bool = False, class_name: str | None = None) -> str:
        name = f"{stem}_sec_{next(counter)}"
        address, password = parse_server_url(server.admin_url)
        add_user(address, password, name, PASSWORD, teacher, class_name)
        return name

    return make


def _refused(connection: psycopg.Connection[Any], statement: str, *params: Any) -> str:
    with pytest.raises(psycopg.Error) as caught:
        connection.execute(statement, params or None)
    return str(caught.value.sqlstate)


def test_a_cannot_read_b_rows(world: World) -> None:
    a = world.a
    for table in ("notes", "review_logs"):
        rows = a.execute(f"SELECT * FROM studydesk.{table}").fetchall()
        assert rows == []
        rows = a.execute(
            f"SELECT * FROM studydesk.{table} WHERE owner = %s", (world.b_name,)
        ).fetchall()
        assert rows == []
    assert a.execute("SELECT count(*) FROM studydesk.notes").fetchone() == (0,)


def test_a_cannot_change_or_delete_b_rows(world: World) -> None:
    a = world.a
    changed = a.execute(
        'UPDATE studydesk.notes SET data = \'{"body": "hacked"}\' WHERE owner = %s',
        (world.b_name,),
    )
    assert changed.rowcount == 0
    assert _refused(a, "DELETE FROM studydesk.notes") == INSUFFICIENT_PRIVILEGE
    assert _refused(a, "TRUNCATE studydesk.notes") == INSUFFICIENT_PRIVILEGE
    # Writing a row in B's name, directly or as an upsert onto B's key.
    assert (
        _refused(
            a,
            "INSERT INTO studydesk.notes(owner, key, data, version) VALUES (%s, 'b-note', "
            '\'{"body": "hacked"}\', 0) ON CONFLICT (owner, key) DO UPDATE SET data = '
            "excluded.data",
            world.b_name,
        )
        == INSUFFICIENT_PRIVILEGE
    )
    # The review log is insert-only, even for one's own rows.
    assert _refused(a, "UPDATE studydesk.review_logs SET data = '{}'") == INSUFFICIENT_PRIVILEGE
    assert _refused(a, "DELETE FROM studydesk.review_logs") == INSUFFICIENT_PRIVILEGE


def test_b_rows_are_intact_after_the_attempts(world: World, server: Server) -> None:
    with _connect(server, world.b_name) as bob:
        rows = bob.execute("SELECT data->>'body' FROM studydesk.notes").fetchall()
    assert rows == [("Bob's private note",)]


def test_a_cannot_read_unpublished_or_other_classes_sets(world: World) -> None:
    # One set published to a class A is not in, one withdrawn from A's class: A sees neither.
    assert visible_sets(world.a, with_text=True) == []
    assert world.a.execute("SELECT count(*) FROM studydesk.published_sets").fetchone() == (0,)
    # A sees their own class, not the other one, and only their own membership.
    classes = world.a.execute("SELECT name FROM studydesk.classes").fetchall()
    assert classes == [(world.a_class,)]
    members = world.a.execute("SELECT member FROM studydesk.class_members").fetchall()
    assert len(members) == 1


def test_a_cannot_publish(world: World) -> None:
    with pytest.raises(psycopg.Error) as caught:
        publish(world.a, world.a_class, "a" * 64, "Mine", "Q?\nExpert Answers\n")
    assert caught.value.sqlstate == INSUFFICIENT_PRIVILEGE


def test_a_cannot_turn_security_off_or_drop(world: World) -> None:
    a = world.a
    for statement in (
        "ALTER TABLE studydesk.notes DISABLE ROW LEVEL SECURITY",
        "ALTER TABLE studydesk.notes NO FORCE ROW LEVEL SECURITY",
        "DROP TABLE studydesk.notes",
        "DROP POLICY own_rows ON studydesk.notes",
        "CREATE POLICY everything ON studydesk.notes USING (true)",
        "ALTER TABLE studydesk.notes OWNER TO CURRENT_USER",
        "SET ROLE studydesk_owner",
        "SET ROLE studydesk_teacher",
        "CREATE TABLE studydesk.mine (x int)",
        "CREATE TABLE public.mine (x int)",
        "INSERT INTO studydesk.class_members(class_name, member) "
        "VALUES ('GEO 101 sec', CURRENT_USER)",
    ):
        assert _refused(a, statement) == INSUFFICIENT_PRIVILEGE, statement
    # GRANT by a non-owner grants nothing (PostgreSQL only warns): DELETE stays refused.
    a.execute("GRANT DELETE ON studydesk.notes TO CURRENT_USER")
    assert _refused(a, "DELETE FROM studydesk.notes") == INSUFFICIENT_PRIVILEGE
    flags = a.execute(
        "SELECT relrowsecurity, relforcerowsecurity FROM pg_class "
        "WHERE oid = 'studydesk.notes'::regclass"
    ).fetchone()
    assert flags == (True, True)


def test_teacher_reads_nothing_private_and_publishes_only_to_own_class(world: World) -> None:
    teacher = world.teacher
    assert teacher.execute("SELECT count(*) FROM studydesk.notes").fetchone() == (0,)
    assert teacher.execute("SELECT count(*) FROM studydesk.review_logs").fetchone() == (0,)
    with pytest.raises(psycopg.Error) as caught:
        publish(teacher, world.other_class, "c" * 64, "Not my class", "Q?\nExpert Answers\n")
    assert caught.value.sqlstate == INSUFFICIENT_PRIVILEGE
    assert publish(teacher, world.a_class, "d" * 64, "For my class", "Q?\nExpert Answers\n") == 1
    assert [s.title for s in visible_sets(world.a)] == ["For my class"]
