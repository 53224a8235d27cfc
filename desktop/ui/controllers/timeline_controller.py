"""Connects the Timeline tab and the answers' event marks to the timeline service."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRectF, QSettings, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDialog, QFileDialog

from db.records import EventFields, StudySetRecord
from desktop.content.timeline import FoundYear, Mention
from desktop.services.changes import Changes
from desktop.services.timeline import TimelineService
from desktop.services.timeline_data import StudyTimeline, user_event_key
from desktop.summary.files import safe_file_name
from desktop.ui.dialogs import messages
from desktop.ui.main_window import MainWindow
from desktop.ui.timeline.event_dialog import EventDialog

if TYPE_CHECKING:
    from desktop.ui.reading.answer_tab import AnswerTab


class TimelineController(QObject):
    def __init__(self, window: MainWindow, service: TimelineService, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self._settings = settings
        self.timeline: StudyTimeline | None = None
        tab = window.timeline_tab
        tab.add_requested.connect(self.add_event)
        tab.edit_requested.connect(self.edit_event)
        tab.delete_requested.connect(self.delete_event)
        tab.export_requested.connect(self.export)
        tab.suggestion_accepted.connect(self.accept_found)
        tab.suggestion_dismissed.connect(self.dismiss_found)
        window.study_set_shown.connect(self._study_set_shown)
        window.answer_data_wanted.connect(self._mark_answer_tab)
        # Filled as it is being shown (before it is laid out and painted): filled after
        # currentChanged, its layout moved the view under the paint (test_timeline's axis).
        window.timeline_tab.installEventFilter(self)
        service.runner.changed.connect(self._changed)
        self._marked: tuple[object, object] | None = None  # event marks the answers show
        # The timeline of a study set is worked out when it is first needed — the Timeline
        # tab shown, or an answer tab built (its event marks) — not on every switch of set.
        # The record (not its id: each showing of a set is a new record, and its timeline is
        # worked out again) self.timeline is of.
        self._loaded_for: StudySetRecord | None = None
        self._tab_stale = True  # the Timeline tab shows another set's or an older timeline
        self._fit_pending = True  # a new set's timeline is shown whole the first time
        if window.study_set is not None:
            self._study_set_shown()

    def _changed(self, changes: Changes) -> None:
        if changes.events:
            self.refresh()

    def _study_set_shown(self) -> None:
        self._marked = None  # new answers in the tabs: they have no marks yet
        self._loaded_for = None
        self._tab_stale = self._fit_pending = True
        self._show_if_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Show and self._tab_stale:
            self._show_in_tab()
        return False

    def _timeline_tab_is_current(self) -> bool:
        return self.window.tabs.currentWidget() is self.window.timeline_tab

    def _show_if_current(self) -> None:
        if self._tab_stale and self._timeline_tab_is_current():
            self._show_in_tab()

    def _show_in_tab(self) -> None:
        if self._load() is None:
            return
        assert self.timeline is not None
        self._tab_stale = False
        self.window.timeline_tab.set_timeline(self.timeline)
        if self._fit_pending:
            self._fit_pending = False
            self.window.timeline_tab.view.fit_all()

    def _load(self) -> StudyTimeline | None:
        """The shown set's timeline, worked out if it is not yet (or changed since)."""
        record = self.window.study_set
        if record is None:
            return None
        if self._loaded_for is not record or self.timeline is None:
            self.timeline = self.service.timeline(record)
            self._loaded_for = record
            if self.timeline.problem:
                self.window.statusBar().showMessage(
                    f"Curated timeline not loaded: {self.timeline.problem}"
                )
        return self.timeline

    def _answer_marks(self, timeline: StudyTimeline) -> tuple[list[Mention], dict[str, str]]:
        titles = {e.key: f"{e.title} ({e.when()})" for e in timeline.events}
        mentions = [m for ms in timeline.mentions.by_event.values() for m in ms]
        return mentions, titles

    def _mark_answer_tab(self, tab: AnswerTab) -> None:
        """An answer tab about to be built for the first time: its event mentions."""
        timeline = self._load()
        if timeline is not None:
            mentions, titles = self._answer_marks(timeline)
            self._marked = (mentions, titles)
            tab.set_event_mentions(mentions, titles)

    def refresh(self) -> None:
        """The events changed: the timeline again, in the tab if it is shown (else when it
        is next), and the event marks of the answer tabs built so far."""
        self._loaded_for = None
        timeline = self._load()
        if timeline is None:
            return
        self._tab_stale = True
        self._show_if_current()
        mentions, titles = self._answer_marks(timeline)
        # Re-marking rebuilds an answer's document: only when the marks really differ (a new
        # event of the student's own mentions nothing in the answers).
        if self._marked != (mentions, titles):
            self._marked = (mentions, titles)
            for tab in self.window.answer_tabs():
                if not tab.data_pending:  # the others ask when they are built
                    tab.set_event_mentions(mentions, titles)

    def _ask(self, fields: EventFields | None) -> EventFields | None:
        timeline = self._load()
        categories = timeline.category_choices if timeline else {}
        dialog = EventDialog(categories, fields, self.window)
        return dialog.fields() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def add_event(self) -> None:
        record = self.window.study_set
        fields = self._ask(None) if record else None
        if record is not None and fields is not None:
            event_id = self.service.add_event(record.id, fields)
            if event_id is not None:
                self.window.timeline_tab.select(user_event_key(event_id))

    def _own_event(self, key: str):  # type: ignore[no-untyped-def]
        timeline = self._load()
        event = timeline.event(key) if timeline else None
        return event if event is not None and event.record_id is not None else None

    def edit_event(self, key: str) -> None:
        event = self._own_event(key)
        if event is None:
            return
        old = EventFields(
            event.title,
            event.start.iso(),
            event.end.iso() if event.end else None,
            event.precision,
            event.category,
            event.description,
        )
        new = self._ask(old)
        if new is not None:
            self.service.edit_event(event.record_id, old, new)

    def delete_event(self, key: str) -> None:
        event = self._own_event(key)
        if event is not None:
            self.service.delete_event(event.record_id)

    def accept_found(self, found: FoundYear) -> None:
        """The student checks the title and picks the lane (category) before it is added."""
        record = self.window.study_set
        timeline = self._load()
        if record is None or timeline is None:
            return
        categories = timeline.category_choices
        fields = self.service.found_fields(found, next(iter(categories), "politics"))
        dialog = EventDialog(categories, fields, self.window)
        dialog.setWindowTitle(f"Add {found.year} to the Timeline")
        dialog.start.setReadOnly(True)  # the year found in the text
        dialog.category.setFocus()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        event_id = self.service.accept_found(record.id, found, dialog.fields())
        if event_id is not None:
            self.window.timeline_tab.select(user_event_key(event_id))

    def dismiss_found(self, found: FoundYear) -> None:
        if self.window.study_set is not None:
            self.service.dismiss_found(self.window.study_set.id, found)

    def export(self, kind: str, whole: bool = True) -> None:
        """The whole timeline (every lane, the full range), or as shown, to PNG or SVG."""
        record = self.window.study_set
        if record is None:
            return
        folder = str(self._settings.value("timeline/folder", str(Path.home())))
        suggested = str(Path(folder) / safe_file_name(f"Timeline {record.title}", kind))
        name, _filter = QFileDialog.getSaveFileName(
            self.window,
            f"Export {'Whole Timeline' if whole else 'Timeline as Shown'} as {kind.upper()}",
            suggested,
            f"{kind.upper()} (*.{kind})",
        )
        if not name:
            return
        if self._tab_stale:  # exported from elsewhere than the tab: what it would show
            self._show_in_tab()
        self._settings.setValue("timeline/folder", str(Path(name).parent))
        view = self.window.timeline_tab.view
        source = view.whole_timeline() if whole else view
        try:
            export_view(source, Path(name), kind)
        except OSError as exc:
            messages.show_error(self.window, "Timeline not exported", str(exc))
            return
        finally:
            if source is not view:
                source.close()
                source.deleteLater()
        self.window.statusBar().showMessage(f"Saved {name}", 8000)


def export_view(view, path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    """What ``view`` shows (the timeline as the user sees it, or a whole-timeline copy),
    to PNG or SVG."""
    if kind == "png":
        if not view.viewport().grab().save(str(path), "PNG"):
            raise OSError(f"Cannot write {path}")
        return
    from PySide6.QtSvg import QSvgGenerator

    size = view.viewport().size()
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(size.width(), size.height()))
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle("Study Desk timeline")
    painter = QPainter(generator)
    view.render(painter)
    painter.end()
    if not path.is_file():
        raise OSError(f"Cannot write {path}")
