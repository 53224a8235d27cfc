"""An educator's answer: numbered paragraphs, cross-references as links."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextLength,
    QTextTableFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from db.records import AnswerRecord, HighlightRecord, NoteRecord, PassageRecord
from desktop.content.crossrefs import CrossReference, Stance
from desktop.content.note_text import own_words
from desktop.content.plain import plain_tooltip
from desktop.content.studyset import credential_text
from desktop.content.text import reading_minutes, word_count
from desktop.content.timeline import Mention
from desktop.models.colours import GRAPHIC_CONTRAST, highlight_colour, over, readable, text_on
from desktop.ui.reading.links import educator_url, event_url, note_in, note_url
from desktop.ui.reading.reading_view import ReadingView

FLASH_MS = 900
NOTE_MARK = "✎"  # beside the ¶ number of a paragraph that has notes, one per note
# Marks beside one paragraph; the rest are counted in one more link ("+N"). A mark per note
# for thousands of notes on a paragraph made a margin thousands of lines long, laid out
# again whole at every resize (minutes, with 85,000 notes on the seed's six paragraphs).
MARKS_SHOWN = 9
MAX_COUNT_SHOWN = 9  # "+N" up to it, then "+…" (the tool tip gives the number): two fit
_MOVES = {
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
}
_JOINERS = "'’-"  # inside a word: "Stalin's", "Five-Year"


def _in_word(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] in _JOINERS)


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``–``end`` widened so that it neither starts nor ends inside a word."""
    while start > 0 and _in_word(text, start - 1) and _in_word(text, start):
        start -= 1
    while end < len(text) and _in_word(text, end - 1) and _in_word(text, end):
        end += 1
    return start, end


@dataclass(frozen=True)
class PassageSpan:
    """Where a passage's text sits in the document: offsets in it are document positions."""

    passage: PassageRecord
    start: int  # document position of the passage's first character

    @property
    def end(self) -> int:
        return self.start + len(self.passage.text)


@dataclass(frozen=True)
class TextRange:
    """A range of one passage's text, as the user selected it."""

    passage: PassageRecord
    start: int
    end: int

    @property
    def quote(self) -> str:
        return self.passage.text[self.start : self.end]


def stance_tooltip(author: str, reference: CrossReference) -> str:
    target = reference.target_handle
    action = f"Click to open {target}'s answer."
    if reference.stance is Stance.AGREES:
        return f"{author} agrees with {target} here. {action}"
    if reference.stance is Stance.DISPUTES:
        return f"{author} disputes {target}'s answer here. {action}"
    return f"{author} mentions {target} here. {action}"


@dataclass(frozen=True)
class NoteMark:
    """A note shown in the margin of the paragraph it is on."""

    note_id: int
    passage_id: int
    words: str  # the student's own words
    quote: str | None  # the text it is on, for a note on a range

    @property
    def tooltip(self) -> str:
        words = self.words or "(nothing written yet)"
        on = f"On “{self.quote}”\n\n" if self.quote else ""
        return plain_tooltip(f"{on}{words}\n\nClick to open the note.")


