"""Putting the summary on pages: paper size, margins, page numbers and a running footer.

One painting function serves the PDF writer, the printer and the print preview, so what is
previewed is what is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from desktop.platform.sealed import blank_image

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    # The pages are painted on these two; QPagedPaintDevice itself has no resolution().
    PageDevice = QPrinter | QPdfWriter

PAPER_SIZES = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
    "A5": QPageSize.PageSizeId.A5,
    "Legal": QPageSize.PageSizeId.Legal,
}
# Where Letter is the usual paper (the rest of the world uses A4).
_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Venezuela,
    QLocale.Country.PuertoRico,
}
PDF_RESOLUTION = 300


def default_paper(locale: QLocale | None = None) -> str:
    territory = (locale or QLocale()).territory()
    return "Letter" if territory in _LETTER_TERRITORIES else "A4"


@dataclass(frozen=True)
class PageSetup:
    paper: str = "A4"
    landscape: bool = False
    margins_mm: float = 18.0
    font_pt: float = 10.5

    def page_layout(self) -> QPageLayout:
        orientation = (
            QPageLayout.Orientation.Landscape
            if self.landscape
            else QPageLayout.Orientation.Portrait
        )
        margin = self.margins_mm
        return QPageLayout(
            QPageSize(PAPER_SIZES.get(self.paper, QPageSize.PageSizeId.A4)),
            orientation,
            QMarginsF(margin, margin, margin, margin),
            QPageLayout.Unit.Millimeter,
        )


class _SealedDocument(QTextDocument):
    """A document that loads nothing: no file, no URL, whatever the HTML asks for."""

    def loadResource(self, kind: int, name: QUrl | str) -> QImage:  # noqa: N802 (Qt override)
        return blank_image()  # see desktop/platform/sealed.py: returning None lets Qt read files


def make_document(html: str, setup: PageSetup) -> QTextDocument:
    document = _SealedDocument()
    font = QFont()
    font.setFamilies(["Charter", "Georgia", "DejaVu Serif", "Liberation Serif", "serif"])
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(setup.font_pt)
    document.setDefaultFont(font)
    document.setHtml(html)
    return document


def _first_line_top(document: QTextDocument, block: QTextBlock) -> float:
    rect = document.documentLayout().blockBoundingRect(block)
    layout = block.layout()
    line_y = layout.lineAt(0).y() if layout is not None and layout.lineCount() else 0.0
    return rect.top() + line_y


def _next_page_starts(document: QTextDocument, block: QTextBlock, page_height: float) -> int:
    """The page where what follows a heading starts; for a table, where its first row (after
    the header row) ends — a heading over a lone header row is still a heading alone."""
    table = QTextCursor(block).currentTable()
    if table is None or table.rows() < 2:
        return int(_first_line_top(document, block) // page_height)
    bottom = 0.0
    for column in range(table.columns()):
        last = table.cellAt(1, column).lastCursorPosition().block()
        rect = document.documentLayout().blockBoundingRect(last)
        layout = last.layout()
        if layout is not None and layout.lineCount():
            line = layout.lineAt(layout.lineCount() - 1)
            bottom = max(bottom, rect.top() + line.y() + line.height())
    return int(max(bottom - 1.0, 0.0) // page_height)


def keep_headings_with_next(document: QTextDocument, page_height: float) -> None:
    """A heading never ends a page: when what follows a heading (or a run of headings, "My
    notes" then "gpane ¶2") starts on a later page, the run starts that page too. Qt's text
    layout has no keep-with-next, so this breaks the page before the run, then lays out
    again until nothing moves."""
    for _round in range(50):
        document.pageCount()  # lay out all of it: positions below are read, not guessed
        moved = False
        block = document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 0:
                block = block.next()
                continue
            first = block
            following = block
            while following.isValid() and following.blockFormat().headingLevel() > 0:
                following = following.next()
            block = following
            if not following.isValid():
                break
            page = int(_first_line_top(document, first) // page_height)
            if _next_page_starts(document, following, page_height) > page:
                policy = first.blockFormat().pageBreakPolicy()
                if policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                    continue  # already starts a page: the run is longer than a page
                cursor = QTextCursor(first)
                change = QTextBlockFormat()
                change.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.mergeBlockFormat(change)
                moved = True
                break  # lay out again: everything below has moved
        if not moved:
            return


@dataclass(frozen=True)
class PageFrame:
    """Where the text goes on each page of one device, and the footer below it (pixels)."""

    width: float
    body: float  # the height of the text on a page, above the footer
    footer_height: float
    footer_font: QFont


def page_frame(painter: QPainter, document_font: QFont, device: PageDevice) -> PageFrame:
    """The frame for ``device``, measured with ``painter`` (which must be painting on it)."""
    area = device.pageLayout().paintRectPixels(device.resolution())
    footer_font = QFont(document_font)
    footer_font.setPointSizeF(max(7.0, document_font.pointSizeF() * 0.8))
    painter.setFont(footer_font)
    footer_height = painter.fontMetrics().height() * 2.2
    return PageFrame(
        float(area.width()), float(area.height()) - footer_height, footer_height, footer_font
    )


def lay_out(document: QTextDocument, device: PageDevice, frame: PageFrame) -> int:
    """Lay the document out on the frame's pages (headings kept with what follows them);
    its page count."""
    # Lay out at the device's resolution, so points on paper are points.
    document.documentLayout().setPaintDevice(device)
    document.setPageSize(QSizeF(frame.width, frame.body))
    keep_headings_with_next(document, frame.body)
    return _pages_used(document, frame.body)


def _pages_used(document: QTextDocument, page_height: float) -> int:
    """The pages that hold text: Qt counts one more when only the document's bottom margin
    spills over, which would print a blank page with just the footer."""
    pages = document.pageCount()
    last = document.lastBlock()
    layout = last.layout()
    if layout is None or not layout.lineCount():
        return pages
    line = layout.lineAt(layout.lineCount() - 1)
    bottom = document.documentLayout().blockBoundingRect(last).top() + line.y() + line.height()
    return max(1, min(pages, int(max(bottom - 1.0, 0.0) // page_height) + 1))


def paint_page(
    painter: QPainter,
    document: QTextDocument,
    device: PageDevice,
    frame: PageFrame,
    page: int,
    footer: str,
    number: str,
) -> None:
    """Page ``page`` (from 0) of a laid-out document on the device's current page, with the
    footer: ``footer`` on the left, ``number`` ("Page 3 of 9") on the right."""
    width, body = frame.width, frame.body
    painter.save()
    painter.translate(0, -page * body)
    document.drawContents(painter, QRectF(0, page * body, width, body))
    painter.restore()
    painter.setFont(frame.footer_font)
    painter.setPen(QPen(Qt.GlobalColor.gray, max(1.0, device.resolution() / 150)))
    rule = body + frame.footer_height * 0.3
    painter.drawLine(0, int(rule), int(width), int(rule))
    painter.setPen(Qt.GlobalColor.darkGray)
    text_box = QRectF(0, rule, width, frame.footer_height * 0.7)
    painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, footer)
    painter.drawText(text_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number)


def page_number(page: int, pages: int) -> str:
    return f"Page {page} of {pages}"


def paint_pages(document: QTextDocument, device: PageDevice, footer: str) -> int:
    """Lay the document out on the device's pages with a footer on each; the page count."""
    painter = QPainter(device)
    try:
        frame = page_frame(painter, document.defaultFont(), device)
        pages = lay_out(document, device, frame)
        for page in range(pages):
            if page:
                device.newPage()
            paint_page(painter, document, device, frame, page, footer, page_number(page + 1, pages))
        return pages
    finally:
        painter.end()


def write_pdf(html: str, path: Path, setup: PageSetup, footer: str, title: str) -> int:
    """Write the PDF to ``path`` (the caller makes it atomic); the page count."""
    writer = new_pdf_writer(path, setup, title)
    return paint_pages(make_document(html, setup), writer, footer)


def new_pdf_writer(path: Path, setup: PageSetup, title: str) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(setup.page_layout())
    writer.setTitle(title)
    writer.setCreator("Study Desk")
    return writer
