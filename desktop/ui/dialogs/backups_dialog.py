"""Help › Backups: the backups of your library, newest first; restore one (reversibly); delete
one you made yourself (automatic ones are thinned out by themselves)."""

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

from db.backups import KEPT_UNTIL_DELETED, Backup, BackupError, delete_backup, list_backups
from desktop.ui.dialogs import messages

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
        self.delete_button = QPushButton("&Delete", self)
        self.delete_button.setToolTip(
            "Delete a backup you made yourself (Back Up Now or studydesk backup) or the library "
            "kept before a restore; those are kept until you delete them. Automatic backups "
            "are thinned out by themselves."
        )
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        # Enter on a chosen backup restores it (asked first), not a new backup made.
        self.backup_button.setAutoDefault(False)
        self.restore_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        self.backup_button.clicked.connect(self.backup_requested)
        self.delete_button.clicked.connect(self._delete)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    def refresh(self) -> None:
        self.backups = list_backups(self.database)
        self.model.setStringList([describe(b) for b in self.backups] or ["No backups yet."])
        self.restore_button.setEnabled(bool(self.backups))
        if self.backups:
            self.list.setCurrentIndex(self.model.index(0))
        self._update_buttons()

    def _selected(self) -> Backup | None:
        row = self.list.currentIndex().row()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def _update_buttons(self) -> None:
        selected = self._selected()
        self.delete_button.setEnabled(
            selected is not None and selected.reason in KEPT_UNTIL_DELETED
        )

    def _delete(self) -> None:
        backup = self._selected()
        if backup is None or backup.reason not in KEPT_UNTIL_DELETED:
            return
        if not messages.ask_yes_no(
            self,
            "Delete backup",
            f"Delete the backup of {describe(backup).split(' — ')[0]}? It cannot be brought back.",
        ):
            return
        try:
            delete_backup(self.database, backup)
        except BackupError as exc:
            messages.show_error(self, "Backup not deleted", str(exc))
        self.refresh()

    def _restore(self) -> None:
        backup = self._selected()
        if backup is not None:
            self.restore_requested.emit(backup)
