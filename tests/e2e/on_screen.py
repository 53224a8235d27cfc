"""Doing things in the app's real X windows from inside the test process (the app runs in it,
on QT_QPA_PLATFORM=xcb): answering menus and modal dialogs that run their own event loop,
real keyboard and mouse input through xdotool, and screenshots of what the screen shows."""

from __future__ import annotations

import os
import subprocess
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot

STEP_TIMEOUT = 30.0  # seconds a step may wait for its window before everything is closed

Find = Callable[[], object]
Act = Callable[[object], None]


class Watcher(QObject):
    """Does each step when the window it waits for is up, polling from a timer. A step's
    action runs from a posted event once the timer's slot has returned, so an action that
    opens a modal dialog (whose exec() returns only when it closes) leaves the timer free to
    do the next steps inside that dialog's loop. Ask for every step before the click that
    opens the first window: that click may not return until the last one is closed."""

    def __init__(self) -> None:
        super().__init__()
        self._steps: deque[tuple[str, Find, Act, float]] = deque()
        self._due: deque[tuple[str, Act, object]] = deque()
        self._since = time.monotonic()
        self.failures: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(25)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def then(self, name: str, find: Find, act: Act, timeout: float = STEP_TIMEOUT) -> None:
        """When ``find()`` gives a window (within ``timeout`` seconds of the step before),
        ``act(window)``."""
        if not self._steps:
            self._since = time.monotonic()
        self._steps.append((name, find, act, timeout))

    def idle(self) -> bool:
        return not self._steps and not self._due

    def _poll(self) -> None:
        if not self._steps:
            return
        name, find, act, timeout = self._steps[0]
        found = find()
        if found is None:
            if time.monotonic() - self._since > timeout:
                self._give_up(f"{name}: its window did not appear in {timeout:.0f} s")
            return
        self._steps.popleft()
        self._since = time.monotonic()
        self._due.append((name, act, found))
        QCoreApplication.postEvent(self, QEvent(QEvent.Type.User))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.User and self._due:
            name, act, found = self._due.popleft()
            try:
                act(found)
            except Exception as exc:  # noqa: BLE001 — reported by finish(), after closing up
                self._give_up(f"{name}: {exc!r}")
            return True
        return super().event(event)

    def _give_up(self, why: str) -> None:
        """Close every menu and dialog, so that the test gets control back, and say why
        (and what was up instead)."""
        up = [
            f"{w.windowTitle()}: {w.labelText()}"
            if isinstance(w, QProgressDialog)
            else w.windowTitle()
            for w in QApplication.topLevelWidgets()
            if w.isVisible()
        ]
        self.failures.append(f"{why}; windows up: {[t for t in up if t]}")
        self._steps.clear()
        for _ in range(10):
            popup = QApplication.activePopupWidget()
            modal = QApplication.activeModalWidget()
            if popup is not None:
                popup.close()
            elif isinstance(modal, QDialog):
                modal.reject()
            else:
                break

    def finish(self, qtbot: QtBot) -> None:
        """Wait until every step is done; fail with what went wrong in any of them (a step
        that waits too long gives up on its own, closing what is open)."""
        qtbot.waitUntil(self.idle, timeout=600_000)
        assert not self.failures, self.failures


def visible_popup(title: str = "") -> Callable[[], QMenu | None]:
    """The open menu titled ``title`` (a context menu has none: "" takes any menu)."""

    def find() -> QMenu | None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu) and popup.isVisible():
            if not title or popup.title().replace("&", "") == title:
                return popup
        return None

    return find


def modal(kind: type, title: str | None = None) -> Callable[[], QWidget | None]:
    """The modal dialog of ``kind`` (titled ``title``) in front, if it is up."""

    def find() -> QWidget | None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            if title is None or widget.windowTitle() == title:
                return widget
        return None

    return find


def click_item(qtbot: QtBot, menu: object, text: str) -> None:
    """Click the menu item reading ``text`` (access-key ampersands left out)."""
    assert isinstance(menu, QMenu)
    found = [a for a in menu.actions() if a.text().replace("&", "") == text]
    assert found, f"no {text!r} in {[a.text() for a in menu.actions()]}"
    assert found[0].isEnabled(), f"{text!r} is disabled"
    point = menu.actionGeometry(found[0]).center()
    qtbot.mouseMove(menu, point)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=point)


def choose_from_menu_bar(
    qtbot: QtBot, watcher: Watcher, window: QMainWindow, menu: str, *items: str
) -> None:
    """Click ``menu`` in the window's menu bar, then each of ``items`` (a submenu, then an
    entry in it)."""
    bar = window.menuBar()
    [title] = [a for a in bar.actions() if a.text().replace("&", "") == menu]
    for parent, item in zip((menu, *items), items, strict=False):
        watcher.then(
            f"{parent} › {item}",
            visible_popup(parent),
            lambda m, item=item: click_item(qtbot, m, item),
        )
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(title).center())


