"""Undoable changes to the timeline: the student's own events and found years."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db import events
from db.records import EventFields
from desktop.services.changes import FAILED, ChangeInShownSet, ChangeRunner, Changes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

EVENTS = Changes(events=True)


class AddEvent(ChangeInShownSet):
    changes = EVENTS

    def __init__(
        self,
        runner: ChangeRunner,
        study_set_id: int,
        fields: EventFields,
        *,
        origin: str = "user",
        status: str = "shown",
        text: str = "Add Event",
    ) -> None:
        super().__init__(runner, text)
        self.study_set_id, self.fields = study_set_id, fields
        self.origin, self.status = origin, status
        self.event_id: int | None = None

    def redo(self) -> None:
        created = self.apply(self._create)
        if created is not FAILED:
            self.event_id = created

    def _create(self, session: Session) -> int:
        return events.create_event(
            session,
            self.study_set_id,
            self.fields,
            origin=self.origin,
            status=self.status,
            event_id=self.event_id,
        )

    def undo(self) -> None:
        self.apply(events.purge_event, self.event_id)


class EditEvent(ChangeInShownSet):
    changes = EVENTS

    def __init__(
        self, runner: ChangeRunner, event_id: int, old: EventFields, new: EventFields
    ) -> None:
        super().__init__(runner, "Edit Event")
        self.event_id, self.old, self.new = event_id, old, new

    def redo(self) -> None:
        self.apply(events.update_event, self.event_id, self.new)

    def undo(self) -> None:
        self.apply(events.update_event, self.event_id, self.old)


class DeleteEvent(ChangeInShownSet):
    changes = EVENTS

    def __init__(self, runner: ChangeRunner, event_id: int) -> None:
        super().__init__(runner, "Delete Event")
        self.event_id = event_id

    def redo(self) -> None:
        self.apply(events.delete_event, self.event_id)

    def undo(self) -> None:
        self.apply(events.restore_event, self.event_id)
