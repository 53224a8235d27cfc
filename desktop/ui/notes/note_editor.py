"""One note: where it is attached, its quote, its Markdown body, tags and colour."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.records import NoteRecord
from db.tags import parse_tags
from desktop.models.colours import HIGHLIGHT_COLOURS
from desktop.ui.notes.markdown_edit import MarkdownEdit

MAX_TAGS_TEXT = 16 * 1024 * 1024
NOTE_HINT = "Write your note (Markdown). Click to edit."
# With no note selected the box cannot be typed in: say how to get one.
NO_NOTE_HINT = (
    "No note selected. Choose one in the list above, or add one with Notes › Add Note… "
    "(Ctrl+Shift+N)."
)


class _TagCompleter(QCompleter):
    """Completes the word being typed, keeping the tags before it."""

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802
        # The head is taken from what the student typed (the completion prefix), not from the
        # field: highlighting a row in the popup already puts the completion into the field,
        # and choosing it then would add the word a second time.
        head, _sep, _word = self.completionPrefix().rpartition(" ")
        completion = str(index.data())
        return f"{head} {completion} ".lstrip()

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt override)
        return [path.rpartition(" ")[2]]


class NoteEditor(QWidget):
    """One note's place, quote, text, tags and colour. The text is the note's one shared
    document (OpenTexts): typing is saved by the service that owns it, not by this widget."""

    tags_edited = Signal(int, list)
    colour_chosen = Signal(int, object)  # note id, colour name or None
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note_id: int | None = None
        self.place = QLabel(self)
        self.place.setTextFormat(Qt.TextFormat.PlainText)
        self.place.setStyleSheet("font-weight: 600")
        self.quote = QLabel(self)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setWordWrap(True)
        self.quote.setStyleSheet("font-style: italic")
        self.body = MarkdownEdit(NOTE_HINT, self)
        self.body.setAccessibleName("Note text")
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("tags, separated by spaces")
        # Qt's default cap (32,767 characters) would cut a long pasted list silently.
        self.tags.setMaxLength(MAX_TAGS_TEXT)
        self.tags.setAccessibleName("Tags")
        self._tag_words = QStringListModel(self)
        completer = _TagCompleter(self._tag_words, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags.setCompleter(completer)
        self.colour = QComboBox(self)
        self.colour.setAccessibleName("Note colour")
        self.colour.addItem("No colour", None)
        for name, (label, _hex) in HIGHLIGHT_COLOURS.items():
            self.colour.addItem(label, name)
        self.delete_button = QPushButton("Delete Note", self)
        self.delete_button.setToolTip("Move this note to the trash (Edit › Trash restores it)")

        form = QFormLayout()
        form.addRow("&Tags:", self.tags)
        row = QHBoxLayout()
        row.addWidget(self.colour)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        colour_label = QLabel("Colou&r:", self)
        colour_label.setBuddy(self.colour)  # Alt+R (Alt+O is the Notes tab's colour filter)
        form.addRow(colour_label, row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.place)
        layout.addWidget(self.quote)
        layout.addWidget(self.body, 1)
        layout.addLayout(form)

        self.tags.editingFinished.connect(self._tags_edited)
        self.colour.activated.connect(self._colour_chosen)
        self.delete_button.clicked.connect(self._delete)
        self.show_note(None)

    def set_known_tags(self, tags: list[str]) -> None:
        self._tag_words.setStringList(tags)

    def show_note(
        self,
        note: NoteRecord | None,
        document: QTextDocument | None = None,
        *,
        edit: bool = False,
    ) -> None:
        """Show ``note`` with ``document``, the one shared document of its text."""
        self.note_id = None if note is None else note.id
        for widget in (self.body, self.tags, self.colour, self.delete_button):
            widget.setEnabled(note is not None)
        self.body.set_placeholder(NOTE_HINT if note is not None else NO_NOTE_HINT)
        if note is None or document is None:
            self.place.setText("No note selected")
            self.quote.clear()
            self.quote.hide()
            self.body.set_text("")
            self.tags.clear()
            self.colour.setCurrentIndex(0)
            return
        self.place.setText(note.place)
        self.quote.setText(f"“{note.anchor.quote}”" if note.anchor.quote else "")
        self.quote.setVisible(bool(note.anchor.quote))
        self.body.set_document(document)
        self.show_details(note)
        if edit:
            self.body.start_editing()
        else:
            self.body.show_rendered()

    def show_details(self, note: NoteRecord) -> None:
        """Tags and colour as stored (they changed, or the note was shown again)."""
        if not self.tags.hasFocus():
            self.tags.setText(" ".join(note.tags))
        self.colour.setCurrentIndex(max(0, self.colour.findData(note.colour)))

    def edit_at_end(self) -> None:
        """Start editing with the cursor after the last character (a new note's place)."""
        self.body.start_editing()
        self.body.editor.moveCursor(QTextCursor.MoveOperation.End)

    def _tags_edited(self) -> None:
        if self.note_id is not None:
            self.tags_edited.emit(self.note_id, parse_tags(self.tags.text()))

    def _colour_chosen(self, index: int) -> None:
        if self.note_id is not None:
            self.colour_chosen.emit(self.note_id, self.colour.itemData(index))

    def _delete(self) -> None:
        if self.note_id is not None:
            self.delete_requested.emit(self.note_id)
