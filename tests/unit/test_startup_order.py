"""What start-up leaves until later: checked in a fresh process, since the modules a test
process has already imported would hide it.

Speed itself is measured by the benchmarks (python -m tests.bench startup library-startup);
these keep the work that was moved out of the way from creeping back in.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

# Starts Study Desk as run_gui does and reports, at the first paint and at ready, whether the
# Qt namespace exists yet (its first use builds all of Qt's enums) and which of the modules
# start-up should not need were imported.
PROBE = """
import json, sys
import PySide6.QtCore as core
from PySide6.QtWidgets import QApplication
import desktop.app as app

WATCHED = sys.argv[1:]
seen = {}

def note(moment):
    seen[moment] = {
        "qt_namespace": "Qt" in vars(core),
        "imported": [name for name in WATCHED if name in sys.modules],
    }

def at_first_paint(desk):
    note("first-paint")
    desk.load()

app.StudyDeskApp._on_first_paint = at_first_paint
app.paths.set_application_identity()
qapp = app.create_qapplication(sys.argv[:1])
desk = app.StudyDeskApp(None)
desk.ready.connect(lambda: (note("ready"), QApplication.exit(0)))
desk.start()
qapp.exec()
desk.shutdown()
print(json.dumps(seen))
"""

NOT_BEFORE_PAINT = [
    "desktop.ui.reading.reading_view",
    "desktop.services.library",
    "socket",
    "importlib.resources",
]
NOT_BEFORE_READY = [
    "PySide6.QtPrintSupport",
    "desktop.summary.collect",
    "db.cards",
    "db.search",
    "sqlalchemy",
]


def _start_up() -> dict[str, dict[str, Any]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-c", PROBE, *NOT_BEFORE_PAINT, *NOT_BEFORE_READY]
    out = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    seen: dict[str, dict[str, Any]] = json.loads(out.stdout.strip().splitlines()[-1])
    return seen


def test_the_first_paint_comes_before_qt_enums_and_the_library_modules() -> None:
    _start_up()  # the first start creates the library (with Alembic, so SQLAlchemy)
    seen = _start_up()
    assert seen["first-paint"] == {"qt_namespace": False, "imported": []}
    ready = seen["ready"]
    assert ready["qt_namespace"] is True  # the probe itself works: Qt is there by now
    assert [name for name in NOT_BEFORE_READY if name in ready["imported"]] == []
    assert "desktop.services.library" in ready["imported"]
