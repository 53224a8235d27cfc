"""File › New Study Set…: type or paste a question and each educator's answer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.content.compose import TypedAnswer
from desktop.content.studyset import ParsedStudySet, StudySetFormatError, parse_study_set_text
from desktop.ui.dialogs import messages


class _AnswerBox(QGroupBox):
    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(f"Educator {number}", parent)
        self.handle = QLineEdit(self)
        self.handle.setPlaceholderText("e.g. gpane")
        self.handle.setAccessibleName(f"Educator {number} handle")
        self.credential = QLineEdit(self)
        self.credential.setPlaceholderText("optional, e.g. Certified Educator")
        self.credential.setAccessibleName(f"Educator {number} credential")
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("The answer; a blank line between paragraphs")
        self.text.setAccessibleName(f"Educator {number} answer")
        form = QFormLayout(self)
        form.addRow("&Handle:", self.handle)
        form.addRow("&Credential:", self.credential)
        form.addRow("&Answer:", self.text)

    def typed(self) -> TypedAnswer:
        return TypedAnswer(self.handle.text(), self.credential.text(), self.text.toPlainText())


class NewStudySetDialog(QDialog):
    """``submitted`` when the student asks to add it; the dialog closes only once it is."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new-study-set-dialog")
        self.setWindowTitle("New Study Set")
        self.resize(640, 640)
        self.question = QPlainTextEdit(self)
        self.question.setAccessibleName("Question")
        self.question.setPlaceholderText("The question")
        self.question.setMaximumHeight(80)
        self.answers: list[_AnswerBox] = []
        self._answers_layout = QVBoxLayout()
        holder = QWidget(self)
        holder.setLayout(self._answers_layout)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        self.add_button = QPushButton("Add &Educator", self)
        self.paste_button = QPushButton("&Paste a Whole Study Set", self)
        self.paste_button.setToolTip(
            "Fill the form from a text in the study-set format on the clipboard"
        )
        self.problem = QLabel(self)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what was pasted
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c92a2a")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add to Library")
        layout = QVBoxLayout(self)
        caption = QLabel("&Question:", self)
        caption.setBuddy(self.question)
        layout.addWidget(caption)
        layout.addWidget(self.question)
        layout.addWidget(scroll, 1)
        row = QVBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.paste_button)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(self.add_answer)
        self.paste_button.clicked.connect(self.paste_whole_set)
        self.buttons.accepted.connect(self.submitted)
        self.buttons.rejected.connect(self.reject)
        self.add_answer()
        self.add_answer()

    def add_answer(self) -> _AnswerBox:
        box = _AnswerBox(len(self.answers) + 1, self)
        self.answers.append(box)
        self._answers_layout.addWidget(box)
        return box

    def typed_answers(self) -> list[TypedAnswer]:
        """The educators the student filled in (empty boxes are left out)."""
        return [
            box.typed()
            for box in self.answers
            if box.handle.text().strip() or box.text.toPlainText().strip()
        ]

    def has_typing(self) -> bool:
        return bool(self.question.toPlainText().strip() or self.typed_answers()) or any(
            box.credential.text().strip() for box in self.answers
        )

    def reject(self) -> None:
        """Cancel, Esc or the close button: what was typed is asked about, not lost."""
        if self.has_typing() and not messages.ask_yes_no(
            self,
            "Discard this study set?",
            "The question and answers you typed here are not in your library yet. "
            "Close the form and discard them?",
        ):
            return
        super().reject()

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)

    def paste_whole_set(self) -> None:
        text = QGuiApplication.clipboard().text()
        try:
            parsed = parse_study_set_text(text, "the pasted text")
        except StudySetFormatError as exc:
            self.show_problem(str(exc))
            return
        self.fill(parsed)

    def fill(self, parsed: ParsedStudySet) -> None:
        self.question.setPlainText(parsed.question)
        while len(self.answers) < len(parsed.answers):
            self.add_answer()
        for box in self.answers:
            box.handle.clear()
            box.credential.clear()
            box.text.clear()
        for box, answer in zip(self.answers, parsed.answers, strict=False):
            box.handle.setText(answer.handle)
            box.credential.setText(answer.credential or "")
            box.text.setPlainText("\n\n".join(answer.passages))
        self.show_problem("")
