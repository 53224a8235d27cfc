"""Two starts on one library: the second hands its file to the first and exits; a lock left
by a killed Study Desk does not stop the next start."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.study_files import ACCEPTED_VARIANTS, write_variant
from tests.xserver import RunningApp, app_env, press_keys, xvfb

pytestmark = pytest.mark.e2e


def test_a_second_start_opens_its_file_in_the_running_window(
    user_folders: dict[str, Path], database_file: Path, tmp_path: Path
) -> None:
    other = write_variant(tmp_path, "three", ACCEPTED_VARIANTS["three-educators"][0])
    with xvfb() as display:
        env = app_env(display, user_folders["data"], user_folders["config"])
        with RunningApp([], env) as first:
            first.wait_for("ready")
            second = subprocess.run(
                [sys.executable, "-m", "desktop", str(other)],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert second.returncode == 0, second.stderr
            assert "already running" in second.stdout
            # The running window imported it: a second study set, no second writer.
            with sqlite3.connect(database_file) as plain:
                for _ in range(50):
                    if plain.execute("SELECT count(*) FROM study_sets").fetchone()[0] == 2:
                        break
                    subprocess.run(["sleep", "0.1"])
                assert plain.execute("SELECT count(*) FROM study_sets").fetchone()[0] == 2
            press_keys(display, "Study Desk", "ctrl+q")
            assert first.wait_exit() == 0


def test_a_lock_left_by_a_killed_process_is_reclaimed(user_folders: dict[str, Path]) -> None:
    with xvfb() as display:
        env = app_env(display, user_folders["data"], user_folders["config"])
        with RunningApp([], env) as first:
            first.wait_for("ready")
            os.kill(first.process.pid, signal.SIGKILL)
            first.process.wait()
        assert (user_folders["data"] / "studydesk" / "studydesk.lock").exists()
        with RunningApp([], env) as again:
            again.wait_for("ready")
            press_keys(display, "Study Desk", "ctrl+q")
            assert again.wait_exit() == 0
