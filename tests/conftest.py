"""Every test gets its own per-user folders, a headless Qt, and recorded alerts."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import GUI_THREAD_POOL_OFF, StudyDeskApp

# Widget tests run offscreen; the end-to-end tests start their own Xvfb for the app.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# pytest-qt makes the QApplication, not desktop.app.create_qapplication: paint as the app does.
os.environ.setdefault(GUI_THREAD_POOL_OFF, "1")
os.environ["LC_ALL"] = os.environ.get("LC_ALL", "C.UTF-8")


@pytest.fixture(autouse=True)
def user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """XDG_DATA_HOME and XDG_CONFIG_HOME inside tmp_path, for this process and children."""
    folders = {"data": tmp_path / "xdg-data", "config": tmp_path / "xdg-config"}
    for folder in folders.values():
        folder.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(folders["data"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folders["config"]))
    from desktop.platform import paths

    paths.set_application_identity()
    return folders


@pytest.fixture
def database_file(user_folders: dict[str, Path]) -> Path:
    return user_folders["data"] / "studydesk" / "studydesk.sqlite3"


class Alerts:
    """What the app would have shown in message boxes."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []  # (kind, title, text)
        self.answers: list[bool] = []  # what the student answers to the next questions

    def answer(self, title: str, text: str) -> bool:
        self.shown.append(("question", title, text))
        return self.answers.pop(0) if self.answers else False

    def texts(self) -> list[str]:
        return [text for _kind, _title, text in self.shown]


@pytest.fixture(autouse=True)
def alerts(monkeypatch: pytest.MonkeyPatch) -> Iterator[Alerts]:
    recorded = Alerts()
    from desktop.ui.dialogs import messages

    monkeypatch.setattr(
        messages,
        "show_error",
        lambda _p, title, text: recorded.shown.append(("error", title, text)),
    )
    monkeypatch.setattr(
        messages, "show_info", lambda _p, title, text: recorded.shown.append(("info", title, text))
    )
    # A question no test answers is answered No (a real box would wait for ever).
    monkeypatch.setattr(
        messages, "ask_yes_no", lambda _p, title, text: recorded.answer(title, text)
    )
    yield recorded


# --- the app, started in-process as the launcher would, on the test's own folders ---

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
