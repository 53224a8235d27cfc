"""Publishing a study set to a class from the window (the command line has its own path in
sync_commands). A teacher's connection; the engine refuses anyone else."""

from __future__ import annotations

from pathlib import Path

import psycopg

from db.server.connect import ServerRefused, connect, explain
from db.server.published import publish, taught_classes
from db.sync_local import study_set_for_publishing
from desktop.services.sync import SyncRefused, resolve_server


def classes_taught(library_path: Path, server_url: str | None, password: str | None) -> list[str]:
    address, url_password = resolve_server(library_path, server_url)
    try:
        with connect(address, password if password is not None else url_password) as server:
            return taught_classes(server)
    except ServerRefused as error:
        raise SyncRefused(str(error)) from error
    except psycopg.Error as error:
        raise SyncRefused(explain(error, address)) from error


def publish_to_class(
    library_path: Path,
    server_url: str | None,
    password: str | None,
    study_set_id: int,
    class_name: str,
) -> tuple[str, int]:
    """(the title published, its version in the class)."""
    address, url_password = resolve_server(library_path, server_url)
    sha, title, raw_text = study_set_for_publishing(library_path, study_set_id)
    try:
        with connect(address, password if password is not None else url_password) as server:
            return title, publish(server, class_name, sha, title, raw_text)
    except ServerRefused as error:
        raise SyncRefused(str(error)) from error
    except psycopg.Error as error:
        raise SyncRefused(
            f"cannot publish to {class_name}: {explain(error, address)} (only its teacher may)"
        ) from error
