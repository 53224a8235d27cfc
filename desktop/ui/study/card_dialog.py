"""The card editor: front and back (Markdown, kept as typed), for a new card or an edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
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
