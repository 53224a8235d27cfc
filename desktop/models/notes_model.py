"""Notes as rows, loaded lazily: the model holds only ids and fetches records a page at a
time when a view asks for them, so 100,000 notes open as fast as 100."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from db.records import NoteRecord
from desktop.content.note_text import first_line, own_words
from desktop.content.plain import plain_tooltip
from desktop.models.colours import colour_label, highlight_colour

PAGE_SIZE = 64
MAX_PAGES = 16  # pages kept in memory: about a thousand notes, however many there are
NOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

# The roles as plain ints, looked up once (an enum member's lookup is not free in a paint).
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOL_TIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ROLES_ANSWERED = frozenset(
    {_DISPLAY, _TOOL_TIP, _DECORATION, _BACKGROUND, int(NOTE_ID_ROLE), int(NOTE_RECORD_ROLE)}
)


def note_title(note: NoteRecord) -> str:
    """What the student wrote (its first line), for lists; the quote if nothing yet."""
    words = first_line(own_words(note.body))
    if words:
        return words
    return f"“{note.anchor.quote}”" if note.anchor.quote else "(nothing written yet)"


def note_lines(note: NoteRecord) -> str:
    """A list row: the student's words, and below them the quote the note was made on."""
    title = note_title(note)
    quote = note.anchor.quote
    if quote and not title.startswith("“"):
        return f"{title}\n“{' '.join(quote.split())}”"
    return title


class NotesModel(QAbstractTableModel):
    NOTE, PLACE, TAGS, COLOUR, UPDATED = range(5)
    HEADERS = ("Note", "Attached to", "Tags", "Colour", "Changed")

    def __init__(self, load: Callable[[Iterable[int]], dict[int, NoteRecord]]) -> None:
        super().__init__()
        self._load = load
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._pages: dict[int, dict[int, NoteRecord]] = {}
        self._page_size = PAGE_SIZE

    def set_page_size(self, rows: int) -> None:
        """Read ``rows`` notes at a time: a view that shows a few rows (the notes panel)
        reads no more than it paints after each switch of study set or tab."""
        self._page_size = rows
        self._pages = {}

    def set_loader(self, load: Callable[[Iterable[int]], dict[int, NoteRecord]]) -> None:
        self._load = load

    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._rows = {note_id: row for row, note_id in enumerate(ids)}
        self._pages = {}
        self.endResetModel()

    def note_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, note_id: int) -> int:
        return self._rows.get(note_id, -1)

    def refresh_note(self, note_id: int) -> None:
        """Reload one note (its text was saved) and repaint its row."""
        row = self.row_of(note_id)
        if row < 0:
            return
        page = self._pages.get(row // self._page_size)
        if page is None:
            return  # not loaded yet: it will be read fresh when shown
        page.update(self._load([note_id]))
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def record(self, row: int) -> NoteRecord | None:
        size = self._page_size
        page = row // size
        records = self._pages.pop(page, None)  # re-inserted last: most recently used
        if records is None:
            records = self._load(self._ids[page * size : (page + 1) * size])
            if len(self._pages) >= MAX_PAGES:
                del self._pages[next(iter(self._pages))]  # the least recently used
        self._pages[page] = records
        return records.get(self._ids[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks each shown cell for a dozen roles on every paint; those this model
        # never answers are refused before the row's note is looked up.
        if role not in _ROLES_ANSWERED:
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._ids):
            return None
        if role == NOTE_ID_ROLE:
            return self._ids[row]
        note = self.record(row)
        if note is None:
            return None
        if role == NOTE_RECORD_ROLE:
            return note
        column = index.column()
        if role == _DISPLAY:
            return self._display(note, column)
        if role == _TOOL_TIP:
            return plain_tooltip(f"{note.place}\n\n{note.body[:500]}" if note.body else note.place)
        if role == _DECORATION and column == self.NOTE and note.colour:
            return highlight_colour(note.colour)
        if role == _BACKGROUND and column == self.COLOUR and note.colour:
            return QBrush(highlight_colour(note.colour))
        return None

    def _display(self, note: NoteRecord, column: int) -> str:
        if column == self.NOTE:
            return note_lines(note)
        if column == self.PLACE:
            return note.place
        if column == self.TAGS:
            return " ".join(note.tags)
        if column == self.COLOUR:
            return colour_label(note.colour)
        return local_time(note.updated_at)


def local_time(moment: datetime) -> str:
    """A stored (UTC) time as the student reads it: the local date, short, and the time."""
    local = moment.astimezone()
    day = QDate(local.year, local.month, local.day)
    return f"{QLocale().toString(day, QLocale.FormatType.ShortFormat)} {local:%H:%M}"


class TrashedNotesModel(NotesModel):
    """Notes in the trash: the last column says when each was deleted."""

    HEADERS = ("Note", "Attached to", "Tags", "Colour", "Deleted")
    DELETED = NotesModel.UPDATED

    def _display(self, note: NoteRecord, column: int) -> str:
        if column == self.DELETED:
            return local_time(note.deleted_at or note.updated_at)
        return super()._display(note, column)
