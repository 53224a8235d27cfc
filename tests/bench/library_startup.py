"""Start-up with a library of 2,000 study sets and 200,000 notes beside the bare PySide6 tab
window: the same launches and the same measure as the start-up benchmark (tests.bench.startup),
on a copy of the generated library, with the largest set as the one shown last."""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from tests.bench.library_data import build, fresh_copy
from tests.bench.startup import DESK_MILESTONES, RUNS, Launch, launch_once, median, with_bytecode
from tests.xserver import app_env, xvfb

FIRST_PAINT_GOAL, READY_GOAL = 1.3, 2.6


def remember_shown_set(config_home: Path, database: Path, study_set_id: int) -> None:
    """Settings as the app leaves them when ``study_set_id`` was shown last."""
    connection = sqlite3.connect(database)
    (sha256,) = connection.execute(
        "SELECT sha256 FROM study_sets WHERE id = ?", (study_set_id,)
    ).fetchone()
    connection.close()
    settings = config_home / "studydesk" / "settings.ini"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f"[session]\nlast_study_set={sha256}\n", encoding="utf-8")


def run() -> list[str]:
    library = build()
    with tempfile.TemporaryDirectory() as home, xvfb() as display:
        data_home = fresh_copy(library, Path(home))
        config_home = Path(home) / "config"
        remember_shown_set(config_home, library.database, library.large_ids[0])
        env = with_bytecode(app_env(display, data_home, config_home), Path(home) / "bytecode")
        # The first launches compile the modules and warm the page cache; the first of
        # Study Desk also checks the copied library in full (it was not closed by the app).
        launch_once("tests.bench.bare_window", env, ("first-paint",))
        launch_once("desktop", env, DESK_MILESTONES)
        bare: list[Launch] = []
        desk: list[Launch] = []
        for _ in range(RUNS):  # alternate, so noise falls on both
            bare.append(launch_once("tests.bench.bare_window", env, ("first-paint",)))
            desk.append(launch_once("desktop", env, DESK_MILESTONES))
    bare_paint = median([b.first_paint for b in bare])
    desk_paint = median([d.first_paint for d in desk])
    desk_ready = median([d.ready for d in desk])
    desk_shown = median([d.shown for d in desk])
    return [
        f"start-up with {library.sets:,} study sets and {library.notes:,} notes, the largest "
        f"set shown, median of {RUNS} launches each on Xvfb (python {sys.version.split()[0]})",
        f"  bare PySide6 tab window   first paint {bare_paint * 1000:7.0f} ms",
        f"  Study Desk                first paint {desk_paint * 1000:7.0f} ms"
        f"   ready {desk_ready * 1000:5.0f} ms   shown {desk_shown * 1000:5.0f} ms",
        f"  ratio first paint {desk_paint / bare_paint:.2f}x (goal <= {FIRST_PAINT_GOAL})"
        f"   ready {desk_ready / bare_paint:.2f}x (goal <= {READY_GOAL};"
        f" shown {desk_shown / bare_paint:.2f}x)",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
