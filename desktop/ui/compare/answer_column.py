"""One column of the Compare tab: an answer's paragraphs with each sentence marked.

Paired sentences get their pair's colour band (the same colour in the other column), the
student's selection a stronger band, and sentences with no counterpart a dotted underline.
A click selects the sentence under the mouse.

The text is laid out a few paragraphs at a time (each step a few ms, then back to the event
loop): laying out two answers of 5,000 words at once held the GUI thread for up to a
second. The first screenful comes first; ``built`` says when the whole text is in. Until
then marks go on the paragraphs already in (the rest get theirs as they arrive), and
whoever needs the position of text not yet in gets the rest laid out at once.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPalette,
    QShowEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from db.records import AnswerRecord
from desktop.content.alignment_sentences import SentenceRef
from desktop.models.colours import over, readable, text_on
from desktop.ui.compare.steps import steps
from desktop.ui.reading.reading_view import ReadingView

# Light bands that stay apart from each other; drawn over the palette's base (light or dark).
BAND_COLOURS = ("#f6c85f", "#9dd9d2", "#f4a3a8", "#b8c7f0", "#c5e1a5", "#e1bee7", "#ffcc80")
SELECTED_COLOUR = "#3d7eff"
FIRST_STEP_DELAY_MS = 20  # from showing the column to laying out its first paragraphs


def band_colour(index: int) -> QColor:
    colour = QColor(BAND_COLOURS[index % len(BAND_COLOURS)])
    colour.setAlpha(150)
    return colour


class AnswerColumn(ReadingView):
    sentence_clicked = Signal(object)  # SentenceRef
    built = Signal()  # the whole answer is laid out (after show_answer, in steps)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare-column")
        self.answer: AnswerRecord | None = None
        self.sentences: tuple[SentenceRef, ...] = ()
        self._paragraph_starts: list[int] = []
        self._bands: dict[SentenceRef, int] = {}  # sentence -> its pair's colour index
        self._unmatched: set[SentenceRef] = set()
        self.selected: SentenceRef | None = None
        self.building = False
        self.document().setUndoRedoEnabled(False)  # read-only: no undo history to keep
        self._next_passage = 0  # the first paragraph not yet in the document
        self._marks: dict[SentenceRef, QTextEdit.ExtraSelection] = {}  # what is shown
        self._mark_queue: list[SentenceRef] = []  # to be marked in the next steps
        self._restart_marks = False  # the next step starts the marks afresh
        self._colours: dict[str, QColor] = {}

    @property
    def complete(self) -> bool:
        """The whole answer is in the document (positions of any sentence can be read)."""
        return self.answer is None or self._next_passage >= len(self.answer.passages)

    def muted_colour(self) -> QColor:
        return readable(
            self.palette().color(QPalette.ColorRole.PlaceholderText),
            self.palette().color(QPalette.ColorRole.Base),
        )

    # --- content ---------------------------------------------------------------------------

    def show_answer(self, answer: AnswerRecord, sentences: Sequence[SentenceRef]) -> None:
        same_text = answer == self.answer
        self.answer, self.sentences = answer, tuple(sentences)
        self._bands, self._unmatched, self.selected = {}, set(), None
        if not same_text:  # only sentences arriving: laying out 5,000 words again took 0.1 s+
            self.rebuild()

    def set_marks(self, bands: dict[SentenceRef, int], unmatched: set[SentenceRef]) -> None:
        self._bands, self._unmatched = bands, unmatched
        if self.selected is not None and self.selected not in self.sentences:
            self.selected = None
        self._apply_marks()

    def select(self, sentence: SentenceRef | None, *, scroll: bool = False) -> None:
        before, self.selected = self.selected, sentence
        self._mark([s for s in (before, sentence) if s is not None])
        if scroll and sentence is not None:
            # A third of the way down: the lines before it give the context.
            target = self.sentence_rect(sentence).top() - self.viewport().height() // 3
            self.verticalScrollBar().setValue(max(0, self.verticalScrollBar().value() + target))

    def build(self) -> None:
        self.building = True  # clearing scrolls: nothing may ask for positions meanwhile
        try:
            self._build()
        finally:
            self.building = False

    def _build(self) -> None:
        document = self.document()
        self._paragraph_starts = []
        self._next_passage = 0
        steps().cancel(self._add_step)
        steps().cancel(self._mark_step)
        self._marks, self._mark_queue, self._colours = {}, [], {}
        self.setExtraSelections([])
        document.clear()
        if self.answer is None:
            return
        cursor = QTextCursor(document)
        heading = QTextCharFormat()
        heading.setFontWeight(700)
        heading.setFontPointSize(self.point_size * 1.3)
        cursor.insertText(self.answer.handle, heading)
        # The paragraphs from the next turn on: the turn that shows the tab lays out and
        # paints the whole page already. Not while hidden (a page is made ahead for every
        # study set shown, and most are never compared): when it is shown.
        if self.isVisible():
            steps().request(self, self._add_step)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)  # builds the document if it is out of date
        if not self.complete:
            # A little later: the turn that shows the column paints the whole page.
            QTimer.singleShot(FIRST_STEP_DELAY_MS, self, self._start_adding)

    def _start_adding(self) -> None:
        if not self.complete and self.isVisible():
            steps().request(self, self._add_step)

    def _add_step(self, deadline: float) -> bool:
        """Add paragraphs until ``deadline`` (a step of the shared queue); True if more."""
        self._add_more(deadline)
        return not self.complete

    def _add_more(self, deadline: float | None) -> None:
        """Add paragraphs until ``deadline`` (perf_counter), or all of them (None)."""
        if self.answer is None:
            return
        passages = self.answer.passages
        number = QTextCharFormat()
        number.setForeground(self.muted_colour())
        number.setFontPointSize(self.point_size * 0.85)
        block = QTextBlockFormat()
        block.setTopMargin(self.point_size * 0.6)
        block.setLineHeight(140, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor = QTextCursor(self.document())
        first = self._next_passage
        while self._next_passage < len(passages):
            passage = passages[self._next_passage]
            # In an edit block: laid out once per paragraph, and moving the cursor does not
            # lay out the text before it (outside one, moving to the end did: 100+ ms).
            cursor.beginEditBlock()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertBlock(block, QTextCharFormat())
            cursor.insertText(f"¶{passage.number}  ", number)
            self._paragraph_starts.append(cursor.position())
            cursor.insertText(passage.text, QTextCharFormat())
            cursor.endEditBlock()
            self._next_passage += 1
            if deadline is not None and time.perf_counter() > deadline:
                break
        self._apply_marks(range(first, self._next_passage))
        if self.complete:
            self.built.emit()

    def finish(self) -> None:
        """Lay out the rest now (someone needs a position in it)."""
        self.ensure_built()
        if not self.complete:
            steps().cancel(self._add_step)
            self._add_more(None)

    # --- where sentences are ---------------------------------------------------------------

    def _span(self, sentence: SentenceRef) -> tuple[int, int]:
        return self.position_span(sentence.passage, sentence.start, sentence.end)

    def position_span(self, passage: int, start: int, end: int) -> tuple[int, int]:
        """Document positions of offsets ``start``–``end`` in paragraph ``passage`` (0-based)."""
        self.ensure_built()
        if passage >= len(self._paragraph_starts) and not self.complete:
            self.finish()
        if self.answer is None or not 0 <= passage < len(self._paragraph_starts):
            return 0, 0
        first = self._paragraph_starts[passage]
        text = self.answer.passages[passage].text
        # The document counts UTF-16 units; Python offsets differ past U+FFFF.
        return first + _units(text[:start]), first + _units(text[:end])

    def text_extent(self, passage: int, start: int, end: int) -> tuple[float, float]:
        """(top of the first line, bottom of the last) of offsets ``start``–``end`` in
        paragraph ``passage``, in document coordinates. Read from the paragraph's text layout
        (a few cheap calls; two cursor rectangles per sentence made painting hundreds of
        pairs take tens of ms)."""
        first_position, last_position = self.position_span(passage, start, end)
        block = self.document().findBlock(first_position)
        layout = block.layout()
        origin = layout.position().y()
        first = layout.lineForTextPosition(first_position - block.position())
        last = layout.lineForTextPosition(max(first_position, last_position - 1) - block.position())
        if not (first.isValid() and last.isValid()):  # not laid out (hidden): the block
            rect = self.document().documentLayout().blockBoundingRect(block)
            return rect.top(), rect.bottom()
        return origin + first.y(), origin + last.y() + last.height()

    def sentence_rect(self, sentence: SentenceRef) -> QRect:
        """Where the sentence is, in viewport coordinates (first line's top to last's bottom)."""
        top, bottom = self.text_extent(sentence.passage, sentence.start, sentence.end)
        scroll = self.verticalScrollBar().value()
        return QRect(
            QPoint(0, round(top) - scroll), QPoint(self.viewport().width(), round(bottom) - scroll)
        )

    def paragraph_extent(self, index: int) -> tuple[float, float]:
        """(top, bottom) of paragraph ``index`` (0-based), in document coordinates."""
        self.ensure_built()
        if index >= len(self._paragraph_starts) and not self.complete:
            self.finish()
        block = self.document().findBlockByNumber(index + 1)  # block 0: the heading
        rect = self.document().documentLayout().blockBoundingRect(block)
        return rect.top(), rect.bottom()

    def paragraph_extents(self) -> list[tuple[float, float]]:
        """(top, bottom) of each paragraph laid out, in viewport coordinates: one call per
        paragraph, so a painter can skip the sentences of paragraphs out of view before
        asking where each sentence is (two calls per sentence)."""
        document = self.document()
        layout = document.documentLayout()
        scroll = self.verticalScrollBar().value()
        extents = []
        for index in range(len(self._paragraph_starts)):
            rect = layout.blockBoundingRect(document.findBlockByNumber(index + 1))  # 0: heading
            extents.append((rect.top() - scroll, rect.bottom() - scroll))
        return extents

    def sentence_at(self, point: QPoint) -> SentenceRef | None:
        position = self.cursorForPosition(point).position()
        for sentence in self.sentences:
            start, end = self._span(sentence)
            if start <= position <= end:
                return sentence
        return None

    def first_visible(self) -> SentenceRef | None:
        """The first sentence whose last line is in view (what the reader is at)."""
        for sentence in self.sentences:
            if self.sentence_rect(sentence).bottom() >= 0:
                return sentence
        return None

    # --- marks -----------------------------------------------------------------------------

    def _apply_marks(self, added: range | None = None) -> None:
        """Mark the sentences again (all of them), or only those of the paragraphs just
        ``added`` to the document. All of them are marked in steps, the paragraphs in view
        first: hundreds of sentences took tens of ms at once."""
        if added is not None:
            fresh = [s for s in self.sentences if s.passage in added]
            if any(self._wanted(s) for s in fresh):
                self._mark(fresh)
            return
        self._marks = {}
        self._colours = {}
        laid_out = len(self._paragraph_starts)
        in_view = 0
        if laid_out:
            in_view = next(
                (i for i, (_top, bottom) in enumerate(self.paragraph_extents()) if bottom >= 0), 0
            )
        waiting = [s for s in self.sentences if s.passage < laid_out and self._wanted(s)]
        # In view first, then below, then above (the paragraphs not yet in: when they are).
        waiting.sort(key=lambda s: (s.passage < in_view, s.passage, s.start))
        self._mark_queue = waiting
        # Marked from the next turn on (the marks shown stay until the first step replaces
        # them: the text is the same, so they are where they were).
        self._restart_marks = True
        steps().request(self, self._mark_step)

    def _mark_step(self, deadline: float) -> bool:
        """Mark queued sentences until ``deadline`` (a step of the shared queue)."""
        if self._restart_marks:  # the marks of before go; those made since stay
            self._restart_marks = False
            self.setExtraSelections(list(self._marks.values()))
            # The sentences in view are first: repainting them is this turn's work (the
            # other column's are the next turn's).
            steps().end_turn()
        batch: list[SentenceRef] = []
        while self._mark_queue and time.perf_counter() < deadline:
            batch.append(self._mark_queue.pop(0))
            if len(batch) % 8 == 0:
                self._mark(batch)
                batch = []
        self._mark(batch)
        return bool(self._mark_queue)

    def marks_pending(self) -> bool:
        """Some sentences are still to be marked (they are, in the next event-loop turns)."""
        return bool(self._mark_queue) or steps().pending(self._mark_step) or not self.complete

    def _wanted(self, sentence: SentenceRef) -> bool:
        return sentence == self.selected or sentence in self._bands or sentence in self._unmatched

    def _text_for(self, colour: QColor) -> QColor:
        """Readable text on ``colour`` (a handful of colours: each worked out once)."""
        key = colour.name(QColor.NameFormat.HexArgb)
        if key not in self._colours:
            base = self.palette().color(QPalette.ColorRole.Base)
            text = self.palette().color(QPalette.ColorRole.Text)
            self._colours[key] = text_on(over(colour, base), text, base)
        return self._colours[key]

    def _mark(self, sentences: Sequence[SentenceRef]) -> None:
        """(Re)mark these sentences and show every mark made so far."""
        if not sentences:
            return
        for sentence in sentences:
            self._marks.pop(sentence, None)
            selection = self._selection(sentence)
            if selection is not None:
                self._marks[sentence] = selection
        self.setExtraSelections(list(self._marks.values()))

    def _selection(self, sentence: SentenceRef) -> QTextEdit.ExtraSelection | None:
        if sentence.passage >= len(self._paragraph_starts):
            return None  # its paragraph is not in yet: marked when it is
        selection = QTextEdit.ExtraSelection()
        if sentence == self.selected:
            colour = QColor(SELECTED_COLOUR)
            selection.format.setBackground(colour)
            selection.format.setForeground(self._text_for(colour))
        elif sentence in self._bands:
            colour = band_colour(self._bands[sentence])
            selection.format.setBackground(colour)
            selection.format.setForeground(self._text_for(colour))
        elif sentence in self._unmatched:
            selection.format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            selection.format.setUnderlineColor(self.muted_colour())
        else:
            return None
        cursor = QTextCursor(self.document())
        start, end = self._span(sentence)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        return selection

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            sentence = self.sentence_at(event.position().toPoint())
            if sentence is not None:
                self.sentence_clicked.emit(sentence)


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