def type_path_into(qtbot: QtBot, dialog: object, path: Path) -> None:
    """Paste the whole path into a file dialog's name field (Ctrl+V) and press Enter.

    Pasted, not typed letter by letter: the field's completer pops up a list of names as
    one types, and on a busy machine keys typed meanwhile went to that list — the dialog
    then took a folder higher up, and the import walked half a million files."""
    assert isinstance(dialog, QFileDialog)
    field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert field is not None
    clipboard = QApplication.clipboard()
    clipboard.setText(str(path))
    # The X server hands the clipboard over in its own time: paste once it holds the path.
    qtbot.waitUntil(lambda: clipboard.text() == str(path), timeout=5_000)

    def paste() -> bool:
        field.setFocus()
        field.selectAll()
        qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        completer = field.completer()
        if completer is not None and completer.popup().isVisible():
            completer.popup().hide()  # Enter is for the dialog, not for a completion
        # The dialog lists the folder in a thread and, once it has, may put the entry it
        # selected in the field over what was pasted: pasted again then, as a person would.
        qtbot.wait(200)
        return field.text() == str(path)

    qtbot.waitUntil(paste, timeout=10_000)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def press_button(qtbot: QtBot, dialog: QWidget, text: str) -> None:
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == text]
    assert buttons, [b.text() for b in dialog.findChildren(QAbstractButton)]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)


# --- real X input -------------------------------------------------------------------------------


def xdotool(qtbot: QtBot, *args: str) -> None:
    """Run xdotool while the app goes on handling events (a menu or a drag it starts runs
    inside this wait)."""
    run = subprocess.Popen(["xdotool", *args])
    try:
        qtbot.waitUntil(lambda: run.poll() is not None, timeout=30_000)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 0, args


def real_keys(qtbot: QtBot, widget: QWidget, keys: str) -> None:
    """Give ``widget``'s window the X keyboard focus and type ``keys`` (xdotool syntax)."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    xdotool(qtbot, "windowfocus", "--sync", str(int(window.winId())))
    xdotool(qtbot, "key", keys)


def on_screen(widget: QWidget, rect: QRect) -> QPoint:
    """The middle of ``rect`` (in ``widget``'s coordinates) on the screen."""
    return widget.mapToGlobal(rect.center())


def right_click(qtbot: QtBot, widget: QWidget, rect: QRect) -> None:
    at = on_screen(widget, rect)
    xdotool(qtbot, "mousemove", "--sync", str(at.x()), str(at.y()), "click", "3")


def double_click(qtbot: QtBot, widget: QWidget, rect: QRect) -> None:
    at = on_screen(widget, rect)
    xdotool(qtbot, "mousemove", "--sync", str(at.x()), str(at.y()),
            "click", "--repeat", "2", "--delay", "80", "1")  # fmt: skip


def drag(qtbot: QtBot, start: QPoint, end: QPoint) -> None:
    """Click at ``start``, press the left button there, move to ``end`` in steps, let go.
    One xdotool run
    for all of it: once the drag starts, QDrag.exec() holds the test's code until the drop,
    so the moves and the release must already be on their way."""
    xdotool(
        qtbot, "mousemove", "--sync", str(start.x()), str(start.y()), "sleep", "0.3",
        # A click first, and a pause longer than a double-click: the view is in its resting
        # state (after a context menu it may still be in another) with the row selected.
        "click", "1", "sleep", "0.8",
        "mousedown", "1", "sleep", "0.3",
        "mousemove", "--sync", str(start.x() + 10), str(start.y() + 2), "sleep", "0.2",
        "mousemove", "--sync", str(start.x() + 40), str(start.y() + 5), "sleep", "0.3",
        "mousemove", "--sync", str(end.x() + 20), str(end.y()), "sleep", "0.3",
        "mousemove", "--sync", str(end.x()), str(end.y()), "sleep", "0.5",
        "mouseup", "1",
    )  # fmt: skip


# --- what the screen shows ----------------------------------------------------------------------


def shots_folder() -> Path:
    """Where the pictures go: STUDYDESK_JOURNEY_SHOTS (docs/ or a temporary folder)."""
    folder = Path(os.environ.get("STUDYDESK_JOURNEY_SHOTS", "/tmp"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(qtbot: QtBot, name: str, widget: QWidget | None = None) -> Path:
    """What the X screen shows, of ``widget``'s window or all of it, as a PNG."""
    qtbot.wait(300)  # let the last paint reach the X server
    screen = QGuiApplication.primaryScreen()
    area = screen.geometry()
    if widget is not None:
        area = widget.window().frameGeometry().intersected(area)
    out = shots_folder() / name
    assert screen.grabWindow(0, area.x(), area.y(), area.width(), area.height()).save(str(out))
    return out
