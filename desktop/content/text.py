"""Text measures shared by the content layer: spaces, words, sentences, reading time."""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

# The seed has NO-BREAK SPACEs after some full stops: matching treats every Unicode space as
# a plain space, while the stored text keeps them.
_UNICODE_SPACE = re.compile(r"[^\S\n]")
_WORD = re.compile(r"\S+")
# A sentence ends at . ! or ? (optionally closed by a quote or bracket) followed by space.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
WORDS_PER_MINUTE = 220


def normalize_spaces(text: str) -> str:
    """Same length as ``text``, so offsets stay valid; every space becomes U+0020."""
    return _UNICODE_SPACE.sub(" ", text)


@functools.lru_cache(maxsize=1024)
def word_count(text: str) -> int:
    # Remembered: each switch of study set counted every paragraph's words again.
    return len(_WORD.findall(text))


def reading_minutes(words: int) -> int:
    """Whole minutes at an ordinary silent-reading pace; at least one for any text."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the passage text
    end: int

    def text_of(self, passage: str) -> str:
        return passage[self.start : self.end]


def split_sentences(passage: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    start = _skip_spaces(passage, 0)
    for match in _SENTENCE_END.finditer(passage):
        end = match.end()
        if end > start:
            sentences.append(Sentence(start, end))
        start = _skip_spaces(passage, end)
    tail_end = len(passage.rstrip())
    if tail_end > start:
        sentences.append(Sentence(start, tail_end))
    return sentences


def sentence_at(passage: str, offset: int) -> str:
    """The sentence of ``passage`` that holds ``offset``, as written (else the passage)."""
    for sentence in split_sentences(passage):
        if sentence.start <= offset < sentence.end:
            return sentence.text_of(passage)
    return passage


def _skip_spaces(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    return index
