"""A thin bar beside a text's scroll bar: where the paragraphs and key sentences the student
has not yet highlighted or annotated are, as a fraction of the whole text's height."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QRectF, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QTextEdit, QWidget

from desktop.models.colours import highlight_colour

BAR_WIDTH = 6
# (top, bottom) as fractions of the document's height, and what is open there.
Span = tuple[float, float, str]  # kind: "paragraph" or "key point"


def document_fraction(view: QTextEdit, start: int, end: int) -> tuple[float, float]:
    """Where document positions ``start``–``end`` lie, as fractions of the document height."""
    layout = view.document().documentLayout()
    height = max(1.0, layout.documentSize().height())
    scroll = view.verticalScrollBar().value()
    cursor = view.textCursor()
    cursor.setPosition(start)
    top = view.cursorRect(cursor).top() + scroll
    cursor.setPosition(max(start, end - 1))
    bottom = view.cursorRect(cursor).bottom() + scroll
    return max(0.0, top / height), min(1.0, bottom / height)


class CoverageBar(QWidget):
    clicked = Signal(float)  # where (fraction of the text's height) the student clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coverage-bar")
        self.setFixedWidth(BAR_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.spans: tuple[Span, ...] = ()
        self.setToolTip("Not yet highlighted or annotated")

        self._source: Callable[[], Sequence[Span]] | None = None
        self._view: QTextEdit | None = None
        self._viewport: QWidget | None = None
        self._measured: QTextEdit | None = None  # the text the spans are fractions of

    def measure_against(self, view: QTextEdit) -> None:
        """Draw the spans where they are in ``view``: a text shorter than the view maps to
        the part of the bar beside it, not to the whole bar (a one-paragraph answer's mark
        sat halfway down, beside blank space)."""
        self._measured = view

    def _text_height(self) -> float:
        """How much of the bar the whole text maps to."""
        height = float(self.height())
        view = self._measured
        if view is None:
            return height
        document = view.document().documentLayout().documentSize().height()
        viewport = view.viewport().height()
        if document <= 0 or viewport <= 0:
            return height
        return height * min(1.0, document / viewport)

    def set_spans(self, spans: Sequence[Span], tooltip: str = "") -> None:
        self.spans = tuple(spans)
        self.setToolTip(tooltip or "Everything here is highlighted or annotated")
        self.update()

    def set_source(self, source: Callable[[], Sequence[Span]], tooltip: str) -> None:
        """Spans computed when painted: a tab in the background is not laid out for them."""
        self._source = source
        self.set_spans((), tooltip)

    def follow_edge_of(self, view: QTextEdit) -> None:
        """Stay at the right edge of ``view``'s viewport (the view left room with margins)."""
        self._view, self._viewport = view, view.viewport()
        self.measure_against(view)
        view.installEventFilter(self)
        self._viewport.installEventFilter(self)  # it moves when the view's margins change
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        watching = watched is self._view or watched is self._viewport
        if watching and event.type() in (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show):
            self._place()
        return False

    def _place(self) -> None:
        if self._viewport is not None:
            area = self._viewport.geometry()
            self.setGeometry(area.right() + 1, area.top(), self.width(), area.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if self._source is not None:
            self.spans = tuple(self._source())
        painter = QPainter(self)
        height = self._text_height()
        paragraph = highlight_colour("yellow").darker(115)
        key = QColor("#d9534f")
        for top, bottom, kind in sorted(self.spans, key=lambda s: s[2] == "key point"):
            colour = key if kind == "key point" else paragraph
            rect = QRectF(0, top * height, self.width(), max(3.0, (bottom - top) * height))
            painter.fillRect(rect, colour)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.clicked.emit(min(1.0, event.position().y() / max(1.0, self._text_height())))
