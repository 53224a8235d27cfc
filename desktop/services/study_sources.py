"""What a study set's cards are made from, read from the library: its highlights, its notes
with ``::`` lines, its timeline (curated, found and the student's events, with where the
answers mention them) and its answers. Turned into the cards it should have now."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from db import cards as card_db
from db import reads
from db.cards import CardContent
from desktop.content.cards import (
    AnswerSource,
    CardDraft,
    EventSource,
    HighlightSource,
    NoteSource,
    SetSources,
    cards_for_set,
)
from desktop.services.timeline_data import build_timeline


def set_sources(reader: sqlite3.Connection, study_set_id: int) -> SetSources | None:
    record = reads.load_study_set(reader, study_set_id)
    if record is None:
        return None
    # Sources are named by their synced identity (the same on every device), so the keys
    # of the cards they make, and so the cards' ids, are too.
    highlight_rows = card_db.highlights_of_set(reader, study_set_id)
    uids = card_db.sync_keys(reader, "highlight", (h.id for h in highlight_rows))
    highlights = [
        HighlightSource(
            h.id,
            h.passage_id,
            h.passage_text,
            h.start,
            h.end,
            h.quote,
            h.handle,
            uids.get(h.id, ""),
        )
        for h in highlight_rows
    ]
    note_rows = card_db.qa_notes_of_set(reader, study_set_id)
    uids = card_db.sync_keys(reader, "note", (n.id for n in note_rows))
    notes = [
        NoteSource(n.id, n.body, n.passage_id, n.start, n.end, n.tags, uids.get(n.id, ""))
        for n in note_rows
    ]
    timeline = build_timeline(reader, record)
    stored = [e.record_id for e in timeline.events if e.record_id is not None]
    uids = card_db.sync_keys(reader, "event", stored)
    events = []
    for event in timeline.events:
        mentions = timeline.mentions.by_event.get(event.key, [])
        first = mentions[0] if mentions else None
        events.append(
            EventSource(
                event,
                first.passage_id if first else None,
                first.start if first else None,
                first.end if first else None,
                uids.get(event.record_id, "") if event.record_id is not None else "",
            )
        )
    answers = [
        AnswerSource(answer.handle, tuple((p.id, p.text) for p in answer.passages))
        for answer in record.answers
    ]
    return SetSources(study_set_id, record.sha256[:16], highlights, notes, events, answers)


def content_of(draft: CardDraft) -> CardContent:
    return CardContent(
        kind=draft.kind,
        source_kind=draft.source_kind,
        source_id=draft.source_id,
        passage_id=draft.passage_id,
        start_offset=draft.start,
        end_offset=draft.end,
        front=draft.front,
        back=draft.back,
        cloze=draft.cloze,
        tags=draft.tags,
    )


def _stored_educator_cards(reader: sqlite3.Connection, study_set_id: int) -> dict[str, CardContent]:
    """The set's educator cards as made before. A study set's text is never edited, so what
    its answers argue never changes: made once, they are kept rather than made again (finding
    the key points is most of the cost of making a set's cards)."""
    return {
        card.gen_key: CardContent(
            card.kind,
            card.source_kind,
            card.source_id,
            card.passage_id,
            card.start_offset,
            card.end_offset,
            card.front,
            card.back,
            card.cloze,
            card.tags,
        )
        for card in card_db.generated_cards(reader, study_set_id)
        if card.kind == "educator" and card.gen_key is not None
    }


def wanted_cards(
    reader: sqlite3.Connection, study_set_id: int, *, educators: bool = True
) -> dict[str, CardContent]:
    """gen_key → the card the set's work makes now (empty for a set that is gone).
    ``educators`` False: the educator cards are not made if they are not there yet (the
    key sentences of a long set take the GUI thread too long for a background refresh);
    those already made are kept either way."""
    sources = set_sources(reader, study_set_id)
    if sources is None:
        return {}
    known = _stored_educator_cards(reader, study_set_id)
    if known or not educators:
        sources = replace(sources, answers=())
    wanted = {draft.gen_key: content_of(draft) for draft in cards_for_set(sources)}
    wanted.update(known)
    return wanted
