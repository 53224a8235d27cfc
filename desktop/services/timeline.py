"""Timeline changes, undoably: adding, editing and deleting the student's own events, and
accepting or dismissing years found in the text. The timeline itself:
desktop.services.timeline_data."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from db.records import EventFields, StudySetRecord
from desktop.content.timeline import FoundYear
from desktop.services.notes import NotesService
from desktop.services.timeline_data import StudyTimeline, build_timeline


class TimelineService(QObject):
    changed = Signal()

    def __init__(self, notes: NotesService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notes = notes  # for its writer, its undo stack and its failure reporting

    def timeline(self, record: StudySetRecord) -> StudyTimeline:
        return build_timeline(self.notes.reader, record)

    # --- undoable changes ------------------------------------------------------------------

    def add_event(self, study_set_id: int, fields: EventFields) -> int | None:
        from desktop.services.undo_commands import AddEvent

        command = AddEvent(self, study_set_id, fields)
        self.notes.undo_stack.push(command)
        return command.event_id

    def edit_event(self, event_id: int, old: EventFields, new: EventFields) -> None:
        from desktop.services.undo_commands import EditEvent

        if old != new:
            self.notes.undo_stack.push(EditEvent(self, event_id, old, new))

    def delete_event(self, event_id: int) -> None:
        from desktop.services.undo_commands import DeleteEvent

        self.notes.undo_stack.push(DeleteEvent(self, event_id))

    def accept_found(self, study_set_id: int, found: FoundYear) -> int | None:
        from desktop.services.undo_commands import AddEvent

        fields = EventFields(
            title=f"{found.year} (mentioned by {found.handle} ¶{found.passage_number})",
            start=str(found.year),
            end=None,
            precision="year",
            category="politics",
            description=f"Found in the text: “{found.sentence.strip()}”",
        )
        command = AddEvent(self, study_set_id, fields, origin="found", text="Accept Found Event")
        self.notes.undo_stack.push(command)
        return command.event_id

    def dismiss_found(self, study_set_id: int, found: FoundYear) -> None:
        from desktop.services.undo_commands import AddEvent

        fields = EventFields(str(found.year), str(found.year), None, "year", "politics")
        self.notes.undo_stack.push(
            AddEvent(
                self,
                study_set_id,
                fields,
                origin="found",
                status="dismissed",
                text="Dismiss Found Event",
            )
        )
