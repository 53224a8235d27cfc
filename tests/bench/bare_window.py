"""The start-up baseline: a bare PySide6 window with a QTabWidget of four ~3 KB text tabs.

It prints the same trace lines as Study Desk, so both are timed the same way.
"""

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QTextBrowser

# About 3 KB of text a tab, like the seed (kept self-contained: this file is also frozen
# on its own by the bundle benchmark).
TEXT = " ".join(
    f"Paragraph {i}: the answer discusses power, modernisation and the party's rule."
    for i in range(40)
)


class FirstPaint(QObject):
    def eventFilter(self, watched, event):  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(
                0,
                lambda: print(
                    f"studydesk-trace first-paint {time.time():.6f}", file=sys.stderr, flush=True
                ),
            )
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    text = TEXT
    window = QMainWindow()
    tabs = QTabWidget()
    for title in ("Question", "First", "Second", "Timeline"):
        view = QTextBrowser()
        view.setPlainText(text)
        tabs.addTab(view, title)
    window.setCentralWidget(tabs)
    window.setWindowTitle("Bare window")
    window.resize(1000, 760)
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
