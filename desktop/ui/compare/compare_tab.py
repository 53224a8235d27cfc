"""The Compare tab as the window makes it when a study set is shown: empty and cheap. Its page
(the columns, the ledger, and the alignment code they import: ~0.2 s of imports) is built
when the tab is first shown or first used, so start-up does not pay for it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from db.records import StudySetRecord

if TYPE_CHECKING:
    from desktop.ui.compare.compare_page import ComparePage


class CompareTab(QWidget):
    def __init__(self, record: StudySetRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare-tab")
        self.record = record
        self._page: ComparePage | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

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
