"""Coverage beside each answer tab's scroll bar: a thin bar marks the paragraphs (amber) and
key sentences (red) the student has not yet highlighted or annotated. Refreshed when the
study set is shown and when highlights or notes change."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, QTimer

from db.compare_reads import marked_ranges
from desktop.content.alignment_coverage import Coverage
from desktop.services.changes import ChangeRunner, Changes
from desktop.services.compare_data import coverage_from
from desktop.services.compare_worker import CompareWorker
from desktop.ui.compare.coverage_bar import CoverageBar, Span, document_fraction
from desktop.ui.main_window import MainWindow
from desktop.ui.reading.answer_tab import AnswerTab

FIRST_REFRESH_MS = 300
BARS_DELAY_MS = 150  # the hidden answer tabs' bars, after the turn that changed tab
WORKING = "Finding what is not yet annotated…"  # a bar's tool tip until its coverage comes


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def answer_spans(tab: AnswerTab, item: Coverage) -> list[Span]:
    """Where the open paragraphs and key sentences are in ``tab``, as height fractions.

    Nothing of an item that is not about the answer the tab shows now (a tab is given
    another study set's answer when sets are switched; its new coverage comes later)."""
    if item.handle != tab.answer.handle:
        return []
    texts = {passage.number: passage.text for passage in tab.answer.passages}
    spans: list[Span] = []
    for number in item.open_paragraphs:
        if number not in texts:
            continue
        start = tab.passage_position(number)
        spans.append((*document_fraction(tab, start, start + _units(texts[number])), "paragraph"))
    for key in item.open_key_points:
        number = key.passage_index + 1
        if number not in texts or key.end > len(texts[number]):
            continue
        first = tab.passage_position(number)
        text = texts[number]
        start, end = first + _units(text[: key.start]), first + _units(text[: key.end])
        spans.append((*document_fraction(tab, start, end), "key point"))
    return spans


class AnswerCoverage(QObject):
    def __init__(self, window: MainWindow, runner: ChangeRunner) -> None:
        super().__init__(window)
        self.window, self.runner = window, runner
        self.bars: dict[AnswerTab, CoverageBar] = {}
        self.worker = CompareWorker(self)  # key sentences of a long answer take a while
        self.worker.done.connect(self._show)
        window.study_set_shown.connect(self._study_set_shown)
        runner.changed.connect(self._changed)
        if window.current_answer_tab() is not None:
            self._ensure_bars()  # the tab being opened: with its bar from its first paint
        else:  # hidden tabs: not in the turn that opens another (the Compare tab's is full)
            QTimer.singleShot(BARS_DELAY_MS, self, self._ensure_bars)
        # A moment later: this is made when the student first changes tab, and that turn and
        # the next lay out and paint the tab they open (and the Compare tab starts its own
        # job; starting one holds the interpreter for a few ms in the pool's thread).
        QTimer.singleShot(FIRST_REFRESH_MS, self, self._first_refresh)

    def _first_refresh(self) -> None:
        if self.window.isVisible():  # not once the window has closed (the library is closed)
            self.refresh()

    def _study_set_shown(self) -> None:
        # Nothing on the bars until the new set's coverage arrives: an answer tab kept across
        # the switch (given the new set's answer) must not paint the last set's spans.
        # The tabs the new set has no answer for are gone, with their bars.
        tabs = self.window.answer_tabs()
        self.bars = {tab: bar for tab, bar in self.bars.items() if tab in tabs}
        for bar in self.bars.values():
            bar.set_source(tuple, WORKING)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.highlights or changes.notes:
            self.refresh()

    def refresh(self) -> None:
        record = self.window.study_set
        if record is None:
            return
        marks = marked_ranges(self.runner.reader, record.id)
        self.worker.start(partial(coverage_from, record, marks))

    def _ensure_bars(self) -> None:
        """A bar beside every answer tab that has none (empty until its coverage comes).
        Made here, in the turn that changes tab (which repaints the tab area anyway), not
        when the coverage arrives: giving a tab its bar lays out the whole tab widget
        again, which then repainted the window in the middle of the Compare tab's work."""
        tabs = self.window.answer_tabs()
        self.bars = {tab: bar for tab, bar in self.bars.items() if tab in tabs}
        for tab in tabs:
            if tab not in self.bars:
                bar = self.bars[tab] = CoverageBar(tab)  # a child from the start: no window
                bar.set_source(tuple, WORKING)
                tab.set_side_bar(bar)
                bar.follow_edge_of(tab)

    def _show(self, token: int, coverages: list[Coverage]) -> None:
        if token != self.worker.token:
            return
        self._ensure_bars()
        tabs = {tab.answer.handle: tab for tab in self.bars}
        for item in coverages:
            tab = tabs.get(item.handle)
            if tab is None:
                continue
            bar = self.bars[tab]
            bar.set_source(
                partial(answer_spans, tab, item),
                item.describe() or "Every paragraph and key point here is annotated",
            )
