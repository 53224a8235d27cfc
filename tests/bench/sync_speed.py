"""Sync against a real PostgreSQL cluster started for the run (tests/sync/pg_cluster.py),
each figure beside a bare psycopg baseline from the same run:

- initial sync of 10,000 notes  vs  psycopg executemany of the same rows into the same
  table (one transaction);                                                   goal ≤ 3×
- incremental sync of 10 changed notes in a 100,000-note library  vs  a bare round trip
  (connect, upsert the same 10 rows, commit);
- 200 students syncing at once (one thread each, 50 new notes each): p95 latency and
  throughput  vs  200 bare round trips at once (connect, insert 50 rows, commit).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from db.server.admin import add_user, init_server
from db.server.connect import parse_server_url
from tests.sync.devices import Device
from tests.sync.pg_cluster import Cluster

PASSWORD = "bench-password"
DATABASE = "studydesk"


@contextmanager
def _server() -> Iterator[Cluster]:
    cluster = Cluster()
    cluster.start()
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
        address, password = parse_server_url(cluster.url(database=DATABASE))
        init_server(address, password)
        yield cluster
    finally:
        cluster.stop()
        cluster.remove()


def _users(cluster: Cluster, stem: str, count: int) -> list[str]:
    address, password = parse_server_url(cluster.url(database=DATABASE))
    names = [f"{stem}_{n}" for n in range(count)]
    for name in names:
        add_user(address, password, name, PASSWORD, False, None)
    return names


def _url(cluster: Cluster, user: str) -> str:
    return cluster.url(user, PASSWORD, DATABASE)


def _note_data(number: int) -> dict[str, Any]:
    body = f"Note {number}: Stalin's motives, in the student's words, with some length to it."
    return {
        "set": "0" * 64, "anchor_kind": "question", "answer": None, "passage": None,
        "start_offset": None, "end_offset": None, "quote": None, "body": body,
        "colour": None, "created_at": "2026-11-28 12:00:00", "updated_at": "2026-11-28 12:00:00",
        "deleted_at": None, "tags": [],
    }  # fmt: skip


def _bare_insert(url: str, rows: list[tuple[str, dict[str, Any]]], upsert: bool = False) -> None:
    conflict = " ON CONFLICT (owner, key) DO UPDATE SET data = excluded.data" if upsert else ""
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO studydesk.notes(key, data, version) VALUES (%s, %s, 0)" + conflict,
            [(key, Jsonb(data)) for key, data in rows],
        )


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _device(folder: Path, cluster: Cluster, user: str, notes: int, template: Device) -> Device:
    device = Device.copy_of(template, folder, cluster.url(user, None, DATABASE), PASSWORD)
    device.bulk_notes([_note_data(n)["body"] for n in range(notes)])
    return device


def run_initial() -> Iterator[str]:
    count = 10_000
    with _server() as cluster, tempfile.TemporaryDirectory() as folder:
        syncing, bare = _users(cluster, "initial", 2)
        template = Device(Path(folder) / "template", _url(cluster, syncing), PASSWORD)
        device = _device(Path(folder) / "device", cluster, syncing, count, template)
        rows = [(f"{n:032x}", _note_data(n)) for n in range(count)]
        baseline = _timed(lambda: _bare_insert(_url(cluster, bare), rows))
        ours = _timed(device.sync)
        yield f"sync initial: {count:,} notes"
        yield f"  bare psycopg executemany of the same rows: {baseline * 1000:8.0f} ms"
        yield f"  studydesk sync (read, push, mark synced):   {ours * 1000:8.0f} ms"
        yield f"  ratio {ours / baseline:.2f}× (goal ≤ 3×)"


def run_incremental() -> Iterator[str]:
    count, changed, runs = 100_000, 10, 5
    with _server() as cluster, tempfile.TemporaryDirectory() as folder:
        (user,) = _users(cluster, "incremental", 1)
        template = Device(Path(folder) / "template", _url(cluster, user), PASSWORD)
        device = _device(Path(folder) / "device", cluster, user, count, template)
        first = _timed(device.sync)
        ours: list[float] = []
        bare: list[float] = []
        for run in range(runs):
            ids = [1 + run * changed + n for n in range(changed)]
            for note_id in ids:
                device.edit_note(note_id, f"Changed in run {run}")
            ours.append(_timed(device.sync))
            rows = [(f"bare{run}{n}", _note_data(n)) for n in range(changed)]
            bare.append(_timed(lambda rows=rows: _bare_insert(_url(cluster, user), rows, True)))
        ours_median, bare_median = statistics.median(ours), statistics.median(bare)
        yield f"sync incremental: {changed} changed notes in {count:,} (first sync {first:.1f} s)"
        yield f"  bare psycopg round trip (connect, upsert {changed}, commit): "
        yield f"      median {bare_median * 1000:6.1f} ms"
        yield f"  studydesk sync: median {ours_median * 1000:6.1f} ms"
        yield f"  ratio {ours_median / bare_median:.2f}×"


def run_concurrent() -> Iterator[str]:
    students, notes = 200, 50
    with _server() as cluster, tempfile.TemporaryDirectory() as folder:
        users = _users(cluster, "crowd", students)
        template = Device(Path(folder) / "template", _url(cluster, users[0]), PASSWORD)
        devices = [_device(Path(folder) / user, cluster, user, notes, template) for user in users]

        def ours(device: Device) -> float:
            return _timed(device.sync)

        def bare(user: str) -> float:
            rows = [(f"bare{n}", _note_data(n)) for n in range(notes)]
            return _timed(lambda: _bare_insert(_url(cluster, user), rows))

        with ThreadPoolExecutor(max_workers=students) as pool:
            started = time.perf_counter()
            bare_times = list(pool.map(bare, users))
            bare_wall = time.perf_counter() - started
            started = time.perf_counter()
            our_times = list(pool.map(ours, devices))
            our_wall = time.perf_counter() - started

        def p95(values: list[float]) -> float:
            return statistics.quantiles(values, n=100)[94]

        yield f"sync concurrent: {students} students at once, {notes} new notes each"
        yield (
            f"  bare psycopg (connect, insert {notes}, commit): "
            f"p95 {p95(bare_times) * 1000:6.0f} ms,"
            f" {students / bare_wall:6.1f} students/s"
        )
        yield (
            f"  studydesk sync:                          p95 {p95(our_times) * 1000:6.0f} ms,"
            f" {students / our_wall:6.1f} students/s"
        )
        yield f"  p95 ratio {p95(our_times) / p95(bare_times):.2f}×"


def run() -> Iterator[str]:
    yield from run_initial()
    yield from run_incremental()
    yield from run_concurrent()
