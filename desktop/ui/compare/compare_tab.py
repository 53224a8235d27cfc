"""The Compare tab as the window makes it when a study set is shown: empty and cheap. Its page
(the columns, the ledger, and the alignment code they import: ~0.2 s of imports) is built
when the tab is first shown or first used, so start-up does not pay for it.

Importing that code on the GUI thread when the student first opens the tab held it for
0.1–0.5 s, so a few seconds after the first Compare tab is made a background thread imports
it (once per run; Python code there lets the GUI thread run every few ms). Opening the tab
then only builds its widgets."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from db.records import StudySetRecord

if TYPE_CHECKING:
    from desktop.ui.compare.compare_page import ComparePage

WARM_UP_DELAY_MS = 3000  # after start-up's own work, and the study cards' (1.5 s)
_warm_up_started = False


def _import_compare_code() -> None:
    # The page, and what its controller (desktop.ui.controllers.compare_controller: not
    # imported from here, it imports the main window) brings in.
    import desktop.content.alignment_draft  # noqa: F401, PLC0415
    import desktop.services.compare  # noqa: F401, PLC0415
    import desktop.services.compare_worker  # noqa: F401, PLC0415
    import desktop.ui.compare.compare_page  # noqa: F401, PLC0415


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
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        if not _warm_up_started:
            QTimer.singleShot(WARM_UP_DELAY_MS, self, _warm_up)

    @property
    def page(self) -> ComparePage:
        if self._page is None:
            from desktop.ui.compare.compare_page import ComparePage

            self._page = ComparePage(self.record, self)
            self._layout.addWidget(self._page)
        return self._page

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self.page.show()
        super().showEvent(event)

    def __getattr__(self, name: str) -> Any:
        """What the page has (its columns, signals, view…), as the tab's own."""
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.page, name)
