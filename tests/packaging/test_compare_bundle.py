"""Compare in the frozen bundle (`make test-dist`): `studydesk compare --json`, and the
window's Compare tab aligning in a spawned helper process (a copy of the frozen executable
that multiprocessing.freeze_support() in packaging/launch.py turns into the helper), not in a
thread of the GUI's interpreter."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.packaging.test_bundle import FROZEN, bundle_built, frozen  # noqa: F401 (fixture)
from tests.xserver import RunningApp, app_env, press_keys, screenshot, xvfb

pytestmark = pytest.mark.dist

HELPER_FLAG = "--multiprocessing-fork"
# A bundle built elsewhere (PyInstaller --distpath) can be tested without replacing dist/.
PROGRAM = Path(os.environ.get("STUDYDESK_FROZEN", str(FROZEN)))


def test_compare_json_from_the_bundle() -> None:
    done = frozen("compare", "--json", program=PROGRAM)
    assert done.returncode == 0, done.stderr
    comparison = json.loads(done.stdout)["comparisons"][0]
    assert (comparison["left"], comparison["right"]) == ("gpane", "pohnpei397")
    assert comparison["pairs"], "the seed's answers have aligned pairs"


def _children(pid: int) -> list[list[str]]:
    """The command lines of the process's children (from /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                line = (status.parent / "cmdline").read_bytes().split(b"\0")
                found.append([part.decode() for part in line if part])
        except (OSError, IndexError, ValueError):
            continue  # it ended meanwhile
    return found


def test_the_compare_tab_aligns_in_a_helper_process(
    user_folders: dict[str, Path], tmp_path: Path
) -> None:
    with xvfb() as display:
        env = app_env(display, user_folders["data"], user_folders["config"])
        with RunningApp([], env, program=[str(PROGRAM)]) as app:
            app.wait_for("ready", timeout=60)
            press_keys(display, "Study Desk", "ctrl+4")  # Question, gpane, pohnpei397, Compare
            deadline = time.monotonic() + 60
            helpers: list[list[str]] = []
            while not helpers and time.monotonic() < deadline:
                helpers = [c for c in _children(app.process.pid) if HELPER_FLAG in c]
                time.sleep(0.2)
            assert helpers, f"no helper process; children: {_children(app.process.pid)}"
            assert helpers[0][0] == str(PROGRAM)
            time.sleep(2)  # the alignment of the seed takes well under a second
            screenshot(display, tmp_path / "compare.png", "Study Desk")
            press_keys(display, "Study Desk", "ctrl+q")
            assert app.wait_exit() == 0, app.stderr_lines
