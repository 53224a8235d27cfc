"""Undoable changes to cards: a rating, the student's own card, editing, suspending and
deleting. Undoing a rating adds an undo row to the review log (the log is never rewritten)
and puts the card's state back; redoing adds the rating again as a new row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db import cards as card_db
from db.cards import CardContent
from desktop.services import study
from desktop.services.changes import FAILED, ChangeRunner, Changes, UndoableChange

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CARDS = Changes(cards=True)


class RateCard(UndoableChange):
    changes = CARDS

    def __init__(self, runner: ChangeRunner, rated: study.Rated) -> None:
        super().__init__(runner, f"Rate Card {study.RATINGS[rated.log.rating or 3]}")
        self.rated = rated
        self._done_once = False
        self.written = False

    def redo(self) -> None:
        if self._done_once:  # a redo after an undo: the same rating, a new log row
            self.rated = study.redo_of(self.rated)
        self._done_once = True
        self.written = self.apply(study.write_rating, self.rated) is not FAILED

    def undo(self) -> None:
        self.apply(study.write_undo, self.rated)


class NewCard(UndoableChange):
    changes = CARDS

    def __init__(self, runner: ChangeRunner, study_set_id: int, content: CardContent) -> None:
        super().__init__(runner, "New Card")
        self.study_set_id, self.content = study_set_id, content
        self.card_id = card_db.new_card_id()

    def redo(self) -> None:
        self.apply(self._insert)

    def _insert(self, session: Session) -> int:
        now = card_db.stamp(study.utc_now())
        return card_db.insert_card(session, self.card_id, self.study_set_id, self.content, now)

    def undo(self) -> None:
        self.apply(card_db.purge_card, self.card_id)


class EditCard(UndoableChange):
    """The student's wording of a card; a generated card keeps it when it is made again."""

    changes = CARDS

    def __init__(
        self, runner: ChangeRunner, card_id: int, old: tuple[str, str], new: tuple[str, str]
    ) -> None:
        super().__init__(runner, "Edit Card")
        self.card_id, self.old, self.new = card_id, old, new
        self.old_edited_at: str | None = None

    def redo(self) -> None:
        self.apply(self._write_new)

    def _write_new(self, session: Session) -> None:
        self.old_edited_at = card_db.edited_at(session, self.card_id)
        now = card_db.stamp(study.utc_now())
        card_db.update_card_text(session, self.card_id, *self.new, now)

    def undo(self) -> None:
        self.apply(card_db.update_card_text, self.card_id, *self.old, self.old_edited_at)


class SuspendCard(UndoableChange):
    changes = CARDS

    def __init__(self, runner: ChangeRunner, card_id: int, suspend: bool) -> None:
        super().__init__(runner, "Suspend Card" if suspend else "Unsuspend Card")
        self.card_id, self.suspend = card_id, suspend

    def redo(self) -> None:
        self.apply(card_db.set_suspended, self.card_id, self.suspend)

    def undo(self) -> None:
        self.apply(card_db.set_suspended, self.card_id, not self.suspend)


class DeleteCard(UndoableChange):
    """Deleting keeps the row (and its review history) with a deletion time: undoable, and
    a tombstone for syncing."""

    changes = CARDS

    def __init__(self, runner: ChangeRunner, card_id: int) -> None:
        super().__init__(runner, "Delete Card")
        self.card_id = card_id

    def redo(self) -> None:
        self.apply(card_db.set_deleted, self.card_id, card_db.stamp(study.utc_now()))

    def undo(self) -> None:
        self.apply(card_db.set_deleted, self.card_id, None)
