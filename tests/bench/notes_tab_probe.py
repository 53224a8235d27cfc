"""One measured run, in its own process: open Study Desk on a data folder, open the Notes tab
and scroll it from top to bottom. Prints JSON: open_ms, scroll_ms, peak_rss_mb."""

from __future__ import annotations

import json
import os
import resource
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.app import StudyDeskApp, create_qapplication  # noqa: E402

SCROLL_STEPS = 200


def main(data_home: str, config_home: str) -> None:
    os.environ["XDG_DATA_HOME"] = data_home
    os.environ["XDG_CONFIG_HOME"] = config_home
    app = create_qapplication(sys.argv[:1])
    desk = StudyDeskApp(None)
    desk.window.show()
    desk.load()
    app.processEvents()
    started = time.perf_counter()
    desk.window.tabs.setCurrentWidget(desk.window.notes_tab)
    table = desk.window.notes_tab.table
    table.repaint()
    QApplication.processEvents()
    opened = time.perf_counter()
    bar = table.verticalScrollBar()
    for step in range(1, SCROLL_STEPS + 1):
        bar.setValue(bar.maximum() * step // SCROLL_STEPS)
        table.viewport().repaint()
    scrolled = time.perf_counter()
    rows = desk.window.notes_model.rowCount()
    desk.window.close()
    desk.shutdown()
    print(
        json.dumps(
            {
                "rows": rows,
                "open_ms": (opened - started) * 1000,
                "scroll_ms": (scrolled - opened) * 1000,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
