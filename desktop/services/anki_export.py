"""Export cards as an Anki deck (.apkg) with genanki.

- Clozes become Anki Cloze notes: the sibling cards of one sentence are one note (c1, c2, …),
  each blank as the student left it (narrowed or widened in the card editor).
- Every other card becomes a Basic note (Front, Back).
- Deck ``Study Desk::<course or set title>``; tags kept (plus ``studydesk`` and the kind).
- GUIDs are stable (a Basic note's from its card's id; a Cloze note's from its generated
  sentence, which narrowing or widening a blank does not change), so importing a second
  export updates the notes instead of adding twins. Anki updates a note only when the
  file's is newer: each export's timestamp is later than the file it replaces.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from db import cards as card_db
from db.cards import CardRecord
from db.cards_anki import newest_note_time
from desktop.content.cards import blank_in, cloze_text

# Fixed once: Anki recognises the note types by these ids across exports.
BASIC_MODEL_ID = 1_607_392_311
CLOZE_MODEL_ID = 1_607_392_312
_CLOZE_MARK = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.DOTALL)


class ExportRefused(Exception):
    """Nothing was written; str() says why."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    deck: str
    notes: int
    cards: int


def _html(text: str) -> str:
    """Card text is plain: escaped, line breaks kept."""
    return "<br>".join(escape(line) for line in text.splitlines())


def _tags(card: CardRecord) -> list[str]:
    tags = ["studydesk", f"studydesk::{card.kind}", *card.tags]
    return sorted({re.sub(r"\s+", "_", t) for t in tags if t})


def _deck_id(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=4).digest()) | (1 << 31)


def _models() -> tuple[Any, Any]:
    import genanki  # type: ignore[import-untyped]

    basic = genanki.Model(
        BASIC_MODEL_ID,
        "Study Desk Basic",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[
            {
                "name": "Card 1",
                "qfmt": "{{Front}}",
                "afmt": "{{FrontSide}}<hr id=answer>{{Back}}<div class=source>{{Source}}</div>",
            }
        ],
        css=".card { font-family: sans-serif; font-size: 20px; } .source { color: #888; "
        "font-size: 14px; margin-top: 1em; }",
    )
    cloze = genanki.Model(
        CLOZE_MODEL_ID,
        "Study Desk Cloze",
        fields=[{"name": "Text"}, {"name": "Source"}],
        templates=[
            {
                "name": "Cloze",
                "qfmt": "{{cloze:Text}}",
                "afmt": "{{cloze:Text}}<div class=source>{{Source}}</div>",
            }
        ],
        css=".card { font-family: sans-serif; font-size: 20px; } .cloze { font-weight: bold; "
        "color: #1a5fb4; } .source { color: #888; font-size: 14px; margin-top: 1em; }",
        model_type=genanki.Model.CLOZE,
    )
    return basic, cloze


def _cloze_html(cloze: str) -> str:
    """Escape the sentence but keep the cloze marks Anki reads."""
    parts, at = [], 0
    for match in _CLOZE_MARK.finditer(cloze):
        parts.append(escape(cloze[at : match.start()]))
        parts.append(f"{{{{c{match.group(1)}::{escape(match.group(2))}}}}}")
        at = match.end()
    parts.append(escape(cloze[at:]))
    return "".join(parts)


@dataclass(frozen=True)
class _Blank:
    """A cloze card as the student sees it: its sentence and where its blank is."""

    card: CardRecord
    sentence: str
    start: int
    end: int


def _shared_and_apart(siblings: list[_Blank], generated: str) -> tuple[list[_Blank], list[_Blank]]:
    """The siblings that share one cloze text (the sentence most of them show, the
    generated one on a tie; blanks that do not overlap, in text order), and the rest, each
    a note of its own (a sentence the student reworded in one card only, a blank that
    overlaps another: Anki cannot mark overlapping words twice)."""
    counts = Counter(blank.sentence for blank in siblings)
    sentence = max(counts, key=lambda s: (counts[s], s == generated))
    shared: list[_Blank] = []
    apart: list[_Blank] = []
    for blank in sorted(siblings, key=lambda b: (b.start, b.end, b.card.id)):
        if blank.sentence == sentence and (not shared or blank.start >= shared[-1].end):
            shared.append(blank)
        else:
            apart.append(blank)
    return shared, apart


