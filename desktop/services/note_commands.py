"""Undoable changes to notes and highlights (Edit › Undo / Redo)."""

from __future__ import annotations

from db import notes
from db.notes import NoteContent
from db.records import NoteAnchor
from desktop.services.changes import FAILED, ChangeInShownSet, ChangeRunner, Changes

NOTES = Changes(notes=True)
HIGHLIGHTS = Changes(highlights=True)


class CreateNote(ChangeInShownSet):
    changes = NOTES

    def __init__(
        self,
        runner: ChangeRunner,
        study_set_id: int,
        anchor: NoteAnchor,
        body: str,
        tags: list[str],
        colour: str | None,
    ) -> None:
        super().__init__(runner, "Add Note")
        self.study_set_id, self.anchor = study_set_id, anchor
        self.content = NoteContent(body, colour, tuple(tags))
        self.note_id: int | None = None

    def redo(self) -> None:
        # The first redo creates the note; a later one recreates it with the same id and
        # with what it held when it was undone (typed, tagged, coloured since).
        content = self.content
        created = self.apply(
            notes.create_note,
            self.study_set_id,
            self.anchor,
            content.body,
            content.colour,
            list(content.tags),
            self.note_id,
        )
        if created is not FAILED:
            self.note_id = created

    def undo(self) -> None:
        self.runner.autosave.flush(("note", self.note_id))
        removed = self.apply(notes.delete_note, self.note_id)
        if removed is not FAILED:
            self.content = removed


class TrashNote(ChangeInShownSet):
    changes = NOTES

    def __init__(self, runner: ChangeRunner, note_id: int, text: str = "Delete Note") -> None:
        super().__init__(runner, text)
        self.note_id = note_id

    def redo(self) -> None:
        self.apply(notes.trash_note, self.note_id)

    def undo(self) -> None:
        self.apply(notes.restore_note, self.note_id)


class RestoreNote(TrashNote):
    def __init__(self, runner: ChangeRunner, note_id: int) -> None:
        super().__init__(runner, note_id, "Restore Note")

    def redo(self) -> None:
        super().undo()

    def undo(self) -> None:
        super().redo()


class SetNoteTags(ChangeInShownSet):
    changes = NOTES

    def __init__(self, runner: ChangeRunner, note_id: int, old: list[str], new: list[str]):
        super().__init__(runner, "Change Tags")
        self.note_id, self.old, self.new = note_id, old, new

    def redo(self) -> None:
        self.apply(notes.set_note_tags, self.note_id, self.new)

    def undo(self) -> None:
        self.apply(notes.set_note_tags, self.note_id, self.old)


class SetNoteColour(ChangeInShownSet):
    changes = NOTES

    def __init__(
        self, runner: ChangeRunner, note_id: int, old: str | None, new: str | None
    ) -> None:
        super().__init__(runner, "Change Note Colour")
        self.note_id, self.old, self.new = note_id, old, new

    def redo(self) -> None:
        self.apply(notes.set_note_colour, self.note_id, self.new)

    def undo(self) -> None:
        self.apply(notes.set_note_colour, self.note_id, self.old)


class CreateHighlight(ChangeInShownSet):
    changes = HIGHLIGHTS

    def __init__(
        self, runner: ChangeRunner, passage_id: int, start: int, end: int, quote: str, colour: str
    ) -> None:
        super().__init__(runner, "Highlight")
        self.args = (passage_id, start, end, quote, colour)
        self.highlight_id: int | None = None

    def redo(self) -> None:
        created = self.apply(notes.create_highlight, *self.args, self.highlight_id)
        if created is not FAILED:
            self.highlight_id = created

    def undo(self) -> None:
        self.apply(notes.delete_highlight, self.highlight_id)


class RecolourHighlight(ChangeInShownSet):
    changes = HIGHLIGHTS

    def __init__(self, runner: ChangeRunner, highlight_id: int, old: str, new: str) -> None:
        super().__init__(runner, "Recolour Highlight")
        self.highlight_id, self.old, self.new = highlight_id, old, new

    def redo(self) -> None:
        self.apply(notes.set_highlight_colour, self.highlight_id, self.new)

    def undo(self) -> None:
        self.apply(notes.set_highlight_colour, self.highlight_id, self.old)


class RemoveHighlight(ChangeInShownSet):
    changes = HIGHLIGHTS

    def __init__(self, runner: ChangeRunner, highlight_id: int) -> None:
        super().__init__(runner, "Remove Highlight")
        self.highlight_id = highlight_id

    def redo(self) -> None:
        self.apply(notes.remove_highlight, self.highlight_id)

    def undo(self) -> None:
        self.apply(notes.restore_highlight, self.highlight_id)
