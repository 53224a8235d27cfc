"""Search everywhere (Ctrl+K): the question, the answers, notes and tags and My answer,
ranked, in this study set, its course(s) or the whole library ("Look in").

Queries run on the search service's worker thread: typing never waits for one, the status
says "Searching…" while one runs, and only the newest query's results are shown. Beyond one
study set each result names its set.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QHideEvent,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from db.records import SearchHit
from db.search import SCOPE_COURSE, SCOPE_LIBRARY, SCOPE_SET, SCOPES, SearchOutcome, parse_query
from desktop.models.search_model import HIT_ROLE, HTML_ROLE, SearchResultsModel
from desktop.services.search import SearchService

TYPING_PAUSE_MS = 120
SEARCHING = "Searching…"
HELP = 'Words, "exact phrase", prefix*, -exclude, tag:name. Enter opens the highlighted result.'
SCOPE_LABELS = {
    SCOPE_SET: "This study set",
    SCOPE_COURSE: "Its course",
    SCOPE_LIBRARY: "Whole library",
}


class _HtmlDelegate(QStyledItemDelegate):
    """Draws a row's escaped HTML (place in bold, matched words in bold)."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(str(index.data(HTML_ROLE)))
        document.setTextWidth(max(100, option.rect.width()))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option_copy = QStyleOptionViewItem(option)
        option_copy.text = ""
        if style is not None:
            style.drawControl(
                QStyle.ControlElement.CE_ItemViewItem, option_copy, painter, option.widget
            )
        document = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.initStyleOption(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 4)


def course_label(courses: list[str]) -> str:
    """The "Its course" choice, naming the shown set's courses (plain text in a combo)."""
    if not courses:
        return "Its course (none: this set alone)"
    shown = ", ".join(courses[:3]) + (", …" if len(courses) > 3 else "")
    return f"Its course ({shown})" if len(courses) == 1 else f"Its courses ({shown})"


class SearchDialog(QDialog):
    hit_chosen = Signal(object)  # a SearchHit
    scope_changed = Signal(str)  # one of db.search.SCOPES

    def __init__(
        self,
        searcher: SearchService,
        study_set_id: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        """``searcher`` runs the queries in the study set ``study_set_id()`` names."""
        super().__init__(parent)
        self.setWindowTitle("Search Everywhere")
        self.setObjectName("search-dialog")
        self.resize(640, 480)
        self.searcher = searcher
        self._study_set_id = study_set_id
        self._asked: tuple[int, str] = (0, "")  # the newest query's serial and text
        self._choose_when_done = False
        searcher.finished.connect(self._show_outcome)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(
            "Search the question, the answers, your notes and tags, and My answer"
        )
        self.query.setAccessibleName("Search")
        self.query.setClearButtonEnabled(True)
        self.status = QLabel(HELP, self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        # Wrapped within the dialog's width: a long status ("Nothing found for '…'") had
        # widened the dialog by a hundred pixels as it appeared.
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.model = SearchResultsModel()
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(_HtmlDelegate(self.results))
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.scope_box = QComboBox(self)
        for scope in SCOPES:
            self.scope_box.addItem(SCOPE_LABELS[scope], scope)
        self.scope_box.setAccessibleName("Look in")
        self.scope_box.setToolTip("Where to search: the study set shown, its course, or all")
        self.scope_box.currentIndexChanged.connect(self._scope_chosen)
        look_in = QLabel("&Look in:", self)
        look_in.setBuddy(self.scope_box)
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(look_in)
        row.addWidget(self.scope_box)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        QWidget.setTabOrder(self.query, self.scope_box)  # Tab: the query, where, the results
        QWidget.setTabOrder(self.scope_box, self.results)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run_search)
        self.query.textEdited.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self._choose_current)
        self.results.activated.connect(self._choose)
        self.query.installEventFilter(self)

    def scope(self) -> str:
        return str(self.scope_box.currentData())

    def set_scope(self, scope: str) -> None:
        """Choose where to look (one of db.search.SCOPES; anything else is this study set)."""
        index = self.scope_box.findData(scope if scope in SCOPES else SCOPE_SET)
        self.scope_box.setCurrentIndex(index)

    def set_courses(self, courses: list[str]) -> None:
        """Name the shown set's courses in the "Its course" choice."""
        self.scope_box.setItemText(self.scope_box.findData(SCOPE_COURSE), course_label(courses))

    def _scope_chosen(self, _index: int) -> None:
        self.scope_changed.emit(self.scope())
        if self.query.text().strip():
            self.run_search()

    def is_searching(self) -> bool:
        """True while typed text waits for its results (the typing pause or the query)."""
        return self._timer.isActive() or self.searcher.is_running()

    def run_search(self) -> None:
        """Ask for the current text's results; they are shown when they arrive."""
        self._timer.stop()
        text = self.query.text()
        if not text.strip():
            self.searcher.cancel()
            self._asked = (self.searcher.serial, text)
            self._show_outcome(self.searcher.serial, SearchOutcome([], parse_query(text)))
            return
        self._asked = (self.searcher.request(self._study_set_id(), text, self.scope()), text)
        self.status.setText(SEARCHING)

    def _show_outcome(self, serial: int, outcome: SearchOutcome) -> None:
        asked, text = self._asked
        if serial != asked:
            return
        self.model.set_hits(outcome.hits, with_sets=self.scope() != SCOPE_SET)
        if outcome.hits:
            self.results.setCurrentIndex(self.model.index(0))
            noun = "result" if len(outcome.hits) == 1 else "results"
            sets = len({hit.study_set_id for hit in outcome.hits})
            where = f" in {sets} study sets" if sets > 1 else ""
            self.status.setText(f"{len(outcome.hits)} {noun}{where}. {HELP}")
        else:
            self.status.setText(f"Nothing found for {text!r}. {HELP}" if text.strip() else HELP)
        if self._choose_when_done:
            self._choose_when_done = False
            self._choose_current()

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        # Up and Down in the query field move through the results.
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self.results.currentIndex().row() + (
                    1 if event.key() == Qt.Key.Key_Down else -1
                )
                if 0 <= row < self.model.rowCount():
                    self.results.setCurrentIndex(self.model.index(row))
                return True
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._timer.stop()
        self._choose_when_done = False
        if self.searcher.is_running():
            self.searcher.cancel()
            self.status.setText(HELP)
        super().hideEvent(event)

    def _choose_current(self) -> None:
        if self._timer.isActive():
            self.run_search()
        if self.searcher.is_running():
            self._choose_when_done = True  # Enter chooses the first result once it is in
            return
        index = self.results.currentIndex()
        if index.isValid():
            self._choose(index)

    def _choose(self, index: QModelIndex) -> None:
        hit: SearchHit = index.data(HIT_ROLE)
        self.hit_chosen.emit(hit)
        self.accept()
