"""Regenerate the screenshots in docs/ from the real app on Xvfb: ``make screenshots``.

The library is prepared with the app's own functions (a highlight, notes, a draft), then
the app is started as a user starts it and each tab is shown with its keyboard shortcut.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

from db.notes import create_highlight, create_note, save_draft
from db.records import NoteAnchor
from desktop.services.library import Library
from tests.xserver import RunningApp, app_env, press_keys, screenshot, xvfb

DOCS = Path(__file__).resolve().parent.parent / "docs"

# (file name, keys pressed before the shot)
# (file, keys, seconds to let the tab settle: Compare aligns in its helper process first)
SHOTS = [
    ("question-tab.png", "ctrl+1", 0.0),
    ("answer-tab.png", "ctrl+2", 0.0),
    ("compare-tab.png", "ctrl+4", 8.0),
    ("timeline-tab.png", "ctrl+5", 0.0),
    ("notes-tab.png", "ctrl+6", 0.0),
]


def prepare_library(data_home: Path) -> None:
    library = Library(data_home / "studydesk" / "studydesk.sqlite3")
    study_set_id = library.ensure_embedded_study_set()
    record = library.load_study_set(study_set_id)
    assert record is not None
    gpane = record.answers[0]
    p1, p2 = gpane.passages[0], gpane.passages[1]
    with library.database().session() as session:
        quote = "Stalin's broader goal was to make his country an advanced, modern society"
        start = p2.text.index(quote)
        create_highlight(session, p2.id, start, start + len(quote), quote, "yellow")
        ruthless = "He was ruthless in dealing with enemies, real and imagined"
        r_start = p1.text.index(ruthless)
        create_highlight(session, p1.id, r_start, r_start + len(ruthless), ruthless, "pink")
        create_note(
            session,
            study_set_id,
            NoteAnchor("range", gpane.id, p2.id, start, start + len(quote), quote),
            f"> {quote}\n>\n> — gpane ¶2\n\nModernisation as the **broader** goal: compare "
            "with pohnpei's 'challenge the West'.",
            colour="yellow",
            tags=["modernisation", "goals"],
        )
        create_note(
            session,
            study_set_id,
            NoteAnchor("question"),
            "Two goals in both answers: *personal power* and a *strong state*.",
            colour="blue",
            tags=["goals"],
        )
        save_draft(
            session,
            study_set_id,
            "Stalin wanted **absolute personal power** and a Soviet Union strong enough to "
            "stand against the West.",
        )
    library.close()


def timeline_after_zoom_and_pan(display: str) -> None:
    """docs/timeline-zoomed.png: Ctrl+wheel over the 1920s, then a drag to the right, as a
    student explores (the lanes and years must stay drawn)."""
    press_keys(display, "Study Desk", "ctrl+5")
    mouse = ["xdotool", "mousemove", "640", "300"]
    env = dict(os.environ, DISPLAY=display)
    subprocess.run(mouse, env=env, check=True, timeout=30)
    for _ in range(3):  # Ctrl+wheel up: zoom in around the point under the mouse
        subprocess.run(
            ["xdotool", "keydown", "ctrl", "click", "4", "keyup", "ctrl"],
            env=env,
            check=True,
            timeout=30,
        )
    subprocess.run(
        ["xdotool", "mousedown", "1", "mousemove", "500", "300", "mouseup", "1"],
        env=env,
        check=True,
        timeout=30,
    )
    screenshot(display, DOCS / "timeline-zoomed.png", "Study Desk")
    print("wrote docs/timeline-zoomed.png")


def main() -> None:
    with tempfile.TemporaryDirectory() as home, xvfb() as display:
        env = app_env(display, Path(home) / "data", Path(home) / "config")
        prepare_library(Path(home) / "data")
        with RunningApp([], env) as app:
            app.wait_for("ready")
            for name, keys, settle in SHOTS:
                press_keys(display, "Study Desk", keys)
                time.sleep(settle)
                screenshot(display, DOCS / name, "Study Desk")
                print(f"wrote docs/{name}")
            timeline_after_zoom_and_pan(display)
            press_keys(display, "Study Desk", "ctrl+q")
            app.wait_exit()


def summary_page() -> None:
    """docs/summary-page-1.png: the first page of the summary PDF, as printed."""
    import os
    import subprocess
    import sys

    with tempfile.TemporaryDirectory() as home:
        prepare_library(Path(home) / "data")
        env = dict(os.environ, XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config")
        pdf = Path(home) / "summary.pdf"
        subprocess.run(
            [sys.executable, "-m", "desktop", "summary", "--pdf", str(pdf)], env=env, check=True
        )
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "80",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(DOCS / "summary-page-1"),
            ],
            check=True,
        )
        print("wrote docs/summary-page-1.png")


if __name__ == "__main__":
    main()
    summary_page()
