"""One throwaway PostgreSQL cluster for the whole sync suite, prepared as a Study Desk server.

The cluster (tests/sync/pg_cluster.py) starts once per session on a free loopback port with
SCRAM passwords, and is stopped and removed at the end. ``server`` is the prepared database
(``studydesk server init``); ``make_user`` adds a student or teacher with a fresh name, so
tests never share a user and need no cleaning up.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from tests.sync.pg_cluster import Cluster

DATABASE = "studydesk"
_names = itertools.count(1)


@dataclass
class Server:
    cluster: Cluster

    @property
    def admin_url(self) -> str:
        return self.cluster.url(database=DATABASE)

    def url(self, user: str, password: str | None = None) -> str:
        return self.cluster.url(user, password, DATABASE)


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    cluster = Cluster()
    cluster.start()
    try:
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            cluster.remove()


@pytest.fixture(scope="session")
def server(cluster: Cluster) -> Server:
    import psycopg

    from db.server.admin import init_server
    from db.server.connect import parse_server_url

    with psycopg.connect(cluster.url(), autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {DATABASE}")
    address, password = parse_server_url(cluster.url(database=DATABASE))
    init_server(address, password)
    return Server(cluster)


@pytest.fixture
def make_user(server: Server) -> Callable[..., str]:
    """make_user("ann", teacher=False, class_name=None) -> the user's name (made unique)."""
    from db.server.admin import add_user
    from db.server.connect import parse_server_url

    def make(stem: str = "student", teacher: bool = False, class_name: str | None = None) -> str:
        name = f"{stem}_{next(_names)}"
        address, password = parse_server_url(server.admin_url)
        add_user(address, password, name, PASSWORD, teacher, class_name)
        return name

    return make


PASSWORD = "correct horse battery"
