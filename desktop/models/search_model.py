"""Search hits as rows: where each is (and in which study set), and its snippet with the
matched words marked."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from db.records import SearchHit
from db.search import HIT_END, HIT_START
from desktop.content.plain import plain_tooltip

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def snippet_html(hit: SearchHit, *, with_set: bool = False) -> str:
    """The snippet as safe HTML: every text from the library is escaped, then the match
    marks become <b>. ``with_set`` adds the study set's title after the place."""
    text = escape(hit.snippet).replace(HIT_START, "<b>").replace(HIT_END, "</b>")
    place = f"<span style='font-weight:600'>{escape(hit.place)}</span>"
    if with_set and hit.study_set_title:
        place += f" — <i>{escape(hit.study_set_title)}</i>"
    return f"{place}<br>{text}"


def snippet_plain(hit: SearchHit) -> str:
    return hit.snippet.replace(HIT_START, "").replace(HIT_END, "")


class SearchResultsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._hits: list[SearchHit] = []
        self._with_sets = False

    def set_hits(self, hits: list[SearchHit], *, with_sets: bool = False) -> None:
        """Show ``hits``; ``with_sets`` names each one's study set (a search beyond one)."""
        self.beginResetModel()
        self._hits = hits
        self._with_sets = with_sets
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
            where = f"{hit.place} — {hit.study_set_title}" if self._with_sets else hit.place
            return f"{where}: {snippet_plain(hit)}"
        if role == HTML_ROLE:
            return snippet_html(hit, with_set=self._with_sets)
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            # Escaped: a tool tip that looks like HTML would be drawn as HTML.
            if self._with_sets and hit.study_set_title:
                return plain_tooltip(f"{hit.study_set_title}\n{snippet_plain(hit)}")
            return plain_tooltip(snippet_plain(hit))
        return None
