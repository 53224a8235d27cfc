"""Moving to another study set repaints the tab bar, the question page and the notes panel's
list once each: the window does not show a half-laid-out state and then correct it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import Launch
from tests.ui.helpers import bring_to_front

# A switch's layouts and paints take a few passes of the event loop at most; these are
# passes without waiting, so the timers set for later (the Compare tab's, the
# bookkeeping's) do not fire inside them.
PASSES = 6


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted: Counter[int] = Counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.painted[id(watched)] += 1
        return False


def paints_of_switch(switch: object, watched: dict[str, QWidget]) -> dict[str, int]:
    counter = PaintCounter()
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    try:
        switch()  # type: ignore[operator]
        for _ in range(PASSES):
            QApplication.processEvents()
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        app.removeEventFilter(counter)
    return {name: counter.painted[id(widget)] for name, widget in watched.items()}


def test_going_back_and_forth_paints_each_part_once(
    launch: Launch, qtbot: QtBot, three_educators_on_open: Path
) -> None:
    desk = launch()
    window = desk.window
    bring_to_front(qtbot, desk)
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    imported = window.study_set
    assert imported is not None and len(imported.answers) == 3
    qtbot.wait(50)
    assert window.question_view is not None
    watched = {
        "tab bar": window.tabs.tabBar(),
        "question page": window.question_view.viewport(),
        "notes list": window.notes_panel.list.viewport(),
    }

    def back() -> None:  # Go › Back: the embedded set, two educators
        qtbot.keyClick(
            window.tabs.currentWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier
        )

    assert paints_of_switch(back, watched) == {name: 1 for name in watched}
    assert [tab.answer.handle for tab in window.answer_tabs()] == ["gpane", "pohnpei397"]
    assert window.tabs.tabText(3) == "Compare"

    recent = window.menu.recent_menu.actions()[1]  # Go › Recent: the imported set again
    assert paints_of_switch(recent.trigger, watched) == {name: 1 for name in watched}
    assert len(window.answer_tabs()) == 3
    assert window.windowTitle().endswith(imported.title)
