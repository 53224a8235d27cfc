"""Three-way merge of a text edited on two devices since it was last synced (its base).

Line by line first; where both sides changed the same lines, word by word inside the text
(a note is often one paragraph, one line). A merge is clean when no change of one side
overlaps a different change of the other. When it is not clean the caller keeps both
versions (``merge3`` says so); ``with_markers`` joins them into one text for a draft.
Pure Python, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# The tag both versions of a note get when a merge is not clean; the Notes tab's Conflicts
# filter lists the notes that carry it (here, not in the sync service: the window needs the
# name without loading psycopg).
CONFLICT_TAG = "sync-conflict"
WORD_MERGE_LIMIT = 20_000  # characters: above this a word diff costs too much for a sync
_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Merged:
    text: str  # the merged text when clean; the local text otherwise
    clean: bool


@dataclass(frozen=True)
class _Change:
    start: int  # in the base's tokens, [start, end) replaced by ``tokens``
    end: int
    tokens: tuple[str, ...]
    side: int  # 0 local, 1 server


def merge3(base: str, local: str, server: str) -> Merged:
    if local == server or server == base:
        return Merged(local, True)
    if local == base:
        return Merged(server, True)
    merged = _merge_tokens(_lines(base), _lines(local), _lines(server))
    if merged is None and max(len(base), len(local), len(server)) <= WORD_MERGE_LIMIT:
        merged = _merge_tokens(_words(base), _words(local), _words(server))
    if merged is None:
        return Merged(local, False)
    return Merged(merged, True)


def with_markers(local: str, server: str) -> str:
    """Both versions in one text, marked, for a draft that could not be merged cleanly."""
    return (
        "<<<<<<< this device\n"
        + local.rstrip("\n")
        + "\n=======\n"
        + server.rstrip("\n")
        + "\n>>>>>>> other device\n"
    )


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _words(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _changes(base: list[str], other: list[str], side: int) -> list[_Change]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [
        _Change(i1, i2, tuple(other[j1:j2]), side)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _overlap(a: _Change, b: _Change) -> bool:
    if a.side == b.side:
        return False
    if a.start == b.start:
        return True  # both edit (or insert at) the same place
    first, second = (a, b) if a.start < b.start else (b, a)
    return second.start < first.end


def _apply(base: list[str], start: int, end: int, changes: list[_Change]) -> list[str]:
    out: list[str] = []
    position = start
    for change in changes:
        out.extend(base[position : change.start])
        out.extend(change.tokens)
        position = change.end
    out.extend(base[position:end])
    return out


def _merge_tokens(base: list[str], local: list[str], server: list[str]) -> str | None:
    """The merged text, or None when the two sides' changes collide."""
    changes = sorted(
        _changes(base, local, 0) + _changes(base, server, 1), key=lambda c: (c.start, c.end)
    )
    out: list[str] = []
    position = 0
    index = 0
    while index < len(changes):
        group = [changes[index]]
        start, end = changes[index].start, changes[index].end
        index += 1
        while index < len(changes) and any(_overlap(changes[index], g) for g in group):
            group.append(changes[index])
            end = max(end, changes[index].end)
            index += 1
        out.extend(base[position:start])
        mine = [c for c in group if c.side == 0]
        theirs = [c for c in group if c.side == 1]
        if mine and theirs:
            ours = _apply(base, start, end, mine)
            other = _apply(base, start, end, theirs)
            if ours != other:
                return None
            out.extend(ours)
        else:
            out.extend(_apply(base, start, end, group))
        position = end
    out.extend(base[position:])
    return "".join(out)
