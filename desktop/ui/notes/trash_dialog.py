"""Edit › Trash: deleted notes, to look at and restore."""

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


class TrashDialog(QDialog):
    restore_requested = Signal(int)  # note id

    def __init__(self, model: NotesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trash")
        self.setObjectName("trash-dialog")
        self.resize(640, 360)
        self.model = model
        self.explanation = QLabel(self)
        self.table = QTableView(self)
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore_selected)
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
        if count:
            self.table.selectRow(0)

    def _restore_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        for row in sorted(rows):
            self.restore_requested.emit(self.model.note_id(row))
