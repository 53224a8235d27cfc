"""Cross-references and their stance, checked on the seed by hand-written expectations."""

from __future__ import annotations

import time

from desktop.content.crossrefs import HandleIndex, Stance, find_cross_references, stance_of
from desktop.content.studyset import parse_study_set_bytes
from tests.study_files import SEED_BYTES


def _seed_references(author: str):  # type: ignore[no-untyped-def]
    parsed = parse_study_set_bytes(SEED_BYTES, "seed.txt")
    handles = [a.handle for a in parsed.answers]
    answer = next(a for a in parsed.answers if a.handle == author)
    return answer, find_cross_references(answer.passages, author, handles)


def test_gpane_names_pohnpei_three_times_and_disputes_once() -> None:
    answer, references = _seed_references("gpane")
    assert [(r.passage_index, r.mention, r.target_handle) for r in references] == [
        (0, "pohnpei", "pohnpei397"),
        (1, "pohnpei", "pohnpei397"),
        (2, "pohnpei", "pohnpei397"),
    ]
    assert [r.stance for r in references] == [Stance.AGREES, Stance.AGREES, Stance.DISPUTES]
    assert references[2].sentence.startswith("However, contrary to what pohnpei suggests")
    for reference in references:
        passage = answer.passages[reference.passage_index]
        assert passage[reference.start : reference.end] == "pohnpei"


def test_pohnpei_names_nobody() -> None:
    _answer, references = _seed_references("pohnpei397")
    assert references == []


def test_a_short_word_is_not_taken_for_a_handle() -> None:
    references = find_cross_references(["Go to the shop, po."], "a", ["a", "pohnpei397"])
    assert references == []


def test_stance_cues() -> None:
    assert stance_of("I disagree with pohnpei on this.", "pohnpei") is Stance.DISPUTES
    assert stance_of("Like pohnpei, I think so.", "pohnpei") is Stance.AGREES
    assert stance_of("pohnpei wrote about the war.", "pohnpei") is Stance.NEUTRAL


def _many_educators(count: int) -> tuple[list[str], list[list[str]]]:
    handles = [f"educator{i}" for i in range(count)]
    answers = [
        [f"As educator{(i + 1) % count} remarks, the purges of 1937 followed collectivization."]
        for i in range(count)
    ]
    return handles, answers


def _time_all_answers(count: int) -> float:
    handles, answers = _many_educators(count)
    started = time.perf_counter()
    educators = HandleIndex(handles)  # once per study set, as the window and summary do
    for handle, passages in zip(handles, answers, strict=True):
        find_cross_references(passages, handle, educators)
    return time.perf_counter() - started


def test_finding_mentions_grows_in_step_with_the_number_of_educators() -> None:
    """A set with 1,000 educators once took minutes: every word was compared with every
    handle. Four times the educators must cost about four times as long, not sixteen."""
    small, large = (min(_time_all_answers(n) for _ in range(3)) for n in (250, 1000))
    assert large < small * 4 * 2.5  # linear, with room for a noisy machine


def test_a_mention_names_the_first_other_educator_with_that_prefix() -> None:
    handles = ["pohnpei397", "pohnpei12", "gpane"]
    [found] = find_cross_references(["As pohnpei remarks, yes."], "pohnpei397", handles)
    assert found.target_handle == "pohnpei12"  # never the author themselves
    [found] = find_cross_references(["As pohnpei remarks, yes."], "gpane", handles)
    assert found.target_handle == "pohnpei397"


def test_mentions_are_found_however_written_and_paragraphs_naming_nobody_are_passed_over() -> None:
    """A paragraph is first searched for the beginnings of the names (case-folded): it must
    never pass over one that names an educator, in whatever case, or one of a set with more
    educators than are searched that way."""
    handles = ["Maßnahme7", "pohnpei397", "gpane"]
    paragraphs = [
        "Nothing here names anyone at all.",
        "Maßnahme is right.",
        "As POHNPEI says, and Pohnp, and gpane's reply shows.",
    ]
    found = find_cross_references(paragraphs, "gpane", handles)
    assert [(f.passage_index, f.mention, f.target_handle) for f in found] == [
        (1, "Maßnahme", "Maßnahme7"),
        (2, "POHNPEI", "pohnpei397"),
        (2, "Pohnp", "pohnpei397"),
    ]
    many = [f"educator{number:02}" for number in range(40)] + ["pohnpei397"]
    [only] = find_cross_references(["As Pohnpei says."], "educator00", many)
    assert only.target_handle == "pohnpei397"
