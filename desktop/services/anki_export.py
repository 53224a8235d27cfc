"""Export cards as an Anki deck (.apkg) with genanki.

- Clozes become Anki Cloze notes: the sibling cards of one sentence are one note (c1, c2, …).
- Every other card becomes a Basic note (Front, Back).
- Deck ``Study Desk::<course or set title>``; tags kept (plus ``studydesk`` and the kind).
- GUIDs are stable (a Basic note's from its card's id; a Cloze note's from its sentence), so
  importing a second export updates the notes instead of adding twins. Anki updates a note
  only when the file's is newer: each export's timestamp is later than the file it replaces.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from db import cards as card_db
from db.cards import CardRecord
from db.cards_anki import newest_note_time

# Fixed once: Anki recognises the note types by these ids across exports.
BASIC_MODEL_ID = 1_607_392_311
CLOZE_MODEL_ID = 1_607_392_312
_CLOZE_MARK = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.DOTALL)
_CLOZE_NUMBER = re.compile(r"\{\{c(\d+)::")


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


def build_notes(cards: Sequence[CardRecord], places: dict[int, str]) -> tuple[list[Any], int]:
    """genanki notes for ``cards`` (Cloze siblings merged) and how many cards they make."""
    import genanki

    basic, cloze_model = _models()
    notes: list[Any] = []
    card_count = 0
    clozes: dict[tuple[int, int | None, str], list[CardRecord]] = {}
    for card in cards:
        if card.kind == "cloze" and card.cloze:
            sentence = _CLOZE_MARK.sub(r"\2", card.cloze)
            clozes.setdefault((card.study_set_id, card.passage_id, sentence), []).append(card)
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
    for (set_id, passage_id, sentence), siblings in clozes.items():
        text = siblings[0].cloze or ""
        tags = sorted({t for card in siblings for t in _tags(card)})
        notes.append(
            genanki.Note(
                model=cloze_model,
                fields=[_cloze_html(text), escape(places.get(passage_id or 0, ""))],
                tags=tags,
                guid=genanki.guid_for("studydesk-cloze", set_id, passage_id, sentence),
            )
        )
        card_count += len(set(_CLOZE_NUMBER.findall(text)))  # one Anki card per number
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
