"""The strip between the Compare columns: a band joins each pair's two sentences in the pair's
colour, and a tag marks each sentence only one educator writes ("only gpane")."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLineF, QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.content.alignment_sentences import SentenceRef
from desktop.models.colours import readable
from desktop.ui.compare.answer_column import AnswerColumn, band_colour

STRIP_WIDTH = 96


class ConnectorStrip(QWidget):
    def __init__(self, left: AnswerColumn, right: AnswerColumn, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("compare-connectors")
        self.left, self.right = left, right
        self.pairs: Sequence[tuple[SentenceRef, SentenceRef, int]] = ()  # left, right, colour
        self.left_only: Sequence[SentenceRef] = ()
        self.right_only: Sequence[SentenceRef] = ()
        self.left_name = self.right_name = ""
        self.setFixedWidth(STRIP_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        for column in (left, right):
            column.verticalScrollBar().valueChanged.connect(self.update)

    def set_pairs(
        self,
        pairs: Sequence[tuple[SentenceRef, SentenceRef, int]],
        left_only: Sequence[SentenceRef],
        right_only: Sequence[SentenceRef],
        names: tuple[str, str],
    ) -> None:
        self.pairs, self.left_only, self.right_only = pairs, left_only, right_only
        self.left_name, self.right_name = names
        self.update()

    def _offset(self, column: AnswerColumn) -> int:
        """Add to a y in the column's viewport to get the y in this strip."""
        origin = QPoint(0, 0)
        return (
            column.viewport().mapTo(self.window(), origin).y()
            - self.mapTo(self.window(), origin).y()
        )

    def _in_strip(self, column: AnswerColumn, sentence: SentenceRef, offset: int) -> QRect:
        """The sentence's vertical extent, in this strip's coordinates (``offset``: the
        column's, from ``_offset``)."""
        rect = column.sentence_rect(sentence)
        return QRect(0, rect.top() + offset, self.width(), rect.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not (self.left.complete and self.right.complete):
            return  # painted when both columns are laid out (their ``built``)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(event.rect())
        height, width = self.height(), float(self.width())
        # Paragraphs first (cheap): a pair whose two paragraphs are both above or both below
        # the strip is not drawn, and where its sentences are is never asked.
        shown: dict[int, list[tuple[float, float]]] = {}
        offsets = {id(column): self._offset(column) for column in (self.left, self.right)}
        for column in (self.left, self.right):
            offset = offsets[id(column)]
            shown[id(column)] = [(t + offset, b + offset) for t, b in column.paragraph_extents()]

        def out_of_view(*places: tuple[AnswerColumn, SentenceRef]) -> bool:
            extents = [shown[id(column)][sentence.passage] for column, sentence in places]
            return max(b for _t, b in extents) < 0 or min(t for t, _b in extents) > height

        for left, right, colour in self.pairs:
            if out_of_view((self.left, left), (self.right, right)):
                continue
            a = self._in_strip(self.left, left, offsets[id(self.left)])
            b = self._in_strip(self.right, right, offsets[id(self.right)])
            if max(a.bottom(), b.bottom()) < 0 or min(a.top(), b.top()) > height:
                continue
            top_edge = QLineF(0, a.top(), width, b.top())
            bottom_edge = QLineF(width, b.bottom(), 0, a.bottom())
            fill = band_colour(colour)
            edge = fill.darker(130)
            fill.setAlpha(110)
            # The fill without antialiasing (an antialiased band across the strip took
            # ~0.4-0.7 ms to fill, 10-20 of them a paint), its edges antialiased over it.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawPolygon(
                QPolygonF([top_edge.p1(), top_edge.p2(), bottom_edge.p1(), bottom_edge.p2()])
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(edge)
            painter.drawLine(top_edge)
            painter.drawLine(bottom_edge)
        # Each "only …" label on a patch of the page's own colour, in a grey readable on it:
        # straight on the bands (a dark palette's tan band) the grey was ~1:1.
        base = self.palette().color(QPalette.ColorRole.Base)
        patch = QColor(base)
        patch.setAlpha(215)
        muted = readable(self.palette().color(QPalette.ColorRole.PlaceholderText), base)
        painter.setPen(muted)
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        for sentences, name, align in (
            (self.left_only, self.left_name, Qt.AlignmentFlag.AlignLeft),
            (self.right_only, self.right_name, Qt.AlignmentFlag.AlignRight),
        ):
            label = metrics.elidedText(
                f"only {name}", Qt.TextElideMode.ElideRight, self.width() - 4
            )
            column = self.left if align == Qt.AlignmentFlag.AlignLeft else self.right
            for sentence in sentences:
                if out_of_view((column, sentence)):
                    continue
                rect = self._in_strip(column, sentence, offsets[id(column)])
                if rect.bottom() < 0 or rect.top() > height:
                    continue
                box = QRectF(2, rect.top(), width - 4, metrics.height())
                text_width = metrics.horizontalAdvance(label) + 2
                patch_x = 1 if align == Qt.AlignmentFlag.AlignLeft else width - 3 - text_width
                painter.fillRect(QRectF(patch_x, rect.top(), text_width, metrics.height()), patch)
                painter.drawText(box, int(align | Qt.AlignmentFlag.AlignTop), label)
        painter.end()
