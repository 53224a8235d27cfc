"""A text view made for reading: a column of comfortable width, a reading font, zoom."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QImage,
    QResizeEvent,
    QShowEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from desktop.platform.sealed import blank_image

DEFAULT_POINT_SIZE = 12.0
# Typographers' advice is 45–75 characters a line; 70 keeps answers compact but readable.
COLUMN_CHARACTERS = 70
MIN_SIDE_MARGIN = 24.0


def reading_font(point_size: float) -> QFont:
    font = QFont()
    font.setFamilies(["Charter", "Georgia", "DejaVu Serif", "Liberation Serif", "serif"])
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    return font


@cache
def column_width(point_size: float) -> float:
    """The reading column's width at ``point_size`` (font metrics are not free: every tab
    fits its column on each resize and each switch of study set)."""
    metrics = QFontMetricsF(reading_font(point_size))
    return metrics.averageCharWidth() * COLUMN_CHARACTERS + 4 * metrics.height()


class ReadingView(QTextBrowser):
    """Read-only rich text whose links are handled by the app, never loaded from outside."""

    link_activated = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Shift+arrows select text too (a QTextBrowser's default is mouse-only selection).
        self.setTextInteractionFlags(
            self.textInteractionFlags() | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.anchorClicked.connect(self.link_activated)
        self._point_size = DEFAULT_POINT_SIZE
        self.document().setDefaultFont(reading_font(self._point_size))
        self.document().setUndoRedoEnabled(False)  # read-only: builds need no undo steps
        self._stale = True  # the document has not been laid out for the current state
        self._hold_builds = False  # while True, rebuild() only marks the document stale
        self.build_count = 0  # how often it was (each costs as much as opening the tab)

    def loadResource(self, kind: int, name: QUrl | str) -> QImage:  # noqa: N802 (Qt override)
        # Text from study sets and notes must never pull in files or network resources.
        return blank_image()

    @property
    def point_size(self) -> float:
        return self._point_size

    def set_point_size(self, point_size: float) -> None:
        # The same size again (every new tab is given the window's zoom) needs no new layout:
        # the question tab, already shown, was built twice on every switch of study set.
        if point_size != self._point_size:
            self._point_size = point_size
            self.document().setDefaultFont(reading_font(point_size))
            self.rebuild()
        self._fit_column()

    def rebuild(self) -> None:
        """Lay the document out again: now if the view is shown, else when it next is.

        A tab in the background is built once, when the student opens it, with whatever
        zoom, palette and event marks it has by then (not once per change before that)."""
        self._stale = True
        if self.isVisible() and not self._hold_builds:
            self.ensure_built()

    def ensure_built(self) -> None:
        """Build the document now if it is out of date (before reading positions in it)."""
        if self._stale:
            self._stale = False
            self.build_count += 1
            self._fit_column()  # the margins first: the text is laid out once, in them
            self.build()

    def build(self) -> None:
        """Subclasses lay out their document (sizes and colours come from the point size
        and the palette), writing it with emptied_document()."""

    def emptied_document(self) -> QTextCursor:
        """A cursor in the emptied document, inside an edit block the caller ends
        (endEditBlock()): what is written is laid out once, at the end. Not clear() or
        setHtml(): those reset the column margins, and the emptied view lost its scroll bar
        and got it back, each change of width laying the text out again."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        cursor.setBlockFormat(QTextBlockFormat())
        cursor.setCharFormat(QTextCharFormat())
        return cursor

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self.ensure_built()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light/dark switched
            self.rebuild()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_column()

    def _fit_column(self, document: QTextDocument | None = None) -> None:
        """The column's margins on ``document`` (default: the one shown) for this width."""
        side = max(MIN_SIDE_MARGIN, (self.viewport().width() - column_width(self._point_size)) / 2)
        frame = (document or self.document()).rootFrame()
        frame_format = frame.frameFormat()
        if frame_format.leftMargin() != side:
            frame_format.setLeftMargin(side)
            frame_format.setRightMargin(side)
            frame_format.setTopMargin(MIN_SIDE_MARGIN)
            frame_format.setBottomMargin(MIN_SIDE_MARGIN * 2)
            frame.setFrameFormat(frame_format)
