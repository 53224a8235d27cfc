"""The Compare tab's page: two answers side by side, their aligned sentences joined, the
ledger beside.

The tab shows the answers' text at once; the bands come when the alignment (run in a worker
by the controller) arrives. Select a sentence on the left, one on the right, press L to link
them; a selected pair can be confirmed, broken, and marked agree / disagree / different focus
with a note. The widgets only say what the student asked for (signals); the controller
changes things and hands back a new CompareView.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.records import StudySetRecord
from desktop.content.alignment_coverage import Coverage
from desktop.content.alignment_sentences import SentenceRef
from desktop.models.compare_ledger_model import ENTRY_ROLE, LedgerModel
from desktop.services.compare_data import ComparePair, CompareView
from desktop.ui.compare.answer_column import AnswerColumn
from desktop.ui.compare.connectors import ConnectorStrip
from desktop.ui.compare.coverage_bar import CoverageBar, Span
from desktop.ui.compare.steps import steps

NO_STANCE = "No stance"
# Narrower than this, the ledger goes below the answers rather than beside them: beside,
# in a small window (the notes panel open), each answer's column was ~50 px, a letter a line.
NARROW_PAGE_PX = 720
STANCES = ("agree", "disagree", "different focus")


class ComparePage(QWidget):
    educators_chosen = Signal(str, str)  # left handle, right handle
    link_requested = Signal(object, object)  # left SentenceRef, right SentenceRef
    confirm_requested = Signal(object)  # ComparePair
    break_requested = Signal(object)  # ComparePair
    mark_requested = Signal(object, object, str)  # ComparePair, stance or None, note
    ledger_activated = Signal(object)  # LedgerEntry

    def __init__(
        self, record: StudySetRecord, parent: QWidget | None = None, *, stepped: bool = False
    ) -> None:
        """Built at once, or (``stepped``) a part at a time by ``build_step`` — the tab builds
        its page in idle moments before it is first shown; all of it took ~20 ms at once."""
        super().__init__(parent)
        self.setObjectName("compare-page")
        self.record = record
        self.view: CompareView | None = None
        self.current: ComparePair | None = None
        self._coverage: dict[str, Coverage] = {}
        self._coverage_work: Iterator[None] | None = None  # the bars' spans, in steps
        self._ledger_heights: list[int] = []  # of the ledger's rows, measured so far
        self._text_shown = False  # the text is laid out when the tab is first shown
        self._note_pair: tuple[SentenceRef, SentenceRef] | None = None  # the note field's
        self._parts: Iterator[bool] | None = self._build_parts()
        if not stepped:
            self.finish_building()

    @property
    def built(self) -> bool:
        return self._parts is None

    def build_step(self) -> bool:
        """Build the next part (a few ms); True once the page is whole."""
        if self._parts is not None and next(self._parts, True):
            self._parts = None
        return self._parts is None

    def finish_building(self) -> None:
        while not self.build_step():
            pass

    def _build_parts(self) -> Iterator[bool]:
        """The page's widgets, a part per step (each yield is a return to the event loop)."""
        record = self.record
        handles = [answer.handle for answer in record.answers]

        self.left_picker, self.right_picker = QComboBox(self), QComboBox(self)
        for picker, chosen in ((self.left_picker, 0), (self.right_picker, 1)):
            picker.addItems(handles)
            picker.setCurrentIndex(chosen)
            picker.setVisible(len(handles) >= 3)  # two educators: nothing to pick
            picker.currentIndexChanged.connect(self._picked)
        self.status = QLabel("Aligning the answers…", self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.addWidget(self.left_picker)
        top.addWidget(self.status, 1)
        top.addWidget(self.right_picker)

        yield False
        self.left = AnswerColumn(self)
        self.left.setObjectName("compare-left")
        yield False
        self.right = AnswerColumn(self)
        self.right.setObjectName("compare-right")
        yield False
        self.connectors = ConnectorStrip(self.left, self.right, self)
        self.left_coverage, self.right_coverage = CoverageBar(self), CoverageBar(self)
        self.left_coverage.measure_against(self.left)
        self.right_coverage.measure_against(self.right)
        columns = QHBoxLayout()
        columns.setSpacing(0)
        for widget in (
            self.left_coverage,
            self.left,
            self.connectors,
            self.right,
            self.right_coverage,
        ):
            columns.addWidget(widget, 1 if isinstance(widget, AnswerColumn) else 0)

        self.pair_label = QLabel("Select a sentence in either column.", self)
        self.pair_label.setTextFormat(Qt.TextFormat.PlainText)
        for label in (self.status, self.pair_label):
            # The width they are given, whatever their text: a longer text raised the page's
            # minimum width, which laid out and repainted the whole window (~15 ms).
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.link_button = QPushButton("&Link (L)", self)
        self.confirm_button = QPushButton("&Confirm", self)
        self.break_button = QPushButton("&Break", self)
        self.stance = QComboBox(self)
        self.stance.addItem(NO_STANCE, None)
        for stance in STANCES:
            self.stance.addItem(stance.capitalize(), stance)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("A note on this pair")
        actions = QHBoxLayout()
        actions.addWidget(self.pair_label, 1)
        for button in (self.link_button, self.confirm_button, self.break_button):
            actions.addWidget(button)
        marking = QHBoxLayout()
        marking.addWidget(self.stance)
        marking.addWidget(self.note, 1)

        yield False
        self.ledger_model = LedgerModel(self)
        self.ledger = QTableView(self)
        self.ledger.setTabKeyNavigation(False)  # Tab goes on to the next control
        self.ledger.setObjectName("compare-ledger")
        self.ledger.setModel(self.ledger_model)
        self.ledger.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.ledger.setWordWrap(True)
        self.ledger.verticalHeader().hide()
        # Its size comes from the splitter, never from its rows: a size hint that changed
        # with each new ledger laid the page out again and repainted all of it.
        self.ledger.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        header = self.ledger.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.ledger.doubleClicked.connect(self._ledger_double_clicked)
        ledger_box = QWidget(self)
        ledger_layout = QVBoxLayout(ledger_box)
        ledger_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("Where they agree and disagree", ledger_box)
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)  # (a style sheet for this took a few ms)
        ledger_layout.addWidget(title)
        ledger_layout.addWidget(self.ledger, 1)

        yield False
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(top)
        body_layout.addLayout(columns, 1)
        body_layout.addLayout(actions)
        body_layout.addLayout(marking)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(body)
        self.splitter.addWidget(ledger_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 330])
        self._fit_to_width(self.width())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        yield False
        for column in (self.left, self.right):
            # Positions of the whole text: read once a column is laid out (it is, in steps).
            column.built.connect(self._update_coverage)
            column.built.connect(self.connectors.update)
        self.left.sentence_clicked.connect(lambda s: self._clicked(s, on_left=True))
        self.right.sentence_clicked.connect(lambda s: self._clicked(s, on_left=False))
        self._syncing = False
        self.left.verticalScrollBar().valueChanged.connect(lambda _v: self._follow(self.left))
        self.right.verticalScrollBar().valueChanged.connect(lambda _v: self._follow(self.right))
        link = QShortcut(QKeySequence(Qt.Key.Key_L), self)
        link.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        link.activated.connect(self._link)
        self.link_button.clicked.connect(self._link)
        self.confirm_button.clicked.connect(lambda: self._act(self.confirm_requested))
        self.break_button.clicked.connect(lambda: self._act(self.break_requested))
        self.stance.activated.connect(lambda _i: self._mark())
        self.note.editingFinished.connect(self._mark)
        self._update_actions()
        yield True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self.prepare_text()
        super().showEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.built:
            self._fit_to_width(event.size().width())

    def _fit_to_width(self, width: int) -> None:
        """The ledger beside the answers, or below them on a narrow page (3 : 2 either way)."""
        wanted = Qt.Orientation.Vertical if width < NARROW_PAGE_PX else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            length = max(self.width() if wanted == Qt.Orientation.Horizontal else self.height(), 5)
            self.splitter.setSizes([length * 3 // 5, length * 2 // 5])

    def prepare_text(self) -> None:
        """The columns given their answers (each shows its heading; the paragraphs are laid
        out in steps once it is shown). Done hidden, before the tab is opened, or when the
        page is first shown."""
        if not self._text_shown and self.view is None:
            self._show_text(*self.educators())
            for column in (self.left, self.right):
                column.ensure_built()

    # --- what is shown -------------------------------------------------------------------

    def educators(self) -> tuple[str, str]:
        return self.left_picker.currentText(), self.right_picker.currentText()

    def _answer(self, handle: str):  # type: ignore[no-untyped-def]
        return next(a for a in self.record.answers if a.handle == handle)

    def _show_text(self, left: str, right: str) -> None:
        """The answers' text at once, plain: the sentences and bands follow when the
        alignment is ready (splitting sentences is part of the worker's job: a 5,000-word
        answer takes pysbd a few hundred ms)."""
        self._text_shown = True
        for column, handle in ((self.left, left), (self.right, right)):
            column.show_answer(self._answer(handle), ())
        self.connectors.set_pairs((), (), (), (left, right))

    def set_aligning(self) -> None:
        self.status.setText("Aligning the answers…")

    def set_view(self, view: CompareView) -> None:
        """The alignment and the student's decisions, for the educators now picked."""
        if (view.left.handle, view.right.handle) != self.educators():
            return  # the student picked others while it ran
        keep = self.current
        self.view = view
        if self.left.sentences != view.left_sentences or self.left.answer != view.left:
            self.left.show_answer(view.left, view.left_sentences)
        if self.right.sentences != view.right_sentences or self.right.answer != view.right:
            self.right.show_answer(view.right, view.right_sentences)
        colours = {(p.left, p.right): index for index, p in enumerate(view.pairs)}
        left_only, right_only = view.left_only, view.right_only
        self.left.set_marks(
            {p.left: colours[(p.left, p.right)] for p in view.pairs}, set(left_only)
        )
        self.right.set_marks(
            {p.right: colours[(p.left, p.right)] for p in view.pairs}, set(right_only)
        )
        self.connectors.set_pairs(
            [(p.left, p.right, colours[(p.left, p.right)]) for p in view.pairs],
            left_only,
            right_only,
            (view.left.handle, view.right.handle),
        )
        self.status.setText(
            f"{len(view.pairs)} pairs · {len(left_only)} only {view.left.handle} · "
            f"{len(right_only)} only {view.right.handle}"
        )
        self.current = None
        if keep is not None:
            self.current = next(
                (p for p in view.pairs if keep.left == p.left or keep.right == p.right), None
            )
        self._update_actions()
        self._update_coverage()

    def set_ledger(self, entries) -> None:  # type: ignore[no-untyped-def]
        # Not painted until its rows have their heights: long quotes wrapped into rows of
        # the default height took 11-14 ms to paint (3-5 ms once sized).
        self.ledger.setUpdatesEnabled(False)
        self.ledger_model.set_entries(entries)
        self.ledger.setColumnWidth(0, 72)
        for column in (1, 2):
            self.ledger.setColumnWidth(column, 125)
        # Each row's height from its wrapped quotes, measured a few rows per step and set
        # together at the end (one repaint): all at once (resizeRowsToContents) took
        # 10-35 ms with a few dozen rows, and a row resized per step repainted the table.
        self._ledger_heights = []
        steps().request(self, self._size_ledger_rows)

    def _size_ledger_rows(self, deadline: float) -> bool:
        rows = self.ledger_model.rowCount()
        heights = self._ledger_heights
        while len(heights) < rows and time.perf_counter() < deadline:
            heights.append(self.ledger.sizeHintForRow(len(heights)))
        if len(heights) < rows:
            return True
        header = self.ledger.verticalHeader()
        for row, height in enumerate(heights[:rows]):
            header.resizeSection(row, height)
        self.ledger.setUpdatesEnabled(True)
        steps().end_turn()  # its paint is this turn's
        return False

    def ledger_pending(self) -> bool:
        """Some ledger rows are still to be sized to their text (in the next steps)."""
        return steps().pending(self._size_ledger_rows)

    def set_coverage(self, coverage: list[Coverage]) -> None:
        self._coverage = {item.handle: item for item in coverage}
        self._update_coverage()

    def _update_coverage(self) -> None:
        """Place what is not yet covered on the bars, in steps (a 5,000-word answer's
        paragraphs and key points took ~30 ms at once); again from the start if asked
        again meanwhile."""
        self._coverage_work = None
        if not (self.left.complete and self.right.complete):
            return  # again when both are laid out (their ``built``)
        self._coverage_work = self._coverage_spans()
        steps().request(self, self._coverage_more)

    def _coverage_more(self, deadline: float) -> bool:
        work = self._coverage_work
        while work is not None and time.perf_counter() < deadline:
            if next(work, True) is True:
                self._coverage_work = None
                return False
        return work is not None

    def coverage_pending(self) -> bool:
        return self._coverage_work is not None

    def _coverage_spans(self) -> Iterator[None]:
        """Each bar's spans (fractions of its column's height), a few positions per
        ``next``; a bar is set when its column is done."""
        for column, bar in ((self.left, self.left_coverage), (self.right, self.right_coverage)):
            item = self._coverage.get(column.answer.handle if column.answer else "")
            if item is None or column.answer is None:
                bar.set_spans(())
                continue
            spans: list[Span] = []
            # A paragraph's place from its block (one call), not from two cursor rectangles.
            height = max(1.0, column.document().documentLayout().documentSize().height())
            for number in item.open_paragraphs:
                top, bottom = column.paragraph_extent(number - 1)
                spans.append((max(0.0, top / height), min(1.0, bottom / height), "paragraph"))
                yield None
            for key in item.open_key_points:
                top, bottom = column.text_extent(key.passage_index, key.start, key.end)
                spans.append((max(0.0, top / height), min(1.0, bottom / height), "key point"))
                yield None
            bar.set_spans(spans, item.describe())
            # One bar repainted per turn: the two, far apart, made one dirty rectangle
            # across the whole page (every widget between them repainted: ~15 ms).
            steps().end_turn()

    # --- selecting, linking, marking -----------------------------------------------------

    def pair_of(self, sentence: SentenceRef, *, on_left: bool) -> ComparePair | None:
        if self.view is None:
            return None
        for pair in self.view.pairs:
            if (pair.left if on_left else pair.right) == sentence:
                return pair
        return None

    def _clicked(self, sentence: SentenceRef, *, on_left: bool) -> None:
        self.select_sentence(sentence, on_left=on_left)

    def select_sentence(self, sentence: SentenceRef, *, on_left: bool) -> None:
        """What a click does: select it; if it is in a pair, select the pair (its other
        sentence is selected and scrolled to). Otherwise the other column's selection stays,
        so that L links the two (a sentence in a pair may be linked anew: its pair breaks)."""
        column, other = (self.left, self.right) if on_left else (self.right, self.left)
        column.select(sentence)
        pair = self.pair_of(sentence, on_left=on_left)
        if pair is not None:
            counterpart = pair.right if on_left else pair.left
            other.select(counterpart)
            self._level(column, sentence, other, counterpart)
        self.current = pair
        self._update_actions()

    def show_pair(self, left: SentenceRef, right: SentenceRef) -> None:
        """Both sentences selected and scrolled to (from the ledger)."""
        self.left.select(left, scroll=True)
        self.right.select(right)
        self._level(self.left, left, self.right, right)
        self.current = next(
            (
                p
                for p in (self.view.pairs if self.view else ())
                if (p.left, p.right) == (left, right)
            ),
            None,
        )
        self._update_actions()

    def choose_educators(self, left: str, right: str) -> None:
        self.left_picker.blockSignals(True)
        self.right_picker.blockSignals(True)
        self.left_picker.setCurrentText(left)
        self.right_picker.setCurrentText(right)
        self.left_picker.blockSignals(False)
        self.right_picker.blockSignals(False)
        self._picked()

    def _picked(self) -> None:
        left, right = self.educators()
        if left == right:
            self.status.setText("Pick two different educators.")
            return
        self.view, self.current = None, None
        self._show_text(left, right)
        self.set_aligning()
        self._update_actions()
        self.educators_chosen.emit(left, right)

    def _link(self) -> None:
        if self.link_button.isEnabled() and self.left.selected and self.right.selected:
            self.link_requested.emit(self.left.selected, self.right.selected)

    def _act(self, signal) -> None:  # type: ignore[no-untyped-def]
        if self.current is not None:
            signal.emit(self.current)

    def _mark(self) -> None:
        pair = self.current
        if pair is None:
            return
        stance = self.stance.currentData()
        note = self.note.text()
        if (stance, note) != (pair.stance, pair.note) or pair.stance_detected:
            self.mark_requested.emit(pair, stance, note)

    def _update_actions(self) -> None:
        pair = self.current
        chosen = (self.left.selected, self.right.selected)
        self.link_button.setEnabled(
            None not in chosen and (pair is None or (pair.left, pair.right) != chosen)
        )
        for widget in (self.confirm_button, self.break_button, self.stance, self.note):
            widget.setEnabled(pair is not None)
        if pair is None:
            self.pair_label.setText(
                "Select a sentence in each column and press L to link them."
                if self.left.selected or self.right.selected
                else "Select a sentence in either column."
            )
            self.stance.setCurrentIndex(0)
            self.note.clear()
            self._note_pair = None
            return
        left, right = self.educators()
        score = "linked by you" if pair.score is None else f"score {pair.score:.2f}"
        self.pair_label.setText(
            f"{left} ¶{pair.left.paragraph_number} ↔ {right} ¶{pair.right.paragraph_number}: "
            f"{pair.status}, {score}"
        )
        self.confirm_button.setEnabled(pair.status == "suggested")
        self.stance.setCurrentIndex(max(0, self.stance.findData(pair.stance)))
        # A refresh of the same pair must not take away what the student is typing.
        if self._note_pair != (pair.left, pair.right) or not self.note.hasFocus():
            self.note.setText(pair.note)
        self._note_pair = (pair.left, pair.right)

    def _ledger_double_clicked(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if entry is not None:
            self.ledger_activated.emit(entry)

    # --- scrolling in step -----------------------------------------------------------------

    def _level(
        self, column: AnswerColumn, sentence: SentenceRef, other: AnswerColumn, theirs: SentenceRef
    ) -> None:
        """Scroll ``other`` so that ``theirs`` is level with ``sentence`` in ``column``."""
        self._syncing = True
        try:
            delta = other.sentence_rect(theirs).top() - column.sentence_rect(sentence).top()
            other.verticalScrollBar().setValue(other.verticalScrollBar().value() + delta)
        finally:
            self._syncing = False
        self.connectors.update()

    def _follow(self, moved: AnswerColumn) -> None:
        """Keep the other column at the counterpart of the first paired sentence in view."""
        if self._syncing or self.view is None or self.left.building or self.right.building:
            return
        other = self.right if moved is self.left else self.left
        on_left = moved is self.left
        anchor = None
        for sentence in moved.sentences:
            if moved.sentence_rect(sentence).bottom() >= 0:
                pair = self.pair_of(sentence, on_left=on_left)
                if pair is not None:
                    anchor = (sentence, pair.right if on_left else pair.left)
                    break
        self._syncing = True
        try:
            if anchor is None:
                bar = moved.verticalScrollBar()
                share = bar.value() / max(1, bar.maximum())
                other.verticalScrollBar().setValue(
                    round(share * other.verticalScrollBar().maximum())
                )
            else:
                mine, theirs = anchor
                delta = other.sentence_rect(theirs).top() - moved.sentence_rect(mine).top()
                other.verticalScrollBar().setValue(other.verticalScrollBar().value() + delta)
        finally:
            self._syncing = False
        self.connectors.update()
