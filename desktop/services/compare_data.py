"""What the Compare tab, the ledger and `studydesk compare` show: the alignment of two answers
merged with the student's stored decisions. No Qt.

Stored links win: a confirmed, hand-made or marked link holds its two sentences, and a
suggestion that would use either of them is dropped. A broken suggestion is passed to the
aligner as refused, so it never comes back (the next best counterpart may be suggested).
Links are stored with the answer that comes first in the study set on the left; a view with
the columns the other way round swaps them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace

from db.compare_reads import links_of_study_set, marked_ranges
from db.compare_records import LinkRecord, SentenceAnchor
from db.records import AnswerRecord, StudySetRecord
from desktop.content.alignment import align_educators
from desktop.content.alignment_coverage import Coverage, Mark, coverage
from desktop.content.alignment_ledger import LedgerEntry
from desktop.content.alignment_sentences import SentenceRef
from desktop.content.crossrefs import HandleIndex, Stance, find_cross_references


@dataclass(frozen=True)
class ComparePair:
    left: SentenceRef
    right: SentenceRef
    status: str  # "suggested", "confirmed" or "manual"
    stance: str | None  # the student's, else the one a cross-reference states
    note: str
    score: float | None  # the aligner's; None for a link made by hand
    link_id: int | None  # the stored row, None for a suggestion not yet acted on
    stance_detected: bool = False  # the stance comes from a cross-reference's cue words


@dataclass(frozen=True)
class CompareView:
    study_set_id: int
    left: AnswerRecord
    right: AnswerRecord
    left_sentences: tuple[SentenceRef, ...]
    right_sentences: tuple[SentenceRef, ...]
    pairs: tuple[ComparePair, ...]  # in the left answer's reading order

    @property
    def left_only(self) -> tuple[SentenceRef, ...]:
        paired = {pair.left for pair in self.pairs}
        return tuple(s for s in self.left_sentences if s not in paired)

    @property
    def right_only(self) -> tuple[SentenceRef, ...]:
        paired = {pair.right for pair in self.pairs}
        return tuple(s for s in self.right_sentences if s not in paired)

    def anchors(self, pair: ComparePair) -> tuple[SentenceAnchor, SentenceAnchor]:
        """The pair's two sentences as stored: the study set's first answer on the left."""
        left = _anchor(self.left.id, pair.left)
        right = _anchor(self.right.id, pair.right)
        return (left, right) if self._stored_order() else (right, left)

    def _stored_order(self) -> bool:
        return self.left.id < self.right.id


def _anchor(answer_id: int, sentence: SentenceRef) -> SentenceAnchor:
    return SentenceAnchor(
        answer_id, sentence.paragraph_number, sentence.start, sentence.end, sentence.text
    )


def passages_of(answer: AnswerRecord) -> list[str]:
    return [passage.text for passage in answer.passages]


def _sentence_for(
    anchor: SentenceAnchor, answer: AnswerRecord, sentences: Sequence[SentenceRef]
) -> SentenceRef:
    """The sentence a stored anchor names: by ¶ and offset, else by its quote in the ¶ (the
    splitter may have changed), else the anchor as stored."""
    for sentence in sentences:
        if sentence.paragraph_number == anchor.passage and sentence.start == anchor.start:
            return sentence
    index = anchor.passage - 1
    if 0 <= index < len(answer.passages):
        found = answer.passages[index].text.find(anchor.quote)
        if found != -1:
            for sentence in sentences:
                if sentence.passage == index and sentence.start <= found < sentence.end:
                    return sentence
    return SentenceRef(index, anchor.start, anchor.end, anchor.quote)


def _between(link: LinkRecord, left: AnswerRecord, right: AnswerRecord) -> bool | None:
    """True: the link is stored left→right; False: right→left; None: another pair."""
    ends = (link.left.answer_id, link.right.answer_id)
    if ends == (left.id, right.id):
        return True
    if ends == (right.id, left.id):
        return False
    return None


def build_view(
    record: StudySetRecord,
    links: Sequence[LinkRecord],
    left_handle: str,
    right_handle: str,
) -> CompareView:
    by_handle = {answer.handle: answer for answer in record.answers}
    left, right = by_handle[left_handle], by_handle[right_handle]
    mine: list[tuple[LinkRecord, SentenceAnchor, SentenceAnchor]] = []
    for link in links:
        order = _between(link, left, right)
        if order is not None:
            mine.append((link, *((link.left, link.right) if order else (link.right, link.left))))
    refused = [
        ((a.passage - 1, a.start), (b.passage - 1, b.start))
        for link, a, b in mine
        if link.fields.status == "broken"
    ]
    answers = [(answer.handle, passages_of(answer)) for answer in record.answers]
    alignment = align_educators(answers, left_handle, right_handle, refused=refused)
    left_sentences, right_sentences = alignment.left, alignment.right
    pairs: list[ComparePair] = []
    for link, a, b in mine:
        if link.fields.status == "broken":
            continue
        pairs.append(
            ComparePair(
                _sentence_for(a, left, left_sentences),
                _sentence_for(b, right, right_sentences),
                link.fields.status,
                link.fields.stance,
                link.fields.note,
                None,
                link.id,
            )
        )
    held_left = {pair.left for pair in pairs}
    held_right = {pair.right for pair in pairs}
    # A suggestion the student marked is stored: its score is worth keeping on the row.
    scores = {(s.left, s.right): s.score for s in alignment.pairs}
    pairs = [replace(pair, score=scores.get((pair.left, pair.right))) for pair in pairs]
    for suggestion in alignment.pairs:
        if suggestion.left in held_left or suggestion.right in held_right:
            continue
        pairs.append(
            ComparePair(
                suggestion.left,
                suggestion.right,
                "suggested",
                suggestion.stance,
                "",
                suggestion.score,
                None,
                stance_detected=suggestion.stance is not None,
            )
        )
    pairs.sort(key=lambda pair: (pair.left.passage, pair.left.start, pair.right.passage))
    return CompareView(
        record.id, left, right, tuple(left_sentences), tuple(right_sentences), tuple(pairs)
    )


def load_view(
    reader: sqlite3.Connection, record: StudySetRecord, left_handle: str, right_handle: str
) -> CompareView:
    return build_view(record, links_of_study_set(reader, record.id), left_handle, right_handle)


def ledger(reader: sqlite3.Connection, record: StudySetRecord) -> list[LedgerEntry]:
    return ledger_from(record, links_of_study_set(reader, record.id))


def ledger_from(record: StudySetRecord, links: Sequence[LinkRecord]) -> list[LedgerEntry]:
    """Every marked pair of every two educators, and every pair a disputing or agreeing
    cross-reference states (pre-filled, marked detected) unless the student broke it or
    marked it otherwise."""
    entries: list[LedgerEntry] = []
    handles = HandleIndex([answer.handle for answer in record.answers])
    for index, first in enumerate(record.answers):
        for second in record.answers[index + 1 :]:
            if not _mentions_between(first, second, handles) and not any(
                _between(link, first, second) is not None for link in links
            ):
                continue
            view = build_view(record, links, first.handle, second.handle)
            for pair in view.pairs:
                if pair.stance is None:
                    continue
                entries.append(
                    LedgerEntry(
                        first.handle,
                        pair.left,
                        second.handle,
                        pair.right,
                        pair.stance,
                        pair.note,
                        pair.link_id,
                        pair.stance_detected,
                    )
                )
    return entries


def _mentions_between(first: AnswerRecord, second: AnswerRecord, handles: HandleIndex) -> bool:
    for author, other in ((first, second), (second, first)):
        for reference in find_cross_references(passages_of(author), author.handle, handles):
            if reference.target_handle == other.handle and reference.stance != Stance.NEUTRAL:
                return True
    return False


def coverage_of_set(reader: sqlite3.Connection, record: StudySetRecord) -> list[Coverage]:
    """Per educator: the paragraphs and key points with nothing highlighted or noted."""
    return coverage_from(record, marked_ranges(reader, record.id))


def coverage_from(record: StudySetRecord, marks: dict[int, list[Mark]]) -> list[Coverage]:
    """coverage_of_set with the marks already read (for a worker thread)."""
    return [
        coverage(answer.handle, passages_of(answer), marks.get(answer.id, ()))
        for answer in record.answers
    ]


def compare_everything(
    record: StudySetRecord,
    links: Sequence[LinkRecord],
    left_handle: str,
    right_handle: str,
    marks: dict[int, list[Mark]],
) -> tuple[CompareView, list[LedgerEntry], list[Coverage]]:
    """What the Compare tab shows, from data already read (run by the worker)."""
    view = build_view(record, links, left_handle, right_handle)
    return view, ledger_from(record, links), coverage_from(record, marks)
