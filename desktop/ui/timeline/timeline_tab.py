"""The Timeline tab: toolbar, found-event suggestions, the axis, the table and the detail."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.content.timeline import Event, FoundYear, Mention
from desktop.models.events_model import KEY_ROLE, ORIGIN_LABELS, SORT_ROLE, EventsModel
from desktop.services.timeline_data import StudyTimeline
from desktop.ui.column_room import ColumnRoom
from desktop.ui.reading.links import passage_url
from desktop.ui.reading.reading_view import ReadingView
from desktop.ui.timeline.timeline_view import TimelineView

EVENT_COLUMN_MIN_PX = 180  # the event's name: below this the table scrolls sideways


class TimelineTab(QWidget):
    add_requested = Signal()
    edit_requested = Signal(str)  # event key
    delete_requested = Signal(str)
    export_requested = Signal(str, bool)  # "png" or "svg"; the whole timeline, or as shown
    suggestion_accepted = Signal(object)  # FoundYear
    suggestion_dismissed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline-tab")
        self.timeline: StudyTimeline | None = None
        self.view = TimelineView(self)
        self.model = EventsModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Timeline events")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(EventsModel.DATE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.resizeSection(EventsModel.DATE, 140)
        header.resizeSection(EventsModel.CATEGORY, 85)
        header.resizeSection(EventsModel.MENTIONS, 120)
        header.resizeSection(EventsModel.ORIGIN, 80)
        # Stretched, the event's name was ~40 px in a 1,100-pixel window ("Re… of …").
        self._title_room = ColumnRoom(self.table, EventsModel.TITLE, EVENT_COLUMN_MIN_PX)
        self.detail = ReadingView(self)
        self.detail.set_point_size(10.5)
        self.detail.setAccessibleName("Event detail")

        toolbar = QToolBar(self)
        self.zoom_in_button = toolbar.addAction("Zoom In", lambda: self.view.zoom_by(1.25))
        self.zoom_out_button = toolbar.addAction("Zoom Out", lambda: self.view.zoom_by(0.8))
        self.fit_button = toolbar.addAction("Fit All", self.view.fit_all)
        toolbar.addSeparator()
        self.add_button = toolbar.addAction("Add Event…", self.add_requested.emit)
        self.edit_button = toolbar.addAction(
            "Edit…", lambda: self.edit_requested.emit(self.view.selected_key())
        )
        self.delete_button = toolbar.addAction(
            "Delete", lambda: self.delete_requested.emit(self.view.selected_key())
        )
        toolbar.addSeparator()
        # Export PNG/SVG write the whole timeline; each button's menu offers "as shown".
        self.export_png_button = toolbar.addAction(
            "Export PNG…", lambda: self.export_requested.emit("png", True)
        )
        self.export_svg_button = toolbar.addAction(
            "Export SVG…", lambda: self.export_requested.emit("svg", True)
        )
        self.export_png_shown_action = self._export_menu(toolbar, self.export_png_button, "png")
        self.export_svg_shown_action = self._export_menu(toolbar, self.export_svg_button, "svg")
        # Keys for the student's own events, wherever the focus is in this tab.
        for action, key, tip in (
            (self.add_button, "Ctrl+Shift+E", "Add an event of your own"),
            (self.edit_button, "F2", "Edit the event you added"),
            (self.delete_button, "Delete", "Delete the event you added"),
        ):
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{tip} ({key})")
            self.addAction(action)
        self.zoom_in_button.setToolTip("Zoom in (+, Ctrl+wheel)")
        self.zoom_out_button.setToolTip("Zoom out (−, Ctrl+wheel)")
        self.fit_button.setToolTip("Show the whole timeline (0)")

        self.suggestion = QLabel(self)
        self.suggestion.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion.setWordWrap(True)
        # The quoted sentence may be long: it must not widen the window.
        self.suggestion.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.accept_button = QPushButton("Add to Timeline", self)
        self.dismiss_button = QPushButton("Dismiss", self)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion, 1)
        suggestion_row.addWidget(self.accept_button)
        suggestion_row.addWidget(self.dismiss_button)
        self.suggestion_box = QWidget(self)
        self.suggestion_box.setLayout(suggestion_row)

        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(self.table)
        bottom.addWidget(self.detail)
        # The detail quotes whole sentences: room to read them beside the table.
        self.detail.setMinimumWidth(240)
        bottom.setSizes([660, 300])  # the table whole at the default window size
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        main = QSplitter(Qt.Orientation.Vertical, self)
        main.addWidget(self.view)
        main.addWidget(bottom)
        main.setSizes([440, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        layout.addWidget(self.suggestion_box)
        layout.addWidget(main, 1)

        self.view.event_selected.connect(self._view_selected)
        self.table.selectionModel().currentRowChanged.connect(self._table_selected)
        self.accept_button.clicked.connect(
            lambda: self._suggestion_answer(self.suggestion_accepted)
        )
        self.dismiss_button.clicked.connect(
            lambda: self._suggestion_answer(self.suggestion_dismissed)
        )
        self._update_buttons("")

    def _export_menu(self, toolbar: QToolBar, button: QAction, kind: str) -> QAction:
        """The export button's menu: the whole timeline (as the button) or as shown."""
        button.setToolTip(f"Export the whole timeline, all lanes, as {kind.upper()}")
        menu = QMenu(self)
        menu.addAction(button.text().replace("…", " (Whole Timeline)…"), button.trigger)
        shown = menu.addAction(
            f"Export {kind.upper()} (As Shown)…", lambda: self.export_requested.emit(kind, False)
        )
        button.setMenu(menu)
        widget = toolbar.widgetForAction(button)
        if isinstance(widget, QToolButton):
            widget.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        return shown

    def set_timeline(self, timeline: StudyTimeline) -> None:
        selected = self.view.selected_key()
        self.timeline = timeline
        self.view.set_timeline(timeline)
        self.model.set_events(timeline.events, timeline.mentions, timeline.categories)
        self._show_suggestion()
        if selected and timeline.event(selected):
            self.select(selected)
        else:
            # The rebuilt scene selects nothing (and says so to no one): follow that here.
            self.table.clearSelection()
            self._show_detail(None)
        self._update_buttons(self.view.selected_key())

    def select(self, key: str) -> None:
        self.view.select_event(key)

    def selected_event(self) -> Event | None:
        if self.timeline is None:
            return None
        return self.timeline.event(self.view.selected_key())

    def _view_selected(self, key: str) -> None:
        row = self.model.row_of(key)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if self.table.currentIndex().row() != index.row():
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            self.table.scrollTo(index)
        self._show_detail(self.timeline.event(key) if self.timeline else None)
        self._update_buttons(key)

    def _table_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.view.select_event(str(current.data(KEY_ROLE)))

    def _update_buttons(self, key: str) -> None:
        event = self.timeline.event(key) if self.timeline and key else None
        mine = event is not None and event.origin != "curated"
        self.edit_button.setEnabled(mine)
        self.delete_button.setEnabled(mine)

    def _show_suggestion(self) -> None:
        found = (
            self.timeline.suggestions[0] if self.timeline and self.timeline.suggestions else None
        )
        self.suggestion_box.setVisible(found is not None)
        if found is not None:
            self.suggestion.setText(
                f"Found in the text: {found.year}, mentioned by "
                f"{found.handle} ¶{found.passage_number}"
                f" — “{found.sentence.strip()[:90]}…”"
            )

    def _suggestion_answer(self, signal) -> None:  # type: ignore[no-untyped-def]
        if self.timeline and self.timeline.suggestions:
            found: FoundYear = self.timeline.suggestions[0]
            signal.emit(found)

    def _show_detail(self, event: Event | None) -> None:
        if event is None or self.timeline is None:
            self.detail.setHtml("<p><i>Select an event on the timeline or in the table.</i></p>")
            return
        category = self.timeline.categories.get(event.category, event.category)
        parts = [
            f"<h2>{escape(event.title)}</h2>",
            f"<p><b>{escape(event.when())}</b> · {escape(category)} · "
            f"{escape(ORIGIN_LABELS.get(event.origin, event.origin))}</p>",
        ]
        if event.description:
            parts.append(f"<p>{escape(event.description)}</p>")
        mentions = self.timeline.mentions.by_event.get(event.key, [])
        if mentions:
            # One row per passage (an event may be named twice in one); its link shows the
            # first sentence that names it, whole.
            passages: dict[tuple[str, int], list[Mention]] = {}
            for mention in mentions:
                passages.setdefault((mention.handle, mention.passage_number), []).append(mention)
            parts.append("<p><b>Mentioned in the answers</b> (click to read):</p>")
            for (handle, number), named in passages.items():
                first = named[0]
                link = passage_url(
                    handle,
                    number,
                    first.sentence_start,
                    max(first.sentence_end, first.end),
                )
                sentences: dict[str, list[str]] = {}
                for mention in named:
                    sentences.setdefault(mention.sentence.strip(), []).append(mention.term)
                quoted = " … ".join(
                    f"“{_bold_terms(sentence, terms)}”" for sentence, terms in sentences.items()
                )
                parts.append(
                    f"<p style='margin-left: 12px'><a href='{escape(link)}'>{escape(handle)} "
                    f"¶{number}</a>: {quoted}</p>"
                )
        else:
            parts.append("<p><i>Not mentioned in the answers: background for reading them.</i></p>")
        if event.source:
            parts.append(f"<p style='color: gray'>Source: {escape(event.source)}</p>")
        self.detail.setHtml("".join(parts))


def _bold_terms(sentence: str, terms: list[str]) -> str:
    """``sentence`` as HTML with the first occurrence of each term in bold."""
    html = escape(sentence)
    for term in dict.fromkeys(terms):
        html = html.replace(escape(term), f"<b>{escape(term)}</b>", 1)
    return html
