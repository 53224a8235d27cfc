"""A library another program holds locked at start-up: nothing is moved or restored, the
student is asked to try again, and the next try opens it as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.conftest import Alerts, Launch, quit_app


def test_a_locked_library_is_left_alone_and_opens_when_tried_again(
    launch: Launch, qtbot: QtBot, database_file: Path, alerts: Alerts
) -> None:
    quit_app(qtbot, launch())  # a library with the embedded set in it

    holder = sqlite3.connect(database_file, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")  # another program holds it, readers too
    holder.execute("BEGIN EXCLUSIVE")

    def release_and_try_again(title: str, text: str) -> bool:
        alerts.shown.append(("question", title, text))
        holder.execute("ROLLBACK")
        holder.close()
        return True

    alerts.answer = release_and_try_again  # type: ignore[method-assign]
    again = launch()
    [(kind, title, text)] = alerts.shown
    assert (kind, title) == ("question", "Library not available")
    assert "left where it is" in text
    assert again.window.study_set is not None  # opened on the second try
    moved_aside = [p.name for p in database_file.parent.iterdir() if "damaged" in p.name]
    assert moved_aside == []  # nothing declared damaged, nothing restored in its place
