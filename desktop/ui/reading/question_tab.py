"""The Question tab: the question, where it came from, who answered it, and the student's
own answer draft."""

from __future__ import annotations

import functools
from collections import OrderedDict
from html import escape

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from db.records import StudySetRecord
from desktop.content.compose import is_typed
from desktop.content.studyset import credential_text
from desktop.content.text import reading_minutes, word_count
from desktop.models.colours import readable
from desktop.ui.notes.markdown_edit import MarkdownEdit
from desktop.ui.reading.links import educator_url
from desktop.ui.reading.reading_view import ReadingView, reading_font

# The pages of the sets shown last, kept to show again (switching back and forth).
KEPT_PAGES = 8


def _format_imported_at(record: StudySetRecord) -> str:
    local = record.imported_at.astimezone()
    locale = QLocale()
    day = QDate(local.year, local.month, local.day)
    return f"{locale.toString(day, QLocale.FormatType.LongFormat)}, {local:%H:%M}"


@functools.lru_cache(maxsize=8)
def _page_colours(placeholder: int, link: int, base: int) -> tuple[str, str]:
    """The page's muted text and link colours (as #rrggbb), made readable on its base."""
    background = QColor.fromRgba(base)
    return (
        readable(QColor.fromRgba(placeholder), background).name(),
        readable(QColor.fromRgba(link), background).name(),
    )


def _credential_suffix(credential: str | None) -> str:
    """What follows the handle (escaped): " · eNotes educator · Certified Educator", or ""."""
    text = credential_text(credential)
    return f" · {escape(text)}" if text else ""


class QuestionTab(ReadingView):
    def __init__(self, study_set: StudySetRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.study_set = study_set
        self.setObjectName("question")
        self.setAccessibleName("Question")
        # Each page's document by everything it is made of (the set's text and source, the
        # text size, the colours, the date as written): a set shown again is only laid out,
        # and a change of any of these makes another key, never a stale page.
        self._pages: OrderedDict[tuple[object, ...], QTextDocument] = OrderedDict()
        self.rebuild()

    def show_study_set(self, study_set: StudySetRecord) -> None:
        self.study_set = study_set
        self.rebuild()
        self.verticalScrollBar().setValue(0)  # the page is kept: a new set starts at its top

    def build(self) -> None:
        page = self._page()
        if page is not self.document():
            self._fit_column(page)  # its margins for this width first: laid out once, here
            self.setDocument(page)

    def _page(self) -> QTextDocument:
        """The page of the set shown, written once per look and kept: showing it again
        only lays it out (writing it, parsing its HTML, was half of showing a set)."""
        record = self.study_set
        palette = self.palette()
        muted, link = _page_colours(
            palette.color(QPalette.ColorRole.PlaceholderText).rgba(),
            palette.color(QPalette.ColorRole.Link).rgba(),
            palette.color(QPalette.ColorRole.Base).rgba(),
        )
        added = _format_imported_at(record)
        font = reading_font(self.point_size)
        # The set by what its page shows: its text (the SHA-256 of it: the question and the
        # answers), where it came from and when; not the record itself, whose hash and
        # comparison went through every paragraph at each switch.
        shown_as = (record.id, record.sha256, record.source_name, record.encoding)
        key = (shown_as, record.is_embedded, self.point_size, muted, link, added)
        page = self._pages.pop(key, None)  # put back last: the most recently shown
        if page is None:
            page = QTextDocument(self)  # the view's own (setDocument() never deletes it)
            page.setUndoRedoEnabled(False)
            page.setDefaultFont(font)
            QTextCursor(page).insertHtml(self._html(muted, link, added))
            if len(self._pages) >= KEPT_PAGES:  # the oldest: never the one shown (the latest)
                self._pages.popitem(last=False)[1].deleteLater()
        elif page.defaultFont() != font:  # a zoom reached the page while it was shown
            page.setDefaultFont(font)
        self._pages[key] = page
        return page

    def _html(self, muted: str, link: str, added: str) -> str:
        record = self.study_set
        size = self.point_size
        answers = record.answers
        words = [sum(word_count(p.text) for p in answer.passages) for answer in answers]
        paragraphs = sum(len(answer.passages) for answer in answers)
        # What the set is, for a student; the file it came from only as a detail.
        typed = is_typed(record.source_name)
        origin = (
            "Embedded study set"
            if record.is_embedded
            else "Study set typed in Study Desk"
            if typed
            else "Imported study set"
        )
        file = "" if typed else f" — file {escape(record.source_name)}, {escape(record.encoding)}"
        question = "<br>".join(escape(line) for line in record.question.splitlines())
        # One paragraph an educator, not a table: a table's columns would not wrap, so in a
        # narrow window or at a large text size its credential column shrank to a letter a
        # line and the page scrolled sideways (laying a table out also cost a switch ~1 ms).
        educators = "".join(
            f'<p style="margin-top: 4px; margin-bottom: 8px"><a style="color: {link}" '
            f'href="{escape(educator_url(a.handle))}"><b>{escape(a.handle)}</b></a>'
            f'<span style="color: {muted}">{_credential_suffix(a.credential)}</span><br>'
            f"{count} words"
            f'<span style="color: {muted}"> · about {reading_minutes(count)} min read</span></p>'
            for a, count in zip(answers, words, strict=True)
        )
        return (
            f'<p style="font-size: {size * 0.85:.1f}pt; color: {muted}">QUESTION</p>'
            f'<h1 style="font-size: {size * 1.9:.1f}pt; font-weight: 700">{question}</h1>'
            f'<p style="color: {muted}"><b>{origin}</b>, added '
            f"{escape(added)}"
            f'<span style="font-size: {size * 0.85:.1f}pt">{file}</span></p>'
            f"<p>{len(answers)} educator{'' if len(answers) == 1 else 's'} answered, in "
            f"{paragraphs} paragraph{'' if paragraphs == 1 else 's'} and "
            f"{sum(words)} words.</p>"
            f'<h2 style="font-size: {size * 1.2:.1f}pt">Answers</h2>'
            f"{educators}"
        )


class QuestionPage(QSplitter):
    """The Question tab: the question above, the student's own answer draft below."""

    def __init__(self, study_set: StudySetRecord, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("question-page")
        self.question = QuestionTab(study_set, self)
        draft_box = QWidget(self)
        layout = QVBoxLayout(draft_box)
        layout.setContentsMargins(12, 6, 12, 12)
        heading = QLabel(
            "<b>My answer</b> — your own answer to the question, in Markdown; saved as you type",
            draft_box,
        )
        self.draft = MarkdownEdit("Write your own answer here. Click to start.", draft_box)
        self.draft.setAccessibleName("My answer")
        heading.setWordWrap(True)
        heading.setBuddy(self.draft.editor)
        layout.addWidget(heading)
        layout.addWidget(self.draft, 1)
        from desktop.ui.compare.draft_check import DraftCheckPanel  # issue 13

        self.draft_check = DraftCheckPanel(draft_box)
        layout.addWidget(self.draft_check)
        self.addWidget(self.question)
        self.addWidget(draft_box)
        self.setSizes([420, 260])

    def show_study_set(self, study_set: StudySetRecord) -> None:
        """Show another study set's question (the window keeps this page when the set
        changes; the draft's document is given by the notes controller). A check of the
        draft against the educators was of the set before: it goes."""
        self.question.show_study_set(study_set)
        result = self.draft_check.result
        if result.isVisibleTo(self.draft_check):
            result.clear()
            result.hide()
