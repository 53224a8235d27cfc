"""A printable self-test: numbered questions with blanks to write in, and the answer key on
pages of its own at the end. Card text is escaped: it is the student's, never markup."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from db.cards import CardRecord


def self_test_html(title: str, cards: Sequence[CardRecord]) -> str:
    def lines(text: str) -> str:
        return "<br>".join(escape(line) for line in text.splitlines())

    questions = "".join(
        f"<p><b>{n}.</b> {lines(card.front)}</p>"
        "<p style='color:#888'>______________________________________________</p>"
        for n, card in enumerate(cards, 1)
    )
    answers = "".join(f"<p><b>{n}.</b> {lines(card.back)}</p>" for n, card in enumerate(cards, 1))
    return (
        f"<h1>Self-test: {escape(title)}</h1>{questions}"
        "<h2 style='page-break-before: always'>Answer key</h2>"
        f"{answers}"
    )


def self_test_document(title: str, cards: Sequence[CardRecord]) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(self_test_html(title, cards))
    return document


def print_self_test(parent: QWidget, title: str, cards: Sequence[CardRecord]) -> None:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    document = self_test_document(title, cards)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle("Self-Test Sheet")
    preview.paintRequested.connect(document.print_)
    preview.exec()
