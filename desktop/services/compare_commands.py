"""Undoable changes to Compare links: create (confirm, break or link by hand), change
(status, stance, note) and delete (undoing a hand-made link)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from db.compare_records import LinkFields, SentenceAnchor
from desktop.services.changes import FAILED, ChangeInShownSet, ChangeRunner, Changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

COMPARE = Changes(compare=True)


class CreateLink(ChangeInShownSet):
    changes = COMPARE

    def __init__(
        self,
        runner: ChangeRunner,
        study_set_id: int,
        anchors: tuple[SentenceAnchor, SentenceAnchor],
        fields: LinkFields,
        text: str,
    ) -> None:
        super().__init__(runner, text)
        self.study_set_id, self.anchors, self.fields = study_set_id, anchors, fields
        self.link_id: int | None = None

    def redo(self) -> None:
        created = self.apply(self._create)
        if created is not FAILED:
            self.link_id = created

    def _create(self, session: Session) -> int:
        from db import compare

        left, right = self.anchors
        return compare.create_link(
            session, self.study_set_id, left, right, self.fields, link_id=self.link_id
        )

    def undo(self) -> None:
        from db import compare

        self.apply(compare.delete_link, self.link_id)


class ChangeLink(ChangeInShownSet):
    """A change of a link's status, stance or note. Changes of one link with the same name
    in a row are one undo step (stepping through the stances with the keyboard is one)."""

    changes = COMPARE
    MERGE_ID = 0x636D70  # "cmp"

    def __init__(
        self, runner: ChangeRunner, link_id: int, old: LinkFields, new: LinkFields, text: str
    ) -> None:
        super().__init__(runner, text)
        self.link_id, self.old, self.new = link_id, old, new

    def redo(self) -> None:
        from db import compare

        self.apply(compare.set_link_fields, self.link_id, self.new)

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if (
            not isinstance(other, ChangeLink)
            or other.link_id != self.link_id
            or other.text() != self.text()
        ):
            return False
        self.new = other.new
        return True

    def undo(self) -> None:
        from db import compare

        self.apply(compare.set_link_fields, self.link_id, self.old)


class DeleteLink(CreateLink):
    """Removing a hand-made link: the reverse of creating it."""

    def __init__(
        self,
        runner: ChangeRunner,
        study_set_id: int,
        link_id: int,
        anchors: tuple[SentenceAnchor, SentenceAnchor],
        fields: LinkFields,
        text: str,
    ) -> None:
        super().__init__(runner, study_set_id, anchors, fields, text)
        self.link_id = link_id

    def redo(self) -> None:
        super().undo()

    def undo(self) -> None:
        super().redo()
