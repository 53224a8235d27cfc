"""Full-text search over passages, the question, notes and tags, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.notes import create_note, set_note_body, set_note_tags, trash_note
from db.records import NoteAnchor
from db.search import parse_query, search
from desktop.services.library import Library


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    library = Library(tmp_path_factory.mktemp("search") / "library.sqlite3")
    study_set_id = library.ensure_embedded_study_set()
    with library.database().session() as session:
        create_note(
            session,
            study_set_id,
            NoteAnchor("question"),
            "The five-year plans forced industrialisation at great human cost.",
            tags=["economy", "plans"],
        )
        create_note(session, study_set_id, NoteAnchor("question"), "Trotsky was exiled in 1929.")
    yield library, study_set_id
    library.close()


def kinds(library, study_set_id, query):  # type: ignore[no-untyped-def]
    return [(hit.kind, hit.place) for hit in search(library.reader, study_set_id, query).hits]


def test_words_phrases_prefixes_exclusions_and_tags(library) -> None:  # type: ignore[no-untyped-def]
    lib, sid = library
    assert ("note", "Note") in kinds(lib, sid, "industrialisation")
    assert kinds(lib, sid, '"socialism in one country"') == [("passage", "gpane ¶3")]
    assert ("passage", "pohnpei397 ¶3") in kinds(lib, sid, "purg*")
    assert kinds(lib, sid, "tag:economy") == [("note", "Note")]
    with_purges = kinds(lib, sid, "power")
    without = kinds(lib, sid, "power -purges")
    assert ("passage", "pohnpei397 ¶3") in with_purges
    assert ("passage", "pohnpei397 ¶3") not in without
    assert len(without) == len(with_purges) - 1


def test_no_break_spaces_are_spaces_to_search(library) -> None:  # type: ignore[no-untyped-def]
    lib, sid = library
    # In the seed, "power." and "He wanted" are separated by NO-BREAK SPACE + space.
    assert kinds(lib, sid, '"wanted power he wanted"') == [("passage", "pohnpei397 ¶3")]


def test_snippets_mark_the_matched_words(library) -> None:  # type: ignore[no-untyped-def]
    lib, sid = library
    [hit] = search(lib.reader, sid, "kulaks").hits
    assert "\x02kulaks\x03" in hit.snippet


def test_notes_in_the_trash_are_not_found_and_edits_are(tmp_path: Path) -> None:
    lib = Library(tmp_path / "library.sqlite3")
    sid = lib.ensure_embedded_study_set()
    with lib.database().session() as session:
        note_id = create_note(session, sid, NoteAnchor("question"), "zebra")
    assert len(search(lib.reader, sid, "zebra").hits) == 1
    with lib.database().session() as session:
        set_note_body(session, note_id, "giraffe")
        set_note_tags(session, note_id, ["savanna"])
    assert search(lib.reader, sid, "zebra").hits == []
    assert len(search(lib.reader, sid, "giraffe tag:savanna").hits) == 1
    with lib.database().session() as session:
        trash_note(session, note_id)
    assert search(lib.reader, sid, "giraffe").hits == []
    lib.close()


HOSTILE = [
    '"',
    "*",
    "NEAR(",
    "AND",
    "OR",
    "NOT",
    "(",
    ")",
    "^",
    ":",
    "tag:",
    '""',
    "-",
    "-*",
    "a:b",
    "{body}: x",
    "x" * 10_000,
    "word " * 2_000,
    "\x00",
    "'; DROP TABLE notes;--",
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:20]))
def test_hostile_queries_return_results_or_nothing(library, query: str) -> None:  # type: ignore[no-untyped-def]
    lib, sid = library
    outcome = search(lib.reader, sid, query)
    expression = outcome.query.to_fts()
    if expression is not None:  # accepted by FTS5 itself, not just caught by search()
        lib.reader.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (expression,)
        ).fetchone()
    assert lib.reader.execute("SELECT count(*) FROM notes").fetchone()[0] == 2


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_becomes_an_expression_fts5_accepts(library, text: str) -> None:  # type: ignore[no-untyped-def]
    lib, _sid = library
    expression = parse_query(text).to_fts()
    if expression is not None:
        # Straight to FTS5, without search()'s safety net: a syntax error would raise here.
        lib.reader.execute(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?", (expression,)
        ).fetchone()


def test_the_query_is_quoted_never_executed_as_syntax() -> None:
    assert parse_query('NEAR( "a b" c* -d tag:e').to_fts() == (
        '("NEAR(" AND "a b" AND "c"* AND tags : "e") NOT "d"'
    )


def test_search_stays_inside_one_study_set(tmp_path: Path) -> None:
    from tests.study_files import ACCEPTED_VARIANTS, write_variant

    lib = Library(tmp_path / "library.sqlite3")
    first = lib.ensure_embedded_study_set()
    other = lib.import_file(
        write_variant(tmp_path, "three", ACCEPTED_VARIANTS["three-educators"][0])
    ).outcome.study_set_id
    assert [h.place for h in search(lib.reader, first, "kulaks").hits] == ["gpane ¶2"]
    assert [h.place for h in search(lib.reader, other, "doctrine").hits] == ["mhistorian ¶2"]
    assert search(lib.reader, first, "doctrine").hits == []
    with lib.reader as connection:  # deleting a study set empties its part of the index
        connection.execute("DELETE FROM study_sets WHERE id = ?", (other,))
    assert lib.reader.execute("SELECT count(*) FROM search_index").fetchone()[0] == 7
    lib.close()
