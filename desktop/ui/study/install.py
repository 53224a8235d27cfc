"""Study mode's place in the window, set up by one call from app.py:

- the Study menu's actions build the study controller the first time one is used;
- the status bar shows how many cards are due (library-wide, and in the set shown);
- the shown set's cards are made again shortly after its work changes (a highlight, a note,
  an event) or it is opened, so counts and reviews follow the work.
"""

from __future__ import annotations

import importlib
import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QLabel

from desktop.services.changes import ChangeRunner, Changes

if TYPE_CHECKING:
    from desktop.services.session import StudySession
    from desktop.ui.controllers.study_controller import StudyController
    from desktop.ui.main_window import MainWindow

REGENERATE_DELAY_MS = 1500  # after the last change: typing in a note saves every second
DUE_REFRESH_MS = 60_000  # cards fall due as time passes
DUE_COUNT_DELAY_MS = 400
IMPORT_POLL_MS = 50
# The card making (and what it imports when first called: the card sources, the cards).
STUDY_CODE = ("desktop.services.study", "desktop.services.study_sources")


class StudyWiring(QObject):
    def __init__(
        self,
        window: MainWindow,
        changes: ChangeRunner,
        session: StudySession,
        settings: QSettings,
    ) -> None:
        super().__init__(window)
        self.window, self.changes, self.session, self.settings = window, changes, session, settings
        self._study_import: threading.Thread | None = None
        self._controller: StudyController | None = None
        menu = window.menu.study
        menu.review_requested.connect(lambda: self.controller().review())
        menu.cram_requested.connect(lambda: self.controller().cram())
        menu.new_card_requested.connect(lambda: self.controller().new_card())
        menu.statistics_requested.connect(lambda: self.controller().statistics())
        menu.export_anki_requested.connect(lambda: self.controller().export_anki())
        menu.preferences_requested.connect(lambda: self.controller().preferences())

        self.due_label = QLabel()
        self.due_label.setTextFormat(Qt.TextFormat.PlainText)
        self.due_label.setToolTip("Cards due now (Study › Review, Ctrl+R)")
        window.statusBar().addPermanentWidget(self.due_label)
        self._regenerate_timer = QTimer(self, singleShot=True, interval=REGENERATE_DELAY_MS)
        self._regenerate_timer.timeout.connect(self.regenerate_shown_set)
        # A rating announces a change; the count follows a moment later, off the rating's path.
        self._due_soon = QTimer(self, singleShot=True, interval=DUE_COUNT_DELAY_MS)
        self._due_soon.timeout.connect(self.refresh_due)
        self._due_timer = QTimer(self, interval=DUE_REFRESH_MS)
        self._due_timer.timeout.connect(self.refresh_due)
        self._due_timer.start()
        changes.changed.connect(self._changed)
        session.study_set_opened.connect(self._opened)
        # The count comes right after the set opened is shown (at start-up, reading it and
        # importing db.cards were a tenth of the time from first paint to ready).
        self._due_next = QTimer(self, singleShot=True, interval=0)
        self._due_next.timeout.connect(self.refresh_due)
        self._due_next.start()

    def controller(self) -> StudyController:
        if self._controller is None:
            from desktop.ui.controllers.study_controller import StudyController

            self._controller = StudyController(
                self.window, self.changes, self.session, self.settings
            )
        return self._controller

    def _opened(self, _record: object) -> None:
        # After the switch is painted, once for a burst of switches (at start-up _due_next
        # reads it at once).
        self._due_soon.start()
        self._regenerate_timer.start()

    def _changed(self, changes: Changes) -> None:
        if changes.notes or changes.note_bodies or changes.highlights or changes.events:
            self._regenerate_timer.start()
        if changes.cards or changes.study_sets:
            self._due_soon.start()

    def _study_code_loaded(self) -> bool:
        """Whether the card code is imported; the first time it is imported in a thread and
        this asks again shortly. Imported here, it held the window 30-35 ms (the Compare
        benchmark saw it as the longest stall while a set is shown)."""
        if self._study_import is None:
            self._study_import = threading.Thread(
                target=lambda: [importlib.import_module(name) for name in STUDY_CODE],
                name="import-study",
                daemon=True,
            )
            self._study_import.start()
        if self._study_import.is_alive():
            QTimer.singleShot(IMPORT_POLL_MS, self, self.regenerate_shown_set)
            return False
        return True

    def regenerate_shown_set(self) -> None:
        if not self._study_code_loaded():
            return
        from desktop.services import study
        from desktop.services.autosave import SaveError

        study_set_id = self.session.current_id
        if study_set_id is None or not self._window_open():
            return
        try:
            # Not the educator cards' first making: a review start does that (a long set's
            # key sentences would stall the window after every open).
            counts = study.regenerate(
                self.changes.write, self.changes.reader, study_set_id, educators=False
            )
        except SaveError as exc:
            self.changes.failed.emit(str(exc))
            return
        if counts.any:
            self.changes.announce(Changes(cards=True))

    def due_now(self) -> tuple[int, int | None]:
        """(cards due in the library, cards due in the set shown)."""
        from db import cards as card_db

        reader = self.changes.reader
        now = card_db.stamp(datetime.now(UTC))
        total = card_db.due_count(reader, None, now)
        shown = self.session.current_id
        return total, None if shown is None else card_db.due_count(reader, [shown], now)

    def _window_open(self) -> bool:
        """The library closes with the window: a timer that fires later does nothing."""
        return self.window.isVisible()

    def refresh_due(self) -> None:
        if not self._window_open():
            return
        total, shown = self.due_now()
        if shown is None or shown == total:
            self.due_label.setText(f"{total} due")
        else:
            self.due_label.setText(f"{shown} due here · {total} in all")


def install_study(
    window: MainWindow, changes: ChangeRunner, session: StudySession, settings: QSettings
) -> StudyWiring:
    return StudyWiring(window, changes, session, settings)
