"""The Compare tab as the window makes it when a study set is shown: empty and cheap. Its page
(the columns, the ledger, and the alignment code they import: ~0.2 s of imports) is made
afterwards, in idle moments, so neither start-up nor switching study sets pays for it, and
opening the tab only shows it.

Importing that code on the GUI thread held it for 0.1–0.5 s, so a few seconds after the first
Compare tab is made a background thread imports it (once per run; Python code there lets the
GUI thread run every few ms) and then starts the helper process that aligns (it imports the
alignment code of its own for a second or two: done before the student asks, the first
alignment comes that much sooner). Once the code is in, each tab builds its page a part per
event-loop turn (each a few ms; the whole page took ~20 ms at once). Whatever uses the page
before that builds the rest at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QImage, QRegion, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QStackedWidget, QWidget

from db.records import StudySetRecord

if TYPE_CHECKING:
    from desktop.ui.compare.compare_page import ComparePage

WARM_UP_DELAY_MS = 3000  # after start-up's own work, and the study cards' (1.5 s)
PREBUILD_DELAY_MS = 1000  # after a study set is shown (once the code is in)
WARM_UP_STRIPS = 4  # the hidden page is painted once, a quarter of its height per turn
WAIT_MS = 100  # the code not in yet, or the window not shown: look again this much later
_warm_up_started = False
_code_imported = threading.Event()


def _import_compare_code() -> None:
    # The page, and what its controller (desktop.ui.controllers.compare_controller: not
    # imported from here, it imports the main window) brings in.
    try:
        import desktop.content.alignment_draft  # noqa: F401, PLC0415
        import desktop.services.compare  # noqa: F401, PLC0415
        import desktop.services.compare_worker as compare_worker  # noqa: PLC0415
        import desktop.ui.compare.compare_page  # noqa: F401, PLC0415
    finally:
        _code_imported.set()  # a failed import is retried (and reported) on the GUI thread
    compare_worker.start_helper_process()


def _warm_up() -> None:
    global _warm_up_started
    if not _warm_up_started:
        _warm_up_started = True
        threading.Thread(target=_import_compare_code, name="compare-import", daemon=True).start()


class CompareTab(QWidget):
    def __init__(self, record: StudySetRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare-tab")
        self.record = record
        self._page: ComparePage | None = None
        self._warm_strips: list[int] = []  # of the hidden page, still to be painted
        self._when_built: list[Callable[[], None]] = []
        if not _warm_up_started:
            QTimer.singleShot(WARM_UP_DELAY_MS, self, _warm_up)
        delay = PREBUILD_DELAY_MS if _code_imported.is_set() else WARM_UP_DELAY_MS
        QTimer.singleShot(delay, self, self._prebuild)

    def _prebuild(self) -> None:
        """One part of the page, then the next in a later turn, until it is whole."""
        if self._page is not None and self._page.built:
            return  # built already (shown or used meanwhile)
        if self._retired():
            return
        window = self.window()
        if not _code_imported.is_set() or window is self or not window.isVisible():
            QTimer.singleShot(WAIT_MS, self, self._prebuild)
            return
        if self._page is None:
            from desktop.ui.compare.compare_page import ComparePage

            self._page = ComparePage(self.record, self, stepped=True)
        elif self._page.build_step():
            self._place_page()
            self._built()
            self._page.ensurePolished()
            QTimer.singleShot(0, self, self._lay_out_hidden)
            return
        QTimer.singleShot(0, self, self._prebuild)

    def returned(self) -> None:
        """Back in the tabs, its set shown again: the building in idle moments, stopped while
        it was out, goes on."""
        if self._page is None or not self._page.built:
            QTimer.singleShot(PREBUILD_DELAY_MS, self, self._prebuild)

    def when_built(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the page is whole (now if it is): the controller connects
        to it then, not in the turn that opens the tab."""
        self._when_built.append(callback)
        if self._page is not None and self._page.built:
            self._built()

    def _built(self) -> None:
        callbacks, self._when_built = self._when_built, []
        for callback in callbacks:
            callback()

    def _lay_out_hidden(self) -> None:
        """Give the page its place now, at the size the tab will have (the tab widget's
        page area): showing the tab then has little left to work out."""
        if self._retired():
            return
        stack = self.parentWidget()
        if stack is not None and not self.isVisible() and self._page is not None:
            self.resize(stack.size())
            self._place_page()
            layout = self._page.layout()
            if layout is not None:
                layout.activate()
            self._page.prepare_text()  # the columns' headings; their paragraphs once shown
            self._warm_strips = list(range(WARM_UP_STRIPS))
            QTimer.singleShot(0, self, self._paint_hidden)

    def _paint_hidden(self) -> None:
        """Paint the hidden page once into an image, a horizontal strip per turn: the
        widgets get their pending resize events, the style's and the fonts' caches fill,
        so the turn that opens the tab only shows and paints it (without this, showing and
        first painting the page took ~3 + ~5 ms more of that turn's GUI-thread CPU here)."""
        page = self._page
        if page is None or self.isVisible() or not self._warm_strips or self._retired():
            return
        strip = self._warm_strips.pop(0)
        height = -(-page.height() // WARM_UP_STRIPS)
        image = QImage(page.size(), QImage.Format.Format_ARGB32_Premultiplied)
        page.render(image, QPoint(), QRegion(0, strip * height, page.width(), height))
        if self._warm_strips:
            QTimer.singleShot(0, self, self._paint_hidden)

    def _retired(self) -> bool:
        """Taken out of the tabs (another set is shown), kept for a switch back or waiting to
        be deleted: its idle work, queued before, is not done for nothing."""
        parent = self.parentWidget()
        return parent is not None and not isinstance(parent, QStackedWidget)

    def _place_page(self) -> None:
        """The page fills the tab. Placed by hand, not by a layout: through a layout, every
        change of a size hint inside the page (a scroll bar shown in the ledger, a longer
        status) went up to the tab widget, which then repainted the whole window; a widget
        without a layout stops that climb."""
        if self._page is not None:
            self._page.setGeometry(self.rect())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        self._place_page()
        super().resizeEvent(event)

    @property
    def page(self) -> ComparePage:
        if self._page is None:
            from desktop.ui.compare.compare_page import ComparePage

            self._page = ComparePage(self.record, self)
            self._place_page()
        elif not self._page.built:  # asked for before the idle steps were done
            self._page.finish_building()
            self._place_page()
        else:
            return self._page
        self._built()
        return self._page

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        page = self.page  # built, if the idle steps have not finished it
        if page.isHidden():  # made just now (a page made earlier is shown with the tab)
            page.show()
        super().showEvent(event)

    def __getattr__(self, name: str) -> Any:
        """What the page has (its columns, signals, view…), as the tab's own."""
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.page, name)
