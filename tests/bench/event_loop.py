"""Letting the event loop finish what a measured step left to it, inside the step's timing."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

# A change's chain of posted layouts, calls and paints has been seen three passes long.
SETTLE_PASSES = 4


def settle() -> None:
    """Deliver what a change left to the event loop until nothing is left: layouts, queued
    calls, paints, and what those post in turn, then the deleted widgets, as the event loop
    would (processEvents outside exec() never deletes them: they piled up and their timers
    kept firing). A step timed to one pass, or to a forced repaint, left the rest to be
    counted in whatever was timed next, or nowhere."""
    for _ in range(SETTLE_PASSES):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
