"""Start-up: the only module that knows the order things are built in.

The window is shown and painted before the library is opened, and the library reads with
plain sqlite3: SQLAlchemy alone takes longer to import than a bare Qt window takes to appear,
so it is loaded only when something is written (or the file is new or needs a migration).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, SignalInstance
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop import APP_NAME, DESKTOP_FILE_ID, __version__
from desktop.platform import paths
from desktop.platform.resources import icon_path
from desktop.platform.single_instance import OPEN, RAISE, InstanceLock, LockState
from desktop.ui.dialogs import messages
from desktop.ui.main_window import MainWindow

if TYPE_CHECKING:  # imported when the library loads, after the window is painted
    from db.backups import Backup
    from desktop.platform.backup_scheduler import BackupScheduler
    from desktop.services.changes import ChangeRunner
    from desktop.services.library import Library
    from desktop.services.notes import NotesService
    from desktop.services.session import StudySession
    from desktop.ui.controllers.import_controller import ImportController
    from desktop.ui.dialogs.backups_dialog import BackupsDialog

# With this set, start-up milestones are printed to stderr as wall-clock times, for the
# start-up benchmark and the end-to-end test (which waits for "ready").
TRACE_ENV = "STUDYDESK_TRACE_STARTUP"
BACKGROUND_DELAY_MS = 1500
GUI_THREAD_POOL_OFF = "QT_NO_GUI_THREADPOOL"  # any value: Qt paints on the GUI thread alone


def trace(milestone: str) -> None:
    if os.environ.get(TRACE_ENV):
        print(f"studydesk-trace {milestone} {time.time():.6f}", file=sys.stderr, flush=True)


class _FirstPaintWatcher(QObject):
    """Signals once the window has painted: on its first Paint event (the window's own), or,
    watching for UpdateRequest, once the window has painted what was waiting."""

    painted = Signal()

    def __init__(self, parent: QObject, event_type: QEvent.Type = QEvent.Type.Paint) -> None:
        super().__init__(parent)
        self._event_type = event_type

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == self._event_type:
            watched.removeEventFilter(self)
            # Let this paint reach the screen before the slow work starts.
            QTimer.singleShot(0, self.painted.emit)
        return False


def _preload_orm() -> None:
    """Import the ORM in the background once the window is ready, so the first note the
    student types is not held up by it. (Imports take Python's import lock, so a write that
    comes first simply waits for the import to finish.)"""

    def load() -> None:
        import db.engine
        import db.notes  # noqa: F401

    threading.Thread(target=load, name="preload-orm", daemon=True).start()


_compare_preloaded = threading.Event()


def _preload_compare() -> None:
    """Import (and, with no bytecode cache, compile: ~8 ms here) the Compare controller and
    the answers' coverage bars in the background: the controller is then made in an idle
    moment (StudyDeskApp._prebuild_compare), the bars on first use. After the Compare tab's
    own warm-up (3 s)."""

    def load() -> None:
        try:
            import desktop.ui.compare.answer_coverage
            import desktop.ui.controllers.compare_controller  # noqa: F401
        finally:
            _compare_preloaded.set()

    threading.Thread(target=load, name="preload-compare", daemon=True).start()


class StudyDeskApp(QObject):
    """The running application: window first, then the library behind it."""

    ready = Signal()

    def __init__(self, file: Path | None = None) -> None:
        super().__init__()
        self._file = file
        self.settings = paths.open_settings()
        self.window = MainWindow(self.settings)
        # None until load() has opened the library (and None again once it is closed).
        self.session: StudySession | None = None
        self.library: Library | None = None
        self.changes: ChangeRunner | None = None
        self.notes: NotesService | None = None
        self.backups: BackupScheduler | None = None
        self.import_controller: ImportController | None = None

    def start(self) -> None:
        watcher = _FirstPaintWatcher(self)
        watcher.painted.connect(self._on_first_paint)
        self.window.installEventFilter(watcher)
        self.window.show()

    def _on_first_paint(self) -> None:
        trace("first-paint")
        # The icon after the paint: reading the SVG loads Qt's SVG plugin and library.
        self.window.setWindowIcon(QIcon(str(icon_path("studydesk.svg"))))
        self.load()

    def load(self) -> None:
        from desktop.services.library import Library
        from desktop.services.safety import check_and_recover
        from desktop.services.session import StudySession

        path = paths.database_path()
        try:
            startup = check_and_recover(path)
            if startup.retry:
                self._offer_retry(startup.message or "Your library cannot be opened just now.")
                return
            if startup.refuse:
                raise RuntimeError(startup.message)
            if startup.message:
                messages.show_error(self.window, "Your library was repaired", startup.message)
            self.library = library = Library(path)
        except Exception as exc:  # noqa: BLE001 (any failure here is reported, then we stop)
            messages.show_error(
                self.window,
                "Cannot open your library",
                f"Study Desk could not open its library at {path}:\n\n{exc}",
            )
            self._stop(1)
            return
        from desktop.services.changes import ChangeRunner
        from desktop.services.notes import NotesService
        from desktop.ui.controllers.changes_controller import ChangesController
        from desktop.ui.controllers.notes_controller import NotesController
        from desktop.ui.notes.markdown_edit import plain_text_document

        self.window.build_workspace()
        self.changes = changes = ChangeRunner(library, self)
        self.changes_controller = ChangesController(self.window, changes)
        self.notes = notes = NotesService(changes, plain_text_document, self)
        self.notes_controller = NotesController(self.window, notes, self.settings)
        from desktop.ui.controllers.print_controller import PrintController

        self.print_controller = PrintController(self.window, library, changes, self.settings)
        from desktop.services.timeline import TimelineService
        from desktop.ui.controllers.timeline_controller import TimelineController

        self.timeline = TimelineService(changes, self)
        self.timeline_controller = TimelineController(self.window, self.timeline, self.settings)
        self.session = session = StudySession(library, self.settings)
        session.study_set_opened.connect(self.window.show_study_set)
        from desktop.services.study_sets import StudySetsService
        from desktop.ui.controllers.history_controller import HistoryController

        self.study_sets = StudySetsService(changes, self)
        self.history_controller = HistoryController(self.window, session, self.study_sets)
        from desktop.ui.study.install import install_study  # its controller: on first use

        self.study = install_study(self.window, changes, session, self.settings)
        from desktop.ui.controllers.sync_controller import install_sync  # issue 14

        self.sync_controller = install_sync(
            self.window, changes, notes, self.settings, path, session
        )
        menu = self.window.menu
        # These are built when first asked for: importing them made the window ready later
        # for every student, whether or not they open the library in that session.
        _on_first_use(
            self._build_set_file_controller,
            (menu.export_study_set_requested, lambda: self.set_file_controller.export_shown_set()),
        )
        _on_first_use(
            self._build_search_controller,
            (menu.search_requested, lambda: self.search_controller.open()),
        )
        _on_first_use(
            self._build_library_controller,
            (menu.library_requested, lambda: self.library_controller.show()),
        )
        _on_first_use(
            self._build_new_set_controller,
            (menu.new_study_set_requested, lambda: self.new_set_controller.open_form()),
        )
        self._build_importer_now = _on_first_use(
            self._build_import_controller,
            (menu.import_many_requested, lambda: self._importer().choose_files()),
            (menu.import_folder_requested, lambda: self._importer().choose_folder()),
            (self.window.files_dropped, lambda paths: self._importer().import_paths(paths)),
        )
        _on_first_use(  # coverage bars beside the answers: once the student leaves the first tab
            self._build_answer_coverage, (self.window.tabs.currentChanged, lambda _index: None)
        )
        self._build_compare_now = _on_first_use(
            self._build_compare_controller,
            (self.window.compare_shown, lambda tab: self.compare_controller.show(tab)),
            (self.window.draft_check_requested, lambda: self.compare_controller.check_draft()),
        )
        session.import_refused.connect(
            lambda text: messages.show_error(self.window, "Not a study set", text)
        )
        session.import_warned.connect(
            lambda text: messages.show_info(self.window, "Imported, with a problem", text)
        )
        self.window.import_requested.connect(self.choose_and_import)
        self.window.about_requested.connect(self.show_about)
        self.window.menu.backups_requested.connect(self.show_backups)
        from desktop.platform.backup_scheduler import BackupScheduler

        self.backups = backups = BackupScheduler(path, self)
        backups.finished.connect(self.window.show_status)
        file = self._file
        if file is not None and _is_set_file(file):
            session.open_initial(None)  # then the file's set, once imported (open_file)
            QTimer.singleShot(0, self.window, lambda: self.open_file(file))
        else:
            session.open_initial(file)
        self.ready.emit()
        trace("ready")  # after what listens to ready (the hand-over channel) is set up
        if os.environ.get(TRACE_ENV):  # "shown": the set painted, as the student first sees it
            shown = _FirstPaintWatcher(self, QEvent.Type.UpdateRequest)
            shown.painted.connect(lambda: trace("shown"))
            self.window.installEventFilter(shown)
        # Background work waits until the student has had the window for a moment: an
        # import or a backup holding the interpreter would make the first clicks stutter.
        QTimer.singleShot(BACKGROUND_DELAY_MS, _preload_orm)
        QTimer.singleShot(BACKGROUND_DELAY_MS, backups.start)
        QTimer.singleShot(2 * BACKGROUND_DELAY_MS + 500, _preload_compare)
        QTimer.singleShot(2 * BACKGROUND_DELAY_MS + 1000, self.window, self._prebuild_compare)

    def _prebuild_compare(self) -> None:
        """The Compare controller, made once its code is in and before the student opens
        the tab: made on first use, it took ~4 ms of the turn that shows the tab."""
        if not _compare_preloaded.is_set():
            QTimer.singleShot(100, self.window, self._prebuild_compare)  # none once it is gone
        elif self.window.isVisible():  # not after quitting
            self._build_compare_now()

    def _build_set_file_controller(self) -> None:
        from desktop.ui.controllers.set_file_controller import SetFileController

        assert self.library is not None and self.changes is not None
        self.set_file_controller = SetFileController(
            self.window, self.library, self.changes, self.settings
        )

    def _build_search_controller(self) -> None:
        from desktop.ui.controllers.search_controller import SearchController

        assert self.session is not None
        self.search_controller = SearchController(
            self.window, self.notes_controller, self.session, self.study_sets, self.settings
        )

    def _build_library_controller(self) -> None:
        from desktop.ui.controllers.library_controller import LibraryController

        assert self.session is not None
        self.library_controller = LibraryController(self.window, self.study_sets, self.session)
        self.library_controller.publish_requested.connect(self.sync_controller.open_publish)

    def _build_new_set_controller(self) -> None:
        from desktop.ui.controllers.new_set_controller import NewSetController

        assert self.session is not None
        self.new_set_controller = NewSetController(self.window, self.session)

    def _build_answer_coverage(self) -> None:
        from desktop.ui.compare.answer_coverage import AnswerCoverage

        assert self.changes is not None
        self.answer_coverage = AnswerCoverage(self.window, self.changes)

    def _build_compare_controller(self) -> None:
        from desktop.ui.controllers.compare_controller import CompareController

        assert self.changes is not None
        self.compare_controller = CompareController(self.window, self.changes)

    def _build_import_controller(self) -> None:
        from desktop.ui.controllers.import_controller import ImportController

        assert self.session is not None and self.changes is not None
        self.import_controller = ImportController(
            self.window, self.session, self.changes, paths.database_path()
        )

    def _importer(self) -> ImportController:
        self._build_importer_now()
        assert self.import_controller is not None
        return self.import_controller

    def open_file(self, path: Path) -> None:
        """A file the student opened (Ctrl+O, ``studydesk FILE``, a second start given one):
        a study set's text, or a .studydesk file of one with the student's work, which is
        imported as Import Study Sets… imports it (the work added, then the set shown)."""
        if _is_set_file(path):
            self._importer().import_paths([path])
        elif self.session is not None:
            self.session.import_path(path)

    def _offer_retry(self, message: str) -> None:
        """The library is fine but cannot be opened now (another program holds it, or it
        cannot be read): nothing was moved. Try again when the student says so, or stop."""
        if messages.ask_yes_no(self.window, "Library not available", f"{message}\n\nTry again?"):
            QTimer.singleShot(0, self.load)
        else:
            self._stop(1)

    def _stop(self, code: int) -> None:
        self.window.close_guard = lambda: True
        QTimer.singleShot(0, lambda: QApplication.exit(code))

    def choose_and_import(self) -> None:
        from desktop.services.importer import STUDYDESK_SUFFIX

        name, _filter = QFileDialog.getOpenFileName(
            self.window,
            "Import Study Set",
            str(Path.home()),
            f"Study sets (*.txt *{STUDYDESK_SUFFIX});;All files (*)",
        )
        if name:
            self.open_file(Path(name))

    def handle_message(self, message: str) -> None:
        """From a second start: show the window, and open the file it was given."""
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        if message.startswith(OPEN):
            self.open_file(Path(message[len(OPEN) :]))

    def show_backups(self) -> None:
        from desktop.ui.dialogs.backups_dialog import BackupsDialog

        dialog = BackupsDialog(paths.database_path(), self.window)
        dialog.restore_requested.connect(lambda backup: self.restore_backup(backup, dialog))
        dialog.backup_requested.connect(lambda: self.back_up_now(dialog))
        self.backups_dialog = dialog
        dialog.open()

    def back_up_now(self, dialog: BackupsDialog) -> None:
        from db.backups import BackupError, make_backup

        if self.changes is not None:
            self.changes.flush()
        try:
            made = make_backup(paths.database_path(), "manual")
        except BackupError as exc:
            messages.show_error(self.window, "Backup failed", str(exc))
        else:
            self.window.show_status(f"Backed up your library ({made.path.name})")
        dialog.refresh()

    def restore_backup(self, backup: Backup, dialog: BackupsDialog) -> None:
        """Put a backup in place of the library; the current one is kept aside first."""
        from db.backups import BackupError, restore

        if self.library is None or self.changes is None or self.session is None:
            return
        when = f"{backup.taken_at:%d %B %Y at %H:%M}"
        if not messages.ask_yes_no(
            self.window,
            "Restore backup",
            f"Replace your library with the backup from {when}? Your current library is kept "
            "aside, so this can be undone by restoring it.",
        ):
            return
        if not self.changes.flush():
            messages.show_error(
                self.window,
                "Backup not restored",
                "Your last changes could not be saved (see the status bar), and restoring now "
                "would lose them. Nothing was restored; try again once they are saved.",
            )
            return
        self.session.save_bookkeeping()  # into the library put aside, not the restored one
        self.library.close()
        try:
            aside = restore(paths.database_path(), backup)
        except (BackupError, OSError) as exc:
            messages.show_error(self.window, "Restore failed", str(exc))
            aside = None
        self.library.reopen()
        self.changes.undo_stack.clear()
        if self.notes is not None:
            self.notes.texts.reload_all()  # open notes and the draft show the restored text
        self.session.open_initial(None)
        from desktop.services.changes import EVERYTHING

        self.changes.announce(EVERYTHING)  # what the views keep was read from the other file
        dialog.refresh()
        if aside is not None:
            messages.show_info(
                self.window,
                "Backup restored",
                f"Your library is now the backup from {when}. The library you had is kept "
                f"at {aside}.",
            )

    def show_about(self) -> None:
        messages.show_info(
            self.window,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nYour library and notes are kept in\n"
            f"{paths.database_path()}",
        )

    def shutdown(self) -> None:
        if getattr(self, "sync_controller", None) is not None:
            self.sync_controller.sync_before_quit()  # when automatic sync is on
        if self.import_controller is not None:
            self.import_controller.shutdown()  # stops before its next file, and waits
        if self.backups is not None:
            self.backups.wait()
        compare_worker = sys.modules.get("desktop.services.compare_worker")
        if compare_worker is not None:  # only if Compare (or a coverage bar) was ever used
            compare_worker.shut_down_helper_process()
        if self.session is not None:
            self.session.save_bookkeeping()  # the sets opened last, the one to reopen
        if self.changes is not None:
            self.changes.flush()
        if self.library is not None:
            self.library.close()
            self.library = None
            from desktop.services.safety import note_clean_close

            note_clean_close(paths.database_path())  # the next start need not read it all


Route = tuple[SignalInstance, Callable[..., object]]


def _is_set_file(path: Path) -> bool:
    """A .studydesk file (a set with the student's work), not a study set's text."""
    from desktop.services.importer import STUDYDESK_SUFFIX  # not before the first paint

    return path.name.lower().endswith(STUDYDESK_SUFFIX)


def _on_first_use(build: Callable[[], None], *routes: Route) -> Callable[[], None]:
    """The first time a route's signal fires, run ``build`` (which connects the signals
    itself from then on) and hand that first emission to the route's slot. Returns a
    function that builds it now, ahead of use (nothing if it is built already)."""
    built: list[bool] = []

    def build_now() -> None:
        if not built:
            built.append(True)
            for (trigger, _deliver), handler in zip(routes, handlers, strict=True):
                trigger.disconnect(handler)
            build()

    def handler_for(deliver: Callable[..., object]) -> Callable[..., None]:
        def first(*args: object) -> None:
            build_now()
            deliver(*args)

        return first

    handlers = [handler_for(deliver) for _trigger, deliver in routes]
    for (trigger, _deliver), handler in zip(routes, handlers, strict=True):
        trigger.connect(handler)
    return build_now


def create_qapplication(argv: list[str]) -> QApplication:
    paths.set_application_identity()
    # Qt's raster painter hands fills and image conversions over to a pool of threads. For
    # paints the size of a window the hand-over costs more than it saves: measured here (2
    # cores), a scroll bar's paint took 1.2 ms with the pool and 0.27 ms without, the whole
    # window's 7.3 ms against 3.5-4.5 ms, wall time as well as CPU. Read when the pool is
    # first wanted, so set before the application exists.
    os.environ.setdefault(GUI_THREAD_POOL_OFF, "1")
    app = QApplication(argv)
    app.setDesktopFileName(DESKTOP_FILE_ID)
    return app


def _quit_on_terminate_signals(app: QApplication, window: MainWindow) -> QTimer:
    """SIGTERM/SIGINT close the window as Ctrl+Q would, so state is saved.

    Python runs signal handlers only between bytecodes, so a timer wakes the interpreter.
    """
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: window.close())
    timer = QTimer(app)
    timer.start(250)
    timer.timeout.connect(lambda: None)
    return timer


def _hand_over(lock: InstanceLock, file: Path | None) -> int:
    """Another Study Desk runs on this library: let it show the file, and stop."""
    message = f"{OPEN}{file.resolve()}" if file is not None else RAISE
    if lock.send(message):
        handed = f" and opens {file}" if file is not None else ""
        print(f"Study Desk is already running; its window was brought to the front{handed}.")
        return 0
    not_opened = f"{file} was not opened; " if file is not None else ""
    print(
        f"studydesk: another Study Desk holds {lock.lock_path} but did not answer; "
        f"{not_opened}close it (or end its process) and try again.",
        file=sys.stderr,
    )
    return 1


def _open_hand_over_channel(lock: InstanceLock, desk: StudyDeskApp) -> None:
    """Second starts can hand over their file; if that cannot be set up, run on without."""
    if lock.listen(desk.handle_message):
        return
    text = f"Another start of Study Desk cannot hand its file to this window ({lock.problem})."
    print(f"studydesk: {text}", file=sys.stderr)
    QTimer.singleShot(0, lambda: desk.window.show_status(text))


def _is_read_only(folder: Path) -> bool:
    return folder.exists() and not os.access(folder, os.W_OK)


def run_gui(file: Path | None) -> int:
    trace("process-main")
    paths.set_application_identity()
    lock = InstanceLock(paths.data_dir())
    # A read-only data folder comes first: no lock can be made there, and the library is
    # refused with its own message when it loads (nothing is written, so no lock is needed).
    state = None if _is_read_only(lock.data_dir) else lock.acquire()
    if state is LockState.HELD_ELSEWHERE:
        return _hand_over(lock, file)
    app = create_qapplication(sys.argv[:1])
    if state is LockState.UNAVAILABLE:
        text = (
            f"Study Desk could not start: it {lock.problem}. It needs to write to "
            f"{lock.data_dir} to keep your library safe. Make sure that folder (and your home "
            "folder) can be written to and the disk is not full, then start Study Desk again."
        )
        print(f"studydesk: {text}", file=sys.stderr)
        messages.show_error(None, "Cannot start Study Desk", text)
        return 1
    desk = StudyDeskApp(file)
    if state is LockState.ACQUIRED:
        # Listened for once the window is ready: a second start keeps trying for a few
        # seconds, and the network module is not loaded before the first paint.
        desk.ready.connect(lambda: _open_hand_over_channel(lock, desk))
        app.aboutToQuit.connect(lock.release)
    app.aboutToQuit.connect(desk.shutdown)
    _quit_on_terminate_signals(app, desk.window)
    desk.start()
    return app.exec()
