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
