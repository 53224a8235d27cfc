"""`studydesk cards` and `studydesk export-anki`: the study commands, headless.

desktop/cli.py hands over the arguments, the library and how to find a set by number or
title words (its own, shared with export-set); the cards of the sets in scope are made up to
date first, so what is listed or exported is what the work makes now."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from db import cards as card_db
from db.cards import CardRecord
from desktop.services import study
from desktop.services.anki_export import ExportRefused, export_anki
from desktop.services.library import Library
from desktop.services.study import Scope

FindSet = Callable[[str], int]  # title words or a number → the set's id (or refuses)


class StudyCommandRefused(Exception):
    """One line for stderr; nothing was changed."""


def _scope_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--set", dest="study_set", nargs="+", metavar="ID|TITLE", help="one study set"
    )
    which.add_argument(
        "--course", nargs="+", metavar="NAME", help="a course (with the courses inside it)"
    )


def cards_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studydesk cards",
        description="List the study cards (kind, front, back, due, study set and passage), "
        "made up to date from your highlights, notes and timelines first.",
    )
    _scope_arguments(parser)
    parser.add_argument("--json", action="store_true", help="as JSON (an array of objects)")
    return parser


def export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studydesk export-anki",
        description="Write the cards as an Anki deck (.apkg): clozes as Cloze notes, the "
        "rest as Basic notes, deck 'Study Desk::<course or set title>'. Importing a newer "
        "export into Anki updates the notes instead of adding them again.",
    )
    parser.add_argument("out", type=Path, metavar="OUT.apkg")
    _scope_arguments(parser)
    return parser


def resolve_scope(args: argparse.Namespace, library: Library, find_set: FindSet) -> Scope:
    reader = library.reader
    if args.study_set:
        study_set_id = find_set(" ".join(args.study_set))
        return Scope.of_set(study_set_id, card_db.set_titles(reader).get(study_set_id, ""))
    if args.course:
        name = " ".join(args.course)
        if not card_db.course_exists(reader, name):
            raise StudyCommandRefused(
                f"there is no course {name!r}; `studydesk library` shows each set's courses"
            )
        return Scope.of_course(name)
    return Scope("all", title="All study sets")


def _writer(library: Library) -> study.Writer:
    def write(change: Callable[..., Any], *args: Any) -> Any:
        with library.database().session() as session:
            return change(session, *args)

    return write


def _as_json(card: CardRecord, titles: dict[int, str], places: dict[int, str]) -> dict[str, Any]:
    return {
        "id": card.id,
        "kind": card.kind,
        "front": card.front,
        "back": card.back,
        "due": card.scheduling.due,
        "state": card.scheduling.state,
        "suspended": card.suspended,
        "study_set_id": card.study_set_id,
        "study_set": titles.get(card.study_set_id, ""),
        "passage": places.get(card.passage_id or 0),
        "source": card.source_kind,
        "tags": list(card.tags),
    }


def _places(library: Library, cards: Sequence[CardRecord]) -> dict[int, str]:
    places: dict[int, str] = {}
    for card in cards:
        if card.passage_id is not None and card.passage_id not in places:
            place = card_db.passage_place(library.reader, card.passage_id)
            if place is not None:
                places[card.passage_id] = f"{place[1]} ¶{place[2]}"
    return places


def _one_line(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def run_cards(argv: Sequence[str], library: Library, find_set: FindSet) -> list[str]:
    args = cards_parser().parse_args(argv)
    scope = resolve_scope(args, library, find_set)
    study.regenerate_scope(_writer(library), library.reader, scope)
    cards = card_db.cards_in(library.reader, scope.set_ids(library.reader), live_only=False)
    titles = card_db.set_titles(library.reader)
    places = _places(library, cards)
    if args.json:
        rows = [_as_json(card, titles, places) for card in cards if card.retired_at is None]
        return [json.dumps(rows, ensure_ascii=False, indent=2)]
    lines = []
    for card in cards:
        if card.retired_at is not None:
            continue
        where = " · ".join(
            p for p in (titles.get(card.study_set_id, ""), places.get(card.passage_id or 0)) if p
        )
        mark = " (suspended)" if card.suspended else ""
        lines.append(
            f"{card.kind:<11} {_one_line(card.front, 60)} → {_one_line(card.back, 30)}  "
            f"due {card.scheduling.due[:16]}{mark}  [{_one_line(where, 50)}]"
        )
    lines.append(f"{len(lines)} cards")
    return lines


def run_export_anki(
    argv: Sequence[str], library: Library, find_set: FindSet, check_out: Callable[[Path], None]
) -> list[str]:
    """``check_out`` refuses an output path that is a folder, unwritable or Study Desk's own
    data; an earlier export at the same path is replaced (that is how Anki gets updates)."""
    args = export_parser().parse_args(argv)
    out: Path = args.out
    if out.suffix.lower() != ".apkg":
        out = out.with_name(out.name + ".apkg")
    check_out(out)
    scope = resolve_scope(args, library, find_set)
    study.regenerate_scope(_writer(library), library.reader, scope)
    try:
        result = export_anki(library.reader, scope.set_ids(library.reader), scope.title, out)
    except ExportRefused as exc:
        raise StudyCommandRefused(str(exc)) from None
    return [f"Wrote {result.path}: deck {result.deck}, {result.notes} notes, {result.cards} cards"]
