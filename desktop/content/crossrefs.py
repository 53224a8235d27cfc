"""Cross-references: one educator naming another inside an answer.

A word matches a handle by prefix ("pohnpei" names "pohnpei397"), and the sentence it stands in
gives the stance from cue phrases: "contrary to what pohnpei suggests" disputes,
"as pohnpei remarks" agrees, anything else is neutral.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from desktop.content.text import normalize_spaces, sentence_at

# A prefix shorter than this could be an ordinary word ("pa" for "pauline").
MIN_PREFIX = 4
_WORD = re.compile(r"[^\W_][\w-]*")

_DISPUTE_CUES = (
    r"contrary to",
    r"\bdisagree",
    r"\bunlike\b",
    r"\bmistaken",
    r"\bwrong(ly)?\b",
    r"\bnot (necessarily|quite|entirely) (right|correct|true|so)\b",
    r"\bdiffer",
    r"\bdispute",
    r"\bi doubt\b",
    r"\bcontradict",
    r"\bgoes too far\b",
    r"\boverstates?\b",
)
_AGREE_CUES = (
    r"\bas {name}\b.{{0,40}}\b"
    r"(remark|observ|note|say|said|point|argu|suggest|explain|mention|writ|stat)",
    r"\bagree",
    r"\blike {name}\b",
    r"\b{name}\b.{{0,30}}\b(rightly|correctly)\b",
    r"\b(echo|confirm|support|share)\w*\b.{{0,30}}\b{name}\b",
    r"\bwith {name}\b",
)


class Stance(enum.Enum):
    AGREES = "agrees"
    DISPUTES = "disputes"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class CrossReference:
    passage_index: int  # 0-based index into the answer's passages
    start: int  # offsets of the mention inside the passage
    end: int
    mention: str  # the word as written, e.g. "pohnpei"
    target_handle: str  # the educator referred to, e.g. "pohnpei397"
    stance: Stance
    sentence: str  # the sentence that holds the mention, as written


def find_cross_references(
    passages: Sequence[str], author: str, handles: Sequence[str]
) -> list[CrossReference]:
    """Mentions in ``author``'s ``passages`` of any other educator in ``handles``."""
    index_of_prefixes = _prefix_index(tuple(handles))
    found: list[CrossReference] = []
    for index, passage in enumerate(passages):
        plain = normalize_spaces(passage)
        for word in _WORD.finditer(plain):
            target = _handle_named_by(word.group(), author, index_of_prefixes)
            if target is None:
                continue
            sentence_text = sentence_at(passage, word.start())
            found.append(
                CrossReference(
                    passage_index=index,
                    start=word.start(),
                    end=word.end(),
                    mention=word.group(),
                    target_handle=target,
                    stance=stance_of(normalize_spaces(sentence_text), word.group()),
                    sentence=sentence_text,
                )
            )
    return found


@lru_cache(maxsize=4)
def _prefix_index(handles: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Every prefix that names a handle (at least MIN_PREFIX letters, or the whole handle) ->
    the first two handles it names, in the study set's order. Built once per study set, so
    finding mentions takes time in proportion to the text, however many educators answered
    (one scan of every handle per word made 1,000 educators take minutes)."""
    index: dict[str, tuple[str, ...]] = {}
    for handle in handles:
        folded = handle.casefold()
        for length in range(min(MIN_PREFIX, len(folded)), len(folded) + 1):
            named = index.get(folded[:length], ())
            if len(named) < 2 and handle not in named:
                index[folded[:length]] = (*named, handle)
    return index


def _handle_named_by(word: str, author: str, index: dict[str, tuple[str, ...]]) -> str | None:
    """The first educator other than ``author`` whose handle starts with ``word``."""
    return next((handle for handle in index.get(word.casefold(), ()) if handle != author), None)


def stance_of(sentence: str, mention: str) -> Stance:
    lowered = sentence.casefold()
    name = re.escape(mention.casefold())
    if any(re.search(cue, lowered) for cue in _DISPUTE_CUES):
        return Stance.DISPUTES
    if any(re.search(cue.format(name=name), lowered) for cue in _AGREE_CUES):
        return Stance.AGREES
    return Stance.NEUTRAL
