"""A Compare job whose tab (the worker's owner) is deleted while the helper works: the result
is dropped quietly, and quitting ends the helper process."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop.services import compare_worker
from desktop.services.compare_worker import CompareWorker


def test_a_result_for_a_deleted_owner_is_dropped_and_quit_ends_the_helper(qtbot: QtBot) -> None:
    pool = compare_worker._process_pool()
    owner = QObject()
    worker = CompareWorker(owner)
    results: list[object] = []
    worker.done.connect(lambda _token, result: results.append(result))
    worker.start(time.sleep, 0.5)  # a module-level function: it runs in the helper process
    qtbot.waitUntil(lambda: bool(pool._processes))  # type: ignore[attr-defined]
    helpers = list(pool._processes.values())  # type: ignore[attr-defined]
    owner.deleteLater()  # the tab closes while the job runs; its pool waits for the job
    qtbot.wait(1000)  # the job ends and reports to the deleted worker
    assert results == []  # pytest-qt fails the test if the report raised in the pool's thread
    compare_worker.shut_down_helper_process()
    assert compare_worker._start_process_pool.cache_info().currsize == 0
    for process in helpers:
        process.join(timeout=10)
        assert process.exitcode is not None
