"""Every alert the user sees goes through here, so tests can answer them in one place.

Messages often quote a study set, a file name or a note: they are always shown as plain
text, so nothing in them is taken for HTML (no image is loaded, no link is offered).

A long message (an import report of 40 files) would make a box taller than the screen, its
OK button out of reach: its first paragraph is the text, and the whole message is the box's
details (Show Details…, a scrolling view).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton

MOST_LINES_SHOWN = 12  # a longer message shows its first paragraph, the rest in the details


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.Ok,
) -> Button:
    # Imported here: start-up imports this module before the first paint, and the first use
    # of the Qt namespace makes all its enums (a tenth of the bare window's time to appear).
    from PySide6.QtCore import Qt

    shown, details = split_long(text)
    box = QMessageBox(icon, title, shown, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)  # always plain text
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setDefaultButton(default)
    return Button(box.exec())


def split_long(text: str) -> tuple[str, str]:
    """(the text shown, the details): a message of more than MOST_LINES_SHOWN lines shows
    its first paragraph (itself cut to that many lines), and all of it in the details."""
    lines = text.splitlines()
    if len(lines) <= MOST_LINES_SHOWN:
        return text, ""
    first = text.split("\n\n", 1)[0].splitlines()
    if len(first) > MOST_LINES_SHOWN:
        first = [*first[: MOST_LINES_SHOWN - 1], "… (the rest under Show Details)"]
    return "\n".join(first), text


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Warning, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Information, title, text)


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    answer = _box(parent, QMessageBox.Icon.Question, title, text, Button.Yes | Button.No, Button.No)
    return answer == Button.Yes
