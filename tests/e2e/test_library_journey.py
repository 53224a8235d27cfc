"""Issue 11's "done when", on a real X screen: a student imports a folder of 40 question files
(File › Import Folder…), makes a course in the Library (Ctrl+L) and puts twelve sets in it
(Ctrl+click and the context menu, and a drag onto the course), opens sets (Enter, double-click)
and goes back (Go › Back, Alt+Left), searches across the course and the library (Ctrl+K) and
opens a result in another set, and exports the course's summary as a PDF (Summary Options…).

The steps are in library_journey_steps.py; this test gives them an Xvfb of their own and runs
them there in a pytest of its own (the Qt platform of a process cannot change once the
offscreen tests have made their QApplication). Screenshots go to a temporary folder, or to
docs/ (journey-*.png) with STUDYDESK_JOURNEY_DOCS=1.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.xserver import xvfb

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
STEPS = Path(__file__).with_name("library_journey_steps.py")
SHOTS = ("journey-library.png", "journey-search.png", "journey-course-pdf.png")


def test_a_folder_of_40_questions_becomes_a_course_searched_and_printed(tmp_path: Path) -> None:
    shots = ROOT / "docs" if os.environ.get("STUDYDESK_JOURNEY_DOCS") else tmp_path / "shots"
    with xvfb() as display:
        env = dict(
            os.environ,
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            STUDYDESK_JOURNEY_SHOTS=str(shots),
        )
        env.pop("QT_QPA_PLATFORMTHEME", None)  # Qt's own file dialogs, which the steps fill in
        try:
            journey = subprocess.run(
                [
                    sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    # a stuck step: every thread's stack on stderr after two minutes
                    "-o", "faulthandler_timeout=120",
                    "--basetemp", str(tmp_path / "journey"), str(STEPS),
                ],
                env=env, cwd=ROOT, capture_output=True, text=True, timeout=240,
            )  # fmt: skip
        except subprocess.TimeoutExpired as stuck:
            pytest.fail(f"the journey did not end: {str(stuck.stderr or '')[-6000:]}")
    said = journey.stdout[-8000:] + journey.stderr[-2000:]
    assert journey.returncode == 0, said
    assert re.search(r"^1 passed", journey.stdout, re.MULTILINE), said  # ran, not skipped
    for name in SHOTS:
        assert (shots / name).stat().st_size > 10_000, name  # a picture, not an empty file
