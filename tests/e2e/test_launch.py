"""Start Study Desk as a user does — a process on a real X screen — look at it, quit it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.study_files import SEED_QUESTION
from tests.xserver import RunningApp, app_env, press_keys, screenshot, xvfb

pytestmark = pytest.mark.e2e


def distinct_colours(image: QImage, step: int = 7) -> int:
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_first_launch_shows_the_embedded_set_and_quits_cleanly(
    user_folders: dict[str, Path], database_file: Path, tmp_path: Path
) -> None:
    with xvfb() as display:
        env = app_env(display, user_folders["data"], user_folders["config"])
        with RunningApp([], env) as app:
            app.wait_for("ready")
            shot = tmp_path / "first-launch.png"
            screenshot(display, shot)
            press_keys(display, "Study Desk", "ctrl+q")
            assert app.wait_exit() == 0, app.stderr_lines
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 860)
    # A painted window with text, not an empty black screen.
    assert distinct_colours(image) > 20
    with sqlite3.connect(database_file) as plain:
        titles = [row[0] for row in plain.execute("SELECT title FROM study_sets")]
        passages = plain.execute("SELECT count(*) FROM passages").fetchone()[0]
    assert titles == [SEED_QUESTION]
    assert passages == 6


def test_an_unwritable_home_gets_a_message_not_a_crash(
    user_folders: dict[str, Path], tmp_path: Path
) -> None:
    """HOME on a read-only mount and no data folder yet: the lock file cannot be made. The
    student sees a message box saying so (and the terminal a line), never a traceback."""
    from tests.mounts import read_only_folder

    with read_only_folder(tmp_path / "home") as home, xvfb() as display:
        env = app_env(display, home / ".local" / "share", user_folders["config"])
        env["HOME"] = str(home)
        with RunningApp([], env) as app:
            press_keys(display, "Cannot start Study Desk", "Return")  # the box is there
            assert app.wait_exit() == 1
        stderr = "\n".join(app.stderr_lines)
    assert "Traceback" not in stderr
    assert "studydesk: Study Desk could not start" in stderr
    assert "can be written to" in stderr
