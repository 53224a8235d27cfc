"""The student's notes, highlights and draft: the service behind the notes widgets.

Widgets never run SQL: they call this. Changes go through the window's one ChangeRunner
(writes, undo, failures, and the changed(Changes) signal); reads use sqlite3 (db.note_reads);
note and draft texts being edited are owned by OpenTexts, one document per text.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextDocument

from db import note_reads
from db.note_reads import NoteFilter
from db.reads import data_version
from db.records import HighlightRecord, NoteAnchor, NoteRecord
from desktop.services.changes import ChangeRunner, Changes
from desktop.services.open_texts import DocumentFactory, OpenTexts, TextKey

if TYPE_CHECKING:  # db.search is imported on the first search: start-up does not need it
    from db.search import SearchOutcome

NOTE = "note"
DRAFT = "draft"
LIST_PREVIEW = 600  # characters of each note that lists load (an editor loads all of it)
# List rows kept from one read to the next while nothing is written: the notes panel's rows
# of the sets shown lately (a page of 8 each), read again at every switch of set or tab.
KEPT_LIST_ROWS = 256


def note_key(note_id: int) -> TextKey:
    return (NOTE, note_id)


def draft_key(study_set_id: int) -> TextKey:
    return (DRAFT, study_set_id)


class NotesService(QObject):
    def __init__(
        self,
        runner: ChangeRunner,
        new_document: DocumentFactory = QTextDocument,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.texts = OpenTexts(runner, self._load_text, self._store_text, new_document, self)
        self._list_rows: OrderedDict[int, NoteRecord] = OrderedDict()
        self._list_rows_read_at: tuple[int, int, int] | None = None

    # --- reads -----------------------------------------------------------------------------

    def note(self, note_id: int) -> NoteRecord | None:
        return note_reads.note(self.runner.reader, note_id)

    def notes_by_id(self, ids: Iterable[int]) -> dict[int, NoteRecord]:
        """Rows for lists: each body cut to LIST_PREVIEW characters. Rows read since the last
        change are given again without reading them: a write or an announced change here,
        a commit on any other connection to the library (SQLite's data_version: a sync, a
        command-line import while the window is open), or another library file opened (a
        backup restored)."""
        kept = self._list_rows
        reader = self.runner.reader
        read_at = (
            self.runner.generation,
            id(reader),
            data_version(reader),
        )
        if read_at != self._list_rows_read_at:
            kept.clear()
            self._list_rows_read_at = read_at
        wanted = list(ids)
        found = {note_id: kept[note_id] for note_id in wanted if note_id in kept}
        missing = [note_id for note_id in wanted if note_id not in found]
        if missing:
            read = note_reads.notes_by_id(self.runner.reader, missing, preview_chars=LIST_PREVIEW)
            found.update(read)
            kept.update(read)
        for note_id in found:
            kept.move_to_end(note_id)
        while len(kept) > KEPT_LIST_ROWS:
            kept.popitem(last=False)
        return found

    def note_ids(self, wanted: NoteFilter) -> list[int]:
        return note_reads.note_ids(self.runner.reader, wanted)

    def paragraph_notes(self, study_set_id: int) -> list[note_reads.ParagraphNote]:
        """The notes on paragraphs, for the margin marks (bodies cut to LIST_PREVIEW)."""
        return note_reads.paragraph_notes(self.runner.reader, study_set_id, LIST_PREVIEW)

    def note_count(self, study_set_id: int) -> int:
        return note_reads.note_count(self.runner.reader, study_set_id)

    def tag_counts(self, study_set_id: int) -> list[tuple[str, int]]:
        return note_reads.tag_counts(self.runner.reader, study_set_id)

    def colour_counts(self, study_set_id: int) -> dict[str | None, int]:
        return note_reads.colour_counts(self.runner.reader, study_set_id)

    def trashed_note_ids(self, study_set_id: int) -> list[int]:
        trashed = note_reads.notes_of_study_set(self.runner.reader, study_set_id, trashed=True)
        return [record.id for record in trashed]

    def highlights(self, answer_id: int) -> list[HighlightRecord]:
        return note_reads.highlights_of_answer(self.runner.reader, answer_id)

    def tags(self) -> list[str]:
        return note_reads.all_tags(self.runner.reader)

    def search(self, study_set_id: int, text: str) -> SearchOutcome:
        from db.search import search

        return search(self.runner.reader, study_set_id, text)

    # --- texts being typed: one document each, saved by the autosave queue ----------------------

    def open_note_text(self, note_id: int) -> QTextDocument:
        return self.texts.acquire(note_key(note_id))

    def open_draft(self, study_set_id: int) -> QTextDocument:
        return self.texts.acquire(draft_key(study_set_id))

    def close_text(self, key: TextKey) -> None:
        self.texts.release(key)

    def flush(self) -> bool:
        return self.runner.flush()

    def _load_text(self, key: TextKey) -> str:
        kind, ident = key
        if kind == DRAFT:
            return note_reads.draft(self.runner.reader, ident)
        record = note_reads.note(self.runner.reader, ident)
        return "" if record is None else record.body

    def _store_text(self, key: TextKey, text: str, expected: str) -> str | None:
        from db.notes import save_draft, set_note_body

        kind, ident = key
        if kind == DRAFT:
            self.runner.write(save_draft, ident, text)
            self.runner.announce(Changes(draft=True))
            return None
        try:
            copy = self.runner.write(set_note_body, ident, text, expected)
        except LookupError:
            return None  # the note was removed by undoing its creation (flushed before that)
        if copy is None:
            self.runner.announce(Changes(note_bodies=frozenset({ident})))
            return None
        self.runner.announce(Changes(notes=True))
        return (
            "This note was changed elsewhere while you typed. Its newer text is shown; what "
            "you typed was kept as a separate note beside it, so nothing is lost."
        )

    # --- changes that can be undone ------------------------------------------------------------

    def add_note(
        self,
        study_set_id: int,
        anchor: NoteAnchor,
        body: str = "",
        tags: Iterable[str] = (),
        colour: str | None = None,
    ) -> int | None:
        """The new note's id; None if it could not be written (the runner said why)."""
        from desktop.services.note_commands import CreateNote

        command = CreateNote(self.runner, study_set_id, anchor, body, list(tags), colour)
        self.runner.push(command)
        return command.note_id

    def trash_note(self, note_id: int) -> None:
        from desktop.services.note_commands import TrashNote

        self.runner.autosave.flush(note_key(note_id))
        self.runner.push(TrashNote(self.runner, note_id))

    def restore_note(self, note_id: int) -> None:
        from desktop.services.note_commands import RestoreNote

        self.runner.push(RestoreNote(self.runner, note_id))

    # --- a change that cannot be undone --------------------------------------------------------

    def empty_trash(self, study_set_id: int) -> int:
        """Delete the notes in the study set's trash for good; how many went (0 if the write
        failed: the runner said why). The undo stack is cleared: its steps may name notes
        that no longer exist."""
        from db import notes
        from desktop.services.autosave import SaveError

        try:
            removed = self.runner.write(notes.empty_trash, study_set_id)
        except SaveError as exc:
            self.runner.failed.emit(str(exc))
            return 0
        self.runner.undo_stack.clear()
        self.runner.announce(Changes(notes=True))
        return removed

    def set_note_tags(self, note_id: int, tags: list[str]) -> None:
        from desktop.services.note_commands import SetNoteTags

        record = self.note(note_id)
        if record is not None and list(record.tags) != sorted(tags, key=str.casefold):
            self.runner.push(SetNoteTags(self.runner, note_id, list(record.tags), tags))

    def set_note_colour(self, note_id: int, colour: str | None) -> None:
        from desktop.services.note_commands import SetNoteColour

        record = self.note(note_id)
        if record is not None and record.colour != colour:
            self.runner.push(SetNoteColour(self.runner, note_id, record.colour, colour))

    def add_highlights(
        self, ranges: Sequence[tuple[int, int, int, str]], colour: str
    ) -> list[int | None]:
        """Highlight each (passage id, start, end, quote) as one undoable step."""
        from desktop.services.note_commands import CreateHighlight

        stack = self.runner.undo_stack
        stack.beginMacro("Highlight")
        commands = [
            CreateHighlight(self.runner, passage_id, start, end, quote, colour)
            for passage_id, start, end, quote in ranges
        ]
        for command in commands:
            self.runner.push(command)
        stack.endMacro()
        return [command.highlight_id for command in commands]

    def recolour_highlight(self, highlight: HighlightRecord, colour: str) -> None:
        from desktop.services.note_commands import RecolourHighlight

        if highlight.colour != colour:
            self.runner.push(RecolourHighlight(self.runner, highlight.id, highlight.colour, colour))

    def remove_highlight(self, highlight_id: int) -> None:
        from desktop.services.note_commands import RemoveHighlight

        self.runner.push(RemoveHighlight(self.runner, highlight_id))
