"""Schema versions: Alembic migrations that run at start-up.

Opening a database that is already at head is the common case, so it is answered with one
plain SELECT (db.reads) and Alembic, a slow import, is loaded only when there is work to do.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Connection, Engine

from db.reads import SCHEMA_HEAD, schema_revision

MIGRATIONS_DIR = Path(__file__).resolve().parent


class NewerDatabaseError(RuntimeError):
    """The database was written by a newer Study Desk; we refuse it and leave it untouched."""


def current_revision(connection: Connection) -> str | None:
    return schema_revision(connection.connection.dbapi_connection)  # type: ignore[arg-type]


def ensure_schema_current(engine: Engine) -> None:
    with engine.connect() as connection:
        if current_revision(connection) == SCHEMA_HEAD:
            return
    upgrade_to_head(engine)


def _alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_to_head(engine: Engine) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    config = _alembic_config()
    with engine.begin() as connection:
        revision = current_revision(connection)
        if revision is not None:
            try:
                ScriptDirectory.from_config(config).get_revision(revision)
            except CommandError as exc:
                raise NewerDatabaseError(
                    f"the database is at schema version {revision}, which this version of "
                    "Study Desk does not know; it was written by a newer Study Desk"
                ) from exc
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
