"""Study mode on a real SQLite file: cards kept up to date with the work, FSRS ratings in
the insert-only review log, undo as a new log row, and the state rebuilt from the log."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from db import cards as card_db
from db import notes
from db.records import NoteAnchor
from desktop.services import study
from desktop.services.library import Library


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "library.sqlite3")


def writer(lib: Library) -> Callable[..., Any]:
    def write(change: Callable[..., Any], *args: Any) -> Any:
        with lib.database().session() as session:
            return change(session, *args)

    return write


def first_passage(lib: Library) -> tuple[int, str]:
    row = lib.reader.execute("SELECT id, text FROM passages ORDER BY id LIMIT 1").fetchone()
    return int(row[0]), str(row[1])


def test_regenerating_updates_in_place_and_a_deleted_source_retires_its_cards(
    library: Library,
) -> None:
    set_id = library.ensure_embedded_study_set()
    write = writer(library)
    passage_id, _text = first_passage(library)
    anchor = NoteAnchor("passage", None, passage_id, None, None, None)
    note_id = write(notes.create_note, set_id, anchor, "Who led the USSR? :: Stalin")
    first = study.regenerate(write, library.reader, set_id)
    assert first.added > 0
    [qa] = [c for c in card_db.cards_in(library.reader, [set_id]) if c.kind == "qa"]
    assert (qa.front, qa.back, qa.passage_id) == ("Who led the USSR?", "Stalin", passage_id)
    assert 0 < qa.id < 2**63

    write(notes.set_note_body, note_id, "Who led the USSR? :: Joseph Stalin")
    again = study.regenerate(write, library.reader, set_id)
    assert (again.added, again.updated) == (0, 1)
    updated = card_db.card(library.reader, qa.id)
    assert updated is not None and updated.back == "Joseph Stalin"

    rated = study.rating_of(updated, 3, 900)
    write(study.write_rating, rated)
    write(notes.trash_note, note_id)
    assert study.regenerate(write, library.reader, set_id).retired == 1
    retired = card_db.card(library.reader, qa.id)
    assert retired is not None and retired.retired_at is not None
    assert qa.id not in {c.id for c in card_db.cards_in(library.reader, [set_id])}
    assert [r.rating for r in card_db.log_of_card(library.reader, qa.id)] == [3]  # kept

    write(notes.restore_note, note_id)  # the source is back: so is its card, with its history
    assert study.regenerate(write, library.reader, set_id).restored == 1
    back = card_db.card(library.reader, qa.id)
    assert back is not None and back.retired_at is None and back.scheduling.last_review


def test_ratings_undo_and_redo_replay_from_the_log(library: Library) -> None:
    set_id = library.ensure_embedded_study_set()
    write = writer(library)
    study.regenerate(write, library.reader, set_id)
    card = study.due_cards(library.reader, study.Scope.of_set(set_id, "seed"))[0]
    now = study.utc_now()
    good = study.rating_of(card, 3, 1500, clock=now)
    write(study.write_rating, good)
    card = card_db.card(library.reader, card.id)
    assert card is not None
    easy = study.rating_of(card, 4, 700, clock=now + timedelta(minutes=11))
    write(study.write_rating, easy)
    write(study.write_undo, easy)
    after_undo = card_db.card(library.reader, card.id)
    assert after_undo is not None and after_undo.scheduling == good.after
    redo = study.redo_of(easy)
    write(study.write_rating, redo)
    log = card_db.log_of_card(library.reader, card.id)
    assert [(r.rating, r.undoes) for r in log] == [
        (3, None),
        (4, None),
        (None, easy.log.id),
        (4, None),
    ]
    check = study.verify_states(library.reader)
    assert check.mismatched == () and check.reviews == 2 and check.problems == ()


def test_the_clock_set_back_gives_no_negative_interval_and_the_log_keeps_its_time(
    library: Library,
) -> None:
    set_id = library.ensure_embedded_study_set()
    write = writer(library)
    study.regenerate(write, library.reader, set_id)
    card = study.due_cards(library.reader, study.Scope.of_set(set_id, "seed"))[0]
    now = study.utc_now()
    write(study.write_rating, study.rating_of(card, 3, None, clock=now))
    card = card_db.card(library.reader, card.id)
    assert card is not None
    earlier = now - timedelta(days=3)
    rated = study.rating_of(card, 3, None, clock=earlier)
    assert rated.message and "earlier than this card's last review" in rated.message
    assert rated.after.due > (card.scheduling.last_review or "")
    assert study.next_intervals(card, earlier)[1] == "1 min"  # not negative
    write(study.write_rating, rated)
    log = card_db.log_of_card(library.reader, card.id)
    assert log[-1].reviewed_at == card_db.stamp(earlier)  # as the clock said, not rewritten
    assert study.verify_states(library.reader).mismatched == ()


def test_a_log_row_edited_by_hand_is_found_by_the_check(library: Library) -> None:
    set_id = library.ensure_embedded_study_set()
    write = writer(library)
    study.regenerate(write, library.reader, set_id)
    card = study.due_cards(library.reader, study.Scope.of_set(set_id, "seed"))[0]
    write(study.write_rating, study.rating_of(card, 3, None))
    connection = sqlite3.connect(library.path)
    with connection:
        connection.execute("UPDATE review_log SET rating = 9")
    connection.close()
    check = study.verify_states(library.reader)
    assert check.mismatched == (card.id,)
    assert any("rating 9" in problem for problem in check.problems)


def test_a_note_of_ten_thousand_question_lines_makes_its_cards_once(library: Library) -> None:
    set_id = library.ensure_embedded_study_set()
    write = writer(library)
    body = "\n".join(f"Question {n} :: Answer {n}" for n in range(10_000))
    write(notes.create_note, set_id, NoteAnchor("question"), body)
    assert study.regenerate(write, library.reader, set_id).added >= 10_000
    [(count,)] = library.reader.execute(
        "SELECT count(*) FROM cards WHERE kind = 'qa' AND retired_at IS NULL"
    ).fetchall()
    assert count == 10_000
    assert not study.regenerate(write, library.reader, set_id).any  # nothing twice


def test_a_card_never_reviewed_goes_with_its_source(library: Library) -> None:
    """Typing a question line half-way made a card; finishing it must not leave that one."""
    set_id = library.ensure_embedded_study_set()
    write = writer(library)
    note_id = write(notes.create_note, set_id, NoteAnchor("question"), "Who le :: Sta")
    study.regenerate(write, library.reader, set_id)
    write(notes.set_note_body, note_id, "Who led the USSR? :: Stalin")
    study.regenerate(write, library.reader, set_id)
    fronts = [r[0] for r in library.reader.execute("SELECT front FROM cards WHERE kind = 'qa'")]
    assert fronts == ["Who led the USSR?"]


def test_generated_cards_have_the_same_ids_on_every_device(tmp_path: Path) -> None:
    """Cards are named by what they come from as every device knows it (the set's SHA-256,
    a highlight's synced UUID), not by local row ids: the same work makes the same ids."""
    from tests.study_files import SEED_BYTES

    ids = []
    for name, other_first in (("a", False), ("b", True)):
        lib = Library(tmp_path / f"{name}.sqlite3")
        if other_first:  # here the seed gets another local id
            other = tmp_path / "other.txt"
            other.write_bytes(SEED_BYTES.replace(b"What were", b"What really were", 1))
            lib.import_file(other)
        set_id = lib.ensure_embedded_study_set()
        study.regenerate(writer(lib), lib.reader, set_id)
        ids.append({c.gen_key: c.id for c in card_db.cards_in(lib.reader, [set_id])})
        lib.close()
    assert ids[0] == ids[1] and len(ids[0]) > 10

    lib = Library(tmp_path / "a.sqlite3")
    set_id = lib.reader.execute("SELECT id FROM study_sets").fetchone()[0]
    passage_id, text = first_passage(lib)
    write = writer(lib)
    write(notes.create_highlight, passage_id, 3, 9, text[3:9], "yellow")
    study.regenerate(write, lib.reader, set_id)
    [(uid,)] = lib.reader.execute("SELECT key FROM sync_rows WHERE kind = 'highlight'").fetchall()
    [cloze] = [c for c in card_db.cards_in(lib.reader, [set_id]) if c.kind == "cloze"]
    assert cloze.gen_key == f"highlight:{uid}" and cloze.id == card_db.stable_card_id(cloze.gen_key)
