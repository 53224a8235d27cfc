"""The autosave queue's promises: saved soon after typing stops, at most about a second
while typing goes on, one pending save per note, failures kept and retried."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from desktop.services.autosave import MAX_WAIT_MS, AutosaveQueue, SaveError


def test_continuous_typing_is_saved_within_the_bounded_wait(qtbot: QtBot) -> None:
    queue = AutosaveQueue()
    saved: list[tuple[float, str]] = []
    started = time.monotonic()
    text = ""
    while time.monotonic() - started < 2.5:  # a keystroke every 50 ms for 2.5 s
        text += "a"
        queue.schedule("note", lambda t=text: saved.append((time.monotonic(), t)))
        qtbot.wait(50)
    assert saved, "nothing was saved while typing went on"
    first_save = saved[0][0] - started
    assert first_save <= (MAX_WAIT_MS + 600) / 1000  # timer slack on a busy machine
    assert len(saved) >= 2  # and again while the typing continued


def test_each_key_keeps_its_own_pending_save(qtbot: QtBot) -> None:
    queue = AutosaveQueue()
    written: dict[str, str] = {}
    queue.schedule("A", lambda: written.__setitem__("A", "a1"))
    queue.schedule("B", lambda: written.__setitem__("B", "b1"))
    queue.schedule("A", lambda: written.__setitem__("A", "a2"))
    assert queue.flush("B")
    assert written == {"B": "b1"}
    assert queue.is_pending("A")
    assert queue.flush_all()
    assert written == {"B": "b1", "A": "a2"}


def test_a_failed_save_stays_pending_and_is_reported(qtbot: QtBot) -> None:
    queue = AutosaveQueue()
    attempts: list[int] = []

    def failing() -> None:
        attempts.append(1)
        raise SaveError("disk full")

    with qtbot.waitSignal(queue.save_failed) as failure:
        queue.schedule("A", failing)
    assert failure.args == ["A", "disk full"]
    assert queue.is_pending("A")
    queue.schedule("A", lambda: None)  # space is back; the next save works
    assert queue.flush("A")
    assert not queue.is_pending("A")
