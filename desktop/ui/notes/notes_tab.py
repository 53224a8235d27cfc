"""The Notes tab: every note of the study set, filtered and sorted, with counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.note_reads import NO_COLOUR, QUESTION_ONLY
from db.records import ANCHOR_KINDS
from db.sync_merge import CONFLICT_TAG
from desktop.models.colours import HIGHLIGHT_COLOURS
from desktop.models.notes_model import NotesModel
from desktop.ui.notes.note_editor import NoteEditor
from desktop.ui.notes.rows import NoteRowDelegate, show_two_lines

ANCHOR_LABELS = {
    "study_set": "Study set",
    "question": "Question",
    "answer": "Whole answer",
    "passage": "Paragraph",
    "range": "Selected text",
}


class NotesTab(QWidget):
    filters_changed = Signal()
    note_selected = Signal(int)
    note_opened = Signal(int)  # double-click or Enter: go to where it is attached

    def __init__(self, model: NotesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notes-tab")
        self.model = model
        self.tag = self._combo("Filter by tag")
        self.colour = self._combo("Filter by colour")
        self.educator = self._combo("Filter by educator")
        self.kind = self._combo("Filter by what the note is attached to")
        self.order = self._combo("Sort notes")
        self.order.addItem("Newest first", "date")
        self.order.addItem("In text order", "position")
        # Notes kept in two versions by a sync (both tagged sync-conflict): shown only while
        # there are some, or while the filter is on (so it can be turned off again).
        self.conflicts = QToolButton(self)
        self.conflicts.setCheckable(True)
        self.conflicts.setAccessibleName("Show only notes kept in two versions by a sync")
        self.conflicts.setToolTip(
            "Notes edited on two devices that could not be merged: both versions are kept.\n"
            "Delete the one you do not want, or remove its sync-conflict tag."
        )
        self.conflicts.toggled.connect(self._conflicts_toggled)
        self.conflicts.hide()
        self.count = QLabel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control
        self.table.setModel(model)
        self.table.setAccessibleName("All notes")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Fixed row heights: the view never asks every row for its size (lazy loading).
        show_two_lines(self.table)
        self.table.setItemDelegateForColumn(NotesModel.NOTE, NoteRowDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NotesModel.NOTE, QHeaderView.ResizeMode.Stretch)
        for column in (NotesModel.PLACE, NotesModel.TAGS, NotesModel.COLOUR, NotesModel.UPDATED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(NotesModel.PLACE, 150)
        self.editor = NoteEditor(self)

        filters = QGridLayout()
        for position, (label, combo) in enumerate(
            (
                ("&Tag:", self.tag),
                ("C&olour:", self.colour),
                ("&Educator:", self.educator),
                ("&Attached to:", self.kind),
                ("&Sort:", self.order),
            )
        ):
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            row, column = divmod(position, 2)  # narrow: two filters a row
            filters.addWidget(caption, row, column * 2)
            filters.addWidget(combo, row, column * 2 + 1)
        filters.addWidget(self.conflicts, 2, 2, Qt.AlignmentFlag.AlignLeft)
        filters.addWidget(self.count, 2, 3, Qt.AlignmentFlag.AlignRight)
        filters.setColumnStretch(4, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table)
        # Editor below the list: the tab stays narrow enough to share the window with the
        # notes panel on a small screen.
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self._opened)
        self.table.doubleClicked.connect(self._opened)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(7)
        combo.activated.connect(lambda _i: self.filters_changed.emit())
        return combo

    def set_choices(
        self, tags: list[tuple[str, int]], colours: dict[str | None, int], educators: list[str]
    ) -> None:
        """Refill the filter lists (with counts), keeping what is chosen when it still exists."""
        self._refill(self.tag, [(f"{name} ({count})", name) for name, count in tags])
        self._refill(
            self.colour,
            [
                (f"{label} ({colours.get(name, 0)})", name)
                for name, (label, _) in HIGHLIGHT_COLOURS.items()
            ]
            + [(f"No colour ({colours.get(None, 0)})", NO_COLOUR)],
        )
        self._refill(
            self.educator,
            [(handle, handle) for handle in educators] + [("Question", QUESTION_ONLY)],
        )
        self._refill(self.kind, [(ANCHOR_LABELS[kind], kind) for kind in ANCHOR_KINDS])
        self._show_conflicts(dict(tags).get(CONFLICT_TAG, 0))

    def _show_conflicts(self, count: int) -> None:
        self.conflicts.setText(f"Conflicts ({count})")
        self.conflicts.setVisible(count > 0 or self.conflicts.isChecked())

    def _conflicts_toggled(self, on: bool) -> None:
        self.tag.setEnabled(not on)  # the Conflicts filter is a tag filter of its own
        self.filters_changed.emit()

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        combo.clear()
        combo.addItem("Any", None)
        for label, value in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def filters(self) -> dict[str, str | None]:
        return {
            "tag": CONFLICT_TAG if self.conflicts.isChecked() else self.tag.currentData(),
            "colour": self.colour.currentData(),
            "educator": self.educator.currentData(),
            "anchor_kind": self.kind.currentData(),
            "order": self.order.currentData(),
        }

    def set_count(self, shown: int, total: int) -> None:
        noun = "note" if total == 1 else "notes"
        self.count.setText(f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}")

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            note_id = self.model.note_id(current.row())
            if note_id != self.editor.note_id:  # the note shown, selected again: nothing to do
                self.note_selected.emit(note_id)

    def select_shown_note(self) -> None:
        """After the list was read again (a tag changed here, say): the row of the note in
        the editor is selected again, as it was."""
        note_id = self.editor.note_id
        row = -1 if note_id is None else self.model.row_of(note_id)
        if row >= 0:
            self.table.selectRow(row)

    def _opened(self, index: QModelIndex) -> None:
        self.note_opened.emit(self.model.note_id(index.row()))
