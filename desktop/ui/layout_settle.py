"""Lay out what is waiting before a window paints, so that one change is painted once.

A change deep in the window (a tab's title, a page given new content, a tab inserted) asks
its parent to lay out again; laid out, the parent asks its own parent, and so on up to the
window: each link is an event posted while the one before it is handled, so the chain takes
one pass of the event loop per link, while the window is painted at the end of the first
pass. The window was painted with the first link laid out, and again with the rest:
QTabWidget repaints its whole area (the tab bar and the page shown) each time it is laid
out. Switching study sets painted the tabs and the notes panel twice, about 9 ms of a switch
on a 2,000-set library.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject

# The longest chain seen: tab bar → tab widget → central widget → main window. Each round
# with nothing waiting is a look through the posted events, a few microseconds.
ROUNDS = 6


def lay_out_waiting() -> None:
    """Deliver the layout requests posted so far, and those they post in turn."""
    for _ in range(ROUNDS):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


class LayoutBeforePaint(QObject):
    """Installed on a top-level window: before it paints, what waits is laid out (its
    updates then join the paint about to happen).

    Every layout waiting in the application is done then, other windows' too: they were
    due in this pass or the next. A layout that asks for itself again is done at most
    ROUNDS times a paint. A repaint() (which paints at once) lays out what waits first as
    well; one asked for from inside these layouts is left to Qt alone."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._laying_out = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.UpdateRequest and not self._laying_out:
            self._laying_out = True
            try:
                lay_out_waiting()
            finally:
                self._laying_out = False
        return False


def settle_layouts_before_paint(window: QObject) -> LayoutBeforePaint:
    settler = LayoutBeforePaint(window)
    window.installEventFilter(settler)
    return settler
