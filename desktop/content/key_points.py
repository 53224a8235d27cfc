"""The most central sentences of an answer, chosen by a simple extractive method.

Each sentence is a bag of content words weighted by TF-IDF over the answer's sentences; a
sentence's centrality is its summed cosine similarity to every other sentence (the idea of
LexRank, without the iteration), computed as its dot product with the sum of the others.
Deterministic, no network, no model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.content.text import normalize_spaces, split_sentences

_WORD = re.compile(r"[a-z][a-z'-]+")
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each even
    few for from further had has have having he her here hers herself him himself his how i
    if in into is it its itself just let me more most my myself no nor not now of off on
    once only or other our ours out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    one two
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


@dataclass(frozen=True)
class KeySentence:
    passage_index: int  # 0-based
    start: int  # offsets in the passage
    end: int
    text: str
    score: float


def _terms(sentence: str) -> list[str]:
    return [w for w in _WORD.findall(normalize_spaces(sentence).lower()) if w not in STOPWORDS]


def central_sentences(passages: Sequence[str], count: int = 3) -> list[KeySentence]:
    """The ``count`` most central sentences, in the order they appear in the answer."""
    sentences = [
        (index, sentence.start, sentence.end, sentence.text_of(passage))
        for index, passage in enumerate(passages)
        for sentence in split_sentences(passage)
    ]
    bags = [Counter(_terms(text)) for *_where, text in sentences]
    documents = len(bags)
    frequency = Counter(term for bag in bags for term in bag)
    vectors = []
    for bag in bags:
        vector = {
            t: n * math.log((1 + documents) / (1 + frequency[t])) + n * 0.1 for t, n in bag.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    # Sum over the others of v_i . v_j is v_i . (sum of all - v_i): one pass to add every
    # vector up, one to score each against the total less itself (linear, not pairwise).
    total: Counter[str] = Counter()
    for vector in vectors:
        total.update(vector)
    scores = [
        sum(weight * (total[term] - weight) for term, weight in vector.items())
        for vector in vectors
    ]
    ranked = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[:count]
    return [
        KeySentence(*sentences[i][:3], sentences[i][3], round(scores[i], 6)) for i in sorted(ranked)
    ]


WORDS_PER_POINT = 120  # about one key point for every 120 words of the answer
MAX_POINTS = 6


def point_budget(passages: Sequence[str]) -> int:
    """How many key points an answer gets: fewer for a short one (never most of it)."""
    words = sum(len(normalize_spaces(p).split()) for p in passages)
    return max(1, min(MAX_POINTS, round(words / WORDS_PER_POINT)))


def key_sentences(passages: Sequence[str], count: int | None = None) -> list[KeySentence]:
    """The answer's key sentences, in text order: the topic (first) sentence of each
    paragraph, then the most central of the others until ``count`` (by default
    ``point_budget``) is reached."""
    budget = point_budget(passages) if count is None else count
    topics: list[KeySentence] = []
    for index, passage in enumerate(passages):
        sentences = split_sentences(passage)
        if sentences:
            first = sentences[0]
            topics.append(KeySentence(index, first.start, first.end, first.text_of(passage), 0.0))
    chosen = {(k.passage_index, k.start) for k in topics}
    extra = [
        k
        for k in central_sentences(passages, len(passages) + budget)
        if (k.passage_index, k.start) not in chosen
    ]
    extra.sort(key=lambda k: -k.score)
    picked = topics + extra[: max(0, budget - len(topics))]
    return sorted(picked, key=lambda k: (k.passage_index, k.start))
