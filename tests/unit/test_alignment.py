"""Aligning two answers, checked against the pairs a reader makes (written down by hand)."""

from __future__ import annotations

from pathlib import Path

from desktop.content.alignment import Alignment, align_educators
from desktop.content.alignment_sentences import answer_sentences, split_passage
from desktop.content.studyset import parse_study_set_bytes, parse_study_set_text
from tests.study_files import SEED_BYTES

THREE = Path(__file__).parents[1] / "data" / "three_educators.txt"


def _answers(parsed):  # type: ignore[no-untyped-def]
    return [(a.handle, a.passages) for a in parsed.answers]


def _seed_alignment() -> Alignment:
    parsed = parse_study_set_bytes(SEED_BYTES, "seed.txt")
    return align_educators(_answers(parsed), "gpane", "pohnpei397")


def _three(left: str, right: str) -> Alignment:
    parsed = parse_study_set_text(THREE.read_text("utf-8"), THREE.name)
    return align_educators(_answers(parsed), left, right)


def _pairs(alignment: Alignment) -> list[tuple[int, str, int, str, str | None]]:
    return [
        (p.left.paragraph_number, p.left.text, p.right.paragraph_number, p.right.text, p.stance)
        for p in alignment.pairs
    ]


def _has(alignment: Alignment, left: tuple[int, str], right: tuple[int, str]) -> str | None:
    """The stance of the pair (¶, sentence start) ↔ (¶, sentence start); fails if not paired."""
    for number, text, other_number, other_text, stance in _pairs(alignment):
        if (number, other_number) == (left[0], right[0]) and text.startswith(left[1]):
            assert other_text.startswith(right[1]), (left, "paired with", other_text)
            return stance
    raise AssertionError(f"{left} is not paired; pairs: {_pairs(alignment)}")


def test_seed_broader_goal_pairs_with_challenging_the_west() -> None:
    alignment = _seed_alignment()
    stance = _has(
        alignment,
        (
            2,
            "Russia had long been a technologically backward country but Stalin's broader goal "
            "was to make his country an advanced, modern society capable of challenging Western "
            "powers",
        ),
        (
            2,
            "On the national/ideological level goal, Stalin wanted to create a Soviet Union that "
            "was strong enough to challenge the West.",
        ),
    )
    assert stance == "agree"  # "as pohnpei observed"


def test_seed_dispute_about_spreading_communism_pairs_with_the_sentence_it_disputes() -> None:
    stance = _has(
        _seed_alignment(),
        (
            3,
            "However, contrary to what pohnpei suggests, he did not necessarily envision the "
            "spreading of Communism across the globe.",
        ),
        (
            2,
            "His motivation was that he wanted a country that would be able to help spread "
            "communism across the world.",
        ),
    )
    assert stance == "disagree"


def test_seed_personal_power_pairs_and_unrelated_sentences_stay_apart() -> None:
    alignment = _seed_alignment()
    assert _has(alignment, (1, "As pohnpei remarks"), (3, "On the personal level goal")) == "agree"
    two_goals = _has(alignment, (3, "Stalin, then, had the personal"), (1, "Joseph Stalin had two"))
    assert two_goals is None
    texts = {(p.left.text[:20], p.right.text[:20]) for p in alignment.pairs}
    assert ("If the Soviet Union w", "The main goal of thes") not in texts
    # gpane's ruthlessness and kulaks have no counterpart in pohnpei397's answer.
    only_gpane = [s.text for s in alignment.left_only]
    assert any(s.startswith("Witness, for example, his treatment") for s in only_gpane)
    assert any(s.startswith("He was ruthless in dealing") for s in only_gpane)
    assert len(alignment.pairs) + len(alignment.left_only) == len(alignment.left) == 14


def test_pairs_are_one_to_one_and_the_same_every_time() -> None:
    first, second = _seed_alignment(), _seed_alignment()
    assert first == second
    assert len({p.left for p in first.pairs}) == len({p.right for p in first.pairs})
    assert len({p.right for p in first.pairs}) == len(first.pairs)


def test_a_refused_pair_is_never_suggested_again() -> None:
    parsed = parse_study_set_bytes(SEED_BYTES, "seed.txt")
    before = align_educators(_answers(parsed), "gpane", "pohnpei397")
    broken = next(p for p in before.pairs if p.left.text.startswith("However, contrary"))
    refused = [
        ((broken.left.passage, broken.left.start), (broken.right.passage, broken.right.start))
    ]
    after = align_educators(_answers(parsed), "gpane", "pohnpei397", refused=refused)
    assert all((p.left, p.right) != (broken.left, broken.right) for p in after.pairs)


def test_three_educators_the_pairs_a_reader_makes() -> None:
    mokafor_jdavies = _three("mokafor", "jdavies")
    assert _has(mokafor_jdavies, (1, "The immediate trigger"), (1, "Most textbooks start")) is None
    assert _has(mokafor_jdavies, (2, "The alliances meant"), (2, "The web of alliances")) is None
    stance = _has(mokafor_jdavies, (3, "Nationalism made every"), (3, "Unlike mokafor, I doubt"))
    assert stance == "disagree"
    mokafor_fan = _three("mokafor", "historyfan42")
    assert _has(mokafor_fan, (2, "Germany and Britain had also"), (2, "The naval race")) is None
    jdavies_fan = _three("jdavies", "historyfan42")
    assert _has(jdavies_fan, (2, "The web of alliances"), (2, "As jdavies notes")) == "agree"
    assert any(s.text.startswith("The war was also welcomed") for s in jdavies_fan.right_only)


def test_sentences_keep_abbreviations_whole_and_offsets_of_the_stored_text() -> None:
    passage = "Dr.\u00a0Smith met U.S. officials in 1917.\u00a0They agreed.  E.g. this one."
    spans = split_passage(passage)
    assert [passage[a:b] for a, b in spans] == [
        "Dr.\u00a0Smith met U.S. officials in 1917.",
        "They agreed.",
        "E.g. this one.",
    ]
    sentences = answer_sentences(["One.", passage])
    assert sentences[1].passage == 1 and sentences[1].paragraph_number == 2
