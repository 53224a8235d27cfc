"""20 clients syncing at once (10 students, each with two devices), each having written
1,000 notes offline: every device ends with its student's 2,000 notes, the server has the
same, and no student sees another's (counts and checksums compared)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

from tests.sync.conftest import PASSWORD, Server
from tests.sync.devices import Device

STUDENTS = 10
NOTES_PER_DEVICE = 1_000


def _checksum(bodies: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(bodies)).encode()).hexdigest()


def _local_bodies(device: Device) -> list[str]:
    with sqlite3.connect(device.path) as connection:
        return [row[0] for row in connection.execute("SELECT body FROM notes")]


def _server_bodies(server: Server, user: str) -> list[str]:
    with psycopg.connect(server.url(user, PASSWORD)) as connection:
        return [
            row[0]
            for row in connection.execute(
                "SELECT data->>'body' FROM studydesk.notes WHERE NOT deleted"
            )
        ]


def test_twenty_clients_converge(
    tmp_path: Path, server: Server, make_user: Callable[..., str]
) -> None:
    users = [make_user("crowd") for _ in range(STUDENTS)]
    template = Device(tmp_path / "template", server.url(users[0]), PASSWORD)
    devices: list[tuple[str, Device]] = []
    for user in users:
        for side in ("laptop", "desktop"):
            device = Device.copy_of(template, tmp_path / user / side, server.url(user), PASSWORD)
            device.bulk_notes([f"{user} {side} note {n}" for n in range(NOTES_PER_DEVICE)])
            devices.append((user, device))

    with ThreadPoolExecutor(max_workers=len(devices)) as pool:
        list(pool.map(lambda pair: pair[1].sync(), devices))
        # The second round brings each device what its twin pushed meanwhile.
        list(pool.map(lambda pair: pair[1].sync(), devices))

    for user in users:
        on_server = _server_bodies(server, user)
        assert len(on_server) == 2 * NOTES_PER_DEVICE
        assert all(body.startswith(f"{user} ") for body in on_server)
        for owner, device in devices:
            if owner == user:
                local = _local_bodies(device)
                assert len(local) == 2 * NOTES_PER_DEVICE
                assert _checksum(local) == _checksum(on_server)
