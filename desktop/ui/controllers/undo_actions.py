"""Undo and Redo actions on the one undo stack, for the main window and the Library.

The stack is kept when another study set is opened, so a step may be undone while a set
other than its own is shown, or a step of the Library from the main window: the window's
status line then says where ("Undone in “Unit 3 essay”: Add Note", "Undone in the Library:
Rename Study Set"). Qt's QUndoStack.createUndoAction cannot say it: it undoes before any
slot of ours runs, and a step whose write failed is gone from the stack by then.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QWidget

from db.library_reads import listed_titles
from desktop.services.changes import ChangeRunner

UNDO_SHORTCUTS = (QKeySequence.StandardKey.Undo,)
REDO_SHORTCUTS = ("Ctrl+Shift+Z", "Ctrl+Y")


def _first_step(command: QUndoCommand) -> QUndoCommand:
    """A macro's first step (what it was made of says where it was made), else the step."""
    return _first_step(command.child(0)) if command.childCount() > 0 else command


def made_in(command: QUndoCommand) -> tuple[int, str] | None:
    """The study set a step was made in (id, title), if it is work on one."""
    return getattr(_first_step(command), "made_in", None)


class UndoActions(QObject):
    """Edit › Undo and Redo: named after the step they take ("Undo Add Note"), enabled while
    there is one."""

    def __init__(
        self,
        runner: ChangeRunner,
        parent: QWidget,
        tell: Callable[[str], None],
        *,
        place: str | None = None,
    ) -> None:
        """``tell`` shows a message in the window's status line; ``place``: where steps
        made there say they were (the Library), so that no message repeats what it shows."""
        super().__init__(parent)
        self.runner = runner
        self.tell = tell
        self.place = place
        stack = runner.undo_stack
        self.undo = QAction("&Undo", parent)
        self.undo.setShortcuts([QKeySequence(key) for key in UNDO_SHORTCUTS])
        self.redo = QAction("&Redo", parent)
        self.redo.setShortcuts([QKeySequence(key) for key in REDO_SHORTCUTS])
        self.undo.triggered.connect(self.step_back)
        self.redo.triggered.connect(self.step_forward)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        # Methods, not lambdas: their connections end with this object (the Library
        # window's go with it; the stack stays).
        stack.undoTextChanged.connect(self._name_undo)
        stack.redoTextChanged.connect(self._name_redo)
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        self._name_undo(stack.undoText())
        self._name_redo(stack.redoText())

    def _name_undo(self, step: str) -> None:
        self.undo.setText(f"&Undo {step}" if step else "&Undo")

    def _name_redo(self, step: str) -> None:
        self.redo.setText(f"&Redo {step}" if step else "&Redo")

    def step_back(self) -> None:
        stack = self.runner.undo_stack
        if not stack.canUndo():
            return
        command = stack.command(stack.index() - 1)
        stack.undo()
        # A step whose write failed was reported (ChangeRunner.failed) and left the stack.
        if stack.command(stack.index()) is command:
            self._say_where("Undone", command)

    def step_forward(self) -> None:
        stack = self.runner.undo_stack
        if not stack.canRedo():
            return
        command = stack.command(stack.index())
        stack.redo()
        if stack.index() > 0 and stack.command(stack.index() - 1) is command:
            self._say_where("Redone", command)

    def _say_where(self, verb: str, command: QUndoCommand) -> None:
        where, shown = made_in(command), self.runner.shown_set
        place = getattr(_first_step(command), "place", None)
        if where is not None and (shown is None or where[0] != shown[0]):
            # Named as the Library lists it now (renamed since, perhaps); in the Trash, as then.
            study_set_id, title_then = where
            title = listed_titles(self.runner.reader, [study_set_id]).get(study_set_id)
            self.tell(f"{verb} in “{title or title_then}”: {command.text()}")
        elif place is not None and place != self.place:
            self.tell(f"{verb} in {place}: {command.text()}")
