"""Schema versions: Alembic migrations that run at start-up.

Opening a database that is already at head is the common case, so it is answered with one
plain SELECT (db.reads) and Alembic, a slow import, is loaded only when there is work to do.
The revisions this Study Desk knows are read from the migration scripts themselves
(``known_revisions``), the one list the health check and the migrations share.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from db.reads import SCHEMA_HEAD, schema_revision

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent
_REVISION = re.compile(r"""^revision(?:\s*:\s*str)?\s*=\s*["']([^"']+)["']""", re.MULTILINE)


class NewerDatabaseError(RuntimeError):
    """The database was written by a newer Study Desk; we refuse it and leave it untouched."""


@cache
def known_revisions() -> frozenset[str]:
    """Every revision in versions/, read from the scripts' ``revision = "…"`` lines (without
    importing Alembic, which start-up cannot afford)."""
    found: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        match = _REVISION.search(script.read_text(encoding="utf-8"))
        if match:
            found.add(match[1])
    return frozenset(found)


def is_known_revision(revision: str | None) -> bool:
    """None (a new, empty database) or a revision one of our migrations creates."""
    return revision is None or revision in known_revisions()


def newer_database_message(revision: str) -> str:
    return (
        f"the database is at schema version {revision}, which this version of Study Desk "
        "does not know; it was written by a newer Study Desk"
    )


def current_revision(connection: Connection) -> str | None:
    return schema_revision(connection.connection.dbapi_connection)  # type: ignore[arg-type]


def ensure_schema_current(engine: Engine) -> None:
    with engine.connect() as connection:
        revision = current_revision(connection)
        if revision == SCHEMA_HEAD:
            return
        if not is_known_revision(revision):
            raise NewerDatabaseError(newer_database_message(str(revision)))
    upgrade_to_head(engine)


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_to_head(engine: Engine) -> None:
    from alembic import command

    config = _alembic_config()
    with engine.begin() as connection:
        revision = current_revision(connection)
        if not is_known_revision(revision):
            raise NewerDatabaseError(newer_database_message(str(revision)))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
