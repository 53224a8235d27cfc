"""A server that an older Study Desk set up (server schema 0001, before Compare links were
synced): this app's sync says what to do instead of failing on a missing table, and running
`studydesk server init` again upgrades the server, after which the same sync goes through and
the student's notes are on it."""

from __future__ import annotations

from pathlib import Path

import psycopg

from db.server.admin import add_user, init_server
from db.server.connect import parse_server_url
from desktop.platform.paths import APPLICATION_NAME
from tests.sync.conftest import PASSWORD
from tests.sync.devices import Device, run_cli
from tests.sync.pg_cluster import Cluster

OLD_DATABASE = "studydesk_set_up_by_0001"


def test_a_server_of_an_older_study_desk_is_named_then_upgraded_by_init(
    cluster: Cluster, tmp_path: Path
) -> None:
    with psycopg.connect(cluster.url(), autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {OLD_DATABASE}")
    admin = cluster.url(database=OLD_DATABASE)
    address, password = parse_server_url(admin)
    assert init_server(address, password, target="0001") == "0001"
    add_user(address, password, "upgrade_student", PASSWORD, False, None)
    student = cluster.url("upgrade_student", PASSWORD, OLD_DATABASE)
    data = tmp_path / "laptop"  # XDG_DATA_HOME of the commands below
    laptop = Device(data / APPLICATION_NAME, student, PASSWORD)
    laptop.bulk_notes(["Written before the server was upgraded"])

    code, output = run_cli(["sync", "--server", student], data)
    assert code == 2, output
    assert "set up for an older Study Desk" in output
    assert "studydesk server init" in output

    code, output = run_cli(["server", "init", admin], tmp_path / "admin")
    assert code == 0, output
    code, output = run_cli(["server", "status", "--server", admin], tmp_path / "admin")
    assert "schema version: 0002" in output, output

    code, output = run_cli(["sync", "--server", student], data)
    assert code == 0, output
    with psycopg.connect(student) as connection:
        bodies = [
            data["body"]
            for (data,) in connection.execute("SELECT data FROM studydesk.notes").fetchall()
        ]
    assert "Written before the server was upgraded" in bodies
