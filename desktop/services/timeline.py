"""Timeline changes, undoably: adding, editing and deleting the student's own events, and
accepting or dismissing years found in the text. The timeline itself:
desktop.services.timeline_data."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject

from db.records import EventFields, StudySetRecord
from desktop.content.timeline import FoundYear, title_from_sentence
from desktop.services.changes import ChangeRunner
from desktop.services.timeline_data import StudyTimeline, build_timeline


class TimelineService(QObject):
    def __init__(self, runner: ChangeRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner

    def timeline(self, record: StudySetRecord) -> StudyTimeline:
        return build_timeline(self.runner.reader, record)

    # --- undoable changes ------------------------------------------------------------------

    def add_event(self, study_set_id: int, fields: EventFields) -> int | None:
        from desktop.services.timeline_commands import AddEvent

        command = AddEvent(self.runner, study_set_id, fields)
        self.runner.push(command)
        return command.event_id

    def edit_event(self, event_id: int, old: EventFields, new: EventFields) -> None:
        from desktop.services.timeline_commands import EditEvent

        if old != new:
            self.runner.push(EditEvent(self.runner, event_id, old, new))

    def delete_event(self, event_id: int) -> None:
        from desktop.services.timeline_commands import DeleteEvent

        self.runner.push(DeleteEvent(self.runner, event_id))

    @staticmethod
    def found_fields(found: FoundYear, category: str) -> EventFields:
        """What a found year becomes unless the student changes it: titled from its
        sentence, in ``category``, the sentence quoted as its description."""
        return EventFields(
            title=title_from_sentence(found.sentence, found.year),
            start=str(found.year),
            end=None,
            precision="year",
            category=category,
            description=f"Found in the text ({found.handle} ¶{found.passage_number}): "
            f"“{found.sentence.strip()}”",
        )

    def accept_found(self, study_set_id: int, found: FoundYear, fields: EventFields) -> int | None:
        """Add the found year as ``fields`` say (see found_fields); it keeps its year, so
        it stays linked to the passages that write it."""
        from desktop.services.timeline_commands import AddEvent

        fields = replace(fields, start=str(found.year))
        command = AddEvent(
            self.runner, study_set_id, fields, origin="found", text="Accept Found Event"
        )
        self.runner.push(command)
        return command.event_id

    def dismiss_found(self, study_set_id: int, found: FoundYear) -> None:
        from desktop.services.timeline_commands import AddEvent

        fields = EventFields(str(found.year), str(found.year), None, "year", "politics")
        self.runner.push(
            AddEvent(
                self.runner,
                study_set_id,
                fields,
                origin="found",
                status="dismissed",
                text="Dismiss Found Event",
            )
        )
