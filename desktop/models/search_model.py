"""Search hits as rows: where each is, and its snippet with the matched words marked."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from db.records import SearchHit
from db.search import HIT_END, HIT_START

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def snippet_html(hit: SearchHit) -> str:
    """The snippet as safe HTML: the text is escaped, then the match marks become <b>."""
    text = escape(hit.snippet).replace(HIT_START, "<b>").replace(HIT_END, "</b>")
    return f"<span style='font-weight:600'>{escape(hit.place)}</span><br>{text}"


def snippet_plain(hit: SearchHit) -> str:
    return hit.snippet.replace(HIT_START, "").replace(HIT_END, "")


class SearchResultsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = hits
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.place}: {snippet_plain(hit)}"
        if role == HTML_ROLE:
            return snippet_html(hit)
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return snippet_plain(hit)
        return None
