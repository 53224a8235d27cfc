"""Align two answers claim by claim: which sentence of one says what a sentence of the other says.

Each sentence becomes two TF-IDF vectors over both answers' sentences: its stemmed content
words ("modernize" and "modernization" meet) and the character 5-grams of its content words
("West" and "Western" meet, where stems differ). The score of a pair is a weighted sum of
the two cosines. A sentence that names the other educator ("as pohnpei observed") is paired
first, with its best counterpart above the lower MENTION_THRESHOLD: the writer says the claim
is there, so a weak overlap of words is enough. Then the other pairs are taken best first,
each sentence at most once (one-to-one), while the score is at least THRESHOLD. Ties are
broken by reading order, so the same texts always give the same alignment. Qt-free, no
model, no network.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.content.alignment_sentences import SentenceRef, answer_sentences, content_words, stem
from desktop.content.crossrefs import CrossReference, HandleIndex, Stance, find_cross_references

# Tuned on the seed and tests/data/three_educators.txt (tests/unit/test_alignment.py, a grid
# over these four): the pairs a reader makes score 0.16 and above; gpane's "If the Soviet
# Union was going to be isolated…" and pohnpei's "The main goal of these purges…", which
# share only "Soviet Union", "take" and "power", stay below.
THRESHOLD = 0.16
# A sentence that names the other educator is paired with its best counterpart above this:
# gpane's "… challenging Western powers, as pohnpei observed" meets pohnpei's "… strong
# enough to challenge the West" at 0.14, jdavies's "Unlike mokafor, I doubt that nationalism
# was the decisive cause" meets mokafor's "Nationalism made every government…" at 0.08.
MENTION_THRESHOLD = 0.05
WORD_WEIGHT = 0.5  # of the score; the rest is the character n-grams'
GRAM = 5

Vector = dict[str, float]


@dataclass(frozen=True)
class AlignedPair:
    left: SentenceRef
    right: SentenceRef
    score: float
    # "agree" / "disagree" when one side names the other with a cue ("as pohnpei remarks",
    # "contrary to what pohnpei suggests"); None when nothing in the text says.
    stance: str | None = None


@dataclass(frozen=True)
class Alignment:
    left: tuple[SentenceRef, ...]
    right: tuple[SentenceRef, ...]
    pairs: tuple[AlignedPair, ...]  # in the left answer's reading order

    @property
    def left_only(self) -> tuple[SentenceRef, ...]:
        paired = {pair.left for pair in self.pairs}
        return tuple(s for s in self.left if s not in paired)

    @property
    def right_only(self) -> tuple[SentenceRef, ...]:
        paired = {pair.right for pair in self.pairs}
        return tuple(s for s in self.right if s not in paired)


def _features(sentence: str) -> tuple[Counter[str], Counter[str]]:
    found = content_words(sentence)
    stems = Counter(stem(word) for word in found)
    grams: Counter[str] = Counter()
    for word in found:
        padded = f" {word} "
        grams.update(padded[i : i + GRAM] for i in range(max(1, len(padded) - GRAM + 1)))
    return stems, grams


def _tfidf(bags: Sequence[Counter[str]]) -> list[Vector]:
    documents = len(bags)
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.keys())
    vectors = []
    for bag in bags:
        vector = {
            term: (1 + math.log(count)) * (math.log((1 + documents) / (1 + frequency[term])) + 1)
            for term, count in bag.items()
        }
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vectors.append({term: value / norm for term, value in vector.items()})
    return vectors


def _similarities(left: Sequence[Vector], right: Sequence[Vector]) -> dict[tuple[int, int], float]:
    """Cosines of every pair that shares a term, through an inverted index of the right side
    (pairs that share nothing are never visited)."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vector in enumerate(right):
        for term, weight in vector.items():
            postings[term].append((j, weight))
    scores: dict[tuple[int, int], float] = {}
    for i, vector in enumerate(left):
        row: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            for j, other in postings.get(term, ()):
                row[j] += weight * other
        for j, value in row.items():
            scores[(i, j)] = value
    return scores


