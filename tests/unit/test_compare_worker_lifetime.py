"""The Compare helper process and the tabs that use it: a result for a deleted tab is dropped
quietly, and quitting ends the helper at once, even in the middle of a long job."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop.services import compare_worker
from desktop.services.compare_worker import CompareWorker


def _fresh_helper() -> list:  # type: ignore[type-arg]
    """Start a helper of this test's own (an earlier test may have left one busy)."""
    compare_worker.shut_down_helper_process()
    pool = compare_worker._process_pool()
    assert pool is not None
    pool.submit(time.sleep, 0).result()  # the helper is up and idle
    return list(pool._processes.values())  # type: ignore[attr-defined]


def test_a_result_for_a_deleted_owner_is_dropped(qtbot: QtBot) -> None:
    _fresh_helper()
    owner = QObject()
    worker = CompareWorker(owner)
    results: list[object] = []
    worker.done.connect(lambda _token, result: results.append(result))
    worker.start(time.sleep, 0.5)  # a module-level function: it runs in the helper process
    owner.deleteLater()  # the tab closes while the job runs; its pool waits for the job
    qtbot.wait(1000)  # the job ends and reports to the deleted worker
    assert results == []  # pytest-qt fails the test if the report raised in the pool's thread


def test_quitting_in_the_middle_of_a_long_job_ends_the_helper_and_drops_the_job(
    qtbot: QtBot,
) -> None:
    helpers = _fresh_helper()
    worker = CompareWorker()
    results: list[object] = []
    worker.done.connect(lambda _token, result: results.append(result))
    worker.start(time.sleep, 60)  # far longer than any test waits
    qtbot.wait(300)
    started = time.monotonic()
    compare_worker.shut_down_helper_process()
    assert compare_worker._start_process_pool.cache_info().currsize == 0
    for process in helpers:
        process.join(timeout=10)
        assert process.exitcode is not None
    worker.wait()  # the job's thread ends too: it does not redo the job itself
    assert time.monotonic() - started < 30  # not the 60 s the job would have taken
    qtbot.wait(50)
    assert results == []


def test_a_job_queued_behind_the_one_quitting_ended_starts_no_new_helper(qtbot: QtBot) -> None:
    _fresh_helper()
    worker = CompareWorker()
    results: list[object] = []
    worker.done.connect(lambda _token, result: results.append(result))
    worker.start(time.sleep, 60)  # in the helper
    worker._pool.start(  # queued behind it, as a refresh is behind a running alignment
        compare_worker._Job(worker, worker.token, time.sleep, (60,))
    )
    qtbot.wait(300)
    started = time.monotonic()
    compare_worker.shut_down_helper_process()
    worker.wait()
    assert time.monotonic() - started < 30  # neither job ran its 60 s
    assert compare_worker._start_process_pool.cache_info().currsize == 0  # no helper again
    qtbot.wait(50)
    assert results == []
