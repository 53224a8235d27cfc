"""The Compare tab's work in small steps: its page is made before the student opens it, and
the shared queue of steps gives each event-loop turn to one widget's work at a time."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desktop.ui.compare.steps import TURN_BUDGET_S, steps
from tests.conftest import Launch


def test_the_compare_page_is_built_before_the_tab_is_first_opened(
    qtbot: QtBot, launch: Launch
) -> None:
    from desktop.ui.compare.compare_page import ComparePage

    desk = launch()
    window = desk.window
    tab = window.compare_tab
    assert tab is not None and not tab.isVisible()
    # Built in idle moments a few seconds after the set is shown, while the tab stays hidden.
    qtbot.waitUntil(
        lambda: (page := tab.findChild(ComparePage)) is not None and page.built, timeout=15_000
    )
    assert not tab.isVisible()
    page = tab.findChild(ComparePage)
    assert page.geometry() == tab.rect()  # laid out at the size it will be shown at
    window.tabs.setCurrentIndex(window.tab_index("compare"))
    assert tab.page is page  # opening the tab shows that page: nothing is built again
    qtbot.waitUntil(lambda: tab.view is not None, timeout=10_000)
    assert page.isVisible() and tab.left.toPlainText().startswith("gpane")


def test_each_turn_runs_one_owners_steps_within_the_budget_and_all_work_gets_done(
    qtbot: QtBot,
) -> None:
    left, right = QObject(), QObject()
    turns: list[list[str]] = []  # what ran in each turn
    work = {"left": 40, "right": 40}  # units of ~0.2 ms each
    last_turn = [-1.0]

    def step_of(name: str):  # type: ignore[no-untyped-def]
        def step(deadline: float) -> bool:
            # A new turn when the deadline is a new one (each turn gives one deadline).
            if deadline != last_turn[0]:
                last_turn[0] = deadline
                turns.append([])
            turns[-1].append(name)
            while work[name] and time.perf_counter() < deadline:
                busy_until = time.perf_counter() + 0.0002
                while time.perf_counter() < busy_until:
                    pass
                work[name] -= 1
            return work[name] > 0

        return step

    left_step, right_step = step_of("left"), step_of("right")
    steps().request(left, left_step)
    steps().request(left, left_step)  # asked twice: queued once
    steps().request(right, right_step)
    qtbot.waitUntil(lambda: not (steps().pending(left_step) or steps().pending(right_step)))
    assert work == {"left": 0, "right": 0}
    assert all(len(set(turn)) == 1 for turn in turns)  # never two owners in one turn
    assert {"left", "right"} <= {turn[0] for turn in turns}
    # 16 ms of work in turns of TURN_BUDGET_S (2 ms): several turns, not one.
    assert len(turns) >= (80 * 0.0002 / TURN_BUDGET_S) / 2
