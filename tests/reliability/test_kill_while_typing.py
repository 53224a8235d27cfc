"""The real window on Xvfb: type into a note, kill -9 the app, start it again — at most the
last second of typing is missing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.xserver import RunningApp, app_env, press_keys, xvfb

pytestmark = pytest.mark.e2e


def type_text(display: str, text: str) -> None:
    subprocess.run(
        ["xdotool", "type", "--delay", "30", text],
        env=dict(os.environ, DISPLAY=display),
        check=True,
        timeout=60,
    )


def test_kill_9_while_typing_loses_at_most_the_last_second(
    user_folders: dict[str, Path], database_file: Path
) -> None:
    with xvfb() as display:
        env = app_env(display, user_folders["data"], user_folders["config"])
        with RunningApp([], env) as app:
            app.wait_for("ready")
            press_keys(display, "Study Desk", "ctrl+2")  # gpane's answer
            press_keys(display, "Study Desk", "ctrl+shift+n")  # a note on ¶1
            type_text(display, "Saved before the kill. ")
            typed_until = time.monotonic()
            time.sleep(2.0)  # the autosave waits at most 1 s; the rest is slack for a busy machine
            type_text(display, "Maybe lost")
            os.kill(app.process.pid, signal.SIGKILL)
            app.process.wait()
        assert time.monotonic() - typed_until > 1.0
        with sqlite3.connect(database_file) as plain:
            assert plain.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            [(body,)] = plain.execute("SELECT body FROM notes").fetchall()
        assert "Saved before the kill." in body
        # Start again: the note is there, in the window's list.
        with RunningApp([], env) as again:
            again.wait_for("ready")
            press_keys(display, "Study Desk", "ctrl+q")
            assert again.wait_exit() == 0
