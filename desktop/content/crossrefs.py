"""Cross-references: one educator naming another inside an answer.

A word matches a handle by prefix ("pohnpei" names "pohnpei397"), and the sentence it stands in
gives the stance from cue phrases: "contrary to what pohnpei suggests" disputes,
"as pohnpei remarks" agrees, anything else is neutral.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.content.text import normalize_spaces, sentence_at

# A prefix shorter than this could be an ordinary word ("pa" for "pauline").
MIN_PREFIX = 4
# Up to this many educators a paragraph is first searched for their names' beginnings
# (HandleIndex.may_be_named_in); beyond, each word is looked up, as the cost of the search
# would grow with the number of educators.
PREFILTER_MAX_EDUCATORS = 16
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
    passages: Sequence[str], author: str, handles: Sequence[str] | HandleIndex
) -> list[CrossReference]:
    """Mentions in ``author``'s ``passages`` of any other educator in ``handles``.

    For every answer of a study set, build one HandleIndex and pass it to each call."""
    educators = handles if isinstance(handles, HandleIndex) else HandleIndex(handles)
    found: list[CrossReference] = []
    for index, passage in enumerate(passages):
        if not educators.may_be_named_in(passage):  # spaces are in no name: as written
            continue
        plain = normalize_spaces(passage)
        for word in _WORD.finditer(plain):
            target = educators.named_by(word.group(), author)
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


@functools.lru_cache(maxsize=64)
def cross_references_of(
    passages: tuple[str, ...], author: str, handles: tuple[str, ...]
) -> tuple[CrossReference, ...]:
    """find_cross_references, remembered for the last answers asked about: switching back
    and forth between study sets shows the same answers again (finding the mentions of a
    large set cost a quarter of each switch). Keyed by the texts themselves, so an answer
    whose text or educators differ is never given stale references."""
    return tuple(find_cross_references(passages, author, _handle_index(handles)))


@functools.lru_cache(maxsize=8)
def _handle_index(handles: tuple[str, ...]) -> HandleIndex:
    return HandleIndex(handles)


class HandleIndex:
    """Every prefix that names an educator (at least MIN_PREFIX letters, or the whole
    handle) -> the first two handles it names, in the study set's order.

    Built once per study set, so finding mentions takes time in proportion to the text
    however many educators answered (comparing every word with every handle made a set of
    1,000 educators take minutes to open)."""

    def __init__(self, handles: Sequence[str]) -> None:
        self._named: dict[str, tuple[str, ...]] = {}
        # Each handle's shortest naming prefix: every longer one starts with it.
        self._shortest = tuple(
            {handle.casefold()[:MIN_PREFIX] for handle in handles if handle.casefold()}
        )
        for handle in handles:
            folded = handle.casefold()
            for length in range(min(MIN_PREFIX, len(folded)), len(folded) + 1):
                named = self._named.get(folded[:length], ())
                if len(named) < 2 and handle not in named:
                    self._named[folded[:length]] = (*named, handle)

    def may_be_named_in(self, text: str) -> bool:
        """False when no word of ``text`` can name an educator: none of the shortest
        prefixes is in it (a word names one only if its case-folded form is one of the
        prefixes, so it holds a shortest one; folding a text folds each word of it). Most
        paragraphs name nobody, and testing each of their words took most of the time."""
        if len(self._shortest) > PREFILTER_MAX_EDUCATORS:
            return True  # a search per educator would grow with their number: each word
        folded = text.casefold()
        return any(prefix in folded for prefix in self._shortest)

    def named_by(self, word: str, author: str) -> str | None:
        """The first educator other than ``author`` whose handle starts with ``word``."""
        candidates = self._named.get(word.casefold(), ())
        return next((handle for handle in candidates if handle != author), None)


# Compiled once: the name is a group checked after the match, not text put into the pattern
# (a pattern per educator meant compiling one for every mention of a large set). Lookaheads
# let matches overlap, so "as A and as B remarks" finds both names.
_DISPUTE = re.compile("|".join(f"(?:{cue})" for cue in _DISPUTE_CUES))
_AGREE = [
    re.compile("(?=" + cue.format(name=r"(?P<name>[^\W_][\w-]*)") + ")") for cue in _AGREE_CUES
]


def stance_of(sentence: str, mention: str) -> Stance:
    lowered = sentence.casefold()
    if _DISPUTE.search(lowered):
        return Stance.DISPUTES
    name = mention.casefold()
    for pattern in _AGREE:
        for match in pattern.finditer(lowered):
            if "name" not in pattern.groupindex or match.group("name") == name:
                return Stance.AGREES
    return Stance.NEUTRAL
