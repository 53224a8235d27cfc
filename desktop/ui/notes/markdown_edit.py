"""Markdown that reads rendered and edits as text: click (or Enter) to edit, leave to read."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QPlainTextEdit, QStackedWidget, QWidget

from desktop.ui.reading.reading_view import ReadingView

RENDERED, EDITING = 0, 1
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


class MarkdownEdit(QStackedWidget):
    """``edited(text)`` on every change of the text by the user."""

    edited = Signal(str)

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
        self._loading = False
        self.editor.textChanged.connect(self._on_text_changed)
        self.preview.link_activated.connect(self._open_link)
        self.set_text("")

    def _open_link(self, url: QUrl) -> None:
        """A link in a note opens in the browser only after the user says so."""
        from desktop.ui.dialogs import messages

        shown = url.toString()
        if messages.ask_yes_no(self, "Open link", f"Open this link from your note?\n\n{shown}"):
            QDesktopServices.openUrl(url)

    def set_text(self, text: str) -> None:
        """Show ``text`` (a different note, say) without it counting as an edit."""
        self._loading = True
        self.editor.setPlainText(text)
        self._loading = False
        self._render()

    def text(self) -> str:
        return self.editor.toPlainText()

    def _on_text_changed(self) -> None:
        if not self._loading:
            self.edited.emit(self.editor.toPlainText())

    def _render(self) -> None:
        text = self.text()
        if text.strip():
            self.preview.setMarkdown(text)
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
