"""Coverage: which paragraphs and key sentences of an answer the student has not yet marked.

A paragraph is covered when anything in it is highlighted or has a note; a key sentence
(desktop.content.key_points) when a highlight or note overlaps it, or a note is on its whole
paragraph. Qt-free: the answer tabs, the Compare columns, the summary dialog and
`studydesk compare` all ask this.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from desktop.content.key_points import KeySentence, key_sentences

# (¶ number 1-based, start, end); end None: the whole paragraph (a note on it).
Mark = tuple[int, int, int | None]


@dataclass(frozen=True)
class Coverage:
    handle: str
    paragraphs: int
    open_paragraphs: tuple[int, ...]  # ¶ numbers with nothing marked
    key_points: tuple[KeySentence, ...]
    open_key_points: tuple[KeySentence, ...]  # key sentences nothing overlaps

    @property
    def complete(self) -> bool:
        return not self.open_paragraphs and not self.open_key_points

    def describe(self) -> str:
        """'gpane ¶3 and 2 key points not yet annotated', or '' when all is covered."""
        parts = []
        if self.open_paragraphs:
            numbers = [f"¶{n}" for n in self.open_paragraphs]
            listed = (
                numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + f" and {numbers[-1]}"
            )
            parts.append(f"{self.handle} {listed}")
        if self.open_key_points:
            count = len(self.open_key_points)
            points = f"{count} key point{'s' if count != 1 else ''}"
            parts.append(points if parts else f"{self.handle}: {points}")
        return " and ".join(parts) + " not yet annotated" if parts else ""


def _overlaps(key: KeySentence, marks: Iterable[Mark]) -> bool:
    for number, start, end in marks:
        if number != key.passage_index + 1:
            continue
        if end is None or (start < key.end and end > key.start):
            return True
    return False


@lru_cache(maxsize=16)
def _key_sentences(passages: tuple[str, ...]) -> tuple[KeySentence, ...]:
    """An answer's key sentences never change; every highlight asks again (and a 5,000-word
    answer's take ~0.2 s), so they are kept for the answers in use."""
    return tuple(key_sentences(passages))


def coverage(handle: str, passages: Sequence[str], marks: Iterable[Mark]) -> Coverage:
    marked = list(marks)
    numbers = {number for number, _start, _end in marked}
    keys = _key_sentences(tuple(passages))
    return Coverage(
        handle=handle,
        paragraphs=len(passages),
        open_paragraphs=tuple(n for n in range(1, len(passages) + 1) if n not in numbers),
        key_points=keys,
        open_key_points=tuple(k for k in keys if not _overlaps(k, marked)),
    )
