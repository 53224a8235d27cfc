"""Sync in the window, set up by one call from app.py (``install_sync``):

- File › Sync Settings… and File › Sync Now (Ctrl+Shift+S), put in the File menu above Quit;
- a status-bar label: "Synced 2 min ago", "Syncing…", "Offline — will sync", or the reason;
- when a server is set: a sync shortly after start, every few minutes, and when quitting;
- after a sync that brought anything, the views refresh (``ChangeRunner.announce``) and open
  notes and the draft reload their text, as after restoring a backup.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from desktop.services.changes import EVERYTHING, ChangeRunner
from desktop.services.sync_runner import (
    AUTO_INTERVAL_MS,
    SyncRunner,
    checked_server_url,
    report_changes_anything,
    synced_ago,
)

if TYPE_CHECKING:
    from desktop.services.notes import NotesService
    from desktop.services.session import StudySession
    from desktop.services.sync import SyncReport
    from desktop.ui.main_window import MainWindow

FIRST_SYNC_DELAY_MS = 3000
LABEL_REFRESH_MS = 30_000


class SyncController(QObject):
    def __init__(
        self,
        window: MainWindow,
        changes: ChangeRunner,
        notes: NotesService,
        settings: QSettings,
        library_path: Path,
        session: StudySession | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.changes, self.notes, self.session = window, changes, notes, session
        self.runner = SyncRunner(library_path, settings, self)
        self.runner.started.connect(lambda: self._show("Syncing…"))
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self._last_problem: str | None = None
        self._dialog: QObject | None = None

        self.settings_action = QAction("S&ync Settings…", self)
        self.settings_action.setStatusTip("The sync server, your password, automatic sync")
        self.settings_action.triggered.connect(self.open_settings)
        self.sync_action = QAction("Syn&c Now", self)  # &N and &P are New and Print
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.setStatusTip("Send and receive your work with the sync server")
        self.sync_action.triggered.connect(self.sync_now)
        self.publish_action = QAction("Pu&blish to Class…", self)
        self.publish_action.setStatusTip("Give the study set shown to a class you teach")
        self.publish_action.triggered.connect(lambda: self.open_publish())
        quit_action = window.menu.quit_action
        for holder in quit_action.associatedObjects():
            if isinstance(holder, QMenu):
                holder.insertAction(quit_action, self.settings_action)
                holder.insertAction(quit_action, self.sync_action)
                if session is not None:
                    holder.insertAction(quit_action, self.publish_action)
                holder.insertSeparator(quit_action)
                break

        self.label = QLabel()
        self.label.setObjectName("syncStatus")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setToolTip("File › Sync Now (Ctrl+Shift+S)")
        window.statusBar().addPermanentWidget(self.label)
        self._label_timer = QTimer(self, interval=LABEL_REFRESH_MS)
        self._label_timer.timeout.connect(self._refresh_label)
        self._label_timer.start()
        self._auto_timer = QTimer(self, interval=AUTO_INTERVAL_MS)
        self._auto_timer.timeout.connect(self._automatic_sync)
        self._auto_timer.start()
        if self.runner.automatic:
            QTimer.singleShot(FIRST_SYNC_DELAY_MS, self._automatic_sync)
        self._refresh_label()

    # --- status -------------------------------------------------------------------------------

    def _show(self, text: str) -> None:
        self.label.setText(text)

    def _refresh_label(self, finished: bool = False) -> None:
        # The worker thread may still be alive for a moment after reporting: a report
        # (``finished``) says it is done, whatever ``busy`` says.
        if self.runner.busy and not finished:
            return
        if self._last_problem is not None:
            self._show(self._last_problem)
        elif self.runner.server_url:
            self._show(synced_ago(self.runner.last_synced))
        else:
            self._show("")

    def _finished(self, report: SyncReport) -> None:
        self._last_problem = None
        self._refresh_label(finished=True)
        if report_changes_anything(report):
            self.changes.flush()
            self.notes.texts.reload_all()
            self.changes.announce(EVERYTHING)
        if report.conflicts or report.new_versions:
            self.window.show_status(report.summary())
            self.label.setToolTip("\n".join(report.details()))

    def _failed(self, reason: str, offline: bool) -> None:
        self._last_problem = "Offline — will sync" if offline else f"Not synced: {reason}"
        self.label.setToolTip(reason)
        self._refresh_label(finished=True)

    # --- actions ------------------------------------------------------------------------------

    def sync_now(self) -> None:
        if not self.runner.server_url:
            self.open_settings()
            return
        self.changes.flush()  # what was just typed goes too
        self.runner.sync_now()

    def _automatic_sync(self) -> None:
        if self.runner.automatic and not self.runner.busy:
            self.sync_now()

    def open_settings(self) -> None:
        from desktop.services.sync import SyncRefused
        from desktop.services.sync_credentials import keyring_available, store_password
        from desktop.ui.dialogs import messages
        from desktop.ui.sync.settings_dialog import SyncSettingsDialog

        dialog = SyncSettingsDialog(
            self.window, self.runner.server_url or "", self.runner.automatic, keyring_available()
        )
        self._dialog = dialog

        def save() -> None:
            url, password, automatic = dialog.values()
            try:
                clean_url, written = checked_server_url(url)
            except SyncRefused as error:
                messages.show_error(self.window, "Sync Settings", str(error))
                return
            password = password or written or ""
            self.runner.configure(clean_url, automatic)
            if password:
                self.runner.session_password = password
                store_password(clean_url, password)
            self.sync_now()

        dialog.accepted.connect(save)
        dialog.open()

    def open_publish(self, study_set_id: int | None = None) -> None:
        """Asks the server which classes this user teaches, then publishes the set (the one
        shown when none is given: File › Publish to Class…; the Library's Share menu gives
        one), the dialog over the window it was asked from."""
        from desktop.services.sync import SyncRefused
        from desktop.services.sync_publish import classes_taught
        from desktop.ui.dialogs import messages
        from desktop.ui.sync.publish_dialog import PublishDialog

        if self.session is None:
            return
        study_set_id = self.session.current_id if study_set_id is None else study_set_id
        if study_set_id is None:
            return
        if not self.runner.server_url:
            self.open_settings()
            return
        parent = QApplication.activeWindow() or self.window
        try:
            classes = classes_taught(
                self.runner.library_path, self.runner.server_url, self.runner.password()
            )
        except SyncRefused as error:
            messages.show_error(parent, "Publish to Class", str(error))
            return
        if not classes:
            messages.show_info(
                parent,
                "Publish to Class",
                "You teach no class on this server: a teacher publishes to their classes "
                "(the administrator adds them with studydesk server add-user --teacher).",
            )
            return
        record = self.session.library.load_study_set(study_set_id)
        title = record.title if record is not None else str(study_set_id)
        dialog = PublishDialog(parent, title, classes)
        self._dialog = dialog
        dialog.accepted.connect(lambda: self._publish(study_set_id, dialog.chosen()))
        dialog.open()

    def _publish(self, study_set_id: int, class_name: str) -> None:
        from desktop.services.sync import SyncRefused
        from desktop.services.sync_publish import publish_to_class
        from desktop.ui.dialogs import messages

        try:
            title, version = publish_to_class(
                self.runner.library_path,
                self.runner.server_url,
                self.runner.password(),
                study_set_id,
                class_name,
            )
        except SyncRefused as error:
            messages.show_error(self.window, "Publish to Class", str(error))
            return
        self.window.show_status(f"Published “{title}” to {class_name} (version {version})")

    def sync_before_quit(self) -> None:
        """When automatic sync is on: one last sync, waited for (bounded)."""
        if not self.runner.automatic:
            return
        if not self.runner.busy:
            self.changes.flush()
            self.runner.sync_now()
        self.runner.wait()


def install_sync(
    window: MainWindow,
    changes: ChangeRunner,
    notes: NotesService,
    settings: QSettings,
    library_path: Path,
    session: StudySession | None = None,
) -> SyncController:
    return SyncController(window, changes, notes, settings, library_path, session)
