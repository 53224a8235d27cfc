"""The rating benchmark's probe: the real window on a library of 50,000 cards; Review opened
on everything due; each round Space shows the answer (not timed), then the key 3 (Good) is
timed until the next card is painted, and until the rating (written just after the paint)
is in the database. Prints one JSON line."""

from __future__ import annotations

import json
import sqlite3
import sys
import time
import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from desktop.services.study import Scope
from tests.bench.library_probe import _start, _stop

ROUNDS, WARM_UP = 600, 20


def ours(data_home: str, config_home: str) -> tuple[list[float], list[float]]:
    """(key → next card painted, key → painted and the rating written), in ms."""
    _app, desk = _start(data_home, config_home)
    controller = desk.study.controller()
    controller.review(Scope("all"))
    review = controller.review_window
    assert review is not None
    review.activateWindow()
    for _ in range(50):
        QApplication.processEvents()
    view = review.view
    shown, written = [], []
    for round_ in range(ROUNDS + WARM_UP):
        QTest.keyClick(view, Qt.Key.Key_Space)
        before = view.progress.text()
        started = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_3)
        view.repaint()
        painted = time.perf_counter()
        controller.write_pending()  # what the event loop runs next: the rating's write
        done = time.perf_counter()
        if view.progress.text() == before:
            raise SystemExit("the rating key did not reach the review")
        if round_ >= WARM_UP:
            shown.append((painted - started) * 1000)
            written.append((done - started) * 1000)
        QApplication.processEvents()  # what the event loop does between two key presses
    _stop(desk)
    return shown, written


def bare(database: Path) -> list[float]:
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    card_ids = [r[0] for r in connection.execute("SELECT id FROM cards LIMIT ?", (ROUNDS,))]
    label = QLabel()
    label.resize(600, 200)
    label.show()
    times = []
    for n, card_id in enumerate(card_ids):
        started = time.perf_counter()
        with connection:
            connection.execute(
                "INSERT INTO review_log (id, card_id, rating, reviewed_at, duration_ms) "
                "VALUES (?, ?, 3, '2026-01-01 00:00:00.000000', 1000)",
                (uuid.uuid4().hex, card_id),
            )
            connection.execute(
                "UPDATE cards SET due = '2026-02-01 00:00:00.000000' WHERE id = ?", (card_id,)
            )
        label.setText(f"Generated question number {n}?")
        label.repaint()
        times.append((time.perf_counter() - started) * 1000)
    connection.close()
    return times


def main() -> None:
    data_home, config_home = sys.argv[1:3]
    shown, written = ours(data_home, config_home)
    result = {"ours_ms": shown, "written_ms": written}
    result["bare_ms"] = bare(Path(data_home) / "studydesk" / "studydesk.sqlite3")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
