"""The Library window's table: one row per study set (db.library_reads.LibraryRow), and the
proxy that sorts it and keeps the rows of the sidebar's section that match the filter box."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from db.library_reads import COURSE_SEPARATOR, LibraryRow
from desktop.content.library_filter import LibraryFilter

LIBRARY_MIME = "application/x-studydesk-study-sets"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = (
    "Title",
    "Courses",
    "Educators",
    "Paragraphs",
    "My Notes",
    "Highlights",
    "Last Opened",
    "Imported",
)
TITLE, COURSES, EDUCATORS, PARAGRAPHS, NOTES, HIGHLIGHTS, LAST_OPENED, IMPORTED = range(8)
NUMBERS = (PARAGRAPHS, NOTES, HIGHLIGHTS)

Index = QModelIndex | QPersistentModelIndex


def encode_ids(ids: Sequence[int]) -> QMimeData:
    data = QMimeData()
    data.setData(LIBRARY_MIME, json.dumps(list(ids)).encode("utf-8"))
    return data


def decode_ids(data: QMimeData) -> list[int]:
    """The study-set ids a drag carries; [] for anything not ours or not well-formed."""
    if not data.hasFormat(LIBRARY_MIME):
        return []
    try:
        ids = json.loads(bytes(data.data(LIBRARY_MIME).data()).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(ids, list):
        return []
    return [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]


def _when(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _courses_shown(courses: Sequence[str]) -> str:
    return ", ".join(course.replace(COURSE_SEPARATOR, " › ") for course in courses)


class LibraryModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LibraryRow] = []

    def set_rows(self, rows: Sequence[LibraryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def library_row(self, row: int) -> LibraryRow:
        return self._rows[row]

    def rows(self) -> list[LibraryRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == TITLE:
                tags = f"\nTags: {', '.join(row.tags)}" if row.tags else ""
                return f"{row.title}{tags}"
            return self._display(row, column) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(row: LibraryRow, column: int) -> str:
        values = {
            TITLE: lambda: row.title,
            COURSES: lambda: _courses_shown(row.courses),
            EDUCATORS: lambda: ", ".join(row.educators),
            PARAGRAPHS: lambda: str(row.paragraphs),
            NOTES: lambda: str(row.notes),
            HIGHLIGHTS: lambda: str(row.highlights),
            LAST_OPENED: lambda: _when(row.last_opened_at),
            IMPORTED: lambda: _when(row.imported_at),
        }
        return values[column]()

    @staticmethod
    def _sort_key(row: LibraryRow, column: int) -> Any:
        if column in (LAST_OPENED, IMPORTED):
            moment = row.last_opened_at if column == LAST_OPENED else row.imported_at
            return 0.0 if moment is None else moment.timestamp()
        if column == PARAGRAPHS:
            return row.paragraphs
        if column == NOTES:
            return row.notes
        if column == HIGHLIGHTS:
            return row.highlights
        return LibraryModel._display(row, column).casefold()

    # --- dragging sets onto a course ------------------------------------------------------------

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [LIBRARY_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = dict.fromkeys(
            self._rows[index.row()].id
            for index in indexes
            if index.isValid() and 0 <= index.row() < len(self._rows)
        )
        return encode_ids(list(ids))

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction


# The sidebar's sections: (kind, value). Courses and tags carry their name.
ALL, RECENT, COURSES_SECTION, COURSE, TAGS_SECTION, TAG, UNFILED, TRASH = (
    "all",
    "recent",
    "courses",
    "course",
    "tags",
    "tag",
    "unfiled",
    "trash",
)


@dataclass(frozen=True)
class Section:
    kind: str = ALL
    value: str = ""

    def holds(self, row: LibraryRow) -> bool:
        if self.kind == TRASH:
            return row.in_trash
        if row.in_trash:
            return False
        if self.kind == RECENT:
            return row.last_opened_at is not None
        if self.kind == COURSES_SECTION:
            return bool(row.courses)
        if self.kind == COURSE:
            nested = self.value + COURSE_SEPARATOR
            return any(c == self.value or c.startswith(nested) for c in row.courses)
        if self.kind == TAGS_SECTION:
            return bool(row.tags)
        if self.kind == TAG:
            return self.value in row.tags
        if self.kind == UNFILED:
            return not row.courses
        return True


class LibraryProxy(QSortFilterProxyModel):
    """Sorts on the raw values and keeps the rows of one section that match the filter."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._section = Section()
        self._filter = LibraryFilter()
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    @property
    def section(self) -> Section:
        return self._section

    def set_section(self, section: Section) -> None:
        self.beginFilterChange()
        self._section = section
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_filter(self, library_filter: LibraryFilter) -> None:
        self.beginFilterChange()
        self._filter = library_filter
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, LibraryModel) or source_parent.isValid():
            return False
        row = model.library_row(source_row)
        return self._section.holds(row) and self._filter.matches(row)

    def study_set_id(self, row: int) -> int:
        value = self.index(row, 0).data(ID_ROLE)
        return int(value)
