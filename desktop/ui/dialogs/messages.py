"""Every alert the user sees goes through here, so tests can answer them in one place.

Messages often quote a study set, a file name or a note: they are always shown as plain
text, so nothing in them is taken for HTML (no image is loaded, no link is offered).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.Ok,
) -> Button:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setDefaultButton(default)
    return Button(box.exec())


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Warning, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Information, title, text)


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    answer = _box(
        parent, QMessageBox.Icon.Question, title, text, Button.Yes | Button.No, Button.No
    )
    return answer == Button.Yes
