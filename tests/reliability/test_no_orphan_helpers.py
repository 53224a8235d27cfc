"""The app's helper process (Compare's aligner, spawned on first use) ends with the app, also
when the app is killed: nothing keeps running — or keeps the app's stderr open — after it."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.xserver import RunningApp, app_env, press_keys, xvfb

pytestmark = pytest.mark.e2e


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        # The fields after the command's closing parenthesis: state, ppid, …
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_until(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def test_killing_the_app_ends_its_helper_process(user_folders: dict[str, Path]) -> None:
    with xvfb() as display:
        env = app_env(display, user_folders["data"], user_folders["config"])
        with RunningApp([], env) as app:
            app.wait_for("ready")
            press_keys(display, "Study Desk", "ctrl+2")  # gpane's answer: its coverage bar
            press_keys(display, "Study Desk", "ctrl+4")  # the Compare tab aligns
            assert wait_until(lambda: children_of(app.process.pid), 60), "no helper started"
            helpers = children_of(app.process.pid)
            os.kill(app.process.pid, signal.SIGKILL)
            app.process.wait()
            gone = wait_until(lambda: not any(alive(pid) for pid in helpers), 20)
            left = [pid for pid in helpers if alive(pid)]
            for pid in left:  # never leave them to the next test
                os.kill(pid, signal.SIGKILL)
        assert gone, f"helper processes outlived the killed app: {left}"
