"""Full-text search over passages, the question, notes and tags, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.notes import create_note, save_draft, set_note_body, set_note_tags, trash_note
from db.records import NoteAnchor
from db.search import (
    HIT_END,
    HIT_START,
    SCOPE_COURSE,
    SCOPE_LIBRARY,
    SCOPE_SET,
    SNIPPET_SCAN_CHARS,
    SNIPPET_TOKENS,
    SearchInterrupted,
    course_study_set_ids,
    first_match,
    make_snippet,
    parse_query,
    search,
)
from desktop.services.library import Library
from tests.study_files import SEED_QUESTION


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


# --- long texts: snippets are made from a bounded start of the text, in Python ----------------

LONG_WORD = "kolkhozes"


@pytest.fixture(scope="module")
def long_texts(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A 10 MB note and a 200 KB passage, each repeating one word: FTS5's snippet() took
    minutes and seconds on them."""
    from tests.study_files import SEED_TEXT

    folder = tmp_path_factory.mktemp("long")
    study_file = folder / "long.txt"
    study_file.write_text(
        SEED_TEXT
        + "\n\nmhistorian eNotes educator| Certified Educator\n\n"
        + f"Forced {LONG_WORD} of farms. " * 7_000,
        encoding="utf-8",
    )
    lib = Library(folder / "library.sqlite3")
    sid = lib.import_file(study_file).outcome.study_set_id
    with lib.database().session() as session:
        create_note(session, sid, NoteAnchor("question"), f"{LONG_WORD} again. " * 500_000)
    yield lib, sid
    lib.close()


def test_long_texts_repeating_the_word_are_found_with_short_marked_snippets(long_texts) -> None:  # type: ignore[no-untyped-def]
    lib, sid = long_texts
    hits = search(lib.reader, sid, LONG_WORD).hits
    assert {hit.place for hit in hits} == {"Note", "mhistorian ¶1"}
    for hit in hits:
        assert f"\x02{LONG_WORD}\x03" in hit.snippet
        assert hit.snippet.endswith("…")
        assert len(hit.snippet) < 300
    # Every other behaviour is kept on long texts too: phrases, prefixes, exclusions.
    assert [h.place for h in search(lib.reader, sid, f'"{LONG_WORD} of farms"').hits] == [
        "mhistorian ¶1"
    ]
    assert [h.place for h in search(lib.reader, sid, f"{LONG_WORD[:6]}* -farms").hits] == ["Note"]


