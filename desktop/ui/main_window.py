"""The main window: assembles the tabs, the notes panel and the menus, and wires them."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

# Nothing here touches the Qt namespace (Qt.AlignmentFlag…) before the first paint: the
# first use of it makes all its enums, about a tenth of the bare window's time to appear.
from PySide6.QtCore import QSettings, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from desktop import APP_NAME
from desktop.ui.layout_settle import settle_layouts_before_paint
from desktop.ui.main_menu import MainMenu
from desktop.ui.reading.links import educator_in, events_in, passage_in

if TYPE_CHECKING:
    from PySide6.QtGui import QTextDocument

    from db.records import StudySetRecord
    from desktop.models.notes_model import NotesModel
    from desktop.ui.compare.compare_tab import CompareTab
    from desktop.ui.notes.note_editor import NoteEditor
    from desktop.ui.notes.notes_panel import NotesPanel
    from desktop.ui.notes.notes_tab import NotesTab
    from desktop.ui.reading.answer_tab import AnswerTab
    from desktop.ui.reading.find_bar import FindBar
    from desktop.ui.reading.question_tab import QuestionPage
    from desktop.ui.reading.reading_view import ReadingView
    from desktop.ui.timeline.timeline_tab import TimelineTab

ZOOM_RANGE = range(-5, 21)  # steps of one point from the default size
QUESTION_TAB_KEY = "question"
NOTES_TAB_KEY = "notes"
TIMELINE_TAB_KEY = "timeline"
COMPARE_TAB_KEY = "compare"
# The Compare tabs of the sets shown just before, kept out of the tabs for a switch back: made
# anew, polished, laid out and deleted, a Compare tab cost each switch ~3 ms; kept, its page
# (built in idle moments) and the alignment it shows come back with it.
KEPT_COMPARE_TABS = 2
LINK_HINT_MS = 5000  # a link's hint times out even if the mouse never moves off it
# The current tab and the text size are written to the settings this long after they stop
# changing (and at closing), so that a crash or a kill keeps them, while flicking through
# tabs or zooming is never held up by the settings file's write (an fsync: 7-19 ms here).
SETTINGS_WRITE_DELAY_MS = 2000


def educator_tab_key(handle: str) -> str:
    return f"educator:{handle}"


class MainWindow(QMainWindow):
    import_requested = Signal()
    about_requested = Signal()
    study_set_shown = Signal()
    files_dropped = Signal(list)  # local files and folders (pathlib.Path) dropped on it
    compare_shown = Signal(object)  # the Compare tab, each time it becomes the current tab
    draft_check_requested = Signal()  # the Question tab's "Check against the educators"
    # An answer tab about to be built for a new answer (see AnswerTab.data_wanted): the
    # controllers give it its highlights, note marks and event mentions.
    answer_data_wanted = Signal(object)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main-window")
        self.setWindowTitle(APP_NAME)
        self._settings = settings
        self.study_set: StudySetRecord | None = None
        # Asked before the window closes (unsaved notes); True lets it close.
        self.close_guard: Callable[[], bool] = lambda: True

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setObjectName("tabs")
        # Centred by its markup, not setAlignment(Qt.AlignmentFlag…): see the imports.
        self.placeholder = QLabel('<p align="center">Opening your library…</p>', self.tabs)
        self.tabs.addTab(self.placeholder, "Question")
        central = QWidget(self)
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        settle_layouts_before_paint(self)
        self._retired_pages = QWidget(self)  # never shown: where removed tabs wait to be deleted
        self._retired_pages.hide()
        self.setAcceptDrops(True)
        self.question_page: QuestionPage | None = None
        self.compare_tab: QWidget | None = None  # after the educators' tabs, when 2 or more
        self._kept_compare_tabs: OrderedDict[int, CompareTab] = OrderedDict()  # by set id
        self._tab_titles: list[str] = []  # as the Go menu lists them
        # Built by build_workspace(), after the first paint.
        self.find_bar: FindBar
        self.panel_model: NotesModel
        self.notes_model: NotesModel
        self.notes_panel: NotesPanel
        self.notes_tab: NotesTab
        self.timeline_tab: TimelineTab

        self.menu = MainMenu(self)
        self.statusBar()
        self._link_hint = ""  # the "Open …'s answer" hint on show while over a link
        # The current tab; it and the zoom are written to the settings once they stop
        # changing, and on closing (_write_settings_later).
        self._current_tab_key: str | None = None
        self._settings_to_write: dict[str, object] = {}
        self._settings_writer = QTimer(self, singleShot=True)
        self._settings_writer.setInterval(SETTINGS_WRITE_DELAY_MS)
        self._settings_writer.timeout.connect(self._write_settings_now)

        self._zoom_steps = self._stored_zoom()
        self.resize(1180, 780)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

        self.menu.quit_requested.connect(self.close)
        self.menu.import_requested.connect(self.import_requested)
        self.menu.about_requested.connect(self.about_requested)
        self.menu.zoom_in_requested.connect(lambda: self.set_zoom_steps(self._zoom_steps + 1))
        self.menu.zoom_out_requested.connect(lambda: self.set_zoom_steps(self._zoom_steps - 1))
        self.menu.zoom_reset_requested.connect(lambda: self.set_zoom_steps(0))
        self.menu.tab_requested.connect(self.tabs.setCurrentIndex)
        self.menu.find_requested.connect(lambda: self.find_bar.open_on(self.current_reading_view()))
        self.tabs.currentChanged.connect(self._remember_current_tab)
        self.tabs.currentChanged.connect(lambda _index: self._clear_link_hint())

    def build_workspace(self) -> None:
        """The notes panel, the Notes and Timeline tabs and the find bar.

        Built after the first paint (app.py): importing and creating them took as long as
        the whole bare window takes to appear."""
        from PySide6.QtCore import Qt

        from desktop.models.notes_model import NotesModel
        from desktop.ui.notes.notes_panel import NotesPanel
        from desktop.ui.notes.notes_tab import NotesTab
        from desktop.ui.reading.find_bar import FindBar
        from desktop.ui.timeline.timeline_tab import TimelineTab

        self.find_bar = FindBar(self)
        self._central_layout.addWidget(self.find_bar)
        self.panel_model = NotesModel(lambda ids: {})
        self.notes_model = NotesModel(lambda ids: {})
        self.notes_panel = NotesPanel(self.panel_model, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.notes_panel)
        self.notes_tab = NotesTab(self.notes_model)
        self.timeline_tab = TimelineTab()
        self.timeline_tab.detail.link_activated.connect(self._follow_link)
        toggle = self.notes_panel.toggleViewAction()
        toggle.setText("&Notes Panel")
        toggle.setShortcut("Ctrl+Shift+L")
        self.menu.view_menu.addAction(toggle)
        state = self._settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    # --- the study set -------------------------------------------------------------------

    def show_study_set(self, record: StudySetRecord) -> None:
        """Show ``record`` in the tabs. The tabs are kept from one set to the next: the
        question page and the answer tabs are given the new set (a switch built ~10 widgets
        and deleted as many, and Qt showed and hid the stack of pages for each), and each
        page is laid out when it is first shown; the Compare tab is made anew (cheaply)."""
        self.study_set = record
        self.setWindowTitle(f"{APP_NAME} — {record.listed_title}")
        remembered = self._current_tab_key or str(
            self._settings.value("window/current_tab", QUESTION_TAB_KEY)
        )
        self.tabs.blockSignals(True)
        self._show_question_of(record)
        self._show_answers_of(record)
        self._show_compare_of(record)
        if self.tabs.indexOf(self.timeline_tab) < 0:
            self.tabs.addTab(self.timeline_tab, "Timeline")
            self.tabs.addTab(self.notes_tab, "Notes")
        self.tabs.blockSignals(False)
        titles = [self.tabs.tabText(i) for i in range(self.tabs.count())]
        if titles != self._tab_titles:
            self._tab_titles = titles
            self.menu.set_tab_titles(titles)
        self.tabs.setCurrentIndex(max(0, self.tab_index(remembered)))
        self.study_set_shown.emit()

    def rename_shown_set(self, listed_title: str) -> None:
        """The set shown was renamed in the Library (or the rename undone)."""
        import dataclasses

        record = self.study_set
        if record is None or record.listed_title == listed_title:
            return
        display_title = None if listed_title == record.title else listed_title
        self.study_set = dataclasses.replace(record, display_title=display_title)
        self.setWindowTitle(f"{APP_NAME} — {listed_title}")

    def _show_question_of(self, record: StudySetRecord) -> None:
        from desktop.ui.reading.question_tab import QuestionPage

        if self.question_page is not None:
            self.question_page.show_study_set(record)
            return
        self.question_page = QuestionPage(record)
        self.question_page.draft_check.check_requested.connect(self.draft_check_requested)
        self.question_page.draft_check.link_activated.connect(self._follow_link)
        self.tabs.insertTab(0, self.question_page, "Question")
        self._new_reading_view(self.question_page.question)
        self._retire_tab(self.placeholder)

    def _show_answers_of(self, record: StudySetRecord) -> None:
        """One tab per answer, after the question: the tabs there are given the new answers,
        those too many are removed, those missing are made."""
        from desktop.content.crossrefs import cross_references_of
        from desktop.ui.reading.answer_tab import AnswerTab

        kept = self.answer_tabs()
        educators = tuple(answer.handle for answer in record.answers)
        for number, answer in enumerate(record.answers):
            texts = tuple(passage.text for passage in answer.passages)
            # Found when the tab is first built: most switches open none of the answers.
            references = partial(cross_references_of, texts, answer.handle, educators)
            index = 1 + number
            if number < len(kept):
                kept[number].show_answer(answer, references)
                self.tabs.setTabText(index, answer.handle)
            else:
                tab = AnswerTab(answer, references)
                tab.data_wanted.connect(self.answer_data_wanted)
                self._new_reading_view(tab)
                self.tabs.insertTab(index, tab, answer.handle)
            self.tabs.setTabToolTip(index, f"The answer by {answer.handle}")
        for tab in kept[len(record.answers) :]:
            self._retire_tab(tab)

    def _show_compare_of(self, record: StudySetRecord) -> None:
        """The Compare tab, after the answers when there are two or more: the set's own (its
        controller attaches to each), the one kept if the set was shown just before; it
        stays the current tab if it was."""
        old, self.compare_tab = self.compare_tab, None
        if old is not None and getattr(old, "record", None) == record:
            self.compare_tab = old  # the same set shown again: its tab stays where it is
            return
        if len(record.answers) >= 2:
            self.compare_tab = self._compare_tab_of(record)
            self.tabs.insertTab(1 + len(record.answers), self.compare_tab, "Compare")
        if old is not None:
            if self.tabs.currentWidget() is old and self.compare_tab is not None:
                self.tabs.setCurrentWidget(self.compare_tab)
            self._keep_compare_tab(old)

    def _compare_tab_of(self, record: StudySetRecord) -> CompareTab:
        from desktop.ui.compare.compare_tab import CompareTab

        kept = self._kept_compare_tabs.pop(record.id, None)
        if kept is not None and kept.record == record:
            kept.returned()
            return kept
        if kept is not None:  # of the set as it was (re-published since): not this one's
            kept.deleteLater()
        return CompareTab(record)

    def _keep_compare_tab(self, tab: QWidget) -> None:
        """Out of the tabs, kept for a switch back to its set; the oldest kept is deleted."""
        from desktop.ui.compare.compare_tab import CompareTab

        if not isinstance(tab, CompareTab):
            self._retire_tab(tab)
            return
        self.tabs.removeTab(self.tabs.indexOf(tab))
        tab.setParent(self._retired_pages)
        replaced = self._kept_compare_tabs.pop(tab.record.id, None)
        if replaced is not None:
            replaced.deleteLater()
        self._kept_compare_tabs[tab.record.id] = tab
        while len(self._kept_compare_tabs) > KEPT_COMPARE_TABS:
            self._kept_compare_tabs.popitem(last=False)[1].deleteLater()

    def _retire_tab(self, page: QWidget) -> None:
        """Remove a tab and delete its page once the event loop gets to it. The page is moved
        out of the tab widget first: a hidden page deleted there still repainted the whole
        tab area (the page shown, its scroll bars, the tab bar) a pass after the switch
        that removed it."""
        self.tabs.removeTab(self.tabs.indexOf(page))
        page.setParent(self._retired_pages)
        page.deleteLater()

    def _new_reading_view(self, view: ReadingView) -> None:
        view.link_activated.connect(self._follow_link)
        view.highlighted.connect(self._show_link_hint)
        view.set_point_size(self.reading_point_size)

    @property
    def question_view(self) -> ReadingView | None:
        return None if self.question_page is None else self.question_page.question

    def answer_tabs(self) -> list[AnswerTab]:
        from desktop.ui.reading.answer_tab import AnswerTab

        widgets = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [widget for widget in widgets if isinstance(widget, AnswerTab)]

    def reading_views(self) -> list[ReadingView]:
        views: list[ReadingView] = [self.question_view] if self.question_view else []
        return views + list(self.answer_tabs())

    def current_answer_tab(self) -> AnswerTab | None:
        from desktop.ui.reading.answer_tab import AnswerTab

        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, AnswerTab) else None

    def question_is_current(self) -> bool:
        return self.question_page is not None and self.tabs.currentWidget() is self.question_page

    def show_question(self) -> None:
        if self.question_page is not None:
            self.tabs.setCurrentWidget(self.question_page)

    def show_tab(self, page: QWidget) -> None:
        self.tabs.setCurrentWidget(page)

    def show_draft(self, document: QTextDocument) -> None:
        """The Question tab's My answer edits ``document``, the draft's one shared text."""
        if self.question_page is not None:
            self.question_page.draft.set_document(document)

    def draft_text(self) -> str:
        """What the Question tab's My answer holds now ("" before a study set is shown)."""
        return "" if self.question_page is None else self.question_page.draft.text()

    def select_in_draft(self, start: int, end: int) -> None:
        """Show My answer being edited with characters ``start``–``end`` of its text selected
        (Python offsets; the editor counts UTF-16 units, which differ past U+FFFF)."""
        from PySide6.QtGui import QTextCursor

        if self.question_page is None:
            return
        self.show_question()
        draft = self.question_page.draft
        text = draft.text()
        cursor = draft.editor.textCursor()
        cursor.setPosition(len(text[:start].encode("utf-16-le")) // 2)
        cursor.setPosition(
            len(text[:end].encode("utf-16-le")) // 2, QTextCursor.MoveMode.KeepAnchor
        )
        draft.start_editing()
        draft.editor.setTextCursor(cursor)
        draft.editor.ensureCursorVisible()

    def note_editors(self) -> tuple[NoteEditor, NoteEditor]:
        """The Notes panel's editor and the Notes tab's: both may show the same note."""
        return (self.notes_panel.editor, self.notes_tab.editor)

    def current_reading_view(self) -> ReadingView | None:
        from desktop.ui.reading.answer_tab import AnswerTab

        widget = self.tabs.currentWidget()
        if isinstance(widget, AnswerTab):
            return widget
        if widget is self.question_page:
            return self.question_view
        return None

    def tab_key(self, index: int) -> str:
        from desktop.ui.reading.answer_tab import AnswerTab

        widget = self.tabs.widget(index)
        if isinstance(widget, AnswerTab):
            return educator_tab_key(widget.answer.handle)
        if widget is self.timeline_tab:
            return TIMELINE_TAB_KEY
        if widget is not None and widget is self.compare_tab:
            return COMPARE_TAB_KEY
        return NOTES_TAB_KEY if widget is self.notes_tab else QUESTION_TAB_KEY

    def tab_index(self, key: str) -> int:
        return next((i for i in range(self.tabs.count()) if self.tab_key(i) == key), -1)

    def show_educator(self, handle: str) -> AnswerTab | None:
        from desktop.ui.reading.answer_tab import AnswerTab

        index = self.tab_index(educator_tab_key(handle))
        if index < 0:
            return None
        self.tabs.setCurrentIndex(index)
        widget = self.tabs.widget(index)
        return widget if isinstance(widget, AnswerTab) else None

    def answer_tab_of(self, answer_id: int) -> AnswerTab | None:
        return next((tab for tab in self.answer_tabs() if tab.answer.id == answer_id), None)

    def _follow_link(self, url: QUrl) -> None:
        handle = educator_in(url)
        if handle is not None:
            self.show_educator(handle)
        passage = passage_in(url)
        if passage is not None:
            handle, number, start, end = passage
            tab = self.show_educator(handle)
            if tab is not None:
                tab.show_passage(number, start, end)
        keys = events_in(url)
        if keys:
            self.show_event(keys[0])

    def show_event(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.timeline_tab)
        self.timeline_tab.select(key)

    def _show_link_hint(self, url: QUrl) -> None:
        handle = educator_in(url)
        if not handle:  # off the link: its hint goes, any other message stays
            self._clear_link_hint()
            return
        self._link_hint = f"Open {handle}'s answer"
        self.statusBar().showMessage(self._link_hint, LINK_HINT_MS)

    def _clear_link_hint(self) -> None:
        """The link hint is gone once the mouse left the link or the tab changed (following
        the link changes it): it never stays on to describe what is no longer there."""
        if self._link_hint and self.statusBar().currentMessage() == self._link_hint:
            self.statusBar().clearMessage()
        self._link_hint = ""

    def _remember_current_tab(self, index: int) -> None:
        if index >= 0 and self.compare_tab is not None:
            if self.tabs.widget(index) is self.compare_tab:
                self.compare_shown.emit(self.compare_tab)
        if self.study_set is not None and index >= 0:
            self._current_tab_key = self.tab_key(index)
            self._write_settings_later("window/current_tab", self._current_tab_key)
        if self.find_bar.isVisible():
            self.find_bar.view = self.current_reading_view()

    def _write_settings_later(self, key: str, value: object) -> None:
        """Written (and so synced by Qt) SETTINGS_WRITE_DELAY_MS after the last change."""
        self._settings_to_write[key] = value
        self._settings_writer.start()

    def _write_settings_now(self) -> None:
        """Into the settings; Qt writes them to disk when the event loop next gets to it."""
        self._settings_writer.stop()
        for key, value in self._settings_to_write.items():
            self._settings.setValue(key, value)
        self._settings_to_write.clear()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # --- zoom ----------------------------------------------------------------------------

    def _stored_zoom(self) -> int:
        value = self._settings.value("view/zoom_steps", 0)
        if not isinstance(value, (str, int, float)):  # e.g. None or a list: not a number
            return 0
        try:
            steps = int(value)
        except ValueError:
            return 0
        return steps if steps in ZOOM_RANGE else 0

    @property
    def reading_point_size(self) -> float:
        from desktop.ui.reading.reading_view import DEFAULT_POINT_SIZE

        return DEFAULT_POINT_SIZE + self._zoom_steps

    def set_zoom_steps(self, steps: int) -> None:
        steps = min(max(steps, ZOOM_RANGE.start), ZOOM_RANGE.stop - 1)
        self._zoom_steps = steps
        self._write_settings_later("view/zoom_steps", steps)
        self._apply_zoom()
        self.statusBar().showMessage(f"Text size {self.reading_point_size:g} pt", 2000)

    def _apply_zoom(self) -> None:
        for view in self.reading_views():
            view.set_point_size(self.reading_point_size)

    # --- closing -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        dropped = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if dropped:
            event.acceptProposedAction()
            self.files_dropped.emit(dropped)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.close_guard():
            event.ignore()
            return
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._write_settings_now()
        self._settings.sync()
        super().closeEvent(event)
