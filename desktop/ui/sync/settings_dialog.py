"""File › Sync Settings…: the server's address, the user, the password, automatic sync."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class SyncSettingsDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        server_url: str,
        automatic: bool,
        keyring_available: bool,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sync Settings")
        self.setObjectName("syncSettings")
        self.server = QLineEdit(server_url)
        self.server.setObjectName("syncServer")
        self.server.setPlaceholderText("postgresql://you@server.school.example/studydesk")
        self.password = QLineEdit()
        self.password.setObjectName("syncPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("unchanged" if server_url else "")
        self.automatic = QCheckBox("Sync every few minutes and when quitting")
        self.automatic.setChecked(automatic)
        where = (
            "The password is kept in your system keyring."
            if keyring_available
            else "There is no system keyring here: the password is kept only until you quit "
            "(or set PGPASSWORD or ~/.pgpass)."
        )
        note = QLabel(
            "Your notes, highlights, events, drafts, courses and reviews are synced with this "
            "PostgreSQL server. A server other than this computer needs TLS. " + where
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Server:", self.server)
        form.addRow("&Password:", self.password)
        form.addRow("", self.automatic)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def values(self) -> tuple[str, str, bool]:
        """(server URL, password typed or "", automatic)"""
        return self.server.text().strip(), self.password.text(), self.automatic.isChecked()
