"""A study set's timeline, computed: curated events, accepted found years and the student's
own, with where the answers mention them. Qt-free (the summary command uses it too)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from functools import cache

from db import event_reads
from db.records import EventRecord, StudySetRecord
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
from desktop.platform.resources import resources_root


@dataclass
class StudyTimeline:
    events: list[Event]  # by start date
    eras: tuple[Era, ...]
    categories: dict[str, str]  # the lanes: the categories the events use, in order
    start_year: int
    end_year: int
    mentions: MentionIndex
    suggestions: list[FoundYear] = field(default_factory=list)
    problem: str | None = None  # the curated file could not be used, and why
    # What the student may file an event under (the lanes and the unused ones).
    category_choices: dict[str, str] = field(default_factory=dict)

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
        # A year found in the text is linked to the passages that write it, the one that
        # found it first among them.
        aliases=(record.start[:4],) if record.origin == "found" else (),
        origin=record.origin,
        record_id=record.id,
    )


def passages_of(record: StudySetRecord) -> list[PassageText]:
    return [
        PassageText(answer.handle, passage.id, passage.number, passage.text)
        for answer in record.answers
        for passage in answer.passages
    ]


@cache
def _curated_file(source_name: str) -> CuratedTimeline | TimelineDataError | None:
    path = curated_file_for(resources_root() / "content", source_name)
    if not path.is_file():
        return None
    try:
        return load_curated(path)
    except TimelineDataError as exc:
        return exc


def curated_for(record: StudySetRecord) -> CuratedTimeline | TimelineDataError | None:
    """The curated timeline shipped for this study set (matched by SHA-256), or why not."""
    found = _curated_file(record.source_name)
    if isinstance(found, CuratedTimeline) and found.study_set_sha256 != record.sha256:
        return None
    return found


def build_timeline(connection: sqlite3.Connection, record: StudySetRecord) -> StudyTimeline:
    loaded = curated_for(record)
    curated = loaded if isinstance(loaded, CuratedTimeline) else None
    stored = event_reads.events_of_study_set(connection, record.id)
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
    choices = dict(curated.categories) if curated else dict(DEFAULT_CATEGORIES)
    for event in events:  # a category no longer offered still names its lane
        choices.setdefault(event.category, event.category.replace("-", " ").title())
    used = {event.category for event in events}
    return StudyTimeline(
        events=events,
        eras=curated.eras if curated else (),
        categories={key: label for key, label in choices.items() if key in used},
        category_choices=choices,
        start_year=min([start, *years]) if years else start,
        end_year=max([end, *years]) if years else end,
        mentions=MentionIndex.build(find_mentions(events, passages)),
        suggestions=suggestions,
        problem=str(loaded) if isinstance(loaded, TimelineDataError) else None,
    )
