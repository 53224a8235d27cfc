"""The summary document, built from a study set and the student's work. Qt-free."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from db.records import HighlightRecord, NoteRecord, StudySetRecord
from desktop.content.compose import is_typed
from desktop.content.crossrefs import HandleIndex, Stance, find_cross_references
from desktop.content.key_points import key_sentences
from desktop.content.studyset import credential_text


@dataclass(frozen=True)
class SummaryOptions:
    key_points: bool = True
    agreements: bool = True
    timeline: bool = True
    notes: bool = True
    draft: bool = True
    timeline_descriptions: bool = True  # each event's short description under its title
    all_events: bool = False  # every event, not only those the answers mention
    self_test: bool = False  # the study cards as numbered questions, the key on its own page

    SECTIONS = ("key_points", "agreements", "timeline", "notes", "draft")
    TIMELINE_CHOICES = ("timeline_descriptions", "all_events")


@dataclass(frozen=True)
class KeyPoint:
    text: str
    passage_number: int
    colour: str | None  # the highlight's colour; None for a sentence chosen by the method


@dataclass(frozen=True)
class EducatorPoints:
    handle: str
    credential: str
    points: tuple[KeyPoint, ...]


@dataclass(frozen=True)
class Relation:
    author: str
    target: str
    stance: Stance
    sentence: str
    passage_number: int
    # From the Compare ledger: the sentence of ``target`` it pairs with, and the student's note.
    other_sentence: str = ""
    other_passage_number: int | None = None
    note: str = ""
    stance_words: str = ""  # instead of the stance's usual words ("differs in focus from")


@dataclass(frozen=True)
class TimelineRow:
    when: str  # the date as written, with its precision
    title: str
    mentioned_by: str  # "gpane ¶1, ¶3; pohnpei397 ¶2", or "" when no answer mentions it
    description: str = ""


@dataclass(frozen=True)
class NoteGroup:
    heading: str  # what the notes are attached to: "gpane ¶2", "The question"…
    notes: tuple[NoteRecord, ...]


@dataclass(frozen=True)
class Summary:
    title: str
    question: str
    source: str  # what the study set is, for a student: "Embedded study set" or its title
    printed_on: date
    options: SummaryOptions
    educators: tuple[EducatorPoints, ...] = ()
    relations: tuple[Relation, ...] = ()
    timeline: tuple[TimelineRow, ...] = ()
    note_groups: tuple[NoteGroup, ...] = ()
    draft: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    source_file: str = ""  # the file it was read from: a detail, never the name shown
    self_test: tuple[tuple[str, str], ...] = ()  # (question, answer) of the study cards


EMBEDDED_NAME = "Embedded study set"


def source_label(record: StudySetRecord) -> str:
    """How the summary names where a study set came from: never a bare file name."""
    if record.is_embedded:
        return EMBEDDED_NAME
    if is_typed(record.source_name):
        return "Typed in Study Desk"
    title = record.title.strip()
    question = record.question.strip().splitlines()[0] if record.question.strip() else ""
    return title if title and title != question else "Imported study set"


def _key_points(
    record: StudySetRecord, highlights: dict[int, list[HighlightRecord]]
) -> tuple[EducatorPoints, ...]:
    result = []
    for answer in record.answers:
        numbers = {p.id: p.number for p in answer.passages}
        marked = sorted(
            highlights.get(answer.id, []), key=lambda h: (numbers.get(h.passage_id, 0), h.start)
        )
        points = [KeyPoint(h.quote, numbers.get(h.passage_id, 0), h.colour) for h in marked]
        quoted = " ".join(h.quote for h in marked)
        for sentence in key_sentences([p.text for p in answer.passages]):
            if sentence.text not in quoted:  # a highlighted sentence is not repeated
                points.append(
                    KeyPoint(sentence.text, answer.passages[sentence.passage_index].number, None)
                )
        result.append(
            EducatorPoints(answer.handle, credential_text(answer.credential), tuple(points))
        )
    return tuple(result)


def _relations(record: StudySetRecord) -> tuple[Relation, ...]:
    educators = HandleIndex([a.handle for a in record.answers])
    relations = []
    for answer in record.answers:
        texts = [p.text for p in answer.passages]
        for reference in find_cross_references(texts, answer.handle, educators):
            relations.append(
                Relation(
                    answer.handle,
                    reference.target_handle,
                    reference.stance,
                    reference.sentence,
                    answer.passages[reference.passage_index].number,
                )
            )
    return tuple(relations)


def _note_groups(record: StudySetRecord, notes: Sequence[NoteRecord]) -> tuple[NoteGroup, ...]:
    """Notes grouped by what they are attached to, in the order of the text."""
    order = {"study_set": 0, "question": 1}
    positions = {a.handle: i for i, a in enumerate(record.answers)}

    def where(note: NoteRecord) -> tuple[int, int, int]:
        if note.educator is None:
            return (order.get(note.anchor.kind, 0), 0, 0)
        return (
            2 + positions.get(note.educator, 0),
            note.passage_number or 0,
            note.anchor.start or 0,
        )

    groups: dict[str, list[NoteRecord]] = {}
    for note in sorted(notes, key=lambda n: (where(n), n.created_at)):
        heading = "The question" if note.anchor.kind == "question" else note.place
        groups.setdefault(heading, []).append(note)
    return tuple(NoteGroup(heading, tuple(items)) for heading, items in groups.items())


def _timeline_rows(rows: Sequence[TimelineRow], options: SummaryOptions) -> tuple[TimelineRow, ...]:
    """The events the answers mention (all of them when asked), with or without their
    descriptions."""
    chosen = [row for row in rows if options.all_events or row.mentioned_by]
    if not options.timeline_descriptions:
        chosen = [TimelineRow(row.when, row.title, row.mentioned_by) for row in chosen]
    return tuple(chosen)


def build_summary(
    record: StudySetRecord,
    *,
    highlights: dict[int, list[HighlightRecord]],
    notes: Sequence[NoteRecord],
    draft: str,
    timeline: Sequence[TimelineRow] = (),
    options: SummaryOptions | None = None,
    today: date | None = None,
    relations: Sequence[Relation] | None = None,
    self_test: Sequence[tuple[str, str]] = (),
) -> Summary:
    """``highlights`` maps an answer id to its highlights; ``relations`` (from the Compare
    ledger) replace the cross-references when given."""
    options = options or SummaryOptions()
    return Summary(
        title=record.title,
        question=record.question,
        source=source_label(record),
        source_file="" if is_typed(record.source_name) else record.source_name,
        printed_on=today or date.today(),
        options=options,
        educators=_key_points(record, highlights) if options.key_points else (),
        relations=(() if not options.agreements else tuple(relations or ()) or _relations(record)),
        timeline=_timeline_rows(timeline, options) if options.timeline else (),
        note_groups=_note_groups(record, notes) if options.notes else (),
        draft=draft if options.draft else "",
        self_test=tuple(self_test) if options.self_test else (),
        counts={
            "highlights": sum(len(v) for v in highlights.values()),
            "notes": len(notes),
        },
    )
