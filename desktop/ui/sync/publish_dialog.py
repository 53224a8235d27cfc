"""File › Publish to Class…: choose one of the classes you teach for the study set shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class PublishDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, classes: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publish to Class")
        self.setObjectName("publishToClass")
        what = QLabel(
            f"Publish “{title}” to a class you teach. Its students get it at their next "
            "sync, in their library under the class's name."
        )
        what.setTextFormat(Qt.TextFormat.PlainText)
        what.setWordWrap(True)
        self.classes = QComboBox()
        self.classes.setObjectName("publishClass")
        self.classes.addItems(classes)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Publish")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(self.classes)
        layout.addWidget(self.buttons)

    def chosen(self) -> str:
        return self.classes.currentText()
