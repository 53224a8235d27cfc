"""Markdown that reads rendered and edits as text: click (or Enter) to edit, leave to read."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFocusEvent, QKeyEvent, QMouseEvent, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit, QStackedWidget, QWidget

from desktop.ui.reading.reading_view import ReadingView

RENDERED, EDITING = 0, 1
# Rendering Markdown costs far more than showing plain text: a 10 MB note took seconds to
# render. The reading view shows this much of it; editing shows all of it.
PREVIEW_CHARS = 50_000
NOTE_POINT_SIZE = 10.5


class _Editor(QPlainTextEdit):
    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        # A context menu or a completer popup takes focus without the user leaving.
        if event.reason() not in (
            Qt.FocusReason.PopupFocusReason,
            Qt.FocusReason.MenuBarFocusReason,
        ):
            self.left.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.left.emit()
            return
        super().keyPressEvent(event)


def plain_text_document(parent: QObject | None = None) -> QTextDocument:
    """An empty document laid out as the note editors lay it out (see OpenTexts)."""
    document = QTextDocument(parent)
    document.setDocumentLayout(QPlainTextDocumentLayout(document))
    return document


class MarkdownEdit(QStackedWidget):
    """Shows one text document: rendered to read, as plain text to edit.

    The document may be shared with other editors showing the same note (OpenTexts): text
    typed elsewhere appears here at once, and the rendered view follows it.
    """

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = ReadingView(self)
        self.preview.setFrameShape(ReadingView.Shape.StyledPanel)
        self.preview.set_point_size(NOTE_POINT_SIZE)
        self.preview.viewport().installEventFilter(self)
        self.preview.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.preview.installEventFilter(self)
        self.editor = _Editor(self)
        self.editor.setPlaceholderText(placeholder)
        self.editor.setTabChangesFocus(True)
        self.editor.left.connect(self.show_rendered)
        self._placeholder = placeholder
        self.addWidget(self.preview)
        self.addWidget(self.editor)
        # Changes made in another editor of the same document re-render this one, once per
        # burst of typing rather than per keystroke.
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(150)
        self._render_timer.timeout.connect(self._render_if_reading)
        self._document: QTextDocument | None = None
        self._own_document = plain_text_document(self)
        # The source the preview was last given: the same text is not rendered again (a
        # switch of study set showed the empty placeholder again in each editor).
        self._rendered: str | None = None
        self.preview.link_activated.connect(self._open_link)
        self.set_text("")

    def _open_link(self, url: QUrl) -> None:
        """A link in a note opens in the browser only after the user says so."""
        from desktop.ui.dialogs import messages

        shown = url.toString()
        if messages.ask_yes_no(self, "Open link", f"Open this link from your note?\n\n{shown}"):
            QDesktopServices.openUrl(url)

    def set_placeholder(self, placeholder: str) -> None:
        """What an empty text shows, in the editor and in the rendered view."""
        if placeholder != self._placeholder:
            self._placeholder = placeholder
            self.editor.setPlaceholderText(placeholder)
            self._rendered = None  # the empty text's rendering changed

    def set_document(self, document: QTextDocument) -> None:
        """Show and edit ``document`` (its owner keeps it; this widget never deletes it)."""
        if self._document is not None:
            self._document.contentsChanged.disconnect(self._render_timer.start)
        if not isinstance(document.documentLayout(), QPlainTextDocumentLayout):
            document.setDocumentLayout(QPlainTextDocumentLayout(document))
        self._document = document
        self.editor.setDocument(document)
        document.contentsChanged.connect(self._render_timer.start)
        self._render()

    def set_text(self, text: str) -> None:
        """Show ``text`` in the document this widget keeps of its own (nothing shared, nothing
        saved; one document, however often it is called)."""
        if self._own_document.toPlainText() != text:
            self._own_document.setPlainText(text)
        self.set_document(self._own_document)

    def text(self) -> str:
        return self.editor.toPlainText()

    def _render_if_reading(self) -> None:
        if not self.is_editing:
            self._render()

    def _render(self) -> None:
        text = self.text()
        if len(text) > PREVIEW_CHARS:
            rest = len(text) - PREVIEW_CHARS
            text = (
                f"{text[:PREVIEW_CHARS]}\n\n*… {rest:,} more characters: click to edit and "
                "see all of them.*"
            )
        source = text if text.strip() else ""
        if source == self._rendered:
            return
        self._rendered = source
        if source:
            self.preview.setMarkdown(source)
        else:
            self.preview.setHtml(f"<p><i>{self._placeholder}</i></p>")

    def start_editing(self) -> None:
        self.setCurrentIndex(EDITING)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_rendered(self) -> None:
        self._render()
        self.setCurrentIndex(RENDERED)

    @property
    def is_editing(self) -> bool:
        return self.currentIndex() == EDITING

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            if not self.preview.anchorAt(event.position().toPoint()):
                self.start_editing()
                return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.start_editing()
                return True
        return False
