"""Gather what the summary needs from the library (reads only). Qt-free."""

from __future__ import annotations

from datetime import date

from db import note_reads
from desktop.library import Library
from desktop.summary.model import Summary, SummaryOptions, TimelineRow, build_summary


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
    timeline: list[TimelineRow] = []
    return build_summary(
        record,
        highlights=highlights,
        notes=note_reads.notes_of_study_set(reader, study_set_id),
        draft=note_reads.draft(reader, study_set_id),
        timeline=timeline,
        options=options,
        today=today,
    )
