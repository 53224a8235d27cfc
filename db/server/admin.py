"""Preparing and running the server: init, users, classes, status. Run as an administrator
(a PostgreSQL role with CREATEROLE that may SET ROLE studydesk_owner, or a superuser)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from db.server import OWNER_ROLE, PRIVATE_TABLES, SCHEMA, STUDENT_ROLE, TEACHER_ROLE
from db.server.connect import ServerAddress, ServerRefused, connect, explain

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
CLASS_NAME = re.compile(r"^\S(?:.{0,98}\S)?$")


def check_role_name(name: str) -> str:
    if not ROLE_NAME.match(name) or name.startswith("pg_") or name.startswith("studydesk"):
        raise ServerRefused(
            f"{name!r} cannot be a user name: use lower-case letters, digits and _ "
            "(at most 63, not starting with a digit, pg_ or studydesk)"
        )
    return name


def check_class_name(name: str) -> str:
    if not CLASS_NAME.match(name):
        raise ServerRefused(f"{name!r} cannot be a class name (1-100 characters, no edge spaces)")
    return name


def _admin(address: ServerAddress, password: str | None) -> psycopg.Connection[Any]:
    return connect(address, password)


def _as_owner(cursor: psycopg.Cursor[Any]) -> None:
    cursor.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(OWNER_ROLE)))


def init_server(address: ServerAddress, password: str | None, target: str = "head") -> str:
    """Roles, schema and the migrations to head (or ``target``, a server that an older
    Study Desk set up). Safe to run again: it upgrades."""
    with _admin(address, password) as connection:
        try:
            with connection.cursor() as cursor:
                for role in (OWNER_ROLE, STUDENT_ROLE, TEACHER_ROLE):
                    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
                    if cursor.fetchone() is None:
                        cursor.execute(
                            sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role))
                        )
                cursor.execute(
                    sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(OWNER_ROLE))
                )
                cursor.execute(
                    sql.SQL("CREATE SCHEMA IF NOT EXISTS {} AUTHORIZATION {}").format(
                        sql.Identifier(SCHEMA), sql.Identifier(OWNER_ROLE)
                    )
                )
                # Nobody but our roles may use the schema; nobody may create in public.
                cursor.execute(
                    sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(sql.Identifier(SCHEMA))
                )
                cursor.execute(
                    sql.SQL("GRANT USAGE ON SCHEMA {} TO {}, {}").format(
                        sql.Identifier(SCHEMA),
                        sql.Identifier(STUDENT_ROLE),
                        sql.Identifier(TEACHER_ROLE),
                    )
                )
                cursor.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
            connection.commit()
        except psycopg.Error as error:
            raise ServerRefused(explain(error, address)) from error
    return _upgrade(address, password, target)


def _upgrade(address: ServerAddress, password: str | None, target: str) -> str:
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from db.server.connect import engine_for

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    engine = engine_for(address, password)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"SET LOCAL ROLE {OWNER_ROLE}")
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    except Exception as error:  # noqa: BLE001 (the reason, in words, is what the caller needs)
        raise ServerRefused(explain(error, address)) from error
    finally:
        engine.dispose()
    if target != "head":
        return target
    head = ScriptDirectory.from_config(config).get_current_head()
    return str(head)


def add_class(address: ServerAddress, password: str | None, name: str) -> None:
    check_class_name(name)
    with _admin(address, password) as connection, connection.cursor() as cursor:
        _as_owner(cursor)
        cursor.execute(
            f"INSERT INTO {SCHEMA}.classes(name) VALUES (%s) ON CONFLICT DO NOTHING", (name,)
        )


def add_user(
    address: ServerAddress,
    password: str | None,
    name: str,
    new_password: str,
    teacher: bool,
    class_name: str | None,
) -> None:
    """A login role in the student or teacher group; PostgreSQL keeps only its SCRAM verifier
    (computed here by libpq, so the password itself never travels in a statement)."""
    check_role_name(name)
    if len(new_password) < 8:
        raise ServerRefused("the password needs at least 8 characters")
    group = TEACHER_ROLE if teacher else STUDENT_ROLE
    with _admin(address, password) as connection:
        try:
            verifier = connection.pgconn.encrypt_password(
                new_password.encode(), name.encode(), b"scram-sha-256"
            ).decode()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls "
                    "FROM pg_roles WHERE rolname = %s",
                    (name,),
                )
                existing = cursor.fetchone()
                if existing is not None and existing[0]:
                    raise ServerRefused(
                        f"{name} is an administrator's role here; a Study Desk user needs "
                        "a name of its own"
                    )
                verb = "ALTER" if existing else "CREATE"
                cursor.execute(
                    sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
                        sql.Identifier(name), sql.Literal(verifier)
                    )
                )
                cursor.execute(
                    sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name))
                )
                if class_name is not None:
                    _as_owner(cursor)
                    cursor.execute(f"SELECT 1 FROM {SCHEMA}.classes WHERE name = %s", (class_name,))
                    if cursor.fetchone() is None:
                        raise ServerRefused(
                            f"there is no class {class_name!r}: studydesk server add-class first"
                        )
                    if teacher:
                        cursor.execute(
                            f"UPDATE {SCHEMA}.classes SET teacher = %s WHERE name = %s",
                            (name, class_name),
                        )
                    else:
                        cursor.execute(
                            f"INSERT INTO {SCHEMA}.class_members(class_name, member) "
                            "VALUES (%s, %s) ON CONFLICT DO NOTHING",
                            (class_name, name),
                        )
        except psycopg.Error as error:
            raise ServerRefused(explain(error, address)) from error


@dataclass
class ServerStatus:
    schema_version: str | None
    students: int
    teachers: int
    classes: list[tuple[str, str | None, int]] = field(default_factory=list)  # name, teacher, n
    rows: dict[str, int] = field(default_factory=dict)
    last_version: int = 0


def server_status(address: ServerAddress, password: str | None) -> ServerStatus:
    with _admin(address, password) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE g.rolname = %s), count(*) FILTER (WHERE g.rolname = %s) "
            "FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid",
            (STUDENT_ROLE, TEACHER_ROLE),
        )
        students, teachers = cursor.fetchone() or (0, 0)
        cursor.execute("SELECT to_regclass(%s)", (f"{SCHEMA}.alembic_version",))
        row = cursor.fetchone()
        if row is None or row[0] is None:
            raise ServerRefused("this database is not a Study Desk server: run server init")
        _as_owner(cursor)
        cursor.execute(f"SELECT version_num FROM {SCHEMA}.alembic_version")
        version = cursor.fetchone()
        status = ServerStatus(version[0] if version else None, students, teachers)
        cursor.execute(
            f"SELECT c.name, c.teacher, count(m.member) FROM {SCHEMA}.classes c "
            f"LEFT JOIN {SCHEMA}.class_members m ON m.class_name = c.name "
            "GROUP BY c.name, c.teacher ORDER BY c.name"
        )
        status.classes = [(name, teacher, count) for name, teacher, count in cursor.fetchall()]
        for table in (*PRIVATE_TABLES, "review_logs", "published_sets"):
            cursor.execute(f"SELECT count(*) FROM {SCHEMA}.{table}")
            counted = cursor.fetchone()
            status.rows[table] = counted[0] if counted else 0
        cursor.execute(f"SELECT last_value FROM {SCHEMA}.versions")
        last = cursor.fetchone()
        status.last_version = last[0] if last else 0
        connection.rollback()
    return status
