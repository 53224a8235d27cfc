"""The curated timeline for the seed: valid, historically dated, and linked to exactly the
passages that mention each event (expectations written by hand from the seed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.content.studyset import parse_study_set_bytes
from desktop.content.timeline import (
    HistoricDate,
    MentionIndex,
    PassageText,
    TimelineDataError,
    find_mentions,
    find_years,
    load_curated,
)
from desktop.platform.resources import resources_root
from desktop.ui.timeline.label_layout import LabelRequest, layout_labels
from tests.study_files import SEED_BYTES

CURATED = resources_root() / "content" / "timeline-000_70d4868b37754f02.json"


@pytest.fixture(scope="module")
def curated():  # type: ignore[no-untyped-def]
    return load_curated(CURATED)


def seed_passages() -> list[PassageText]:
    parsed = parse_study_set_bytes(SEED_BYTES, "seed.txt")
    return [
        PassageText(answer.handle, index * 10 + number, number, text)
        for index, answer in enumerate(parsed.answers)
        for number, text in enumerate(answer.passages, start=1)
    ]


def test_the_file_loads_and_spans_stalins_life(curated) -> None:  # type: ignore[no-untyped-def]
    assert len(curated.events) >= 20
    keys = {e.key: e for e in curated.events}
    assert keys["stalin-born"].start == HistoricDate(1878, 12, 18)
    assert keys["stalin-death"].start == HistoricDate(1953, 3, 5)
    assert {e.category for e in curated.events} <= set(curated.categories)
    assert set(curated.categories) == {
        "politics",
        "economy",
        "repression",
        "war",
        "ideology",
        "personal",
    }
    for event in curated.events:
        assert event.description and event.source, event.key
        if event.end is not None:
            assert event.end.as_year(end=True) >= event.start.as_year(), event.key


def test_dates_are_written_with_their_precision_and_calendar(curated) -> None:  # type: ignore[no-untyped-def]
    keys = {e.key: e for e in curated.events}
    assert keys["october-revolution"].when() == "7 Nov 1917 (25 Oct O.S.)"
    assert keys["collectivization"].when() == "1929–1933"
    assert keys["socialism-one-country"].when() == "c. 1924"
    assert keys["great-purge"].when() == "Aug 1936 – Nov 1938"


def test_every_alias_is_found_unless_the_event_is_background(curated) -> None:  # type: ignore[no-untyped-def]
    passages = seed_passages()
    for event in curated.events:
        if event.background:
            assert find_mentions([event], passages) == [], event.key
            continue
        found_terms = {m.term.casefold() for m in find_mentions([event], passages)}
        for alias in event.aliases:
            assert any(
                alias.casefold() in term or term in alias.casefold() for term in found_terms
            ), (
                event.key,
                alias,
            )


EXPECTED_MENTIONS = {  # event -> {(educator, ¶)}: read off the seed by hand
    "october-revolution": {("gpane", 1)},
    "civil-war": {("gpane", 1)},
    "ww1": {("gpane", 3)},
    "ww2": {("gpane", 3)},
    "lenin-death": {("gpane", 3)},
    "trotsky-expelled": {("gpane", 3)},
    "socialism-one-country": {("gpane", 3)},
    "collectivization": {("gpane", 2)},
    "dekulakization": {("gpane", 2)},
    "five-year-plan-1": {("gpane", 2), ("gpane", 3)},
    "great-purge": {("gpane", 1), ("pohnpei397", 3)},
    "comintern": {("gpane", 3), ("pohnpei397", 2)},
    "cold-war": {("gpane", 2), ("pohnpei397", 2)},
    "sole-power": {("gpane", 1), ("gpane", 2), ("pohnpei397", 3)},
    "great-depression": {("gpane", 3)},
    "great-patriotic-war": {("gpane", 3)},
    "famine": set(),
    "kirov": set(),
    "stalin-born": set(),
}


def test_events_are_linked_to_exactly_the_passages_that_mention_them(curated) -> None:  # type: ignore[no-untyped-def]
    index = MentionIndex.build(find_mentions(curated.events, seed_passages()))
    for key, expected in EXPECTED_MENTIONS.items():
        found = {(m.handle, m.passage_number) for m in index.by_event.get(key, [])}
        assert found == expected, key
    assert index.counts("great-purge") == {"gpane": 1, "pohnpei397": 1}


def test_explicit_years_become_suggestions() -> None:
    [found] = find_years(seed_passages())
    assert (found.year, found.handle, found.passage_number) == (1917, "gpane", 1)
    assert found.sentence.endswith("Communist Revolution in Russia in 1917.")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["events"][0].update(start="1880", end="1878"), "ends before it starts"),
        (lambda d: d["events"][0].update(category="sport"), "unknown category"),
        (lambda d: d["events"][0].update(start="1917-13-40"), "the month is 01 to 12"),
        (lambda d: d["events"][2].update(aliases=[], background=False), "no alias terms"),
    ],
)
def test_invalid_files_are_refused_saying_where(change, message: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(CURATED.read_text(encoding="utf-8"))
    change(data)
    broken = tmp_path / "timeline.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TimelineDataError, match=message):
        load_curated(broken)


@pytest.mark.parametrize("pixels_per_year", [2, 5, 12, 40, 200])
def test_labels_never_overlap_at_any_scale(curated, pixels_per_year: float) -> None:  # type: ignore[no-untyped-def]
    lanes = list(curated.categories)
    requests = [
        LabelRequest(e.key, lanes.index(e.category), e.start.as_year() * pixels_per_year, e.title)
        for e in curated.events
    ]
    placed = layout_labels(
        requests, 3, lambda text: 7.0 * len(text), lambda text, width: text[: int(width / 7)]
    )
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert not a.overlaps(b), (a, b)
    if pixels_per_year >= 40:
        assert len(placed) == len(requests)  # zoomed in, every label has room


@pytest.mark.parametrize(
    ("sentence", "year", "title"),
    [
        (
            "a temperament hardened during the days of absolute turmoil, hardship and civil war "
            "that surrounded the Communist Revolution in Russia in 1917.",
            1917,
            "Communist Revolution in Russia in 1917",
        ),
        (
            "In 1928 the first five-year plan began, and it was hard.",
            1928,
            "In 1928 the first five-year plan began",
        ),
        (
            "by 1936 most peasants were in collective farms",
            1936,
            "By 1936 most peasants were in collective farms",
        ),
        ("No year here.", 1917, "1917"),
    ],
)
def test_a_found_year_is_titled_from_its_sentence(sentence: str, year: int, title: str) -> None:
    from desktop.content.timeline import title_from_sentence

    assert title_from_sentence(sentence, year) == title


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("0000-01-01", "the year is 0001 or later"),
        ("000-05", "the year is 0001 or later"),
        ("1917-02-29", "Feb 1917 has 28 days"),
        ("1917-11-00", "Nov 1917 has 30 days"),
    ],
)
def test_dates_that_do_not_exist_are_refused_in_plain_words(typed: str, said: str) -> None:
    from desktop.content.timeline import HistoricDate

    with pytest.raises(ValueError, match=said):
        HistoricDate.parse(typed)
