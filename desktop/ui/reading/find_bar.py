"""Find in the current text (Ctrl+F): a bar under the tabs, Enter for next, Esc to close."""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QTextEdit, QWidget

MAX_COUNTED = 9999  # matches counted for "3 of 7"; a text with more says so


def spaced_pattern(text: str) -> QRegularExpression:
    """Literal text where any run of spaces also matches NO-BREAK SPACEs and line breaks."""
    words = [re.escape(word) for word in text.split()]
    pattern = QRegularExpression(r"[\s\x{00a0}\x{2029}]+".join(words))
    pattern.setPatternOptions(QRegularExpression.PatternOption.CaseInsensitiveOption)
    return pattern


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find-bar")
        self.view: QTextEdit | None = None
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find in this text")
        self.field.setAccessibleName("Find in this text")
        self.field.setClearButtonEnabled(True)
        self.status = QLabel(self)
        previous = QPushButton("Previous", self)
        following = QPushButton("Next", self)
        close = QPushButton("Close", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.field, 1)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.field.textEdited.connect(lambda _t: self.find_text(from_start=True))
        self.field.returnPressed.connect(self.find_text)
        following.clicked.connect(self.find_text)
        previous.clicked.connect(lambda: self.find_text(backward=True))
        close.clicked.connect(self.close_bar)
        self.hide()

    def open_on(self, view: QTextEdit | None) -> None:
        self.view = view
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def find_text(self, *, backward: bool = False, from_start: bool = False) -> bool:
        view = self.view
        text = self.field.text()
        if view is None or not text.strip():
            self.status.clear()
            return False
        document = view.document()
        pattern = spaced_pattern(text)
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        cursor = view.textCursor()
        if from_start:
            cursor.setPosition(cursor.selectionStart())
        found = document.find(pattern, cursor, flags)
        if found.isNull():  # wrap around
            start = view.textCursor()
            start.movePosition(start.MoveOperation.End if backward else start.MoveOperation.Start)
            found = document.find(pattern, start, flags)
        if found.isNull():
            self.status.setText("Not found")
            return False
        view.setTextCursor(found)
        view.ensureCursorVisible()
        self.status.setText(self._which_of(document, pattern, found.selectionStart()))
        return True

    @staticmethod
    def _which_of(document: QTextDocument, pattern: QRegularExpression, start: int) -> str:
        """The found match's place among all matches of the text, as "3 of 7"."""
        count = 0
        which = 0
        cursor = document.find(pattern, 0)
        while not cursor.isNull():
            count += 1
            if count > MAX_COUNTED:
                return f"{which} of over {MAX_COUNTED}" if which else f"Over {MAX_COUNTED}"
            if cursor.selectionStart() == start:
                which = count
            if cursor.selectionEnd() == cursor.selectionStart():  # never loop on an empty match
                break
            cursor = document.find(pattern, cursor)
        return f"{which} of {count}"