def build_notes(cards: Sequence[CardRecord], places: dict[int, str]) -> tuple[list[Any], int]:
    """genanki notes for ``cards`` (Cloze siblings merged) and how many cards they make.

    A cloze is exported as the review shows it: its blank is read from the card's front and
    back, which hold the student's narrowed or widened blank (``cards.cloze`` keeps the
    generated one). Siblings are grouped by their generated sentence, which edits never
    change, so the note's GUID stays put and a second export updates it. A cloze the
    student reworded so that it no longer reads as a sentence with a blank is a Basic note.
    """
    import genanki

    basic, cloze_model = _models()
    notes: list[Any] = []
    card_count = 0
    clozes: dict[tuple[int, int | None, str], list[_Blank]] = {}

    def cloze_note(text: str, members: Sequence[_Blank], guid: str) -> None:
        nonlocal card_count
        passage_id = members[0].card.passage_id
        notes.append(
            genanki.Note(
                model=cloze_model,
                fields=[_cloze_html(text), escape(places.get(passage_id or 0, ""))],
                tags=sorted({t for blank in members for t in _tags(blank.card)}),
                guid=guid,
            )
        )
        card_count += len(members)  # one Anki card per number

    for card in cards:
        shown = blank_in(card.front, card.back) if card.kind == "cloze" else None
        if shown is not None:
            generated = _CLOZE_MARK.sub(r"\2", card.cloze) if card.cloze else shown[0]
            clozes.setdefault((card.study_set_id, card.passage_id, generated), []).append(
                _Blank(card, *shown)
            )
            continue
        source = escape(places.get(card.passage_id or 0, ""))
        notes.append(
            genanki.Note(
                model=basic,
                fields=[_html(card.front), _html(card.back), source],
                tags=_tags(card),
                guid=genanki.guid_for("studydesk-card", card.id),
            )
        )
        card_count += 1
    for (set_id, passage_id, generated), siblings in clozes.items():
        shared, apart = _shared_and_apart(siblings, generated)
        text = cloze_text(shared[0].sentence, [(b.start, b.end) for b in shared])
        cloze_note(text, shared, genanki.guid_for("studydesk-cloze", set_id, passage_id, generated))
        for blank in apart:
            text = cloze_text(blank.sentence, [(blank.start, blank.end)])
            cloze_note(text, [blank], genanki.guid_for("studydesk-cloze-card", blank.card.id))
    return notes, card_count


def export_anki(
    reader: sqlite3.Connection, set_ids: Sequence[int] | None, title: str, out: Path
) -> ExportResult:
    """Write the live cards of ``set_ids`` (None: all) to ``out`` as deck
    ``Study Desk::<title>``. The file is written beside ``out`` and renamed into place."""
    import genanki

    cards = card_db.cards_in(reader, set_ids)
    if not cards:
        raise ExportRefused(
            "there are no cards to export (highlights, Q :: A notes and the "
            "timeline make them; `studydesk cards` lists them)"
        )
    places: dict[int, str] = {}
    for card in cards:
        if card.passage_id is not None and card.passage_id not in places:
            place = card_db.passage_place(reader, card.passage_id)
            if place is not None:
                places[card.passage_id] = f"{place[1]} ¶{place[2]}"
    deck_name = f"Study Desk::{title}"
    deck = genanki.Deck(_deck_id(deck_name), deck_name)
    notes, card_count = build_notes(cards, places)
    for note in notes:
        deck.add_note(note)
    stamp = max(time.time(), newest_note_time(out) + 1)
    partial = out.with_name(f".{out.name}.partial")
    try:
        genanki.Package(deck).write_to_file(str(partial), timestamp=stamp)
        partial.replace(out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return ExportResult(out, deck_name, len(notes), card_count)
