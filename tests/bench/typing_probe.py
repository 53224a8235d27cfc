"""One measured run, in its own process: type 2,000 keystrokes into a note with autosave on
(Study Desk) or into a bare QPlainTextEdit (the baseline), at a steady typing pace, and
print each keystroke's GUI-thread time as JSON (milliseconds).

A keystroke's time is its key event plus the events and timers that were due by then,
so an autosave lands on the keystroke that follows it, as a user would feel it.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget  # noqa: E402

from desktop.app import StudyDeskApp, create_qapplication  # noqa: E402

KEYSTROKES = 2000
PACE_S = 0.01  # 100 keystrokes a second: a fast typist, so saves come as often as they can
TEXT = "Stalin wanted power and a strong state; the purges and collectivization show it. "


def type_into(widget: QWidget) -> list[float]:
    stalls = []
    for index in range(KEYSTROKES):
        char = TEXT[index % len(TEXT)]
        started = time.perf_counter()
        QTest.keyClick(widget, char)
        QApplication.processEvents()
        stalls.append((time.perf_counter() - started) * 1000)
        time.sleep(PACE_S)
    return stalls


def study_desk(data_home: str, config_home: str) -> tuple[list[float], int]:
    os.environ["XDG_DATA_HOME"] = data_home
    os.environ["XDG_CONFIG_HOME"] = config_home
    app = create_qapplication(sys.argv[:1])
    desk = StudyDeskApp(None)
    desk.window.show()
    desk.load()
    desk.window.tabs.setCurrentIndex(1)
    tab = desk.window.tabs.currentWidget()
    desk.notes_controller.add_note_here()  # Ctrl+Shift+N on the paragraph at the cursor
    editor = desk.window.notes_panel.editor.body.editor
    saves = []
    desk.changes.autosave.saved.connect(lambda _key: saves.append(1))
    app.processEvents()
    stalls = type_into(editor)
    assert tab is not None
    desk.window.close()
    desk.shutdown()
    return stalls, len(saves)


def bare() -> tuple[list[float], int]:
    app = QApplication(sys.argv[:1])
    editor = QPlainTextEdit()
    editor.resize(300, 400)
    editor.show()
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    app.processEvents()
    return type_into(editor), 0


if __name__ == "__main__":
    stalls, saves = bare() if sys.argv[1] == "bare" else study_desk(sys.argv[2], sys.argv[3])
    print(json.dumps({"stalls_ms": stalls, "saves": saves}))
