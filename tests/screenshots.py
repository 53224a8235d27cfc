"""Regenerate the screenshots in docs/ from the real app on Xvfb: ``make screenshots``."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.xserver import RunningApp, app_env, press_keys, screenshot, xvfb

DOCS = Path(__file__).resolve().parent.parent / "docs"

# (file name, keys pressed before the shot)
SHOTS = [("question-tab.png", "ctrl+1"), ("answer-tab.png", "ctrl+2")]


def main() -> None:
    with tempfile.TemporaryDirectory() as home, xvfb() as display:
        env = app_env(display, Path(home) / "data", Path(home) / "config")
        with RunningApp([], env) as app:
            app.wait_for("ready")
            for name, keys in SHOTS:
                press_keys(display, "Study Desk", keys)
                screenshot(display, DOCS / name, "Study Desk")
                print(f"wrote docs/{name}")
            press_keys(display, "Study Desk", "ctrl+q")
            app.wait_exit()


if __name__ == "__main__":
    main()
