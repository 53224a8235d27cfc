"""Aligning off the GUI thread — and off its interpreter: the Compare tab paints its text at
once and gets the bands when this is done.

The work is pure Python (splitting, stemming, TF-IDF); in a thread it still takes the GIL from
the GUI thread for long stretches (the benchmark saw gaps of 0.7–1.7 s). So a job runs in one
helper process (spawned once, on first use, importing only the Qt-free content layer), and the
thread here only waits for it. The frozen bundle spawns the same way: its entry point
(packaging/launch.py) calls multiprocessing.freeze_support() first, which turns a copy of the
executable started as the helper into the helper. Only if the helper cannot be used (it
died, or cannot start) does the job run in the thread. A result for a request that a newer one
replaced is dropped by its token.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.services.compare_helper import begin_helper, load_alignment_code

_starting = threading.Lock()  # several workers' threads may ask for the helper at once
# Shut-downs so far. A job made before one neither starts a new helper afterwards (a job
# queued behind the one the shut-down ended would spawn one and hold up quitting) nor runs in
# the thread what the shut-down dropped; after one, the helper is not started ahead again.
_generation = 0
_prestarted = False


def _process_pool(generation: int | None = None) -> Executor | None:
    """The helper's pool (started if need be); None for a job of ``generation`` once a
    shut-down has come since."""
    with _starting:
        if generation is not None and generation != _generation:
            return None
        return _start_process_pool()


@lru_cache(maxsize=1)
def _start_process_pool() -> Executor:
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=begin_helper,
        initargs=(os.getpid(),),
    )


def start_helper_process() -> None:
    """Start the helper now, so the first alignment does not wait for it to start and import
    (called from a background thread a few seconds after the first Compare tab is made;
    returns at once). An idle helper costs its memory only; it ends with the app."""
    global _prestarted
    with _starting:  # a shut-down waits until the helper is started, and so ends it
        if _generation or _prestarted:
            return  # quitting: a helper started now would outlive the shut-down
        _prestarted = True
        with contextlib.suppress(Exception):  # it is started again (or the job done here) on use
            _start_process_pool().submit(load_alignment_code)


def shut_down_helper_process() -> None:
    """At quit: end the helper process, if one was started, at once.

    ``shutdown(wait=False)`` alone lets the helper finish the job it is on (an alignment may
    take seconds) before it reads the sentinel; quitting must not leave it running, so it is
    terminated. Its unfinished job is dropped, not redone in the thread."""
    global _generation
    with _starting:
        _generation += 1
        if not _start_process_pool.cache_info().currsize:
            return
        pool = _start_process_pool()
        _start_process_pool.cache_clear()
    # The executor has no public list of its processes; this attribute has been there since 3.2.
    helpers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in helpers:
        process.terminate()


class CompareWorker(QObject):
    done = Signal(int, object)  # token, what the job returned

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.token = 0

    def start(self, job: Callable[..., Any], *args: Any) -> int:
        """Run ``job(*args)``: a module-level function of plain data (it may run in another
        process); ``done`` brings its result with this token."""
        self.token += 1
        self._pool.start(_Job(self, self.token, job, args))
        return self.token

    def wait(self) -> None:
        self._pool.waitForDone()


class _Job(QRunnable):
    def __init__(
        self, worker: CompareWorker, token: int, job: Callable[..., Any], args: tuple[Any, ...]
    ) -> None:
        super().__init__()
        self.worker, self.token, self.job, self.args = worker, token, job, args
        self.generation = _generation

    def run(self) -> None:
        if self.token != self.worker.token:
            return  # replaced before it started
        pool = _process_pool(self.generation)
        if pool is None:
            return  # the app is quitting
        try:
            result = pool.submit(self.job, *self.args).result()
        except Exception:  # noqa: BLE001 (the helper process died: do it here instead)
            if self.generation != _generation:
                return  # the app is quitting: the shut-down ended the helper
            result = self.job(*self.args)
        # Its owner (a tab, a window) may have been deleted meanwhile: nobody waits for this.
        with contextlib.suppress(RuntimeError):
            self.worker.done.emit(self.token, result)
