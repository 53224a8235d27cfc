"""Work done a little per event-loop turn, shared by everything the Compare tab does in steps
(laying out the columns, marking their sentences, placing coverage, sizing ledger rows,
building the page), so that all of it together stays within one budget per turn.

Each piece of work had a zero-interval timer of its own; all that were due ran in the same
turn, so five steps of 2 ms each plus the paint they caused made one 15–20 ms stall. Here a
turn runs queued steps, in turn, until ``TURN_BUDGET_S`` is spent; a step works until the
deadline it is given and says whether it has more to do (it is then queued again, at the
back, so no piece of work waits for another to finish). A turn runs the steps of one owner
(a column, the page): two widgets far apart changed in one turn are repainted as one
rectangle with everything between them (the two columns and the strip: ~15 ms).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid

TURN_BUDGET_S = 0.002  # work per event-loop turn; the paint it causes comes on top

# A step: given the perf_counter deadline, does some work, returns True if more is left.
Step = Callable[[float], bool]


class _Steps(QObject):
    def __init__(self) -> None:
        super().__init__()
        self._queue: list[tuple[QObject, Step]] = []
        self._turn_ended = False
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._run)

    def request(self, owner: QObject, step: Step) -> None:
        """Run ``step`` in a coming turn (once, however often it is requested)."""
        if not any(queued == step for _owner, queued in self._queue):
            self._queue.append((owner, step))
        if not self._timer.isActive():
            self._timer.start()

    def cancel(self, step: Step) -> None:
        self._queue = [(owner, queued) for owner, queued in self._queue if queued != step]

    def pending(self, step: Step) -> bool:
        return any(queued == step for _owner, queued in self._queue)

    def end_turn(self) -> None:
        """No more steps this turn (the step that calls this changed much of what is in view:
        its paint is enough for one turn)."""
        self._turn_ended = True

    def _run(self) -> None:
        deadline = time.perf_counter() + TURN_BUDGET_S
        self._turn_ended = False
        first: QObject | None = None
        while self._queue and not self._turn_ended and time.perf_counter() < deadline:
            owner, step = self._queue[0]
            if first is not None and owner is not first:
                break  # one owner's steps a turn (below)
            first = owner
            self._queue.pop(0)
            if isValid(owner) and step(deadline):
                self._queue.append((owner, step))
        if self._queue:
            self._timer.start()


_steps: _Steps | None = None


def steps() -> _Steps:
    """The one queue of steps (made on first use, on the GUI thread)."""
    global _steps
    if _steps is None or not isValid(_steps):
        _steps = _Steps()
    return _steps
