"""Undoable changes to notes and highlights (Edit › Undo / Redo).

A command that fails to write shows why (NotesService.save_failed) and marks itself obsolete,
so the stack never claims a change that is not in the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from db import events, notes
from db.records import EventFields, NoteAnchor
from desktop.services.autosave import SaveError

if TYPE_CHECKING:
    from desktop.services.notes import NotesService
    from desktop.services.timeline import TimelineService

FAILED = object()


class _Command(QUndoCommand):
    def __init__(self, service: NotesService, text: str, changed: Callable[[], None]) -> None:
        super().__init__(text)
        self.service = service
        self._changed = changed

    def _apply(self, change: Callable[..., object], *args: object) -> object:
        """The change's result, or FAILED (already reported) if it could not be written."""
        try:
            result = self.service.write(change, *args)
        except SaveError as exc:
            self.setObsolete(True)
            self.service.save_failed.emit(str(exc))
            return FAILED
        self._changed()
        return result


class CreateNote(_Command):
    def __init__(
        self,
        service: NotesService,
        study_set_id: int,
        anchor: NoteAnchor,
        body: str,
        tags: list[str],
        colour: str | None,
    ) -> None:
        super().__init__(service, "Add Note", service.notes_changed.emit)
        self.args = (study_set_id, anchor, body, colour, tags)
        self.note_id: int | None = None

    def redo(self) -> None:
        # The first redo creates the note; a later one recreates it with the same id.
        created = self._apply(notes.create_note, *self.args, self.note_id)
        if created is not FAILED:
            self.note_id = created  # type: ignore[assignment]

    def undo(self) -> None:
        self.service.autosave.flush(("note", self.note_id))
        self._apply(notes.delete_note, self.note_id)


class TrashNote(_Command):
    def __init__(self, service: NotesService, note_id: int) -> None:
        super().__init__(service, "Delete Note", service.notes_changed.emit)
        self.note_id = note_id

    def redo(self) -> None:
        self._apply(notes.trash_note, self.note_id)

    def undo(self) -> None:
        self._apply(notes.restore_note, self.note_id)


class RestoreNote(TrashNote):
    def __init__(self, service: NotesService, note_id: int) -> None:
        super().__init__(service, note_id)
        self.setText("Restore Note")

    def redo(self) -> None:
        super().undo()

    def undo(self) -> None:
        super().redo()


class SetNoteTags(_Command):
    def __init__(self, service: NotesService, note_id: int, old: list[str], new: list[str]):
        super().__init__(service, "Change Tags", service.notes_changed.emit)
        self.note_id, self.old, self.new = note_id, old, new

    def redo(self) -> None:
        self._apply(notes.set_note_tags, self.note_id, self.new)

    def undo(self) -> None:
        self._apply(notes.set_note_tags, self.note_id, self.old)


class SetNoteColour(_Command):
    def __init__(
        self, service: NotesService, note_id: int, old: str | None, new: str | None
    ) -> None:
        super().__init__(service, "Change Note Colour", service.notes_changed.emit)
        self.note_id, self.old, self.new = note_id, old, new

    def redo(self) -> None:
        self._apply(notes.set_note_colour, self.note_id, self.new)

    def undo(self) -> None:
        self._apply(notes.set_note_colour, self.note_id, self.old)


class CreateHighlight(_Command):
    def __init__(
        self, service: NotesService, passage_id: int, start: int, end: int, quote: str, colour: str
    ) -> None:
        super().__init__(service, "Highlight", service.highlights_changed.emit)
        self.args = (passage_id, start, end, quote, colour)
        self.highlight_id: int | None = None

    def redo(self) -> None:
        created = self._apply(notes.create_highlight, *self.args, self.highlight_id)
        if created is not FAILED:
            self.highlight_id = created  # type: ignore[assignment]

    def undo(self) -> None:
        self._apply(notes.delete_highlight, self.highlight_id)


class RecolourHighlight(_Command):
    def __init__(self, service: NotesService, highlight_id: int, old: str, new: str) -> None:
        super().__init__(service, "Recolour Highlight", service.highlights_changed.emit)
        self.highlight_id, self.old, self.new = highlight_id, old, new

    def redo(self) -> None:
        self._apply(notes.set_highlight_colour, self.highlight_id, self.new)

    def undo(self) -> None:
        self._apply(notes.set_highlight_colour, self.highlight_id, self.old)


class RemoveHighlight(_Command):
    def __init__(self, service: NotesService, highlight_id: int) -> None:
        super().__init__(service, "Remove Highlight", service.highlights_changed.emit)
        self.highlight_id = highlight_id

    def redo(self) -> None:
        self._apply(notes.remove_highlight, self.highlight_id)

    def undo(self) -> None:
        self._apply(notes.restore_highlight, self.highlight_id)


class AddEvent(_Command):
    def __init__(
        self,
        timeline: TimelineService,
        study_set_id: int,
        fields: EventFields,
        *,
        origin: str = "user",
        status: str = "shown",
        text: str = "Add Event",
    ) -> None:
        super().__init__(timeline.notes, text, timeline.changed.emit)
        self.study_set_id, self.fields, self.origin, self.status = (
            study_set_id,
            fields,
            origin,
            status,
        )
        self.event_id: int | None = None

    def redo(self) -> None:
        created = self._apply(self._create)
        if created is not FAILED:
            self.event_id = created  # type: ignore[assignment]

    def _create(self, session) -> int:  # type: ignore[no-untyped-def]
        return events.create_event(
            session,
            self.study_set_id,
            self.fields,
            origin=self.origin,
            status=self.status,
            event_id=self.event_id,
        )

    def undo(self) -> None:
        self._apply(events.purge_event, self.event_id)


class EditEvent(_Command):
    def __init__(
        self, timeline: TimelineService, event_id: int, old: EventFields, new: EventFields
    ) -> None:
        super().__init__(timeline.notes, "Edit Event", timeline.changed.emit)
        self.event_id, self.old, self.new = event_id, old, new

    def redo(self) -> None:
        self._apply(events.update_event, self.event_id, self.new)

    def undo(self) -> None:
        self._apply(events.update_event, self.event_id, self.old)


class DeleteEvent(_Command):
    def __init__(self, timeline: TimelineService, event_id: int) -> None:
        super().__init__(timeline.notes, "Delete Event", timeline.changed.emit)
        self.event_id = event_id

    def redo(self) -> None:
        self._apply(events.delete_event, self.event_id)

    def undo(self) -> None:
        self._apply(events.restore_event, self.event_id)
