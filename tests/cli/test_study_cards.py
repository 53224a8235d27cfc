"""`studydesk cards` and `studydesk export-anki` as a user runs them (subprocesses); the deck
is opened with the real Anki library (the `anki` package, a test-only dependency) in a
temporary collection, and a second export after an edit updates the notes, never adds twins."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from db import library as library_db
from db import notes
from db.records import NoteAnchor
from desktop.services.library import Library
from tests.cli.test_export_set import studydesk


@pytest.fixture
def worked_library(database_file: Path) -> tuple[int, int]:
    """The embedded set in course 'HIST 201::Unit 3' with two highlights in one sentence
    and a note with two Q :: A lines; (set id, note id)."""
    library = Library(database_file)
    try:
        set_id = library.ensure_embedded_study_set()
        passage_id, text = library.reader.execute(
            "SELECT p.id, p.text FROM passages p JOIN answers a ON a.id = p.answer_id "
            "WHERE a.educator_handle = 'gpane' AND p.number = 2"
        ).fetchone()
        with library.database().session() as session:
            for words in ("remorseless", "absolute power"):
                at = text.index(words)
                notes.create_highlight(session, passage_id, at, at + len(words), words, "yellow")
            note_id = notes.create_note(
                session,
                set_id,
                NoteAnchor("passage", None, passage_id, None, None, None),
                "Who led the USSR from 1924? :: Stalin\nWhat is a kulak? :: A richer peasant",
                tags=["exam week"],
            )
            library_db.add_to_course(session, [set_id], "HIST 201::Unit 3")
        return set_id, note_id
    finally:
        library.close()


def test_cards_lists_the_cards_of_a_course_as_json(
    worked_library: tuple[int, int], user_folders: dict[str, Path]
) -> None:
    done = studydesk("cards", "--course", "HIST", "201", "--json", data=user_folders["data"])
    assert done.returncode == 0, done.stderr
    cards = json.loads(done.stdout)
    kinds = {card["kind"] for card in cards}
    assert {"cloze", "qa", "event_date", "event_year", "event_order", "educator"} <= kinds
    qa = {card["front"]: card for card in cards if card["kind"] == "qa"}
    assert qa["What is a kulak?"]["back"] == "A richer peasant"
    assert qa["What is a kulak?"]["passage"] == "gpane ¶2"
    assert qa["What is a kulak?"]["tags"] == ["exam_week"]
    text = studydesk("cards", "--set", "Stalin", data=user_folders["data"])
    assert text.returncode == 0 and text.stdout.strip().endswith(f"{len(cards)} cards")

    refused = studydesk("cards", "--course", "Nope", data=user_folders["data"])
    assert refused.returncode == 2 and "no course 'Nope'" in refused.stderr


def anki_notes(apkg: Path, collection: Path) -> dict[str, tuple[str, list[str], list[str]]]:
    """Import ``apkg`` into the Anki collection at ``collection``: guid → (note type,
    fields, tags)."""
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(collection))
    try:
        col.import_anki_package(
            ImportAnkiPackageRequest(
                package_path=str(apkg), options=ImportAnkiPackageOptions(with_scheduling=False)
            )
        )
        found = {}
        for note_id in col.find_notes(""):
            note = col.get_note(note_id)
            found[note.guid] = (note.note_type()["name"], list(note.fields), list(note.tags))
        decks = [d.name for d in col.decks.all_names_and_ids()]
        cards = col.card_count()
    finally:
        col.close()
    found["__decks__"] = ("", decks, [str(cards)])
    return found


def test_export_anki_opens_in_anki_and_a_second_export_updates(
    worked_library: tuple[int, int], user_folders: dict[str, Path], tmp_path: Path
) -> None:
    data, deck = user_folders["data"], tmp_path / "out" / "revision.apkg"
    deck.parent.mkdir()
    done = studydesk("export-anki", deck, "--course", "HIST 201", data=data)
    assert done.returncode == 0, done.stderr
    assert "deck Study Desk::HIST 201" in done.stdout
    collection = tmp_path / "anki" / "collection.anki2"
    collection.parent.mkdir()
    first = anki_notes(deck, collection)
    _, decks, [card_count] = first.pop("__decks__")
    assert "Study Desk::HIST 201" in decks
    database = user_folders["data"] / "studydesk" / "studydesk.sqlite3"
    with sqlite3.connect(database) as plain:
        live = plain.execute("SELECT count(*) FROM cards WHERE retired_at IS NULL").fetchone()[0]
    clozes = [n for n in first.values() if n[0] == "Study Desk Cloze"]
    basics = [n for n in first.values() if n[0] == "Study Desk Basic"]
    assert len(clozes) == 1  # two highlights in one sentence: one note with c1 and c2
    [(_, [text, source], tags)] = clozes
    assert "{{c1::remorseless}}" in text and "{{c2::absolute power}}" in text
    assert source == "gpane ¶2" and "studydesk::cloze" in tags and "gpane" in tags
    assert len(basics) == live - 2  # every other card is one Basic note
    assert int(card_count) == live  # and Anki made a card for each of ours
    kulak = [n for n in basics if n[1][0] == "What is a kulak?"]
    assert kulak and kulak[0][1][1] == "A richer peasant" and "exam_week" in kulak[0][2]

    _set_id, note_id = worked_library
    library = Library(database)
    try:
        with library.database().session() as session:
            notes.set_note_body(
                session,
                note_id,
                "Who led the USSR from 1924? :: Stalin\nWhat is a kulak? :: A wealthier peasant",
            )
    finally:
        library.close()
    again = studydesk("export-anki", deck, "--course", "HIST 201", data=data)
    assert again.returncode == 0, again.stderr
    second = anki_notes(deck, collection)
    _, _decks, [card_count_after] = second.pop("__decks__")
    assert second.keys() == first.keys()  # the same notes: none added
    assert int(card_count_after) == int(card_count)
    kulak_after = [n for n in second.values() if n[1][0] == "What is a kulak?"]
    assert kulak_after[0][1][1] == "A wealthier peasant"  # updated in place


def test_check_finds_a_review_log_row_edited_by_hand(
    worked_library: tuple[int, int], user_folders: dict[str, Path]
) -> None:
    from datetime import UTC, datetime

    from db.cards import stamp
    from desktop.services.study import Scope, due_cards, rating_of, regenerate, write_rating

    set_id, _note = worked_library
    database = user_folders["data"] / "studydesk" / "studydesk.sqlite3"
    library = Library(database)
    try:

        def write(change, *args):  # type: ignore[no-untyped-def]
            with library.database().session() as session:
                return change(session, *args)

        regenerate(write, library.reader, set_id)
        card = due_cards(library.reader, Scope.of_set(set_id, "seed"))[0]
        write(write_rating, rating_of(card, 3, 1000))
    finally:
        library.close()
    healthy = studydesk("check", data=user_folders["data"])
    assert healthy.returncode == 0, healthy.stdout
    assert "every state matches its log" in healthy.stdout

    with sqlite3.connect(database) as plain:
        plain.execute(
            "UPDATE review_log SET reviewed_at = ?", (stamp(datetime(2020, 1, 1, tzinfo=UTC)),)
        )
    edited = studydesk("check", data=user_folders["data"])
    assert edited.returncode == 1
    assert "1 of " in edited.stdout and str(card.id) in edited.stdout
    assert "edited by hand" in edited.stdout