def score_matrix(
    left: Sequence[SentenceRef], right: Sequence[SentenceRef]
) -> dict[tuple[int, int], float]:
    """The similarity of every (left index, right index) pair that shares anything."""
    features = [_features(s.text) for s in (*left, *right)]
    words = _tfidf([stems for stems, _grams in features])
    grams = _tfidf([grams for _stems, grams in features])
    n = len(left)
    by_words = _similarities(words[:n], words[n:])
    by_grams = _similarities(grams[:n], grams[n:])
    return {
        key: WORD_WEIGHT * by_words.get(key, 0.0) + (1 - WORD_WEIGHT) * value
        for key, value in by_grams.items()
    }


def _mentions(
    sentences: Sequence[SentenceRef], references: Iterable[CrossReference]
) -> dict[int, Stance]:
    """Index of each sentence that names the other educator -> the stance of the mention."""
    found: dict[int, Stance] = {}
    for reference in references:
        for index, sentence in enumerate(sentences):
            if (
                sentence.passage == reference.passage_index
                and sentence.start <= reference.start < sentence.end
            ):
                found.setdefault(index, reference.stance)
    return found


_STANCE_WORD = {Stance.AGREES: "agree", Stance.DISPUTES: "disagree"}


def align(
    left_passages: Sequence[str],
    right_passages: Sequence[str],
    *,
    left_mentions: Iterable[CrossReference] = (),
    right_mentions: Iterable[CrossReference] = (),
    threshold: float = THRESHOLD,
    refused: Iterable[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> Alignment:
    """Pair the sentences of two answers one-to-one.

    ``left_mentions`` are the left answer's cross-references to the right educator (and the
    other way round); ``refused`` are ((¶ index, start), (¶ index, start)) pairs the student
    broke: they are never suggested, and the next best counterpart may be taken instead."""
    left = answer_sentences(left_passages)
    right = answer_sentences(right_passages)
    scores = score_matrix(left, right)
    left_named = _mentions(left, left_mentions)
    right_named = _mentions(right, right_mentions)
    never = set(refused)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[AlignedPair] = []

    def take(mentions_only: bool, floor: float) -> None:
        for (i, j), value in ranked:
            if value < floor:
                break
            if mentions_only and i not in left_named and j not in right_named:
                continue
            if i in used_left or j in used_right:
                continue
            if ((left[i].passage, left[i].start), (right[j].passage, right[j].start)) in never:
                continue
            used_left.add(i)
            used_right.add(j)
            stance = _STANCE_WORD.get(left_named.get(i) or right_named.get(j) or Stance.NEUTRAL)
            pairs.append(AlignedPair(left[i], right[j], round(value, 4), stance))

    take(mentions_only=True, floor=min(threshold, MENTION_THRESHOLD))
    take(mentions_only=False, floor=threshold)
    pairs.sort(key=lambda pair: (pair.left.passage, pair.left.start))
    return Alignment(tuple(left), tuple(right), tuple(pairs))


def align_educators(
    answers: Sequence[tuple[str, Sequence[str]]],
    left_handle: str,
    right_handle: str,
    refused: Iterable[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> Alignment:
    """Align two educators' answers of a study set; ``answers`` are every educator's (handle,
    paragraphs), so that a mention names the right educator when several share a prefix."""
    by_handle = dict(answers)
    handles = HandleIndex([handle for handle, _passages in answers])
    left, right = by_handle[left_handle], by_handle[right_handle]
    left_mentions = [
        r
        for r in find_cross_references(left, left_handle, handles)
        if r.target_handle == right_handle
    ]
    right_mentions = [
        r
        for r in find_cross_references(right, right_handle, handles)
        if r.target_handle == left_handle
    ]
    return align(
        left, right, left_mentions=left_mentions, right_mentions=right_mentions, refused=refused
    )
