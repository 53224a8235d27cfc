"""Sentences and terms for aligning answers: pysbd splits, Snowball stems.

pysbd (a rule-based splitter, no model) is kept for what a pattern gets wrong: "Dr. Smith",
"U.S. officials", "e.g. this" do not end a sentence. It runs on one paragraph at a time (a
sentence never crosses a paragraph) with every Unicode space made plain, and its segments are
found again in the paragraph so that offsets are the stored text's. Measured on this machine:
pysbd adds 0.5 MB installed and ~18 ms to import; snowballstemmer 2.0 MB (its package
imports all 36 languages' stemmers: ~27 ms, paid on first use only).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desktop.content.key_points import STOPWORDS
from desktop.content.text import normalize_spaces, split_sentences

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class SentenceRef:
    """A sentence of an answer: its paragraph (0-based) and offsets in the stored text."""

    passage: int
    start: int
    end: int
    text: str

    @property
    def paragraph_number(self) -> int:
        """The ¶ number the reader sees (1-based)."""
        return self.passage + 1


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd  # type: ignore[import-untyped]  # noqa: PLC0415 (paid on first use)

    return pysbd.Segmenter(language="en", clean=False)


def split_passage(passage: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, trailing spaces left out."""
    plain = normalize_spaces(passage)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for segment in _segmenter().segment(plain):
        piece = segment.strip()
        if not piece:
            continue
        found = plain.find(piece, cursor)
        if found == -1:  # pysbd changed the text after all: fall back to the plain rule
            return [(s.start, s.end) for s in split_sentences(passage)]
        spans.append((found, found + len(piece)))
        cursor = found + len(piece)
    return spans


def answer_sentences(passages: Sequence[str]) -> list[SentenceRef]:
    """Every sentence of an answer, in reading order."""
    return [
        SentenceRef(index, start, end, passage[start:end])
        for index, passage in enumerate(passages)
        for start, end in split_passage(passage)
    ]


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer  # type: ignore[import-untyped]  # noqa: PLC0415

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of a lower-case word (cached: answers repeat their words)."""
    return str(_stemmer().stemWord(word))


def words(text: str) -> list[str]:
    """Lower-case words, a possessive "'s" dropped."""
    found = []
    for word in _WORD.findall(normalize_spaces(text).lower()):
        word = word.replace("’", "'")
        found.append(word[:-2] if word.endswith("'s") else word)
    return found


def content_words(text: str) -> list[str]:
    return [word for word in words(text) if word not in STOPWORDS and len(word) > 1]
