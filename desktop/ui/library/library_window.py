"""The Library window (File › Library…, Ctrl+L): a sidebar of sections, a filter box and the
table of study sets. It shows what it is given and says what the student asked for; the
library controller does it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QToolBar,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.library_reads import LibraryRow
from desktop.content.library_filter import parse
from desktop.models.library_model import (
    COURSE,
    COURSES,
    EDUCATORS,
    IMPORTED,
    LAST_OPENED,
    NUMBERS,
    RECENT,
    TITLE,
    TRASH,
    LibraryModel,
    LibraryProxy,
    Section,
)
from desktop.ui.column_room import ColumnRoom
from desktop.ui.library.file_drops import dropped_paths
from desktop.ui.library.sidebar import LibrarySidebar

# Courses and educators are as wide as their text, up to this: the title takes the rest (at
# 1240 pixels these columns took 500 and the titles were cut to 240).
TEXT_COLUMN_CAPS = {COURSES: 160, EDUCATORS: 130}

NOTICE_MS = 10_000  # how long a message stays in the status line
TITLE_MIN_PX = 260
FILTER_HINT = 'Filter: words, educator:gpane, course:"HIST 201", tag:exam'


class LibraryWindow(QDialog):
    open_requested = Signal(int)
    rename_requested = Signal(int)
    add_to_course_requested = Signal(list)  # ids; the controller asks which course
    add_to_named_course_requested = Signal(list, str)  # ids dropped on a course
    tags_requested = Signal(list)
    trash_requested = Signal(list)
    restore_requested = Signal(list)
    empty_trash_requested = Signal()
    new_course_requested = Signal(str)  # the course to nest it in, or ""
    rename_course_requested = Signal(str)
    delete_course_requested = Signal(str)
    files_dropped = Signal(list)  # files and folders dragged in from a file manager, to import
    publish_requested = Signal(int)  # Share › Publish to Class… (the sync controller's)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Library")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setModal(False)
        self.setSizeGripEnabled(True)
        self._fit_to_screen(parent)
        # Files dropped on the table (which only drags sets out) or anywhere else here land on
        # the window itself.
        self.setAcceptDrops(True)
        # The course Add to Course… offers first: the one last created or used here.
        self._recent_course = ""
        self._known_courses: set[str] | None = None  # None until the library is first shown

        self.model = LibraryModel(self)
        self.proxy = LibraryProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(FILTER_HINT)
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter the study sets")
        self.filter_box.textChanged.connect(self._filter_changed)

        self.sidebar = LibrarySidebar(self)
        self.sidebar.section_chosen.connect(self._section_chosen)
        self.sidebar.sets_dropped.connect(self.add_to_named_course_requested)
        self.sidebar.sets_dropped.connect(lambda _ids, course: self.course_used(course))
        self.sidebar.files_dropped.connect(self.files_dropped)
        self.sidebar.customContextMenuRequested.connect(self._sidebar_menu_at)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Study sets")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Stretched, the title was ~100 px in a 1,000-pixel window: "What caused t…".
        self._title_room = ColumnRoom(self.table, TITLE, TITLE_MIN_PX)
        # Counts are as wide as their heading: fitted to their contents they took the room
        # of the sort arrow besides, and the titles were cut short on a 1280-pixel screen.
        for column in NUMBERS:
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            self.table.setColumnWidth(
                column, max(48, header.fontMetrics().horizontalAdvance(label) + 18)
            )
        # Fit any column sized to its contents to the rows in view: by default Qt measures
        # the first 1,000 rows, which was most of the time the window took to open with
        # 2,000 sets.
        header.setResizeContentsPrecision(0)
        # The dates show the day only (the tool tip has the time): as wide as that or their
        # heading. Courses and educators are fitted to their text in fit_text_columns().
        day = header.fontMetrics().horizontalAdvance("2026-12-31")
        for column in (LAST_OPENED, IMPORTED):
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            self.table.setColumnWidth(
                column, max(day, header.fontMetrics().horizontalAdvance(label)) + 18
            )
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the full text in the tip
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu_at)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)

        self.toolbar = QToolBar(self)
        self.open_action = self._tool("&Open", self._open_current, "Open the study set")
        self.course_action = self._tool(
            "Add to &Course…",
            lambda: self._emit_selected(self.add_to_course_requested),
            "Put the selected study sets in a course",
        )
        self.tags_action = self._tool(
            "&Tags…", lambda: self._emit_selected(self.tags_requested), "Tag the selected sets"
        )
        self.trash_action = self._tool(
            "Move to &Trash",
            lambda: self._emit_selected(self.trash_requested),
            "Move the selected study sets and their notes to the Trash",
        )
        self.trash_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.trash_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.trash_action)
        self.toolbar.addSeparator()

        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # a message may quote a title
        self._notice_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self._notice_timer.timeout.connect(self._update_status)

        splitter = QSplitter(self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, max(600, self.width() - 180)])
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filter_box)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self._update_actions()

    def _fit_to_screen(self, parent: QWidget | None) -> None:
        """1320 × 600, or less on a smaller screen: a window wider than the screen hid the
        table's last columns and squeezed the titles (seen on a 1280-pixel screen)."""
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1320, 600)
            return
        room = screen.availableGeometry()
        self.resize(min(1320, room.width() - 40), min(600, room.height() - 80))

    def _tool(self, text: str, slot: object, tip: str) -> QAction:
        action = QAction(text, self)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    def add_undo_actions(self, undo: QAction, redo: QAction) -> None:
        """Ctrl+Z and Ctrl+Shift+Z here undo and redo on the main window's one stack."""
        for action, short_name in ((undo, "Undo"), (redo, "Redo")):
            # The stack renames the actions after each step ("Undo Add 3 Sets to HIST 201");
            # the tool bar shows the short name and keeps the whole one for the tool tip.
            action.setIconText(short_name)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            self.toolbar.addAction(action)
        self.undo_action, self.redo_action = undo, redo

    # --- what it shows ------------------------------------------------------------------------

    def set_library(
        self,
        rows: Sequence[LibraryRow],
        courses: Sequence[str],
        due: Mapping[int, int] | None = None,
    ) -> None:
        """Show these rows (``due``: each set's study cards due now); the section, the
        filter, the sort and the selection stay."""
        chosen = self.selected_ids()
        current = self._current_id()
        self.model.set_rows(rows, due)
        self.sidebar.rebuild(rows, courses, due)
        self.fit_text_columns()
        if self._known_courses is not None:
            created = [course for course in courses if course not in self._known_courses]
            if created:
                self.course_used(created[-1])
        self._known_courses = set(courses)
        self.select_ids(chosen, current)
        self._update_status()

    def fit_text_columns(self) -> None:
        """Courses and educators as wide as their longest text, within their cap. Measured
        on the different texts (a few courses, a few hundred educators), not on every row's
        cell: asking the view for that was most of the time the window took with 2,000 sets."""
        header, cells = self.table.horizontalHeader(), self.table.fontMetrics()
        for column, cap in TEXT_COLUMN_CAPS.items():
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            heading = header.fontMetrics().horizontalAdvance(label) + 24
            # Longest first, and no further once one is as wide as the cap: with 2,000 sets
            # nearly every educator list differs, and measuring them all grew with the sets.
            widest = 0
            for text in sorted(self.model.column_texts(column), key=len, reverse=True):
                widest = max(widest, cells.horizontalAdvance(text) + 16)
                if widest >= cap:
                    break
            self.table.setColumnWidth(column, min(cap, max(heading, widest)))

    def course_used(self, course: str) -> None:
        self._recent_course = course

    def preferred_course(self) -> str:
        """The course to offer first: the one chosen in the sidebar, else the one last
        created or used (a new "HIST 201::Unit 3", not its parent "HIST 201")."""
        section = self.section()
        return section.value if section.kind == COURSE else self._recent_course

    def shown_titles(self) -> list[str]:
        return [str(self.proxy.index(r, TITLE).data()) for r in range(self.proxy.rowCount())]

    def shown_ids(self) -> list[int]:
        return [self.proxy.study_set_id(r) for r in range(self.proxy.rowCount())]

    def section(self) -> Section:
        return self.proxy.section

    def show_section(self, section: Section) -> None:
        self.sidebar.show_section(section)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.proxy.study_set_id(row) for row in rows]

    def _current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.study_set_id(index.row()) if index.isValid() else None

    def select_ids(self, ids: Sequence[int], current: int | None = None) -> None:
        """Select the shown rows of these sets (and make ``current``'s row the current one).
        Only the wanted rows are looked up: going through every row grew with the library."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for study_set_id in dict.fromkeys(ids):
            shown = self._shown_index(study_set_id)
            if shown.isValid():
                selection.select(shown, flags)
        if current is not None:
            shown = self._shown_index(current)
            if shown.isValid():
                selection.setCurrentIndex(shown, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._update_actions()

    def _shown_index(self, study_set_id: int) -> QModelIndex:
        """The table's index of the set's row (invalid when it is not shown)."""
        row = self.model.row_of(study_set_id)
        if row < 0:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, 0))

    def row_of(self, study_set_id: int) -> int:
        return self.shown_ids().index(study_set_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Esc in a filled filter box empties it (as in a browser's find bar); Esc again,
        or anywhere else, closes the window as in any dialog."""
        box = self.filter_box
        if event.key() == Qt.Key.Key_Escape and self.focusWidget() is box and box.text():
            box.clear()
            event.accept()
            return
        super().keyPressEvent(event)

    def show_notice(self, text: str) -> None:
        """A message in the status line (what Undo did elsewhere), until the counts change
        or NOTICE_MS pass."""
        self.status.setText(text)
        self._notice_timer.start()

    def _update_status(self) -> None:
        if self._notice_timer.isActive():  # a refresh after an undo: its message stays
            return
        shown = self.proxy.rowCount()
        total = sum(1 for row in self.model.rows() if not row.in_trash)
        sets = "study set" if total == 1 else "study sets"
        self.status.setText(
            f"{total} {sets}" if shown == total else f"{shown} shown of {total} {sets}"
        )

    def _update_actions(self, *_args: object) -> None:
        ids = self.selected_ids()
        in_trash = self.section().kind == TRASH
        self.open_action.setEnabled(len(ids) == 1 and not in_trash)
        for action in (self.course_action, self.tags_action, self.trash_action):
            action.setEnabled(bool(ids) and not in_trash)

    # --- what the student does -----------------------------------------------------------------

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_filter(parse(text))
        self._notice_timer.stop()  # the counts the student asked for replace a message
        self._update_status()
        self._update_actions()

    def _section_chosen(self, section: Section) -> None:
        self.proxy.set_section(section)
        self._notice_timer.stop()
        if section.kind == RECENT:
            self.table.sortByColumn(LAST_OPENED, Qt.SortOrder.DescendingOrder)
        self._update_status()
        self._update_actions()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and self.section().kind != TRASH:
            self.open_requested.emit(self.proxy.study_set_id(index.row()))

    def _open_current(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.open_requested.emit(ids[0])

    def _emit_selected(self, signal: object) -> None:
        ids = self.selected_ids()
        if ids:
            signal.emit(ids)  # type: ignore[attr-defined]

    def table_menu(self) -> QMenu:
        """The context menu for the selected study sets."""
        menu = QMenu(self)
        ids = self.selected_ids()
        if self.section().kind == TRASH:
            restore = menu.addAction("&Restore")
            restore.setEnabled(bool(ids))
            restore.triggered.connect(lambda: self.restore_requested.emit(ids))
            menu.addSeparator()
            empty = menu.addAction("&Empty Trash…")
            empty.setEnabled(self.proxy.rowCount() > 0)
            empty.triggered.connect(self.empty_trash_requested)
            return menu
        open_ = menu.addAction("&Open")
        open_.setEnabled(len(ids) == 1)
        open_.triggered.connect(lambda: self.open_requested.emit(ids[0]))
        menu.addSeparator()
        rename = menu.addAction("Re&name…")
        rename.setEnabled(len(ids) == 1)
        rename.triggered.connect(lambda: self.rename_requested.emit(ids[0]))
        course = menu.addAction("Add to &Course…")
        course.setEnabled(bool(ids))
        course.triggered.connect(lambda: self.add_to_course_requested.emit(ids))
        tags = menu.addAction("&Tags…")
        tags.setEnabled(bool(ids))
        tags.triggered.connect(lambda: self.tags_requested.emit(ids))
        publish = menu.addMenu("S&hare").addAction("&Publish to Class…")
        publish.setEnabled(len(ids) == 1)
        publish.triggered.connect(lambda: self.publish_requested.emit(ids[0]))
        menu.addSeparator()
        trash = menu.addAction("Move to &Trash")
        trash.setEnabled(bool(ids))
        trash.triggered.connect(lambda: self.trash_requested.emit(ids))
        return menu

    def sidebar_menu(self, item: QTreeWidgetItem | None) -> QMenu:
        """The context menu for a section of the sidebar."""
        menu = QMenu(self)
        section = self.sidebar.section_of(item)
        course = section.value if section is not None and section.kind == COURSE else ""
        new = menu.addAction("&New Course…" if not course else "&New Course Inside…")
        new.triggered.connect(lambda: self.new_course_requested.emit(course))
        if course:
            rename = menu.addAction("&Rename Course…")
            rename.triggered.connect(lambda: self.rename_course_requested.emit(course))
            delete = menu.addAction("&Delete Course…")
            delete.triggered.connect(lambda: self.delete_course_requested.emit(course))
        if section is not None and section.kind == TRASH:
            menu.addSeparator()
            empty = menu.addAction("&Empty Trash…")
            empty.triggered.connect(self.empty_trash_requested)
        return menu

    # --- files dropped from a file manager -----------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt override)
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        paths = dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)

    def _table_menu_at(self, point: QPoint) -> None:
        self.table_menu().exec(self.table.viewport().mapToGlobal(point))

    def _sidebar_menu_at(self, point: QPoint) -> None:
        item = self.sidebar.itemAt(point)
        self.sidebar_menu(item).exec(self.sidebar.viewport().mapToGlobal(point))
