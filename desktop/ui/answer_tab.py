"""An educator's answer: numbered paragraphs, cross-references as links."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextLength,
    QTextTableFormat,
)
from PySide6.QtWidgets import QWidget

from db.records import AnswerRecord
from desktop.content.crossrefs import CrossReference, Stance
from desktop.content.text import reading_minutes, word_count
from desktop.ui.links import educator_url
from desktop.ui.reading_view import ReadingView


def credential_text(credential: str | None) -> str:
    """'eNotes educator| Certified Educator' as 'eNotes educator · Certified Educator'."""
    return " · ".join(part.strip() for part in (credential or "").split("|") if part.strip())


def stance_tooltip(author: str, reference: CrossReference) -> str:
    target = reference.target_handle
    action = f"Click to open {target}'s answer."
    if reference.stance is Stance.AGREES:
        return f"{author} agrees with {target} here. {action}"
    if reference.stance is Stance.DISPUTES:
        return f"{author} disputes {target}'s answer here. {action}"
    return f"{author} mentions {target} here. {action}"


class AnswerTab(ReadingView):
    def __init__(
        self,
        answer: AnswerRecord,
        references: list[CrossReference],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.answer = answer
        self.references = references
        self.setObjectName(f"answer-{answer.handle}")
        self.setAccessibleName(f"Answer by {answer.handle}")
        self._passage_positions: dict[int, int] = {}
        self.rebuild()

    @property
    def word_count(self) -> int:
        return sum(word_count(passage.text) for passage in self.answer.passages)

    def passage_position(self, number: int) -> int:
        """Document position where paragraph ¶``number`` starts."""
        return self._passage_positions[number]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light/dark switched
            self.rebuild()

    def rebuild(self) -> None:
        document = self.document()
        document.clear()
        cursor = QTextCursor(document)
        self._insert_heading(cursor)
        self._insert_passages(cursor)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _muted(self) -> QTextCharFormat:
        muted = QTextCharFormat()
        muted.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        return muted

    def _insert_heading(self, cursor: QTextCursor) -> None:
        title = QTextCharFormat()
        title.setFontPointSize(self.point_size * 1.6)
        title.setFontWeight(700)
        cursor.insertText(self.answer.handle, title)
        details = self._muted()
        details.setFontPointSize(self.point_size * 0.9)
        words = self.word_count
        block = QTextBlockFormat()
        block.setBottomMargin(self.point_size)
        credential = credential_text(self.answer.credential)
        facts = [credential] if credential else []
        facts.append(f"{words} words · about {reading_minutes(words)} min read")
        cursor.insertBlock(block)
        cursor.insertText(" — ".join(facts), details)

    def _insert_passages(self, cursor: QTextCursor) -> None:
        passages = self.answer.passages
        table_format = QTextTableFormat()
        table_format.setBorder(0)
        table_format.setCellPadding(self.point_size * 0.4)
        table_format.setCellSpacing(0)
        table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table_format.setColumnWidthConstraints(
            [
                QTextLength(QTextLength.Type.FixedLength, self.point_size * 3.2),
                QTextLength(QTextLength.Type.VariableLength, 0),
            ]
        )
        cursor.movePosition(QTextCursor.MoveOperation.End)
        table = cursor.insertTable(len(passages), 2, table_format)
        number_block = QTextBlockFormat()
        number_block.setAlignment(Qt.AlignmentFlag.AlignRight)
        text_block = QTextBlockFormat()
        text_block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        text_block.setBottomMargin(self.point_size * 0.6)
        number_format = self._muted()
        number_format.setFontPointSize(self.point_size * 0.85)
        for row, passage in enumerate(passages):
            number_cursor = table.cellAt(row, 0).firstCursorPosition()
            number_cursor.setBlockFormat(number_block)
            number_cursor.insertText(f"¶{passage.number}", number_format)
            text_cursor = table.cellAt(row, 1).firstCursorPosition()
            text_cursor.setBlockFormat(text_block)
            self._passage_positions[passage.number] = text_cursor.position()
            self._insert_passage_text(text_cursor, row, passage.text)

    def _insert_passage_text(self, cursor: QTextCursor, index: int, text: str) -> None:
        plain = QTextCharFormat()
        done = 0
        for reference in (r for r in self.references if r.passage_index == index):
            cursor.insertText(text[done : reference.start], plain)
            cursor.insertText(text[reference.start : reference.end], self._link_format(reference))
            done = reference.end
        cursor.insertText(text[done:], plain)

    def _link_format(self, reference: CrossReference) -> QTextCharFormat:
        link = QTextCharFormat()
        link.setAnchor(True)
        link.setAnchorHref(educator_url(reference.target_handle))
        link.setToolTip(stance_tooltip(self.answer.handle, reference))
        link.setForeground(self.palette().color(QPalette.ColorRole.Link))
        link.setFontUnderline(True)
        if reference.stance is Stance.DISPUTES:
            link.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            link.setUnderlineColor(self.palette().color(QPalette.ColorRole.Highlight))
        return link
