"""The disagreement ledger as an item model: every pair the student marked, and every pair a
cross-reference states, with both quotes, the stance and the student's note."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.content.alignment_ledger import LedgerEntry
from desktop.content.plain import plain_tooltip

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Stance", "One says", "The other says", "Your note")
Index = QModelIndex | QPersistentModelIndex


QUOTE_CHARACTERS = 160  # of a quote shown in a cell; the tool tip has all of it


def _quote(handle: str, paragraph: int, text: str, *, whole: bool = True) -> str:
    words = " ".join(text.split())
    if not whole and len(words) > QUOTE_CHARACTERS:
        # Cut at a word: long quotes wrapped into tall rows made each paint of the ledger
        # cost 3-5 ms (the row heights are measured from the text too).
        words = words[:QUOTE_CHARACTERS].rsplit(" ", 1)[0] + " …"
    return f"{handle} ¶{paragraph}: “{words}”"


class LedgerModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[LedgerEntry] = []

    def set_entries(self, entries: Sequence[LedgerEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt API)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ToolTipRole:
            # Escaped: a tool tip that looks like HTML would be drawn as HTML.
            return plain_tooltip(str(self._text(entry, index.column(), tooltip=True) or ""))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(entry, index.column(), tooltip=False)

    @staticmethod
    def _text(entry: LedgerEntry, column: int, *, tooltip: bool) -> str | None:
        if column == 0:
            stance = entry.stance
            if tooltip and entry.detected:
                return f"{stance} — stated by a cross-reference; mark it to make it yours"
            return f"{stance} (detected)" if entry.detected else stance
        if column == 1:
            left = entry.left
            return _quote(entry.left_handle, left.paragraph_number, left.text, whole=tooltip)
        if column == 2:
            right = entry.right
            return _quote(entry.right_handle, right.paragraph_number, right.text, whole=tooltip)
        if column == 3:
            return entry.note
        return None