def test_a_match_only_beyond_the_scanned_start_gives_the_beginning_unmarked() -> None:
    text = "word " * (SNIPPET_SCAN_CHARS // 5) + "needle"
    snippet = make_snippet(text, parse_query("needle").marked)
    assert snippet.startswith("word word") and snippet.endswith("…")
    assert HIT_START not in snippet


def test_snippets_match_as_the_index_does() -> None:
    def marked(text: str, query: str) -> str:
        return (
            make_snippet(text, parse_query(query).marked)
            .replace(HIT_START, "[")
            .replace(HIT_END, "]")
        )

    # NBSP separates words; a phrase is marked as one span; case and diacritics are folded.
    assert marked("Stalin wanted power.\u00a0 He wanted", '"power he"') == (
        "Stalin wanted [power.\u00a0 He] wanted"
    )
    assert marked("The Dnípro dam", "dnipro") == "The [Dnípro] dam"
    assert marked("purges and PURGED men", "purg*") == "[purges] and [PURGED] men"
    # Excluded words and tags are not marked; underscores and hyphens split words.
    assert marked("red_army and white", "red -white tag:army") == "[red]_army and white"
    # A window of SNIPPET_TOKENS words, with "…" where the text goes on.
    long = " ".join(f"w{n}" for n in range(100)) + " target " + " ".join("x" * 100)
    snippet = marked(long, "target")
    assert snippet.startswith("…") and snippet.endswith("…") and "[target]" in snippet
    assert len(snippet.split()) == SNIPPET_TOKENS


def test_an_interrupted_search_says_so_instead_of_finding_nothing(long_texts) -> None:  # type: ignore[no-untyped-def]
    lib, sid = long_texts
    lib.reader.set_progress_handler(lambda: 1, 100)
    try:
        with pytest.raises(SearchInterrupted):
            search(lib.reader, sid, LONG_WORD)
    finally:
        lib.reader.set_progress_handler(None, 100)
    assert search(lib.reader, sid, LONG_WORD).hits


# --- scopes: this study set, its course(s), the whole library; the My answer draft --------------


def _set_text(question: str, word: str) -> str:
    return (
        f"{question}\n\nExpert Answers\nmhistorian eNotes educator| Certified Educator\n\n"
        f"The {word} shaped what came after.\n\nA second paragraph without it."
    )


def test_scopes_search_the_set_its_courses_or_the_library_and_name_each_set(
    tmp_path: Path,
) -> None:
    from db import library as library_writes

    lib = Library(tmp_path / "library.sqlite3")
    seed = lib.ensure_embedded_study_set()
    ids = {}
    for name in ("unit1", "unit3", "other", "trashed"):
        path = tmp_path / f"{name}.txt"
        path.write_text(_set_text(f"What about {name}?", "zollverein"), encoding="utf-8")
        ids[name] = lib.import_file(path).outcome.study_set_id
    with lib.database().session() as session:
        library_writes.set_courses(session, seed, ["HIST 201"])
        library_writes.set_courses(session, ids["unit1"], ["HIST 201"])
        library_writes.set_courses(session, ids["unit3"], ["HIST 201::Unit 3"])  # nested
        library_writes.set_courses(session, ids["trashed"], ["HIST 201"])
        library_writes.set_courses(session, ids["other"], ["ECON 101"])
        library_writes.trash_study_set(session, ids["trashed"])
        save_draft(session, seed, "My own **zollverein** thought, and kulaks.")

    def titles(scope: str) -> list[str]:
        hits = search(lib.reader, seed, "zollverein", scope=scope).hits
        return sorted(f"{hit.study_set_title}: {hit.place}" for hit in hits)

    assert titles(SCOPE_SET) == [f"{SEED_QUESTION}: My answer"]
    assert titles(SCOPE_COURSE) == [
        "What about unit1?: mhistorian ¶1",
        "What about unit3?: mhistorian ¶1",
        f"{SEED_QUESTION}: My answer",
    ]
    assert titles(SCOPE_LIBRARY) == [
        "What about other?: mhistorian ¶1",
        "What about unit1?: mhistorian ¶1",
        "What about unit3?: mhistorian ¶1",
        f"{SEED_QUESTION}: My answer",
    ]  # never the set in the Trash
    assert course_study_set_ids(lib.reader, ids["other"]) == [ids["other"]]
    assert course_study_set_ids(lib.reader, ids["unit3"]) == [ids["unit3"]]  # a sub-course only
    draft = next(h for h in search(lib.reader, seed, "kulaks").hits if h.kind == "draft")
    assert (draft.ref_id, draft.study_set_id, draft.place) == (seed, seed, "My answer")
    assert draft.snippet == f"…zollverein thought, and {HIT_START}kulaks{HIT_END}."  # no **
    with lib.database().session() as session:  # an edited draft is found by its new words only
        save_draft(session, seed, "Rewritten entirely.")
    assert [h.kind for h in search(lib.reader, seed, "zollverein", scope=SCOPE_LIBRARY).hits] == [
        "passage"
    ] * 3
    assert [h.kind for h in search(lib.reader, seed, "rewritten").hits] == ["draft"]
    lib.close()


def test_first_match_is_where_the_query_is_in_the_typed_text() -> None:
    text = "Intro.\n\n**Collectivisation** and the *Kulaks* — kulak policy"
    start, end = first_match(text, "kulaks") or (0, 0)
    assert text[start:end] == "Kulaks"
    start, end = first_match(text, '"and the kulaks"') or (0, 0)
    assert text[start:end] == "and the *Kulaks"
    assert first_match(text, "famine") is None
    assert first_match(text, "tag:economy") is None
