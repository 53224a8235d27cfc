"""The Library's sidebar: All Study Sets, Recently Opened, Courses (nested by "::"), Tags,
Unfiled, Trash. Study sets dragged from the table onto a course are added to it. A course
with study cards due shows how many: "Unit 3 (12 · 5 due)"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from db.library_reads import COURSE_SEPARATOR, LibraryRow
from desktop.content.plain import plain_tooltip
from desktop.models.library_model import (
    ALL,
    COURSE,
    COURSES_SECTION,
    RECENT,
    TAG,
    TAGS_SECTION,
    TRASH,
    UNFILED,
    Section,
    decode_ids,
    section_counts,
)
from desktop.ui.library.file_drops import dropped_paths

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1


def course_due_counts(rows: Sequence[LibraryRow], due: Mapping[int, int]) -> dict[str, int]:
    """Course path → cards due now in its sets and those of the courses nested in it, from
    each set's due count (one grouped query in db.cards); a set in two nested courses
    counts once for the course that holds both."""
    counts: dict[str, int] = {}
    for row in rows:
        cards = due.get(row.id, 0)
        if not cards or row.in_trash:
            continue
        paths: set[str] = set()
        for course in row.courses:
            parts = course.split(COURSE_SEPARATOR)
            paths.update(COURSE_SEPARATOR.join(parts[:depth]) for depth in range(1, len(parts) + 1))
        for path in paths:
            counts[path] = counts.get(path, 0) + cards
    return counts


class LibrarySidebar(QTreeWidget):
    section_chosen = Signal(object)  # a Section
    sets_dropped = Signal(list, str)  # study-set ids, the course they were dropped on
    files_dropped = Signal(list)  # paths of files and folders dropped anywhere, to import

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setAccessibleName("Library sections")
        self.currentItemChanged.connect(self._current_changed)

    # --- contents -------------------------------------------------------------------------

    def rebuild(
        self,
        rows: Sequence[LibraryRow],
        courses: Sequence[str],
        due: Mapping[int, int] | None = None,
    ) -> None:
        """Fill the sections with their counts (``due``: each set's study cards due now, for
        the courses' due counts); the section shown stays chosen."""
        chosen = self.current_section()
        self.blockSignals(True)
        self.clear()
        live = [row for row in rows if not row.in_trash]

        counts = section_counts(rows)  # one pass over the rows for every section

        def count(section: Section) -> int:
            return counts[section]

        self._add(None, "All Study Sets", Section(ALL), len(live))
        self._add(None, "Recently Opened", Section(RECENT), count(Section(RECENT)))
        course_root = self._add(None, "Courses", Section(COURSES_SECTION), None)
        names = set(courses) | {c for row in live for c in row.courses}
        items: dict[str, QTreeWidgetItem] = {}
        course_due = course_due_counts(rows, due or {})
        for name in sorted(names, key=str.casefold):
            parts = name.split(COURSE_SEPARATOR)
            for depth in range(1, len(parts) + 1):
                path = COURSE_SEPARATOR.join(parts[:depth])
                if path not in items:
                    parent = items.get(COURSE_SEPARATOR.join(parts[: depth - 1]), course_root)
                    section = Section(COURSE, path)
                    items[path] = self._add(
                        parent, parts[depth - 1], section, count(section), course_due.get(path, 0)
                    )
        tag_root = self._add(None, "Tags", Section(TAGS_SECTION), None)
        for tag in sorted({t for row in live for t in row.tags}, key=str.casefold):
            self._add(tag_root, tag, Section(TAG, tag), count(Section(TAG, tag)))
        self._add(None, "Unfiled", Section(UNFILED), count(Section(UNFILED)))
        self._add(None, "Trash", Section(TRASH), count(Section(TRASH)))
        self.expandAll()
        found = self.item_for(chosen) or self.item_for(Section(ALL))
        if found is not None:
            self.setCurrentItem(found)
        self.blockSignals(False)
        if found is not None and self.current_section() != chosen:
            self.section_chosen.emit(self.current_section())

    def _add(
        self,
        parent: QTreeWidgetItem | None,
        label: str,
        section: Section,
        count: int | None,
        due: int = 0,
    ) -> QTreeWidgetItem:
        if count is not None:
            label = f"{label} ({count} · {due} due)" if due else f"{label} ({count})"
        item = QTreeWidgetItem([label])
        item.setData(0, SECTION_ROLE, section)
        if section.kind == COURSE:
            item.setToolTip(0, plain_tooltip(f"{section.value} — drop study sets here to add them"))
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def section_of(self, item: QTreeWidgetItem | None) -> Section | None:
        if item is None:
            return None
        section = item.data(0, SECTION_ROLE)
        return section if isinstance(section, Section) else None

    def current_section(self) -> Section:
        return self.section_of(self.currentItem()) or Section(ALL)

    def item_for(self, section: Section) -> QTreeWidgetItem | None:
        for item in self.all_items():
            if self.section_of(item) == section:
                return item
        return None

    def all_items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            found.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return found

    def show_section(self, section: Section) -> None:
        item = self.item_for(section)
        if item is not None:
            self.setCurrentItem(item)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        section = self.section_of(current)
        if section is not None:
            self.section_chosen.emit(section)

    # --- drops: study sets onto a course ----------------------------------------------------

    def _course_at(self, event: QDropEvent) -> str | None:
        section = self.section_of(self.itemAt(event.position().toPoint()))
        return section.value if section is not None and section.kind == COURSE else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if decode_ids(event.mimeData()) or dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if dropped_paths(event.mimeData()):  # files import wherever they are let go
            event.acceptProposedAction()
        elif decode_ids(event.mimeData()) and self._course_at(event) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
            return
        ids = decode_ids(event.mimeData())
        course = self._course_at(event)
        if not ids or course is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.sets_dropped.emit(ids, course)
