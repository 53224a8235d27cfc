"""Timeline events as table rows: date as written, title, category, mentions, origin."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.content.plain import plain_tooltip
from desktop.content.timeline import Event, MentionIndex

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ORIGIN_LABELS = {"curated": "Curated", "found": "Found in the text", "user": "Yours"}

Index = QModelIndex | QPersistentModelIndex


def mentions_text(mentions: MentionIndex, key: str) -> str:
    counts = mentions.counts(key)
    return " · ".join(f"{handle} {count}" for handle, count in sorted(counts.items())) or "—"


class EventsModel(QAbstractTableModel):
    DATE, TITLE, CATEGORY, MENTIONS, ORIGIN = range(5)
    HEADERS = ("Date", "Event", "Category", "Mentioned by (¶s)", "Origin")

    def __init__(self) -> None:
        super().__init__()
        self._events: list[Event] = []
        self._mentions = MentionIndex()
        self._categories: dict[str, str] = {}

    def set_events(
        self, events: list[Event], mentions: MentionIndex, categories: dict[str, str]
    ) -> None:
        self.beginResetModel()
        self._events, self._mentions, self._categories = list(events), mentions, categories
        self.endResetModel()

    def event_at(self, row: int) -> Event:
        return self._events[row]

    def row_of(self, key: str) -> int:
        return next((i for i, e in enumerate(self._events) if e.key == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        column = index.column()
        if role == KEY_ROLE:
            return event.key
        if role == SORT_ROLE:
            if column == self.DATE:
                return event.start.as_year()
            if column == self.MENTIONS:
                return sum(self._mentions.counts(event.key).values())
            return str(self.data(index, Qt.ItemDataRole.DisplayRole)).casefold()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                event.when(),
                event.title,
                self._categories.get(event.category, event.category),
                mentions_text(self._mentions, event.key),
                ORIGIN_LABELS.get(event.origin, event.origin),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(event.description or event.title)
        return None
