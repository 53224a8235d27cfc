"""Connects the Compare tab to the compare service: aligns in a worker, hands the tab its view,
ledger and coverage, and turns the tab's requests into undoable changes.

Built on first use (the first time the Compare tab is shown; desktop/app.py)."""

from __future__ import annotations

from weakref import WeakSet

from PySide6.QtCore import QObject, QTimer

from db.compare_reads import links_of_study_set, marked_ranges
from desktop.content.alignment_coverage import Coverage
from desktop.content.alignment_draft import check_draft
from desktop.content.alignment_ledger import LedgerEntry
from desktop.content.alignment_sentences import SentenceRef
from desktop.services.changes import ChangeRunner, Changes
from desktop.services.compare import CompareService
from desktop.services.compare_data import (
    ComparePair,
    CompareView,
    compare_everything,
    ledger,
    passages_of,
)
from desktop.services.compare_worker import CompareWorker
from desktop.ui.compare.compare_tab import CompareTab
from desktop.ui.main_window import MainWindow

ALIGN_DELAY_MS = 50  # after the Compare tab is shown (an alignment takes a second or more)


class CompareController(QObject):
    def __init__(self, window: MainWindow, runner: ChangeRunner) -> None:
        super().__init__(window)
        window.draft_check_requested.connect(self.check_draft)
        self.window = window
        self.runner = runner
        self.service = CompareService(runner, self)
        self.worker = CompareWorker(self)
        self.worker.done.connect(self._aligned)
        self.tab: CompareTab | None = None
        # Tabs whose requests are connected here: a tab kept by the window for a switch back
        # comes back attached, and is not connected twice (each request would be done twice).
        self._connected: WeakSet[CompareTab] = WeakSet()
        self._stale = True
        self._pending_pair: LedgerEntry | None = None  # to show once its educators are aligned
        window.compare_shown.connect(self.show)
        window.study_set_shown.connect(self._study_set_shown)
        runner.changed.connect(self._changed)
        self._attach_when_built(window.compare_tab)

    def show(self, tab: CompareTab) -> None:
        """The Compare tab became current: align now if anything changed since."""
        if tab is not self.tab:
            self._attach(tab)
        if self._stale:
            # A moment later: the turn that shows the tab lays out and paints its page, and
            # starting the job holds the interpreter in the pool's thread for a few ms.
            QTimer.singleShot(ALIGN_DELAY_MS, self, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        if self._stale and self.window.isVisible():  # not after quitting (library closed)
            self.refresh()

    def _attach(self, tab: CompareTab) -> None:
        self.tab = tab
        self._stale = True
        if tab in self._connected:
            return
        self._connected.add(tab)
        tab.educators_chosen.connect(lambda _l, _r: self.refresh())
        tab.link_requested.connect(self._link)
        tab.confirm_requested.connect(self._confirm)
        tab.break_requested.connect(self._break)
        tab.mark_requested.connect(self._mark)
        tab.ledger_activated.connect(self._go_to_entry)

    def _attach_when_built(self, tab: object) -> None:
        """Connected to ``tab`` once its page is built (in idle moments), not in the turn
        that opens it (~1 ms of it)."""
        if isinstance(tab, CompareTab):
            tab.when_built(lambda: self._attach_early(tab))

    def _attach_early(self, tab: CompareTab) -> None:
        if self.tab is None and self.window.compare_tab is tab:
            self._attach(tab)

    def _study_set_shown(self) -> None:
        """The window shows another set's Compare tab (new, or kept from when the set was
        shown before): attached now if it is the current tab (the one the student left open
        last time), else once its page is built or it is shown."""
        self.tab = None
        self._stale = True
        # An alignment of the set shown before must not land on this set's tab, nor an
        # entry double-clicked in its ledger be shown here.
        self.worker.token += 1
        self._pending_pair = None
        tab = self.window.compare_tab
        if isinstance(tab, CompareTab) and self.window.tabs.currentWidget() is tab:
            self.show(tab)
        else:
            self._attach_when_built(tab)

    def _changed(self, changes: Changes) -> None:
        if changes.compare or changes.highlights or changes.notes:
            self._stale = True
            if self.tab is not None and self.tab.isVisible():
                self.refresh()

    def refresh(self) -> None:
        tab, record = self.tab, self.window.study_set
        if tab is None or record is None or tab.record.id != record.id:
            return
        self._stale = False
        left, right = tab.educators()
        if left == right:
            return
        # Read here (a sqlite3 connection stays on its thread), worked out in the worker.
        links = links_of_study_set(self.runner.reader, record.id)
        marks = marked_ranges(self.runner.reader, record.id)
        self.worker.start(compare_everything, record, links, left, right, marks)

    def _aligned(
        self, token: int, result: tuple[CompareView, list[LedgerEntry], list[Coverage]]
    ) -> None:
        tab = self.tab
        if tab is None or token != self.worker.token:
            return  # a newer request replaced it, or the study set changed
        view, ledger, coverage = result
        tab.set_coverage(coverage)
        tab.set_view(view)
        tab.set_ledger(ledger)
        pending, self._pending_pair = self._pending_pair, None
        if pending is not None:
            self._show_entry(pending)

    # --- the student's requests --------------------------------------------------------------

    def _view(self) -> CompareView | None:
        return None if self.tab is None else self.tab.view

    def _link(self, left: SentenceRef, right: SentenceRef) -> None:
        view = self._view()
        if view is not None:
            self.service.link(view, left, right)

    def _confirm(self, pair: ComparePair) -> None:
        view = self._view()
        if view is not None:
            self.service.confirm(view, pair)

    def _break(self, pair: ComparePair) -> None:
        view = self._view()
        if view is not None:
            self.service.break_link(view, pair)

    def _mark(self, pair: ComparePair, stance: str | None, note: str) -> None:
        view = self._view()
        if view is not None:
            self.service.mark(view, pair, stance, note)

    def _go_to_entry(self, entry: LedgerEntry) -> None:
        """Double-click in the ledger: both sentences, side by side, selected."""
        tab = self.tab
        if tab is None:
            return
        if tab.educators() != (entry.left_handle, entry.right_handle):
            self._pending_pair = entry
            tab.choose_educators(entry.left_handle, entry.right_handle)
            return
        self._show_entry(entry)

    def _show_entry(self, entry: LedgerEntry) -> None:
        if self.tab is not None:
            self.window.show_tab(self.tab)
            self.tab.show_pair(entry.left, entry.right)

    def check_draft(self) -> None:
        """My answer against the educators: the draft as typed now, each educator's key
        points and the ledger's disagreements (all small: worked out here)."""
        record, page = self.window.study_set, self.window.question_page
        if record is None or page is None:
            return
        answers = [(a.handle, passages_of(a)) for a in record.answers]
        check = check_draft(self.window.draft_text(), answers, ledger(self.runner.reader, record))
        page.draft_check.show_check(check, [a.handle for a in record.answers])

    def wait(self) -> None:
        """Let a running alignment finish (before the window goes)."""
        self.worker.wait()
