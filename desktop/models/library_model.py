"""The Library window's table: one row per study set (db.library_reads.LibraryRow), and the
proxy that sorts it and keeps the rows of the sidebar's section that match the filter box."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
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
from desktop.content.plain import plain_tooltip

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
    "Due",
)
TITLE, COURSES, EDUCATORS, PARAGRAPHS, NOTES, HIGHLIGHTS, LAST_OPENED, IMPORTED, DUE = range(9)
NUMBERS = (PARAGRAPHS, NOTES, HIGHLIGHTS, DUE)

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
    """The local day only, so the date columns stay narrow; the tool tip has the time.
    Made for every row the first time it is painted, so without strftime() (it imports a
    module on each call, and under PySide's import hook that was an eighth of scrolling
    through 2,000 sets) and with one localtime() per quarter of an hour."""
    if moment is None:
        return ""
    return _local_day(int(moment.timestamp()) // _QUARTER_HOUR)


# Every UTC offset is a whole number of quarter hours, and clocks change on one, so the
# local day is the same all through a quarter hour that starts on a multiple of 900 s.
_QUARTER_HOUR = 900


@cache
def _local_day(quarter: int) -> str:
    day = time.localtime(quarter * _QUARTER_HOUR)
    return f"{day.tm_year:04d}-{day.tm_mon:02d}-{day.tm_mday:02d}"


def _when_exactly(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _courses_shown(courses: Sequence[str]) -> str:
    return ", ".join(course.replace(COURSE_SEPARATOR, " › ") for course in courses)


# Roles as plain ints: data() is called for every role of every painted cell, so it
# compares ints instead of building anything.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_SORT, _ID = int(SORT_ROLE), int(ID_ROLE)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)


def _cells(row: LibraryRow, due: int = 0, marker: str = "") -> tuple[str, ...]:
    """The row's text in each column, in COLUMNS order (``due``: its study cards due now;
    ``marker``: e.g. a published set's "Published, version 2", put first: a long title is
    cut short at its end)."""
    return (
        _title_shown(row, marker),
        _courses_shown(row.courses),
        ", ".join(row.educators),
        str(row.paragraphs),
        str(row.notes),
        str(row.highlights),
        _when(row.last_opened_at),
        _when(row.imported_at),
        str(due),  # 0 like the other counts, not blank
    )


def _title_shown(row: LibraryRow, marker: str) -> str:
    return f"[{marker}] {row.title}" if marker else row.title


def _sort_key(row: LibraryRow, column: int, due: int, marker: str) -> Any:
    """What a column sorts on: numbers and times by value, text without case (made for the
    one column sorted on, not for every column of every row)."""
    if column == TITLE:
        return _title_shown(row, marker).casefold()
    if column == COURSES:
        return _courses_shown(row.courses).casefold()
    if column == EDUCATORS:
        return ", ".join(row.educators).casefold()
    if column == LAST_OPENED:
        return 0.0 if row.last_opened_at is None else row.last_opened_at.timestamp()
    if column == IMPORTED:
        return row.imported_at.timestamp()
    if column == DUE:
        return due
    return (row.paragraphs, row.notes, row.highlights)[column - PARAGRAPHS]


class LibraryModel(QAbstractTableModel):
    """The study sets, kept in the order of the column sorted on (LibraryProxy hands its
    sort() here): sorting 2,000 rows in Python on keys made once is quicker than a proxy
    asking data() for every comparison. A row's texts are made the first time it is painted
    and kept, so opening the window costs the same whether it holds 20 sets or 2,000."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LibraryRow] = []
        self._due: dict[int, int] = {}
        self._markers: dict[int, str] = {}
        self._cells: list[tuple[str, ...] | None] = []  # None: not painted yet
        self._positions: dict[int, int] = {}  # study set id → its row
        self._sort_column = -1  # -1: in the order given (the database's, by id)
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_rows(self, rows: Sequence[LibraryRow], due: Mapping[int, int] | None = None) -> None:
        """``due``: study set id → its study cards due now (the Due column)."""
        self.beginResetModel()
        self._due = dict(due or {})
        self._fill(list(rows))
        self.endResetModel()

    def set_markers(self, markers: Mapping[int, str]) -> None:
        """Study set id → a note before its title (read-only published sets), shown from the
        next set_rows on."""
        self._markers = dict(markers)

    def _fill(self, rows: list[LibraryRow]) -> None:
        column = self._sort_column
        if 0 <= column < len(COLUMNS):
            due, marks = self._due, self._markers
            keys = [
                _sort_key(row, column, due.get(row.id, 0), marks.get(row.id, "")) for row in rows
            ]
            positions = list(range(len(rows)))
            # Stable either way, as the proxy's sort was: ties keep the database's order.
            descending = self._sort_order == Qt.SortOrder.DescendingOrder
            positions.sort(key=keys.__getitem__, reverse=descending)
            rows = [rows[i] for i in positions]
        self._rows = rows
        self._cells = [None] * len(rows)
        self._positions = {row.id: position for position, row in enumerate(rows)}

    def _texts(self, position: int) -> tuple[str, ...]:
        cells = self._cells[position]
        if cells is None:
            row = self._rows[position]
            cells = _cells(row, self._due.get(row.id, 0), self._markers.get(row.id, ""))
            self._cells[position] = cells
        return cells

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = [row.id for row in self._rows]
        persistent = self.persistentIndexList()
        self._sort_column, self._sort_order = column, order
        by_id = sorted(self._rows, key=lambda row: row.id)  # back to the database's order
        self._fill(by_id)
        new_row = self._positions
        self.changePersistentIndexList(
            persistent,
            [self.index(new_row[old_ids[index.row()]], index.column()) for index in persistent],
        )
        self.layoutChanged.emit()

    def library_row(self, row: int) -> LibraryRow:
        return self._rows[row]

    def rows(self) -> list[LibraryRow]:
        return list(self._rows)

    def row_of(self, study_set_id: int) -> int:
        """The set's row in this model, or -1."""
        return self._positions.get(study_set_id, -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def column_texts(self, column: int) -> set[str]:
        """The different texts in a column (to fit its width to them)."""
        if column == COURSES:  # from the rows: their texts are made when first painted
            return {_courses_shown(courses) for courses in {row.courses for row in self._rows}}
        if column == EDUCATORS:
            return {", ".join(handles) for handles in {row.educators for row in self._rows}}
        return {self._texts(position)[column] for position in range(len(self._rows))}

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == _DISPLAY
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == _DISPLAY:
            return self._texts(index.row())[index.column()] if index.isValid() else None
        if role == _ALIGNMENT:
            return _RIGHT if index.column() in NUMBERS and index.isValid() else None
        if role not in (_SORT, _ID, _TOOLTIP) or not index.isValid():
            return None
        position, column = index.row(), index.column()
        row = self._rows[position]
        if role == _SORT:
            return _sort_key(row, column, self._due.get(row.id, 0), self._markers.get(row.id, ""))
        if role == _ID:
            return row.id
        if column == LAST_OPENED:
            return _when_exactly(row.last_opened_at)
        if column == IMPORTED:
            return _when_exactly(row.imported_at)
        # Titles, tags, courses and educators come from study sets and the student: shown as
        # typed, never taken for HTML.
        if column == TITLE:
            tags = f"\nTags: {', '.join(row.tags)}" if row.tags else ""
            return plain_tooltip(f"{row.title}{tags}")
        text = self._texts(position)[column]
        return plain_tooltip(text) if text else None

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


def section_counts(rows: Sequence[LibraryRow]) -> Counter[Section]:
    """How many rows each section holds (as Section.holds would count them), in one pass
    over the rows: the sidebar counts every course and tag, and asking each section to look
    at every row took a second with 2,000 sets. Counted on (kind, value) pairs, made into
    Sections once at the end: hashing a Section per row and section was most of the pass."""
    counts: Counter[tuple[str, str]] = Counter()
    nested_paths: dict[str, tuple[str, ...]] = {}  # course → it and the courses it is in
    for row in rows:
        if row.in_trash:
            counts[TRASH, ""] += 1
            continue
        counts[ALL, ""] += 1
        if row.last_opened_at is not None:
            counts[RECENT, ""] += 1
        if row.courses:
            counts[COURSES_SECTION, ""] += 1
        else:
            counts[UNFILED, ""] += 1
        if row.tags:
            counts[TAGS_SECTION, ""] += 1
            for tag in set(row.tags):
                counts[TAG, tag] += 1
        # A course holds the sets filed in it or in a course nested in it: each set counts
        # once for every course on the way down to each of its own.
        nesting: set[str] = set()
        for course in row.courses:
            paths = nested_paths.get(course)
            if paths is None:
                parts = course.split(COURSE_SEPARATOR)
                paths = tuple(
                    COURSE_SEPARATOR.join(parts[:depth]) for depth in range(1, len(parts) + 1)
                )
                nested_paths[course] = paths
            nesting.update(paths)
        # Counted one by one: Counter.update() asks whether a generator is a Mapping, and
        # the first such question walks the ABC registry (tens of ms, once per process).
        for course in nesting:
            counts[COURSE, course] += 1
    return Counter({Section(kind, value): count for (kind, value), count in counts.items()})


class LibraryProxy(QSortFilterProxyModel):
    """Keeps the rows of one section that match the filter. Sorting is handed to the
    LibraryModel (it sorts on keys made once), so the proxy keeps the model's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._section = Section()
        self._filter = LibraryFilter()
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, LibraryModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

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
