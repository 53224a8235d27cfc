"""The Notes side panel: the notes of whatever tab is in view, and the note being edited."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.notes_model import NotesModel
from desktop.ui.notes.note_editor import NoteEditor
from desktop.ui.notes.rows import NoteRowDelegate, show_two_lines

# The panel shows about seven rows: its list reads the notes in pages of this many (the model's
# usual 64 made the first paint after each switch of study set read nine times what it shows;
# a taller panel reads a page more, 0.03 ms a note).
PANEL_PAGE_SIZE = 8


class HeadingBox(QWidget):
    """Holds the panel's heading, sized as the heading would be in the layout, so that a new
    heading (each switch of study set or tab: the count changes) is only repainted. A label
    in a layout lays out its whole dock again whenever its text changes, even to text of the
    same size; the box asks for that only when the text needs another size."""

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label.setParent(self)
        self.label = label
        self.setSizePolicy(label.sizePolicy())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.label.minimumSizeHint()

    def set_text(self, text: str) -> None:
        label = self.label
        before = (label.sizeHint(), label.minimumSizeHint())
        label.setText(text)
        if (label.sizeHint(), label.minimumSizeHint()) != before:
            self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        self.label.setGeometry(self.rect())
        super().resizeEvent(event)


class NotesPanel(QDockWidget):
    note_activated = Signal(int)  # the user picked a note in the list

    def __init__(self, model: NotesModel, parent: QWidget | None = None) -> None:
        super().__init__("Notes", parent)
        self.setObjectName("notes-panel")
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.model = model
        model.set_page_size(PANEL_PAGE_SIZE)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        # A one-column table rather than a QListView: a list view lays out every item again
        # when one changes (each autosave), which took 200 ms with 40,000 notes in view.
        self.list = QTableView(self)
        self.list.setTabKeyNavigation(False)  # Tab goes on to the next control
        self.list.setModel(model)
        # The list is laid out as its notes change (each switch of study set), not by a timer
        # after the window is painted: the list was painted once before and once after.
        model.modelReset.connect(self.list.executeDelayedItemsLayout)
        for column in range(model.columnCount()):
            self.list.setColumnHidden(column, column != NotesModel.NOTE)
        self.list.horizontalHeader().hide()
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.verticalHeader().hide()
        show_two_lines(self.list)
        self.list.setItemDelegate(NoteRowDelegate(self.list))
        self.list.setShowGrid(False)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName("Notes in view")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.editor = NoteEditor(self)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(6, 6, 6, 0)
        self._heading_box = HeadingBox(self.heading, top)
        top_layout.addWidget(self._heading_box)
        top_layout.addWidget(self.list)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(6, 0, 6, 6)
        bottom_layout.addWidget(self.editor)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([220, 380])
        self.setWidget(splitter)
        self.list.clicked.connect(self._activated)
        self.list.activated.connect(self._activated)

    def set_heading(self, text: str) -> None:
        self._heading_box.set_text(text)

    def select_note(self, note_id: int) -> None:
        row = self.model.row_of(note_id)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row, NotesModel.NOTE))

    def _activated(self, index: QModelIndex) -> None:
        self.note_activated.emit(self.model.note_id(index.row()))
