"""The alignment merged with the student's stored decisions (Qt-free, no database)."""

from __future__ import annotations

from datetime import UTC, datetime

from db.compare_records import LinkFields, LinkRecord, SentenceAnchor
from db.records import AnswerRecord, PassageRecord, StudySetRecord
from desktop.content.studyset import parse_study_set_bytes
from desktop.services.compare_data import build_view, ledger_from
from tests.study_files import SEED_BYTES


def seed_record() -> StudySetRecord:
    parsed = parse_study_set_bytes(SEED_BYTES, "seed.txt")
    answers = tuple(
        AnswerRecord(
            index + 1,
            answer.handle,
            answer.credential,
            tuple(
                PassageRecord(10 * index + n, n + 1, text) for n, text in enumerate(answer.passages)
            ),
        )
        for index, answer in enumerate(parsed.answers)
    )
    return StudySetRecord(
        1,
        parsed.sha256,
        parsed.title,
        parsed.question,
        "seed.txt",
        "UTF-8",
        datetime.now(UTC),
        True,
        answers,
    )


def anchor(record: StudySetRecord, answer: int, paragraph: int, words: str) -> SentenceAnchor:
    text = record.answers[answer].passages[paragraph - 1].text
    start = text.index(words)
    end = text.index(".", start) + 1
    return SentenceAnchor(record.answers[answer].id, paragraph, start, end, text[start:end])


def test_a_broken_suggestion_is_gone_and_a_hand_link_holds_its_sentences() -> None:
    record = seed_record()
    dispute_left = anchor(record, 0, 3, "However, contrary to what pohnpei")
    dispute_right = anchor(record, 1, 2, "His motivation was that he wanted")
    hand_left = anchor(record, 0, 1, "He was ruthless in dealing")
    # Stored a few characters off, as if the text had been split differently: found by quote.
    shifted = anchor(record, 1, 3, "This can be seen very clearly")
    hand_right = SentenceAnchor(shifted.answer_id, 3, shifted.start + 2, shifted.end, shifted.quote)
    links = [
        LinkRecord(1, 1, dispute_left, dispute_right, LinkFields("broken")),
        LinkRecord(2, 1, hand_left, hand_right, LinkFields("manual", "agree", "both: fear")),
    ]
    view = build_view(record, links, "gpane", "pohnpei397")
    pairs = {(p.left.text[:20], p.right.text[:20]): p for p in view.pairs}
    assert ("However, contrary to", "His motivation was t") not in pairs
    hand = pairs[("He was ruthless in d", "This can be seen ver")]
    assert (hand.status, hand.stance, hand.note, hand.link_id) == (
        "manual",
        "agree",
        "both: fear",
        2,
    )
    assert hand.right.start == shifted.start  # re-anchored to the sentence as split now
    # Seen the other way round, the same decisions hold.
    swapped = build_view(record, links, "pohnpei397", "gpane")
    assert any(p.link_id == 2 and p.left.text.startswith("This can be seen") for p in swapped.pairs)
    # The ledger has the student's agree and no longer the broken dispute.
    entries = ledger_from(record, links)
    assert [(e.stance, e.detected, e.note) for e in entries if e.link_id == 2] == [
        ("agree", False, "both: fear")
    ]
    assert not any(e.left.text.startswith("However, contrary") for e in entries)
