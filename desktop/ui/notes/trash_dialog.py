"""Edit › Trash: deleted notes with when each was deleted, to restore, or to delete for good
(Empty Trash, after asking)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.notes_model import NotesModel
from desktop.ui.dialogs import messages


class TrashDialog(QDialog):
    restore_requested = Signal(int)  # note id
    empty_requested = Signal()  # the student said yes: delete every note in the trash for good

    def __init__(self, model: NotesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trash")
        self.setObjectName("trash-dialog")
        self.resize(640, 360)
        self.model = model
        self.explanation = QLabel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control
        self.table.setModel(model)
        self.table.setAccessibleName("Deleted notes")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            NotesModel.NOTE, QHeaderView.ResizeMode.Stretch
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton("&Restore", self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.empty_button = QPushButton("&Empty Trash…", self)
        self.empty_button.setToolTip("Delete every note in the trash for good")
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore_selected)
        self.empty_button.clicked.connect(self._empty)
        model.modelReset.connect(self._update)
        self._update()

    def _update(self) -> None:
        count = self.model.rowCount()
        self.explanation.setText(
            f"{count} deleted note{'s' if count != 1 else ''}. Restore puts a note back where "
            "it was."
            if count
            else "The trash is empty."
        )
        self.restore_button.setEnabled(count > 0)
        self.empty_button.setEnabled(count > 0)
        if count:
            self.table.selectRow(0)

    def _restore_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        for row in sorted(rows):
            self.restore_requested.emit(self.model.note_id(row))

    def _empty(self) -> None:
        count = self.model.rowCount()
        if not count:
            return
        notes = "this note" if count == 1 else f"these {count} notes"
        if messages.ask_yes_no(
            self,
            "Empty Trash",
            f"Delete {notes} for good? They cannot be restored, and Edit › Undo cannot "
            "bring them back.",
        ):
            self.empty_requested.emit()
