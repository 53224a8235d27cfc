"""Helper processes that do not outlive the app. Qt-free: a spawned helper imports it first."""

from __future__ import annotations

import os
import threading
import time


def exit_with_parent(parent_pid: int) -> None:
    """In the helper process: end it as soon as the app that started it is gone.

    A pool's worker holds both ends of its job queue, so it never sees end-of-file when the
    app dies without shutting the pool down (a crash, kill -9): it would wait for work for
    ever, holding the app's stderr open. Polling the parent id is portable and cheap."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
