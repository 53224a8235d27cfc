"""Gather what the summary needs from the library (reads only). Qt-free."""

from __future__ import annotations

import sqlite3
from datetime import date

from db import note_reads
from db.records import StudySetRecord
from desktop.content.crossrefs import Stance
from desktop.services.library import Library
from desktop.services.study import self_test_pairs
from desktop.services.timeline_data import StudyTimeline, build_timeline
from desktop.summary.model import Relation, Summary, SummaryOptions, TimelineRow, build_summary


def _mentioned_by(timeline: StudyTimeline, key: str) -> str:
    """'gpane ¶1, ¶3; pohnpei397 ¶2' — the paragraphs that mention the event."""
    numbers: dict[str, list[int]] = {}
    for mention in timeline.mentions.by_event.get(key, []):
        found = numbers.setdefault(mention.handle, [])
        if mention.passage_number not in found:
            found.append(mention.passage_number)
    return "; ".join(
        f"{handle} " + ", ".join(f"¶{n}" for n in sorted(paragraphs))
        for handle, paragraphs in numbers.items()
    )


_LEDGER_STANCES = {
    "agree": (Stance.AGREES, ""),
    "disagree": (Stance.DISPUTES, ""),
    "different focus": (Stance.NEUTRAL, "differs in focus from"),
}


def _ledger_relations(reader: sqlite3.Connection, record: StudySetRecord) -> list[Relation]:
    """ "Where the educators agree and disagree" from the Compare ledger: both sentences
    quoted, the student's stance (else a cross-reference's) and note."""
    # Loaded when a summary is made: start-up (which imports this module) does not need it.
    from desktop.services.compare_data import ledger

    relations = []
    for entry in ledger(reader, record):
        stance, words = _LEDGER_STANCES[entry.stance]
        relations.append(
            Relation(
                entry.left_handle,
                entry.right_handle,
                stance,
                entry.left.text,
                entry.left.paragraph_number,
                other_sentence=entry.right.text,
                other_passage_number=entry.right.paragraph_number,
                note=entry.note,
                stance_words=words,
            )
        )
    return relations


def collect_summary(
    library: Library,
    study_set_id: int,
    options: SummaryOptions | None = None,
    today: date | None = None,
) -> Summary:
    record = library.load_study_set(study_set_id)
    if record is None:
        raise LookupError(f"study set {study_set_id} does not exist")
    reader = library.reader
    highlights = {a.id: note_reads.highlights_of_answer(reader, a.id) for a in record.answers}
    study_timeline = build_timeline(reader, record)
    timeline = [
        TimelineRow(
            event.when(),
            event.title,
            _mentioned_by(study_timeline, event.key),
            event.description.strip(),
        )
        for event in study_timeline.events
    ]
    return build_summary(
        record,
        highlights=highlights,
        notes=note_reads.notes_of_study_set(reader, study_set_id),
        draft=note_reads.draft(reader, study_set_id),
        timeline=timeline,
        options=options,
        today=today,
        relations=_ledger_relations(reader, record),
        self_test=self_test_pairs(reader, study_set_id) if options and options.self_test else (),
    )
