"""Key sentences: the linear centrality equals the pairwise sum it replaced."""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence

import pytest

from desktop.content.key_points import STOPWORDS, _terms, central_sentences
from desktop.content.studyset import parse_study_set_bytes
from desktop.content.text import split_sentences
from tests.study_files import SEED_BYTES


def pairwise_scores(passages: Sequence[str]) -> list[float]:
    """The old quadratic way: each sentence's cosine summed against every other sentence."""
    texts = [s.text_of(p) for p in passages for s in split_sentences(p)]
    bags = [Counter(_terms(text)) for text in texts]
    frequency = Counter(term for bag in bags for term in bag)
    vectors = []
    for bag in bags:
        vector = {
            t: n * math.log((1 + len(bags)) / (1 + frequency[t])) + n * 0.1 for t, n in bag.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    return [
        sum(
            sum(w * other.get(t, 0.0) for t, w in vector.items())
            for j, other in enumerate(vectors)
            if j != i
        )
        for i, vector in enumerate(vectors)
    ]


def pairwise_choice(passages: Sequence[str], count: int) -> list[tuple[int, int, float]]:
    where = [(i, s.start) for i, p in enumerate(passages) for s in split_sentences(p)]
    scores = pairwise_scores(passages)
    ranked = sorted(range(len(where)), key=lambda i: (-scores[i], i))[:count]
    return [(*where[i], scores[i]) for i in sorted(ranked)]


def seed_answers() -> list[list[str]]:
    parsed = parse_study_set_bytes(SEED_BYTES, "seed.txt")
    return [list(answer.passages) for answer in parsed.answers]


def long_answer() -> list[str]:
    """Ten paragraphs of 40 sentences each drawn from the seed's words (fixed seed)."""
    rng = random.Random(12)
    words = [w for a in seed_answers() for p in a for w in p.split() if w.lower() not in STOPWORDS]
    return [
        " ".join(
            " ".join(rng.choice(words) for _ in range(rng.randint(6, 22))) + "." for _ in range(40)
        )
        for _ in range(10)
    ]


@pytest.mark.parametrize("which", ["seed", "long"])
def test_central_sentences_equal_the_pairwise_reference(which: str) -> None:
    answers = seed_answers() if which == "seed" else [long_answer()]
    for passages in answers:
        for count in (3, 8):
            expected = pairwise_choice(passages, count)
            got = central_sentences(passages, count)
            assert [(k.passage_index, k.start) for k in got] == [e[:2] for e in expected]
            assert [k.score for k in got] == pytest.approx([e[2] for e in expected], abs=1e-6)
