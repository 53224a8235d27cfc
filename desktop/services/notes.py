"""The student's notes, highlights and draft: the service behind the notes widgets.

Widgets never run SQL: they call this, which writes through the ORM (db.notes) in one
transaction per change, reads with sqlite3 (db.note_reads), keeps the undo stack, and says
what changed by signal so every view can refresh.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from db import note_reads
from db.records import HighlightRecord, NoteAnchor, NoteRecord
from db.search import SearchOutcome, search
from desktop.services.autosave import AutosaveQueue, SaveError
from desktop.services.library import Library

T = TypeVar("T")


def _friendly(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    if "full" in text:
        return (
            "The disk is full, so your last changes are not saved yet. Free some space; "
            "Study Desk keeps trying."
        )
    if "readonly" in text or "read-only" in text or "Permission" in text:
        return (
            "Your data folder cannot be written to, so your last changes are not saved "
            "yet. Study Desk keeps trying."
        )
    return f"Your last changes could not be saved yet ({text}). Study Desk keeps trying."


class NotesService(QObject):
    notes_changed = Signal()
    note_body_saved = Signal(int)  # typing in that note was written
    highlights_changed = Signal()
    save_failed = Signal(str)
    saved = Signal()

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)
        self.autosave = AutosaveQueue(self)
        self.autosave.save_failed.connect(lambda _key, message: self.save_failed.emit(message))
        self.autosave.saved.connect(lambda _key: self.saved.emit())

    @property
    def reader(self) -> sqlite3.Connection:
        return self.library.reader

    def write(self, change: Callable[..., T], *args: object) -> T:
        """Run ``change(session, *args)`` in one transaction; failures become SaveError."""
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self.library.database().session() as session:
                return change(session, *args)
        except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
            raise SaveError(_friendly(exc)) from exc

    # --- reads -----------------------------------------------------------------------------

    def note(self, note_id: int) -> NoteRecord | None:
        return note_reads.note(self.reader, note_id)

    def notes(self, study_set_id: int) -> list[NoteRecord]:
        return note_reads.notes_of_study_set(self.reader, study_set_id)

    def trashed_notes(self, study_set_id: int) -> list[NoteRecord]:
        return note_reads.notes_of_study_set(self.reader, study_set_id, trashed=True)

    def highlights(self, answer_id: int) -> list[HighlightRecord]:
        return note_reads.highlights_of_answer(self.reader, answer_id)

    def tags(self) -> list[str]:
        return note_reads.all_tags(self.reader)

    def draft(self, study_set_id: int) -> str:
        return note_reads.draft(self.reader, study_set_id)

    def search(self, study_set_id: int, text: str) -> SearchOutcome:
        return search(self.reader, study_set_id, text)

    # --- typing: saved by the autosave queue -------------------------------------------------

    def edit_note_body(self, note_id: int, body: str) -> None:
        from db.notes import set_note_body

        def save() -> None:
            self.write(set_note_body, note_id, body)
            self.note_body_saved.emit(note_id)

        self.autosave.schedule(("note", note_id), save)

    def edit_draft(self, study_set_id: int, body: str) -> None:
        from db.notes import save_draft

        self.autosave.schedule(
            ("draft", study_set_id), lambda: self.write(save_draft, study_set_id, body)
        )

    def flush(self) -> bool:
        return self.autosave.flush_all()

    # --- changes that can be undone ------------------------------------------------------------

    def add_note(
        self,
        study_set_id: int,
        anchor: NoteAnchor,
        body: str = "",
        tags: Iterable[str] = (),
        colour: str | None = None,
    ) -> int | None:
        """The new note's id; None if it could not be written (save_failed says why)."""
        from desktop.services.undo_commands import CreateNote

        command = CreateNote(self, study_set_id, anchor, body, list(tags), colour)
        self.undo_stack.push(command)
        return command.note_id

    def trash_note(self, note_id: int) -> None:
        from desktop.services.undo_commands import TrashNote

        self.flush()
        self.undo_stack.push(TrashNote(self, note_id))

    def restore_note(self, note_id: int) -> None:
        from desktop.services.undo_commands import RestoreNote

        self.undo_stack.push(RestoreNote(self, note_id))

    def set_note_tags(self, note_id: int, tags: list[str]) -> None:
        from desktop.services.undo_commands import SetNoteTags

        record = self.note(note_id)
        if record is not None and list(record.tags) != sorted(tags, key=str.casefold):
            self.undo_stack.push(SetNoteTags(self, note_id, list(record.tags), tags))

    def set_note_colour(self, note_id: int, colour: str | None) -> None:
        from desktop.services.undo_commands import SetNoteColour

        record = self.note(note_id)
        if record is not None and record.colour != colour:
            self.undo_stack.push(SetNoteColour(self, note_id, record.colour, colour))

    def add_highlight(
        self, passage_id: int, start: int, end: int, quote: str, colour: str
    ) -> int | None:
        from desktop.services.undo_commands import CreateHighlight

        command = CreateHighlight(self, passage_id, start, end, quote, colour)
        self.undo_stack.push(command)
        return command.highlight_id

    def recolour_highlight(self, highlight: HighlightRecord, colour: str) -> None:
        from desktop.services.undo_commands import RecolourHighlight

        if highlight.colour != colour:
            self.undo_stack.push(RecolourHighlight(self, highlight.id, highlight.colour, colour))

    def remove_highlight(self, highlight_id: int) -> None:
        from desktop.services.undo_commands import RemoveHighlight

        self.undo_stack.push(RemoveHighlight(self, highlight_id))
