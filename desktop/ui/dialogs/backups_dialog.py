"""Help › Backups: the backups of your library, newest first; restore one (reversibly)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QLocale, QStringListModel, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.backups import Backup, list_backups

REASONS = {
    "startup": "at start-up",
    "timer": "while you worked",
    "manual": "made by hand",
    "pre-migration": "before an update",
    "before-restore": "before a restore",
}


def describe(backup: Backup) -> str:
    taken = backup.taken_at  # naive local time, as a local QDateTime
    moment = QDateTime(
        QDate(taken.year, taken.month, taken.day),
        QTime(taken.hour, taken.minute, taken.second, taken.microsecond // 1000),
    )
    when = QLocale().toString(moment, QLocale.FormatType.LongFormat)
    return f"{when} — {REASONS.get(backup.reason, backup.reason)}, {backup.size / 1e6:.1f} MB"


class BackupsDialog(QDialog):
    restore_requested = Signal(object)  # a Backup
    backup_requested = Signal()

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.setObjectName("backups-dialog")
        self.resize(560, 380)
        self.database = database
        self.backups: list[Backup] = []
        self.model = QStringListModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAccessibleName("Backups")
        note = QLabel(
            f"Backups are kept in {database.parent / 'backups'}. Restoring one keeps your "
            "current library aside first, so a restore can be undone by restoring that.",
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton("&Restore", self)
        self.backup_button = QPushButton("&Back Up Now", self)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        self.backup_button.clicked.connect(self.backup_requested)
        self.refresh()

    def refresh(self) -> None:
        self.backups = list_backups(self.database)
        self.model.setStringList([describe(b) for b in self.backups] or ["No backups yet."])
        self.restore_button.setEnabled(bool(self.backups))
        if self.backups:
            self.list.setCurrentIndex(self.model.index(0))

    def _restore(self) -> None:
        row = self.list.currentIndex().row()
        if 0 <= row < len(self.backups):
            self.restore_requested.emit(self.backups[row])
