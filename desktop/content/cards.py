"""Making recall cards from the student's work (Qt-free, database-free).

Every generator takes plain records and returns ``CardDraft``s. A draft's ``gen_key`` names
what it was made from (the highlight, the note line, the event…), so making the cards again
after the work changed finds the same card and updates it instead of adding a twin; a card
whose key is no longer produced has lost its source and is retired (its history kept).

Every generator is linear in its input: a note of 10,000 ``Q :: A`` lines is read once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.content.crossrefs import HandleIndex, Stance, find_cross_references
from desktop.content.key_points import key_sentences
from desktop.content.text import Sentence, normalize_spaces, split_sentences
from desktop.content.timeline import Event

KINDS = {
    "cloze": "Cloze",
    "qa": "Question",
    "event_date": "Date",
    "event_year": "Year",
    "event_order": "Order",
    "educator": "Educator",
    "own": "Own",
}
BLANK = "[…]"
MIN_HIGHLIGHT_CHARS = 2  # one letter is not worth asking; "a" or "," makes no card
MAX_QA_SIDE = 2_000  # a question or answer longer than this is cut (a pasted essay is no card)


@dataclass(frozen=True)
class CardDraft:
    gen_key: str
    kind: str
    source_kind: str  # highlight, note, event, key_point, crossref
    source_id: str
    passage_id: int | None
    start: int | None  # the range inside the passage that "Show in text" flashes
    end: int | None
    front: str
    back: str
    cloze: str | None = None  # Anki cloze text for the sentence, shared by sibling cards
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class HighlightSource:
    id: int
    passage_id: int
    passage_text: str
    start: int
    end: int
    quote: str
    handle: str
    uid: str = ""  # the highlight's synced identity (a UUID): the same on every device


@dataclass(frozen=True)
class NoteSource:
    id: int
    body: str
    passage_id: int | None
    start: int | None
    end: int | None
    tags: tuple[str, ...] = ()
    uid: str = ""  # the note's synced identity


@dataclass(frozen=True)
class EventSource:
    event: Event
    passage_id: int | None  # the first passage that mentions it
    start: int | None
    end: int | None
    uid: str = ""  # a stored event's synced identity ("": a curated one, known by its key)

    @property
    def identity(self) -> str:
        return self.uid or self.event.key


@dataclass(frozen=True)
class AnswerSource:
    handle: str
    passages: tuple[tuple[int, str], ...]  # (passage id, text) in order


# --- Cloze from highlights ---------------------------------------------------------------


def anchored_range(source: HighlightSource) -> tuple[int, int] | None:
    """Where the highlight's quote is in its passage now: its stored offsets when they still
    hold the quote, else the occurrence of the quote nearest to them (the text re-anchored),
    else None (the card cannot be made)."""
    text, quote = source.passage_text, source.quote
    if not quote:
        return None
    if 0 <= source.start < source.end <= len(text) and text[source.start : source.end] == quote:
        return source.start, source.end
    best: int | None = None
    found = text.find(quote)
    while found != -1:
        if best is None or abs(found - source.start) < abs(best - source.start):
            best = found
        found = text.find(quote, found + 1)
    return None if best is None else (best, best + len(quote))


def _sentence_around(sentences: Sequence[Sentence], start: int, end: int) -> tuple[int, int]:
    """The sentence (or run of sentences) that holds [start, end) of their passage."""
    first, last = start, end
    for sentence in sentences:
        if sentence.start <= start < sentence.end:
            first = sentence.start
        if sentence.start < end <= sentence.end:
            last = sentence.end
    return min(first, start), max(last, end)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def cloze_cards(highlights: Iterable[HighlightSource]) -> list[CardDraft]:
    """One card per highlight: its sentence with the highlighted words blanked. Highlights
    in the same sentence are siblings: each blanks its own words and shows the others, and
    they share one Anki cloze text (c1, c2, … in text order)."""
    by_sentence: dict[tuple[int, int, int], list[tuple[int, int, HighlightSource]]] = {}
    split: dict[int, list[Sentence]] = {}  # a passage is split once, however many highlights
    for source in highlights:
        where = anchored_range(source)
        if where is None:
            continue
        start, end = _trimmed(source.passage_text, *where)
        if sum(ch.isalnum() for ch in source.passage_text[start:end]) < MIN_HIGHLIGHT_CHARS:
            continue
        if source.passage_id not in split:
            split[source.passage_id] = split_sentences(source.passage_text)
        s_start, s_end = _sentence_around(split[source.passage_id], start, end)
        by_sentence.setdefault((source.passage_id, s_start, s_end), []).append((start, end, source))
    drafts: list[CardDraft] = []
    for (passage_id, s_start, s_end), members in by_sentence.items():
        members.sort(key=lambda m: (m[0], m[1]))
        text = members[0][2].passage_text
        # Overlapping highlights would nest braces in the Anki text: an overlapping one
        # keeps its own card but is left out of the shared cloze text.
        shared: list[tuple[int, int]] = []
        for start, end, _source in members:
            if not shared or start >= shared[-1][1]:
                shared.append((start, end))
        cloze = cloze_text(text, shared, s_start, s_end)
        sentence = normalize_spaces(text[s_start:s_end])
        for start, end, source in members:
            front = normalize_spaces(text[s_start:start] + BLANK + text[end:s_end])
            drafts.append(
                CardDraft(
                    gen_key=f"highlight:{_identity(source.uid, source.id)}",
                    kind="cloze",
                    source_kind="highlight",
                    source_id=str(source.id),
                    passage_id=passage_id,
                    start=start,
                    end=end,
                    front=front,
                    back=f"{normalize_spaces(text[start:end])}\n\n{sentence}",
                    cloze=cloze,
                    tags=(source.handle,),
                )
            )
    return drafts


def cloze_text(
    text: str, blanks: Sequence[tuple[int, int]], start: int = 0, end: int | None = None
) -> str:
    """``text[start:end]`` with each (start, end) of ``blanks`` marked c1, c2, … in order
    (Anki's cloze syntax; ``blanks`` do not overlap)."""
    parts: list[str] = []
    at = start
    for number, (blank_start, blank_end) in enumerate(blanks, 1):
        words = text[blank_start:blank_end].replace("}}", "} }")  # never close the cloze early
        parts += [text[at:blank_start], f"{{{{c{number}::{words}}}}}"]
        at = blank_end
    parts.append(text[at:end])
    return normalize_spaces("".join(parts))


# --- Narrowing or widening a cloze's blank ------------------------------------------------

_OPENERS = "([{\"“‘'"
_CLOSERS = ".,;:!?)]}\"”’'"


def blank_in(front: str, back: str) -> tuple[str, int, int] | None:
    """A cloze card's sentence and where its blank is in it: (sentence, start, end), from the
    front (the sentence with ``BLANK``) and the back (the blanked words, a blank line, the
    sentence). None when the card no longer reads that way (the student reworded it)."""
    answer, gap, sentence = back.partition("\n\n")
    if not gap or front.count(BLANK) != 1:
        return None
    before, _blank, after = front.partition(BLANK)
    if sentence != before + answer + after:
        return None
    return sentence, len(before), len(before) + len(answer)


def resize_blank(front: str, back: str, start_by: int, end_by: int) -> tuple[str, str] | None:
    """The card's front and back with its blank moved by a word at each end: ``start_by`` -1
    takes in the word before the blank, +1 gives back its first word; ``end_by`` +1 takes in
    the word after it, -1 gives back its last word. None when that cannot be done (nothing
    more to take in, or the blank would hold less than a word)."""
    found = blank_in(front, back)
    if found is None:
        return None
    sentence, start, end = found
    for _ in range(abs(start_by)):
        start = _word_before(sentence, start) if start_by < 0 else _word_after(sentence, start, end)
    for _ in range(abs(end_by)):
        end = (
            _word_after(sentence, end, len(sentence))
            if end_by > 0
            else _word_before(sentence, end, start)
        )
    if end_by > 0:  # "power." takes in the word, not the full stop
        while end > start and sentence[end - 1] in _CLOSERS:
            end -= 1
    if start_by < 0:
        while start < end and sentence[start] in _OPENERS:
            start += 1
    start, end = _trimmed(sentence, start, end)
    if (start, end) == found[1:] or sum(ch.isalnum() for ch in sentence[start:end]) < (
        MIN_HIGHLIGHT_CHARS
    ):
        return None
    return sentence[:start] + BLANK + sentence[end:], f"{sentence[start:end]}\n\n{sentence}"


def _word_before(text: str, at: int, floor: int = 0) -> int:
    """Where the word ending at or before ``at`` starts (not before ``floor``)."""
    while at > floor and text[at - 1].isspace():
        at -= 1
    while at > floor and not text[at - 1].isspace():
        at -= 1
    return at


def _word_after(text: str, at: int, ceiling: int) -> int:
    """Where the word starting at or after ``at`` ends (not after ``ceiling``)."""
    while at < ceiling and text[at].isspace():
        at += 1
    while at < ceiling and not text[at].isspace():
        at += 1
    return at


# --- Question :: Answer lines in notes ------------------------------------------------------

_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


def qa_line(line: str) -> tuple[str, str] | None:
    """``Question :: Answer`` → (question, answer); None when the line is not one."""
    question, separator, answer = line.partition("::")
    if not separator:
        return None
    question = _LIST_MARK.sub("", question).strip()
    answer = answer.strip()
    if not question or not answer:
        return None
    return question[:MAX_QA_SIDE], answer[:MAX_QA_SIDE]


def qa_cards(notes: Iterable[NoteSource]) -> list[CardDraft]:
    """A card per ``Question :: Answer`` line. The key is the question's text (and how many
    times it came before in the note), so editing the answer updates the card and moving the
    line keeps it."""
    drafts: list[CardDraft] = []
    for note in notes:
        if "::" not in note.body:
            continue
        seen: dict[str, int] = {}
        for line in note.body.splitlines():
            pair = qa_line(line)
            if pair is None:
                continue
            question, answer = pair
            digest = hashlib.blake2b(question.casefold().encode(), digest_size=8).hexdigest()
            seen[digest] = seen.get(digest, 0) + 1
            drafts.append(
                CardDraft(
                    gen_key=f"note:{_identity(note.uid, note.id)}:{digest}:{seen[digest]}",
                    kind="qa",
                    source_kind="note",
                    source_id=str(note.id),
                    passage_id=note.passage_id,
                    start=note.start,
                    end=note.end,
                    front=question,
                    back=answer,
                    tags=note.tags,
                )
            )
    return drafts


# --- The timeline -----------------------------------------------------------------------------


def _event_asked(source: EventSource) -> bool:
    """Events the student met in the reading or made: not the curated background."""
    return not source.event.background or source.passage_id is not None


def timeline_cards(set_key: str, events: Sequence[EventSource]) -> list[CardDraft]:
    """When did X happen (answered as precisely as the event is known); what happened in a
    year; three events in order."""
    asked = sorted(
        (s for s in events if _event_asked(s)),
        key=lambda s: (s.event.start.as_year(), s.event.title),
    )
    drafts = [_date_card(set_key, s) for s in asked]
    drafts += _year_cards(set_key, asked)
    drafts += _order_cards(set_key, asked)
    return drafts


def _event_card(
    set_key: str, source: EventSource, kind: str, key: str, front: str, back: str
) -> CardDraft:
    return CardDraft(
        gen_key=f"set:{set_key}:{key}",
        kind=kind,
        source_kind="event",
        source_id=source.event.key,
        passage_id=source.passage_id,
        start=source.start,
        end=source.end,
        front=front,
        back=back,
        tags=("timeline", source.event.category),
    )


def _date_card(set_key: str, source: EventSource) -> CardDraft:
    event = source.event
    asked = "When did this happen?" if event.end is None else "When did this begin and end?"
    return _event_card(
        set_key,
        source,
        "event_date",
        f"event:{source.identity}:date",
        f"{asked}\n{event.title}",
        event.when(),
    )


def _year_cards(set_key: str, asked: Sequence[EventSource]) -> list[CardDraft]:
    by_year: dict[int, list[EventSource]] = {}
    for source in asked:
        # "What happened in 1920?" is unfair for "the 1920s" or "c. 1924".
        if source.event.precision in ("day", "month", "year"):
            by_year.setdefault(source.event.start.year, []).append(source)
    return [
        _event_card(
            set_key,
            sources[0],
            "event_year",
            f"year:{year}",
            f"What happened in {year}?",
            "\n".join(s.event.title for s in sources),
        )
        for year, sources in by_year.items()
    ]


def _order_cards(set_key: str, asked: Sequence[EventSource]) -> list[CardDraft]:
    """Consecutive threes of events with different start dates, shown in title order."""
    distinct: list[EventSource] = []
    for source in asked:
        if not distinct or distinct[-1].event.start != source.event.start:
            distinct.append(source)
    drafts = []
    for at in range(0, len(distinct) - 2, 3):
        three = distinct[at : at + 3]
        shown = sorted(three, key=lambda s: s.event.title.casefold())
        drafts.append(
            _event_card(
                set_key,
                three[0],
                "event_order",
                "order:" + "|".join(s.identity for s in three),
                "Put these in order, earliest first:\n"
                + "\n".join(f"• {s.event.title}" for s in shown),
                "\n".join(
                    f"{n}. {s.event.title} ({s.event.when()})" for n, s in enumerate(three, 1)
                ),
            )
        )
    return drafts


# --- Educators ------------------------------------------------------------------------------

_STANCE_VERB = {Stance.DISPUTES: "disputes", Stance.AGREES: "agrees with"}


def _educator_card(
    set_key: str, source: str, where: tuple[int, int, int, int], front: str, handle: str
) -> CardDraft:
    """``source``: "key_point" or "crossref"; ``where``: (paragraph index, passage id,
    start, end). The key names the paragraph by its educator and place, never by a local
    id, so every device makes the same key for it."""
    index, passage_id, start, end = where
    prefix = "point" if source == "key_point" else "xref"
    return CardDraft(
        gen_key=f"set:{set_key}:{prefix}:{handle}:{index}:{start}",
        kind="educator",
        source_kind=source,
        source_id=f"{passage_id}:{start}",
        passage_id=passage_id,
        start=start,
        end=end,
        front=front,
        back=handle,
        tags=("educators",),
    )


def educator_cards(set_key: str, answers: Sequence[AnswerSource]) -> list[CardDraft]:
    """ "Which educator argues that …?" from each answer's key points, and "Which educator
    disputes (agrees with) X …?" from the cross-references; answered with the handle. Only
    when there is more than one educator to choose from."""
    if len(answers) < 2:
        return []
    handles = HandleIndex([a.handle for a in answers])
    drafts: list[CardDraft] = []
    for answer in answers:
        texts = [text for _id, text in answer.passages]
        for point in key_sentences(texts):
            index = point.passage_index
            where = (index, answer.passages[index][0], point.start, point.end)
            front = f"Which educator argues this?\n“{normalize_spaces(point.text)}”"
            drafts.append(_educator_card(set_key, "key_point", where, front, answer.handle))
        for ref in find_cross_references(texts, answer.handle, handles):
            verb = _STANCE_VERB.get(ref.stance)
            if verb is None:
                continue
            index = ref.passage_index
            where = (index, answer.passages[index][0], ref.start, ref.end)
            front = (
                f"Which educator {verb} {ref.target_handle} here?\n"
                f"“{normalize_spaces(ref.sentence)}”"
            )
            drafts.append(_educator_card(set_key, "crossref", where, front, answer.handle))
    return _unique(drafts)


def _identity(uid: str, local_id: int) -> str:
    """A source's synced identity, or its local id (marked) where it has none."""
    return uid or f"#{local_id}"


def _unique(drafts: Iterable[CardDraft]) -> list[CardDraft]:
    kept: dict[str, CardDraft] = {}
    for draft in drafts:
        kept.setdefault(draft.gen_key, draft)
    return list(kept.values())


@dataclass(frozen=True)
class SetSources:
    study_set_id: int
    set_key: str  # the set's identity on every device (from its SHA-256)
    highlights: Sequence[HighlightSource]
    notes: Sequence[NoteSource]
    events: Sequence[EventSource]
    answers: Sequence[AnswerSource]


def cards_for_set(sources: SetSources) -> list[CardDraft]:
    """Every card the study set's work makes, each key once."""
    return _unique(
        cloze_cards(sources.highlights)
        + qa_cards(sources.notes)
        + timeline_cards(sources.set_key, sources.events)
        + educator_cards(sources.set_key, sources.answers)
    )
