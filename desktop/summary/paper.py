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
    QTextDocument,
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


def paint_pages(document: QTextDocument, device: PageDevice, footer: str) -> int:
    """Lay the document out on the device's pages with a footer on each; the page count."""
    painter = QPainter(device)
    try:
        return _paint(painter, document, device, footer)
    finally:
        painter.end()


def _paint(painter: QPainter, document: QTextDocument, device: PageDevice, footer: str) -> int:
    # Lay out at the device's resolution, so points on paper are points.
    document.documentLayout().setPaintDevice(device)
    area = device.pageLayout().paintRectPixels(device.resolution())
    width, height = float(area.width()), float(area.height())
    footer_font = QFont(document.defaultFont())
    footer_font.setPointSizeF(max(7.0, document.defaultFont().pointSizeF() * 0.8))
    painter.setFont(footer_font)
    footer_height = painter.fontMetrics().height() * 2.2
    body = height - footer_height
    document.setPageSize(QSizeF(width, body))
    pages = document.pageCount()
    for page in range(pages):
        if page:
            device.newPage()
        painter.save()
        painter.translate(0, -page * body)
        document.drawContents(painter, QRectF(0, page * body, width, body))
        painter.restore()
        painter.setFont(footer_font)
        painter.setPen(QPen(Qt.GlobalColor.gray, max(1.0, device.resolution() / 150)))
        rule = body + footer_height * 0.3
        painter.drawLine(0, int(rule), int(width), int(rule))
        painter.setPen(Qt.GlobalColor.darkGray)
        text_box = QRectF(0, rule, width, footer_height * 0.7)
        painter.drawText(
            text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, footer
        )
        painter.drawText(
            text_box,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"Page {page + 1} of {pages}",
        )
    return pages


def write_pdf(html: str, path: Path, setup: PageSetup, footer: str, title: str) -> int:
    """Write the PDF to ``path`` (the caller makes it atomic); the page count."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(setup.page_layout())
    writer.setTitle(title)
    writer.setCreator("Study Desk")
    return paint_pages(make_document(html, setup), writer, footer)
