"""The timeline of a study set: curated events, accepted found years and the student's own,
with where the answers mention them; adding, editing and deleting events, undoably."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from db import event_reads
from db.records import EventFields, EventRecord, StudySetRecord
from desktop.content.timeline import (
    DEFAULT_CATEGORIES,
    CuratedTimeline,
    Era,
    Event,
    FoundYear,
    HistoricDate,
    MentionIndex,
    PassageText,
    TimelineDataError,
    curated_file_for,
    find_mentions,
    find_years,
    load_curated,
)
from desktop.notes_service import NotesService
from desktop.resources import resources_root


@dataclass
class StudyTimeline:
    events: list[Event]  # by start date
    eras: tuple[Era, ...]
    categories: dict[str, str]
    start_year: int
    end_year: int
    mentions: MentionIndex
    suggestions: list[FoundYear] = field(default_factory=list)
    problem: str | None = None  # the curated file could not be used, and why

    def event(self, key: str) -> Event | None:
        return next((e for e in self.events if e.key == key), None)


def user_event_key(record_id: int) -> str:
    return f"user-{record_id}"


def _stored_event(record: EventRecord) -> Event:
    return Event(
        key=user_event_key(record.id),
        title=record.title,
        start=HistoricDate.parse(record.start),
        end=HistoricDate.parse(record.end) if record.end else None,
        precision=record.precision,
        category=record.category,
        description=record.description,
        origin=record.origin,
        record_id=record.id,
    )


def passages_of(record: StudySetRecord) -> list[PassageText]:
    return [
        PassageText(answer.handle, passage.id, passage.number, passage.text)
        for answer in record.answers
        for passage in answer.passages
    ]


class TimelineService(QObject):
    changed = Signal()

    def __init__(self, notes: NotesService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notes = notes  # for its writer, its undo stack and its failure reporting
        self._curated: dict[str, CuratedTimeline | TimelineDataError | None] = {}

    def curated(self, record: StudySetRecord) -> CuratedTimeline | None:
        """The curated timeline shipped for this study set, if any (checked by SHA-256)."""
        if record.sha256 not in self._curated:
            path = curated_file_for(resources_root() / "content", record.source_name)
            try:
                loaded = load_curated(path) if path.is_file() else None
            except TimelineDataError as exc:
                loaded = exc
            if isinstance(loaded, CuratedTimeline) and loaded.study_set_sha256 != record.sha256:
                loaded = None
            self._curated[record.sha256] = loaded
        found = self._curated[record.sha256]
        return found if isinstance(found, CuratedTimeline) else None

    def timeline(self, record: StudySetRecord) -> StudyTimeline:
        curated = self.curated(record)
        stored = event_reads.events_of_study_set(self.notes.reader, record.id)
        events = list(curated.events) if curated else []
        events += [_stored_event(r) for r in stored if r.status == "shown"]
        events.sort(key=lambda e: (e.start.as_year(), e.title))
        passages = passages_of(record)
        handled_years = {int(r.start[:4]) for r in stored if r.origin == "found"}
        suggestions = [f for f in find_years(passages) if f.year not in handled_years]
        years = [e.start.year for e in events] + [e.end.year for e in events if e.end]
        years += [f.year for f in suggestions]
        start = curated.start_year if curated else (min(years) - 2 if years else 1900)
        end = curated.end_year if curated else (max(years) + 2 if years else 2000)
        problem = self._curated.get(record.sha256)
        return StudyTimeline(
            events=events,
            eras=curated.eras if curated else (),
            categories=dict(curated.categories) if curated else dict(DEFAULT_CATEGORIES),
            start_year=min([start, *years]) if years else start,
            end_year=max([end, *years]) if years else end,
            mentions=MentionIndex.build(find_mentions(events, passages)),
            suggestions=suggestions,
            problem=str(problem) if isinstance(problem, TimelineDataError) else None,
        )

    # --- undoable changes ------------------------------------------------------------------

    def add_event(self, study_set_id: int, fields: EventFields) -> int | None:
        from desktop.undo_commands import AddEvent

        command = AddEvent(self, study_set_id, fields)
        self.notes.undo_stack.push(command)
        return command.event_id

    def edit_event(self, event_id: int, old: EventFields, new: EventFields) -> None:
        from desktop.undo_commands import EditEvent

        if old != new:
            self.notes.undo_stack.push(EditEvent(self, event_id, old, new))

    def delete_event(self, event_id: int) -> None:
        from desktop.undo_commands import DeleteEvent

        self.notes.undo_stack.push(DeleteEvent(self, event_id))

    def accept_found(self, study_set_id: int, found: FoundYear) -> int | None:
        from desktop.undo_commands import AddEvent

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
        from desktop.undo_commands import AddEvent

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
