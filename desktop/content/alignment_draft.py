"""My answer against the educators: which of each educator's key points the student's draft
already makes, and which disagreements of the ledger it takes up. Same measure as the
alignment (stemmed words and character n-grams under TF-IDF); runs on this machine only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.content.alignment import score_matrix
from desktop.content.alignment_ledger import LedgerEntry
from desktop.content.alignment_sentences import SentenceRef, answer_sentences
from desktop.content.key_points import key_sentences

# A draft sentence makes a point when it scores this against it (tuned on the seed: "Stalin
# wanted absolute personal power and a Soviet Union strong enough to stand against the West"
# makes pohnpei397's ¶2 and ¶3 points at 0.46 and 0.41, gpane's ¶1 at 0.30; the points it
# does not make stay at 0.12 and under).
MADE_THRESHOLD = 0.18


@dataclass(frozen=True)
class PointCheck:
    handle: str
    point: SentenceRef  # the key sentence in the educator's answer
    made: bool
    score: float
    draft_sentence: str | None  # the draft's closest sentence, when the point is made


@dataclass(frozen=True)
class DisputeCheck:
    entry: LedgerEntry
    taken_up: bool  # the draft has a sentence close to either side


@dataclass(frozen=True)
class DraftCheck:
    points: tuple[PointCheck, ...]
    disputes: tuple[DisputeCheck, ...]

    def missing(self, handle: str) -> list[PointCheck]:
        return [p for p in self.points if p.handle == handle and not p.made]


def _best(
    draft: Sequence[SentenceRef], targets: Sequence[SentenceRef]
) -> list[tuple[float, SentenceRef | None]]:
    """For each target, the best score of any draft sentence and that sentence."""
    if not draft or not targets:
        return [(0.0, None)] * len(targets)
    scores = score_matrix(targets, draft)
    best: list[tuple[float, SentenceRef | None]] = [(0.0, None)] * len(targets)
    for (i, j), value in scores.items():
        if value > best[i][0]:
            best[i] = (value, draft[j])
    return best


def check_draft(
    draft_text: str,
    answers: Sequence[tuple[str, Sequence[str]]],
    ledger: Sequence[LedgerEntry] = (),
) -> DraftCheck:
    draft = answer_sentences([draft_text]) if draft_text.strip() else []
    points: list[PointCheck] = []
    for handle, passages in answers:
        keys = [
            SentenceRef(k.passage_index, k.start, k.end, k.text) for k in key_sentences(passages)
        ]
        for key, (score, sentence) in zip(keys, _best(draft, keys), strict=True):
            made = score >= MADE_THRESHOLD
            points.append(
                PointCheck(
                    handle, key, made, round(score, 4), sentence.text if made and sentence else None
                )
            )
    disputes = []
    for entry in ledger:
        if entry.stance != "disagree":
            continue
        both = _best(draft, [entry.left, entry.right])
        disputes.append(DisputeCheck(entry, max(score for score, _s in both) >= MADE_THRESHOLD))
    return DraftCheck(tuple(points), tuple(disputes))
