"""A table's main column takes the room its other columns leave, but never less than a
floor; past that the table scrolls sideways. Qt's Stretch mode has no floor: in a small
window it squeezed the column that matters (a set's title, an event's name) to a few
letters while counts and dates kept their width."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


class ColumnRoom(QObject):
    def __init__(self, table: QTableView, column: int, floor: int) -> None:
        super().__init__(table)
        self.table, self.column, self.floor = table, column, floor
        # The viewport: it is resized after the table's layout, and when a scroll bar comes.
        table.viewport().installEventFilter(self)
        # Another column widened or narrowed by hand gives or takes this one's room.
        table.horizontalHeader().sectionResized.connect(self._section_resized)

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != self.column:  # this column's own resize is fit()'s doing
            self.fit()

    def fit(self) -> None:
        """The room left, or the floor: on each resize of the table or of another column."""
        header = self.table.horizontalHeader()
        others = sum(
            header.sectionSize(column)
            for column in range(header.count())
            if column != self.column and not header.isSectionHidden(column)
        )
        room = self.table.viewport().width() - others
        self.table.setColumnWidth(self.column, max(self.floor, room))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
