"""Search everywhere (Ctrl+K): the question, the answers, notes and tags, ranked."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from db.records import SearchHit
from desktop.models.search_model import HIT_ROLE, HTML_ROLE, SearchResultsModel

TYPING_PAUSE_MS = 120
HELP = 'Words, "exact phrase", prefix*, -exclude, tag:name. Enter opens the highlighted result.'


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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:  # type: ignore[override]
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

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # type: ignore[override]  # noqa: N802
        self.initStyleOption(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 4)


class SearchDialog(QDialog):
    hit_chosen = Signal(object)  # a SearchHit

    def __init__(self, search, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        """``search(text)`` returns a db.search.SearchOutcome."""
        super().__init__(parent)
        self.setWindowTitle("Search Everywhere")
        self.setObjectName("search-dialog")
        self.resize(640, 480)
        self._search = search
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Search the question, the answers, your notes and tags")
        self.query.setAccessibleName("Search")
        self.query.setClearButtonEnabled(True)
        self.status = QLabel(HELP, self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.model = SearchResultsModel()
        self.results = QListView(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(_HtmlDelegate(self.results))
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
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

    def run_search(self) -> None:
        self._timer.stop()
        text = self.query.text()
        outcome = self._search(text)
        self.model.set_hits(outcome.hits)
        if outcome.hits:
            self.results.setCurrentIndex(self.model.index(0))
            noun = "result" if len(outcome.hits) == 1 else "results"
            self.status.setText(f"{len(outcome.hits)} {noun}. {HELP}")
        else:
            self.status.setText(f"Nothing found for {text!r}. {HELP}" if text.strip() else HELP)

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

    def _choose_current(self) -> None:
        if self._timer.isActive():
            self.run_search()
        index = self.results.currentIndex()
        if index.isValid():
            self._choose(index)

    def _choose(self, index: QModelIndex) -> None:
        hit: SearchHit = index.data(HIT_ROLE)
        self.hit_chosen.emit(hit)
        self.accept()
