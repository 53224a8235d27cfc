"""A sync that fails half-way leaves no half state on either side, and says why in words.

The push is held inside the server (an administrator locks the notes table), then the
connection is cut with pg_terminate_backend, or the whole server is restarted; the study
sets pushed before the notes in that transaction must be gone too. The next sync completes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from desktop.services.sync import SyncRefused, sync_library
from tests.sync.conftest import PASSWORD, Server
from tests.sync.devices import Device, run_cli, server_notes
from tests.sync.pg_cluster import free_port

ROOT = Path(__file__).resolve().parents[2]


def _state(device: Device) -> dict[str, object]:
    import sqlite3

    contents = device.contents()
    with sqlite3.connect(device.path) as connection:
        contents["sync_state"] = connection.execute(
            "SELECT last_version, last_synced_at FROM sync_state"
        ).fetchone()
        contents["dirty"] = sorted(connection.execute("SELECT kind, key, dirty FROM sync_rows"))
    return contents


@contextmanager
def _push_held(server: Server, user: str) -> Iterator[psycopg.Connection[object]]:
    """Hold every push of ``user`` at the notes table; yields the administrator's connection
    once the user's sync is waiting there."""
    admin = psycopg.connect(server.admin_url)
    admin.execute("LOCK TABLE studydesk.notes IN EXCLUSIVE MODE")
    try:
        yield admin
    finally:
        admin.close()  # its lock goes with it (the restart may have closed it already)


def _wait_for_blocked(server: Server, user: str) -> int:
    deadline = time.monotonic() + 30
    with psycopg.connect(server.admin_url, autocommit=True) as watcher:
        while time.monotonic() < deadline:
            row = watcher.execute(
                "SELECT pid FROM pg_stat_activity WHERE usename = %s AND wait_event_type = 'Lock'",
                (user,),
            ).fetchone()
            if row:
                return int(row[0])
            time.sleep(0.05)
    raise AssertionError("the sync never reached the held push")


def _sync_in_thread(device: Device) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            device.sync()
        except BaseException as error:  # noqa: BLE001 (handed to the test)
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def _offline_work(tmp_path: Path, server: Server, user: str) -> Device:
    device = Device(tmp_path / "laptop", server.url(user), PASSWORD)
    device.add_note("Written offline, first")
    device.add_note("Written offline, second")
    device.highlight(0, 8)
    return device


def _server_rows(server: Server, user: str) -> int:
    with psycopg.connect(server.url(user, PASSWORD)) as connection:
        row = connection.execute(
            "SELECT (SELECT count(*) FROM studydesk.sets) + (SELECT count(*) FROM "
            "studydesk.notes) + (SELECT count(*) FROM studydesk.highlights)"
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_connection_cut_mid_push_leaves_no_partial_state(
    tmp_path: Path, server: Server, make_user: Callable[..., str]
) -> None:
    user = make_user("cut")
    device = _offline_work(tmp_path, server, user)
    before = _state(device)
    with _push_held(server, user) as admin:
        thread, errors = _sync_in_thread(device)
        pid = _wait_for_blocked(server, user)
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    thread.join(30)
    assert len(errors) == 1 and isinstance(errors[0], SyncRefused)
    assert "connection" in str(errors[0])
    assert _server_rows(server, user) == 0  # the set pushed before the notes is gone too
    assert _state(device) == before
    device.sync()
    assert sorted(body for _k, body, _d in server_notes(server.url(user, PASSWORD))) == [
        "Written offline, first",
        "Written offline, second",
    ]
    assert device.contents()["unsynced"] == 0


def test_server_restart_mid_sync_then_next_sync_completes(
    tmp_path: Path, server: Server, make_user: Callable[..., str]
) -> None:
    user = make_user("restart")
    device = _offline_work(tmp_path, server, user)
    before = _state(device)
    with _push_held(server, user):
        thread, errors = _sync_in_thread(device)
        _wait_for_blocked(server, user)
        server.cluster.restart()
    thread.join(30)
    assert len(errors) == 1 and isinstance(errors[0], SyncRefused)
    assert _server_rows(server, user) == 0
    assert _state(device) == before
    device.sync()
    assert len(server_notes(server.url(user, PASSWORD))) == 2
    assert device.contents()["unsynced"] == 0


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("wrong password", "refused the password"),
        ("server down", "cannot be reached"),
        ("tls required", "does not offer TLS"),
        ("tls refused for another host", "needs TLS"),
    ],
)
def test_refused_syncs_say_why_and_leave_local_work_alone(
    tmp_path: Path, server: Server, make_user: Callable[..., str], case: str, expected: str
) -> None:
    user = make_user("refused")
    port = server.cluster.port
    url, env = f"postgresql://{user}@127.0.0.1:{port}/studydesk", {"PGPASSWORD": PASSWORD}
    if case == "wrong password":
        env = {"PGPASSWORD": "not the password"}
    elif case == "server down":
        url = f"postgresql://{user}@127.0.0.1:{free_port()}/studydesk"
    elif case == "tls required":
        url += "?sslmode=require"
    else:
        url = f"postgresql://{user}@db.school.invalid/studydesk?sslmode=prefer"
    data = tmp_path / "data"
    device = Device(data / "studydesk", url, PASSWORD)
    device.add_note("Precious offline work")
    before = _state(device)
    if case == "wrong password":  # through the command line, as a person runs it
        code, output = run_cli(["sync", "--server", url], data, env)
        assert code == 2, output
        assert "Traceback" not in output
    else:  # the same service the command and the window call, without a process each
        with pytest.raises(SyncRefused) as refused:
            sync_library(device.path, url, None)
        output = str(refused.value)
    assert expected in output
    assert _state(device) == before


def test_sync_command_remembers_the_server(
    tmp_path: Path, server: Server, make_user: Callable[..., str]
) -> None:
    user = make_user("cli")
    url = f"postgresql://{user}@127.0.0.1:{server.cluster.port}/studydesk"
    data = tmp_path / "data"
    device = Device(data / "studydesk", url, PASSWORD)
    device.add_note("From the command line")
    code, output = run_cli(["sync", "--server", url], data, {"PGPASSWORD": PASSWORD})
    assert code == 0, output
    assert "Synced with" in output
    code, output = run_cli(["sync"], data, {"PGPASSWORD": PASSWORD})  # remembered
    assert code == 0, output
    assert [body for _k, body, _d in server_notes(server.url(user, PASSWORD))] == [
        "From the command line"
    ]
