"""`studydesk compare`: the aligned pairs, the unmatched sentences and the coverage of a study
set, as JSON-ready data and as text. No Qt widgets; reads only."""

from __future__ import annotations

import sqlite3
from itertools import combinations
from typing import Any

from db.records import StudySetRecord
from desktop.content.alignment_sentences import SentenceRef
from desktop.services.compare_data import coverage_of_set, load_view


class CompareRefused(Exception):
    """str(error) is the one line for the student."""


def _sentence(handle: str, sentence: SentenceRef) -> dict[str, Any]:
    return {"educator": handle, "paragraph": sentence.paragraph_number, "text": sentence.text}


def compare_report(
    reader: sqlite3.Connection,
    record: StudySetRecord,
    left: str | None = None,
    right: str | None = None,
) -> dict[str, Any]:
    """Every two educators of the set (or the two named), each with its pairs and unmatched
    sentences, and per educator what is not yet annotated."""
    handles = [answer.handle for answer in record.answers]
    for name in (left, right):
        if name is not None and name not in handles:
            raise CompareRefused(
                f"no educator {name!r} in this study set; its educators: {', '.join(handles)}"
            )
    if left is not None and right is not None:
        if left == right:
            raise CompareRefused("compare two different educators")
        chosen = [(left, right)]
    elif left is not None or right is not None:
        raise CompareRefused("name both educators (--left and --right), or neither")
    else:
        chosen = list(combinations(handles, 2))
    comparisons = []
    for first, second in chosen:
        view = load_view(reader, record, first, second)
        comparisons.append(
            {
                "left": first,
                "right": second,
                "pairs": [
                    {
                        "left": _sentence(first, pair.left),
                        "right": _sentence(second, pair.right),
                        "score": pair.score,
                        "stance": pair.stance,
                        "status": pair.status,
                        "note": pair.note,
                    }
                    for pair in view.pairs
                ],
                "unmatched": {
                    first: [_sentence(first, s) for s in view.left_only],
                    second: [_sentence(second, s) for s in view.right_only],
                },
            }
        )
    coverage = [
        {
            "educator": item.handle,
            "paragraphs": item.paragraphs,
            "paragraphs_not_annotated": list(item.open_paragraphs),
            "key_points": len(item.key_points),
            "key_points_not_annotated": [
                {"paragraph": key.passage_index + 1, "text": key.text}
                for key in item.open_key_points
            ],
            "summary": item.describe(),
        }
        for item in coverage_of_set(reader, record)
    ]
    return {
        "study_set": {"id": record.id, "title": record.title},
        "comparisons": comparisons,
        "coverage": coverage,
    }


def _clip(text: str, width: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def report_text(report: dict[str, Any]) -> str:
    lines = [f"Study set {report['study_set']['id']}: {report['study_set']['title']}"]
    for comparison in report["comparisons"]:
        left, right = comparison["left"], comparison["right"]
        lines += ["", f"{left} ↔ {right}: {len(comparison['pairs'])} pairs"]
        for pair in comparison["pairs"]:
            score = "hand" if pair["score"] is None else f"{pair['score']:.2f}"
            stance = f" [{pair['stance']}]" if pair["stance"] else ""
            status = "" if pair["status"] == "suggested" else f" ({pair['status']})"
            lines.append(f"  {score}{stance}{status}")
            for side in ("left", "right"):
                sentence = pair[side]
                lines.append(
                    f"    {sentence['educator']} ¶{sentence['paragraph']}: "
                    f"{_clip(sentence['text'])}"
                )
            if pair["note"]:
                lines.append(f"    note: {_clip(pair['note'])}")
        for handle, sentences in comparison["unmatched"].items():
            lines.append(f"  only {handle}: {len(sentences)}")
            lines += [f"    ¶{s['paragraph']}: {_clip(s['text'])}" for s in sentences]
    lines += ["", "Coverage"]
    for item in report["coverage"]:
        open_count = len(item["paragraphs_not_annotated"])
        keys_open = len(item["key_points_not_annotated"])
        lines.append(
            f"  {item['educator']}: {item['paragraphs'] - open_count} of {item['paragraphs']} "
            f"paragraphs and {item['key_points'] - keys_open} of {item['key_points']} key points "
            "annotated" + (f" — {item['summary']}" if item["summary"] else "")
        )
    return "\n".join(lines)