class AnswerTab(ReadingView):
    note_mark_clicked = Signal(int)  # the note id of a margin mark the student clicked
    # Before the tab is first built for the answer it shows (or its marks are first asked
    # for): the controllers give it its highlights, note marks and event mentions then, so a
    # switch of study set reads them only for the tabs the student opens.
    data_wanted = Signal(object)  # this tab

    def __init__(
        self,
        answer: AnswerRecord,
        references: Callable[[], Sequence[CrossReference]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.answer = answer
        self._find_references = references
        self._references: Sequence[CrossReference] | None = None
        self.setObjectName(f"answer-{answer.handle}")
        self.setAccessibleName(f"Answer by {answer.handle}")
        self._spans: list[PassageSpan] = []
        self._highlights: list[HighlightRecord] = []
        self._flash: list[QTextEdit.ExtraSelection] = []
        self.context_actions: list[QAction | None] = []  # None: a separator in the menu
        self.context_position: int | None = None  # where the open context menu was asked for
        self._event_mentions: list[Mention] = []
        self._event_titles: dict[str, str] = {}  # event key -> "Title (when)"
        self._exact_selection = False  # the selection was made with Alt held
        self._note_marks: list[NoteMark] = []
        self._mark_index: dict[int, int] = {}  # note id -> its place in _note_marks
        self._mark_positions: dict[int, int] = {}  # note id -> document position of its mark
        self._data_pending = True  # data_wanted not yet emitted for this answer
        self.link_activated.connect(self._note_link)
        self.rebuild()

    def show_answer(
        self, answer: AnswerRecord, references: Callable[[], Sequence[CrossReference]]
    ) -> None:
        """Show another answer in this tab (the window keeps its tabs when the study set
        changes): nothing of the answer before stays — its text, highlights, marks, event
        mentions, flash and scroll position go; the new answer's data is asked for
        (data_wanted) when the tab is next built."""
        self.answer = answer
        self._find_references = references
        self._references = None
        self.setObjectName(f"answer-{answer.handle}")
        self.setAccessibleName(f"Answer by {answer.handle}")
        self._spans = []
        self._highlights = []
        self._flash = []
        self._event_mentions = []
        self._event_titles = {}
        self._note_marks = []
        self._mark_index = {}
        self._mark_positions = {}
        self.context_position = None
        self._exact_selection = False
        self._data_pending = True  # the side bar's owner empties it (study_set_shown)
        # A tab not opened since the last switch has nothing to let go of (clearing an empty
        # document still laid it out: six tabs' worth on each switch).
        if self.extraSelections():
            self.setExtraSelections([])
        if not self.document().isEmpty():
            self.document().clear()
        self.verticalScrollBar().setValue(0)
        self.rebuild()

    @property
    def references(self) -> Sequence[CrossReference]:
        """Where the answer names the other educators: found the first time they are asked
        for (when the tab is built), not when the study set is shown."""
        if self._references is None:
            self._references = self._find_references()
        return self._references

    @property
    def data_pending(self) -> bool:
        """Whether the tab has not yet been given its answer's highlights, marks and event
        mentions (it asks for them when it is first built): refreshes can pass it over."""
        return self._data_pending

    def want_data(self) -> None:
        """Ask for this answer's highlights, marks and mentions, once (see data_wanted)."""
        if not self._data_pending:
            return
        self._data_pending = False
        held, self._hold_builds = self._hold_builds, True  # one build, after all of them
        try:
            self.data_wanted.emit(self)
        finally:
            self._hold_builds = held

    def ensure_built(self) -> None:
        self.want_data()
        super().ensure_built()

    def set_side_bar(self, bar: QWidget) -> None:
        """A thin bar beside the scroll bar (what is not yet annotated, issue 13): the text
        leaves it room; the bar keeps itself at the viewport's right edge."""
        bar.setParent(self)
        self.setViewportMargins(0, 0, bar.width(), 0)
        bar.show()

    @property
    def word_count(self) -> int:
        return sum(word_count(passage.text) for passage in self.answer.passages)

    def passage_position(self, number: int) -> int:
        """Document position where paragraph ¶``number`` starts."""
        self.ensure_built()
        return next(span.start for span in self._spans if span.passage.number == number)

    def span_at(self, position: int) -> PassageSpan | None:
        self.ensure_built()
        return next((s for s in self._spans if s.start <= position <= s.end), None)

    def _span_of(self, passage_id: int) -> PassageSpan | None:
        self.ensure_built()
        return next((s for s in self._spans if s.passage.id == passage_id), None)

    def selected_ranges(self) -> list[TextRange]:
        """The selection cut at passage boundaries, without surrounding white space, widened
        to whole words (unless it was made with Alt held: then exactly as selected).

        A selection that starts at a ¶ number selects whole table rows (Qt's cell selection):
        it means those paragraphs, whole."""
        self.ensure_built()
        cursor = self.textCursor()
        first, last = cursor.selectionStart(), cursor.selectionEnd()
        if cursor.hasComplexSelection():
            cells: tuple[int, int, int, int] = cursor.selectedTableCells()  # type: ignore[assignment]
            top, rows = cells[0], cells[1]
            rows_shown = self._spans[top : top + rows]
            if rows_shown:
                first, last = rows_shown[0].start, rows_shown[-1].end
        ranges = []
        for span in self._spans:
            start, end = max(first, span.start) - span.start, min(last, span.end) - span.start
            text = span.passage.text
            if start < end and not self._exact_selection:
                start, end = whole_words(text, start, end)
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                ranges.append(TextRange(span.passage, start, end))
        return ranges

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() == Qt.MouseButton.LeftButton:
            self._exact_selection = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ShiftModifier and event.key() in _MOVES:
            # Shift+arrows select (snapped to words); Alt+Shift+arrows select exactly.
            alt = Qt.KeyboardModifier.AltModifier
            self._exact_selection = bool(modifiers & alt)
            if self._exact_selection:
                event = QKeyEvent(
                    event.type(), event.key(), modifiers & ~alt, event.text(), event.isAutoRepeat()
                )
        super().keyPressEvent(event)

    def cursor_passage(self) -> PassageRecord | None:
        span = self.span_at(self.textCursor().position())
        return None if span is None else span.passage

    # --- highlights and flashes ------------------------------------------------------------

    def set_highlights(self, highlights: list[HighlightRecord]) -> None:
        self._highlights = highlights
        if not self._stale:  # else build() draws them
            self._apply_extra_selections()

    def highlights(self) -> list[HighlightRecord]:
        self.want_data()
        return list(self._highlights)

    def highlight_at(self, position: int) -> HighlightRecord | None:
        self.ensure_built()
        for highlight in self._highlights:
            span = self._span_of(highlight.passage_id)
            if span and span.start + highlight.start <= position < span.start + highlight.end:
                return highlight
        return None

    def _selection(self, start: int, end: int, background: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format.setBackground(background)
        selection.format.setForeground(self._text_on(background))
        return selection

    # --- colours: from the palette, checked against its base (light and dark alike) ----------

    def _colour(self, role: QPalette.ColorRole) -> QColor:
        return self.palette().color(role)

    def _text_on(self, background: QColor) -> QColor:
        """Text colour for a mark: the palette's text or base colour, whichever reads on it."""
        shown = over(background, self._colour(QPalette.ColorRole.Base))
        return text_on(
            shown, self._colour(QPalette.ColorRole.Text), self._colour(QPalette.ColorRole.Base)
        )

    def link_colour(self) -> QColor:
        """The palette's link colour, made lighter or darker if it does not read on the base."""
        return readable(
            self._colour(QPalette.ColorRole.Link), self._colour(QPalette.ColorRole.Base)
        )

    def muted_colour(self) -> QColor:
        return readable(
            self._colour(QPalette.ColorRole.PlaceholderText), self._colour(QPalette.ColorRole.Base)
        )

    def _apply_extra_selections(self) -> None:
        marks = []
        for highlight in self._highlights:
            span = self._span_of(highlight.passage_id)
            if span is not None:
                start = span.start + min(highlight.start, len(span.passage.text))
                end = span.start + min(highlight.end, len(span.passage.text))
                marks.append(self._selection(start, end, highlight_colour(highlight.colour)))
        self.setExtraSelections(marks + self._flash)

    def show_passage(self, number: int, start: int = 0, end: int | None = None) -> None:
        """Scroll ¶``number`` into view and flash it (or the range start–end inside it)."""
        self.ensure_built()
        span = next((s for s in self._spans if s.passage.number == number), None)
        if span is None:
            return
        first = span.start + start
        last = span.start + (end if end is not None else len(span.passage.text))
        cursor = QTextCursor(self.document())
        cursor.setPosition(last)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        cursor.setPosition(first)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        flash = self.palette().color(QPalette.ColorRole.Highlight)
        flash.setAlpha(110)
        self._flash = [self._selection(first, last, flash)]
        self._apply_extra_selections()
        QTimer.singleShot(FLASH_MS, self._end_flash)

    def _end_flash(self) -> None:
        self._flash = []
        self._apply_extra_selections()

    @property
    def is_flashing(self) -> bool:
        return bool(self._flash)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        self.context_position = self.cursorForPosition(event.pos()).position()
        menu = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        restore = self._tick_colour_of(self.highlight_at(self.context_position))
        chosen = menu.exec(event.globalPos())
        if restore is not None and (chosen is None or chosen.data() is None):
            restore.setChecked(True)  # nothing chosen: the remembered colour again
        menu.deleteLater()
        self.context_position = None

    def _tick_colour_of(self, highlight: HighlightRecord | None) -> QAction | None:
        """Tick the colour action of ``highlight`` (the actions carry colour names as data);
        return the action that was ticked before, to put back, if it changed."""
        colours = [a for a in self.context_actions if a is not None and a.isCheckable()]
        own = next((a for a in colours if highlight and a.data() == highlight.colour), None)
        before = next((a for a in colours if a.isChecked()), None)
        if own is None or own is before:
            return None
        own.setChecked(True)
        return before

    def operation_position(self) -> int:
        """Where a highlight command applies: the context menu's place, else the cursor."""
        if self.context_position is not None:
            return self.context_position
        return self.textCursor().position()

    def build(self) -> None:
        scrolled = self.verticalScrollBar().value()  # a rebuild keeps the reader's place
        cursor = self.emptied_document()
        self._spans = []
        self._mark_positions = {}
        self._insert_heading(cursor)
        self._insert_passages(cursor)
        cursor.endEditBlock()  # laid out once, here
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._apply_extra_selections()
        if scrolled:
            self.document().documentLayout().documentSize()  # laid out: the range is known
            self.verticalScrollBar().setValue(scrolled)

    def _muted(self) -> QTextCharFormat:
        muted = QTextCharFormat()
        muted.setForeground(self.muted_colour())
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
            self._insert_note_marks(number_cursor, passage)
            text_cursor = table.cellAt(row, 1).firstCursorPosition()
            text_cursor.setBlockFormat(text_block)
            self._spans.append(PassageSpan(passage, text_cursor.position()))
            self._insert_passage_text(text_cursor, row, passage.text)

    def set_event_mentions(self, mentions: list[Mention], titles: dict[str, str]) -> None:
        """Mark where this answer mentions timeline events (``titles``: key -> label)."""
        mine = [m for m in mentions if m.handle == self.answer.handle]
        shown = {m.event_key for m in mine}
        mine_titles = {key: title for key, title in titles.items() if key in shown}
        if (mine, mine_titles) == (self._event_mentions, self._event_titles):
            return  # nothing this answer shows changed: keep its document
        self._event_mentions, self._event_titles = mine, mine_titles
        self.rebuild()

    def event_mentions(self) -> list[Mention]:
        self.want_data()
        return list(self._event_mentions)

    # --- notes in the margin ----------------------------------------------------------------

    def set_note_marks(self, notes: Iterable[NoteRecord]) -> None:
        """Mark the paragraphs of this answer that have notes (on the paragraph or on a range
        in it): a mark beside the ¶ number shows the note's words and opens it."""
        self.show_note_marks(
            NoteMark(
                note.id,
                note.anchor.passage_id,
                own_words(note.body).strip(),
                note.anchor.quote if note.anchor.kind == "range" else None,
            )
            for note in notes
            if note.deleted_at is None and note.anchor.passage_id is not None
        )

    def show_note_marks(self, wanted: Iterable[NoteMark]) -> None:
        """set_note_marks with the marks made already (those on other answers are left out)."""
        passages = {passage.id for passage in self.answer.passages}
        marks = [mark for mark in wanted if mark.passage_id in passages]
        marks.sort(key=lambda mark: mark.note_id)
        if marks == self._note_marks:
            return
        places = [(mark.note_id, mark.passage_id) for mark in marks]
        same_places = places == [(mark.note_id, mark.passage_id) for mark in self._note_marks]
        self._note_marks = marks
        self._mark_index = {mark.note_id: number for number, mark in enumerate(marks)}
        if same_places and not self._stale:
            self._retitle_note_marks()  # only the words changed (typing): no new layout
        else:
            self.rebuild()

    def retitle_note_mark(self, mark: NoteMark) -> None:
        """One note's words changed (typing was saved): its mark says them, nothing is laid
        out again."""
        number = self._mark_index.get(mark.note_id)
        if number is not None:
            self._note_marks[number] = mark
            self._retitle(mark)

    def note_marks(self) -> list[NoteMark]:
        self.want_data()
        return list(self._note_marks)

    def _note_link(self, url: QUrl) -> None:
        note_id = note_in(url)
        if note_id is not None:
            self.note_mark_clicked.emit(note_id)

    def _retitle_note_marks(self) -> None:
        for mark in self._note_marks:
            self._retitle(mark)

    def _retitle(self, mark: NoteMark) -> None:
        position = self._mark_positions.get(mark.note_id)
        if position is None:
            return  # counted in "+N", not shown on its own
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        cursor.setPosition(position + len(NOTE_MARK), QTextCursor.MoveMode.KeepAnchor)
        tooltip = QTextCharFormat()
        tooltip.setToolTip(mark.tooltip)
        cursor.mergeCharFormat(tooltip)

    def _insert_note_marks(self, cursor: QTextCursor, passage: PassageRecord) -> None:
        marks = [mark for mark in self._note_marks if mark.passage_id == passage.id]
        if not marks:
            return
        cursor.insertBlock()
        for mark in marks[:MARKS_SHOWN]:
            self._mark_positions[mark.note_id] = cursor.position()
            cursor.insertText(NOTE_MARK, self._mark_link(mark.note_id, mark.tooltip))
        hidden = marks[MARKS_SHOWN:]
        if hidden:
            count = f"{len(hidden):,} more note{'' if len(hidden) == 1 else 's'}"
            tooltip = plain_tooltip(
                f"{count} on this paragraph, listed in the Notes panel.\n\nClick to open the next."
            )
            cursor.insertBlock()  # a line of its own: the margin is two marks wide
            shown = f"+{len(hidden)}" if len(hidden) <= MAX_COUNT_SHOWN else "+…"
            count_link = self._mark_link(hidden[0].note_id, tooltip)
            count_link.setFontPointSize(self.point_size * 0.85)  # as the ¶ number: it fits
            cursor.insertText(shown, count_link)

    def _mark_link(self, note_id: int, tooltip: str) -> QTextCharFormat:
        link = QTextCharFormat()
        link.setAnchor(True)
        link.setAnchorHref(note_url(note_id))
        link.setToolTip(tooltip)
        link.setForeground(self.link_colour())
        link.setFontPointSize(self.point_size)
        return link

    def _links_in(self, index: int) -> list[tuple[int, int, QTextCharFormat]]:
        """Links in the passage: cross-references first, then event mentions around them;
        mentions of several events at one place become one link to all of them."""
        spans = [
            (r.start, r.end, self._link_format(r))
            for r in self.references
            if r.passage_index == index
        ]
        passage_id = self.answer.passages[index].id
        places: dict[tuple[int, int], list[str]] = {}
        for mention in self._event_mentions:
            if mention.passage_id == passage_id:
                places.setdefault((mention.start, mention.end), []).append(mention.event_key)
        for (start, end), keys in sorted(places.items()):
            if all(end <= s or e <= start for s, e, _f in spans):
                spans.append((start, end, self._event_format(keys)))
        return sorted(spans, key=lambda span: span[0])

    def _insert_passage_text(self, cursor: QTextCursor, index: int, text: str) -> None:
        plain = QTextCharFormat()
        done = 0
        for start, end, link in self._links_in(index):
            cursor.insertText(text[done:start], plain)
            cursor.insertText(text[start:end], link)
            done = end
        cursor.insertText(text[done:], plain)

    def _event_format(self, keys: list[str]) -> QTextCharFormat:
        link = QTextCharFormat()
        link.setAnchor(True)
        link.setAnchorHref(event_url(keys))
        titles = "; ".join(self._event_titles.get(key, key) for key in keys)
        link.setToolTip(plain_tooltip(f"On the timeline: {titles}. Click to see it there."))
        link.setFontUnderline(True)
        link.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        # The dots are thin: they get the link colour at text contrast (4.5:1), above the 3:1
        # WCAG asks of graphics, so that they stay visible on a dark base.
        link.setUnderlineColor(self.link_colour())
        return link

    def _link_format(self, reference: CrossReference) -> QTextCharFormat:
        link = QTextCharFormat()
        link.setAnchor(True)
        link.setAnchorHref(educator_url(reference.target_handle))
        link.setToolTip(plain_tooltip(stance_tooltip(self.answer.handle, reference)))
        link.setForeground(self.link_colour())
        link.setFontUnderline(True)
        if reference.stance is Stance.DISPUTES:
            link.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            link.setUnderlineColor(
                readable(
                    self._colour(QPalette.ColorRole.Highlight),
                    self._colour(QPalette.ColorRole.Base),
                    GRAPHIC_CONTRAST,
                )
            )
        return link
