"""The autosave queue's promises: saved soon after typing stops, at most about a second
while typing goes on, one pending save per note, failures kept and retried."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.services.autosave import IDLE_MS, MAX_WAIT_MS, AutosaveQueue, SaveError


class HandClock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_continuous_typing_is_saved_within_the_bounded_wait(qtbot: QtBot) -> None:
    clock = HandClock()
    queue = AutosaveQueue(clock=clock)
    saved: list[tuple[float, str]] = []
    started = clock.now
    text = ""
    for _ in range(50):  # a keystroke every 50 ms for 2.5 s, never idle for IDLE_MS
        text += "a"
        queue.schedule("note", lambda t=text: saved.append((clock.now, t)))
        clock.now += 0.05
        queue.write_due()
    assert saved, "nothing was saved while typing went on"
    step = 0.05  # the queue is looked at once per keystroke here, as its timer would
    assert saved[0][0] - started <= MAX_WAIT_MS / 1000 + step
    gaps = [later - earlier for (earlier, _), (later, _) in zip(saved, saved[1:], strict=False)]
    assert gaps and max(gaps) <= MAX_WAIT_MS / 1000 + step  # and again about every second
    assert saved[-1][1] != text  # the last keystrokes are still pending…
    clock.now += IDLE_MS / 1000
    queue.write_due()
    assert saved[-1][1] == text  # …and written once typing stops for IDLE_MS


def test_a_pause_in_typing_saves_after_the_idle_time(qtbot: QtBot) -> None:
    clock = HandClock()
    queue = AutosaveQueue(clock=clock)
    saved: list[str] = []
    queue.schedule("note", lambda: saved.append("typed"))
    clock.now += IDLE_MS / 1000 - 0.01
    queue.write_due()
    assert saved == []
    clock.now += 0.02
    queue.write_due()
    assert saved == ["typed"]
    assert not queue.is_pending("note")


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
