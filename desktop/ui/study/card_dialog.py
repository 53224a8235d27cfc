"""The card editor: front and back (Markdown, kept as typed), for a new card or an edit. A
cloze card's editor also moves its blank a word at either end (the student's wording: kept
when the card is made again)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from desktop.content.cards import blank_in, resize_blank

# (label, tooltip, words moved at the blank's start, at its end)
BLANK_MOVES = (
    ("◀ Widen", "Blank the word before the blank too", -1, 0),
    ("Narrow ▶", "Give back the blank's first word", 1, 0),
    ("◀ Narrow", "Give back the blank's last word", 0, -1),
    ("Widen ▶", "Blank the word after the blank too", 0, 1),
)

MAX_SIDE_CHARS = 20_000  # a card is a prompt, not a chapter


class CardDialog(QDialog):
    def __init__(
        self, parent: QWidget, title: str, front: str, back: str, *, anchored_to: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        if anchored_to:
            where = QLabel(anchored_to)
            where.setTextFormat(Qt.TextFormat.PlainText)
            form.addRow("From:", where)
        self.front = QPlainTextEdit(front)
        self.front.setPlaceholderText("The question, or a sentence with the words to recall")
        self.front.setTabChangesFocus(True)
        self.back = QPlainTextEdit(back)
        self.back.setPlaceholderText("The answer")
        self.back.setTabChangesFocus(True)
        form.addRow("&Front:", self.front)
        form.addRow("&Back:", self.back)
        self.blank_buttons: dict[str, QPushButton] = {}
        if blank_in(front, back) is not None:
            row = QHBoxLayout()
            for label, tip, start_by, end_by in BLANK_MOVES:
                button = QPushButton(label)
                button.setToolTip(tip)
                button.clicked.connect(
                    lambda _checked=False, s=start_by, e=end_by: self.move_blank(s, e)
                )
                self.blank_buttons[label] = button
                row.addWidget(button)
            row.addStretch(1)
            form.addRow("Blank:", row)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 360)

    def move_blank(self, start_by: int, end_by: int) -> None:
        """Widen or narrow the cloze's blank by a word at one end, in both fields."""
        moved = resize_blank(
            self.front.toPlainText().strip(), self.back.toPlainText().strip(), start_by, end_by
        )
        if moved is None:
            self.problem.setText(
                "The blank cannot move that way (or the front and back no longer match)."
            )
            return
        self.problem.clear()
        self.front.setPlainText(moved[0])
        self.back.setPlainText(moved[1])

    def texts(self) -> tuple[str, str]:
        return self.front.toPlainText().strip(), self.back.toPlainText().strip()

    def accept(self) -> None:
        front, back = self.texts()
        if not front or not back:
            self.problem.setText("A card needs both a front and a back.")
            return
        if len(front) > MAX_SIDE_CHARS or len(back) > MAX_SIDE_CHARS:
            self.problem.setText(f"Each side can hold up to {MAX_SIDE_CHARS:,} characters.")
            return
        super().accept()
