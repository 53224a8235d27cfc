"""Start the app in-process as the launcher would, on the test's own folders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import StudyDeskApp

Launch = Callable[..., StudyDeskApp]


@pytest.fixture
def launch(qtbot: QtBot) -> Iterator[Launch]:
    """launch(file=None) starts Study Desk and waits until its window is ready."""
    started: list[StudyDeskApp] = []

    def start(file: Path | None = None) -> StudyDeskApp:
        desk = StudyDeskApp(file)
        qtbot.addWidget(desk.window)
        with qtbot.waitSignal(desk.ready, timeout=10_000):
            desk.start()
        qtbot.waitExposed(desk.window)
        desk.window.activateWindow()
        started.append(desk)
        return desk

    yield start
    for desk in started:
        desk.window.close()
        desk.shutdown()


def quit_app(qtbot: QtBot, desk: StudyDeskApp) -> None:
    """Quit as a user does, with Ctrl+Q, and release the database."""
    desk.window.menu.quit_action.trigger()
    qtbot.waitUntil(lambda: not desk.window.isVisible())
    desk.shutdown()
