"""One owner for every change: the change runner.

Every write the window makes goes through one ChangeRunner: it runs the write in one
transaction, keeps the one undo stack, reports failures on one signal, and after each change
says *what* changed with one ``changed(Changes)`` signal. Views decide for themselves what to
refresh from that; no service borrows another's writer or stack. (Anki's CollectionOp and
OpChanges are the model.)

An undoable change is an UndoableChange beside its feature (note_commands.py,
timeline_commands.py): it names the Changes it makes and calls ``apply`` for each write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.services.autosave import AutosaveQueue, SaveError
from desktop.services.library import LibraryFileReplaced

if TYPE_CHECKING:
    from desktop.services.library import Library

T = TypeVar("T")
UNDO_LIMIT = 500


@dataclass(frozen=True)
class Changes:
    """What a change touched; a view refreshes only what it shows of these."""

    notes: bool = False  # notes were added, deleted, restored, retagged or recoloured
    note_bodies: frozenset[int] = field(default_factory=frozenset)  # typing saved in these
    highlights: bool = False
    events: bool = False
    draft: bool = False
    study_sets: bool = False
    compare: bool = False  # Compare links: confirmed, broken, made by hand, stance or note
    cards: bool = False  # study cards made, edited, rated, suspended, deleted or retired

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            notes=self.notes or other.notes,
            note_bodies=self.note_bodies | other.note_bodies,
            highlights=self.highlights or other.highlights,
            events=self.events or other.events,
            draft=self.draft or other.draft,
            study_sets=self.study_sets or other.study_sets,
            compare=self.compare or other.compare,
            cards=self.cards or other.cards,
        )


# Everything a view shows may have changed: after a sync brought anything (Compare links
# travel too, local migration 0013), or a backup was restored.
EVERYTHING = Changes(
    notes=True,
    highlights=True,
    events=True,
    draft=True,
    study_sets=True,
    compare=True,
    cards=True,
)

JOURNAL_RESCUED = (
    "Another program deleted your library's journal file while Study Desk was running. "
    "What it held was written into the library and a new journal started: nothing was lost."
)


def friendly_save_error(exc: BaseException) -> str:
    """What to tell the student when a write failed; their text stays where it is."""
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


class ChangeRunner(QObject):
    """The one writer, undo stack, autosave queue and change announcer of the window."""

    changed = Signal(object)  # Changes
    failed = Signal(str)  # a message for the student: something is not saved
    notice = Signal(str)  # a message for the student: something happened, nothing was lost
    saved = Signal()  # a pending save was written (the "Not saved" mark can go)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)
        # Kept across study sets for the whole session (ratings in Study mode are steps too):
        # the oldest go past this many.
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self.autosave = AutosaveQueue(self)
        self.autosave.save_failed.connect(lambda _key, message: self.failed.emit(message))
        self.autosave.saved.connect(self._saved)
        # Counts the writes and the announced changes: what was read before it moved may be
        # out of date (what keeps reads between changes compares it; NotesService).
        self.generation = 0
        # The study set shown (id, title): a change made in it remembers it, so that undoing
        # it once another set is shown can say where (the stack is kept across sets).
        self.shown_set: tuple[int, str] | None = None

    def _saved(self, _key: object) -> None:
        if not self.autosave.has_failures():  # "Not saved" stays while anything is not
            self.saved.emit()

    @property
    def reader(self) -> sqlite3.Connection:
        return self.library.reader

    def write(self, change: Callable[..., T], *args: Any) -> T:
        """Run ``change(session, *args)`` in one transaction; failures become SaveError."""
        from sqlalchemy.exc import SQLAlchemyError

        self.generation += 1
        try:
            if self.library.check_files_before_writing():
                self.notice.emit(JOURNAL_RESCUED)
            with self.library.database().session() as session:
                return change(session, *args)
        except LibraryFileReplaced as exc:
            raise SaveError(str(exc)) from exc
        except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
            raise SaveError(friendly_save_error(exc)) from exc

    def push(self, command: UndoableChange) -> None:
        if command.in_shown_set:
            command.made_in = self.shown_set
        self.undo_stack.push(command)

    def announce(self, changes: Changes) -> None:
        # Also for what was written elsewhere (a sync, an import in its worker) and only
        # announced here.
        self.generation += 1
        self.changed.emit(changes)

    def flush(self) -> bool:
        """Write every pending save now; False if one could not be written (``failed`` said why)."""
        return self.autosave.flush_all()


FAILED: Any = object()  # what UndoableChange.apply returns when the write failed


class UndoableChange(QUndoCommand):
    """A change the student can undo. Subclasses call ``apply`` in redo() and undo().

    A write that fails says why (ChangeRunner.failed) and marks the command obsolete, so the
    stack never claims a change that is not in the database.
    """

    changes = Changes()
    in_shown_set = False  # see ChangeInShownSet
    # Where the step shows when it is not in a set ("the Library"), for the message when it
    # is undone from a window that does not show it.
    place: str | None = None

    def __init__(self, runner: ChangeRunner, text: str) -> None:
        super().__init__(text)
        self.runner = runner
        self.made_in: tuple[int, str] | None = None

    def apply(self, change: Callable[..., Any], *args: Any) -> Any:
        """The change's result, or FAILED (already reported) if it could not be written."""
        try:
            result = self.runner.write(change, *args)
        except SaveError as exc:
            self.setObsolete(True)
            self.runner.failed.emit(str(exc))
            return FAILED
        except LookupError:  # what it changed is gone for good (the trash was emptied)
            self.setObsolete(True)
            self.runner.notice.emit(
                f"“{self.text()}” cannot be undone or redone any more: what it changed is gone."
            )
            return FAILED
        self.runner.announce(self.changes)
        return result


class ChangeInShownSet(UndoableChange):
    """A change to the student's work on the set shown (a note, a highlight, an event, a
    link), not to the library or the study cards: ChangeRunner.push records that set in
    ``made_in``, for the message when it is undone while another set is shown."""

    in_shown_set = True
