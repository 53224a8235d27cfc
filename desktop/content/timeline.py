"""Timeline events: dates with a precision, eras, and where the answers mention each event.

Qt-free. Curated events ship as JSON in resources/content (one file per study set, named
after its seed); found events come from explicit years in the text; the student's own
events live in the database and are turned into the same Event type.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.content.text import normalize_spaces, sentence_at, split_sentences

PRECISIONS = ("day", "month", "year", "decade", "circa")
# Lanes for study sets without a curated timeline (the curated file names its own).
DEFAULT_CATEGORIES = {
    "politics": "Politics",
    "economy": "Economy",
    "repression": "Repression",
    "war": "War",
    "ideology": "Ideology",
    "personal": "Personal",
}
ORIGINS = ("curated", "found", "user")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_DATE = re.compile(r"^(\d{3,4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class TimelineDataError(ValueError):
    """The curated timeline file is invalid; the message says where."""


@dataclass(frozen=True, order=True)
class HistoricDate:
    """A Gregorian date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> HistoricDate:
        match = _DATE.match(text.strip())
        if not match:
            raise ValueError(f"{text!r} is not a date like 1917, 1917-11 or 1917-11-07")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year < 1:  # the calendar (and Python's dates) begin at 1 AD
            raise ValueError(f"{text!r} is not a date: the year is 0001 or later")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} is not a date: the month is 01 to 12")
        if month is not None and day is not None:
            days = calendar.monthrange(year, month)[1]
            if not 1 <= day <= days:
                raise ValueError(
                    f"{text!r} is not a date: {MONTHS[month - 1]} {year} has {days} days"
                )
        return cls(year, month, day)

    def iso(self) -> str:
        return "-".join(
            [f"{self.year:04d}"]
            + ([f"{self.month:02d}"] if self.month else [])
            + ([f"{self.day:02d}"] if self.day else [])
        )

    def as_year(self, *, end: bool = False) -> float:
        """Decimal year, for drawing: the start of the period known (or its end)."""
        if self.month is None:
            return self.year + (1.0 if end else 0.0)
        if self.day is None:
            return self.year + (self.month - (0 if end else 1)) / 12
        first = date(self.year, 1, 1)
        days = (date(self.year, self.month, self.day) - first).days + (1 if end else 0)
        return self.year + days / 365.25

    def text(self, precision: str) -> str:
        if precision == "decade":
            return f"{self.year // 10 * 10}s"
        if self.day is not None and self.month is not None and precision == "day":
            return f"{self.day} {MONTHS[self.month - 1]} {self.year}"
        if self.month is not None and precision in ("day", "month"):
            return f"{MONTHS[self.month - 1]} {self.year}"
        return str(self.year)


@dataclass(frozen=True)
class Event:
    key: str
    title: str
    start: HistoricDate
    end: HistoricDate | None
    precision: str
    category: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    background: bool = False  # context the answers do not mention
    source: str = ""
    origin: str = "curated"
    old_style: str | None = None  # the Julian date used in Russia then, e.g. "25 Oct O.S."
    record_id: int | None = None  # the database row, for found and user events

    @property
    def is_period(self) -> bool:
        return self.end is not None

    def when(self) -> str:
        """The date as written: '7 Nov 1917 (25 Oct O.S.)', '1929–1933', 'c. 1924'."""
        start = self.start.text(self.precision)
        if self.precision == "circa":
            start = f"c. {self.start.text('year')}"
        text = start if self.end is None else f"{start}–{self.end.text(self.precision)}"
        if self.end is not None and " " in text:
            text = text.replace("–", " – ")
        return f"{text} ({self.old_style})" if self.old_style else text


@dataclass(frozen=True)
class Era:
    key: str
    name: str
    start: HistoricDate
    end: HistoricDate


@dataclass(frozen=True)
class Mention:
    event_key: str
    handle: str
    passage_id: int
    passage_number: int
    start: int  # offsets in the passage
    end: int
    term: str
    sentence: str
    sentence_start: int = 0  # where the sentence is in the passage
    sentence_end: int = 0


@dataclass(frozen=True)
class CuratedTimeline:
    study_set_sha256: str
    start_year: int
    end_year: int
    categories: dict[str, str]  # key -> label, in lane order
    eras: tuple[Era, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True)
class PassageText:
    """What mention-finding needs of a passage."""

    handle: str
    passage_id: int
    number: int
    text: str


def curated_file_for(content_folder: Path, source_name: str) -> Path:
    return content_folder / f"timeline-{Path(source_name).stem}.json"


def load_curated(path: Path) -> CuratedTimeline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise TimelineDataError(f"{path.name}: cannot read it ({exc})") from exc
    try:
        categories = dict(data["categories"])
        eras = tuple(
            Era(e["key"], e["name"], HistoricDate.parse(e["start"]), HistoricDate.parse(e["end"]))
            for e in data["eras"]
        )
        events = tuple(_event(item) for item in data["events"])
        timeline = CuratedTimeline(
            data["study_set_sha256"],
            int(data["range"]["start"]),
            int(data["range"]["end"]),
            categories,
            eras,
            events,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise TimelineDataError(f"{path.name}: {exc}") from exc
    problems = validate(timeline)
    if problems:
        raise TimelineDataError(f"{path.name}: " + "; ".join(problems))
    return timeline


def _event(item: Mapping[str, object]) -> Event:
    end = item.get("end")
    aliases = item.get("aliases", ())
    if not isinstance(aliases, Iterable):  # reported as invalid data, like any TypeError here
        raise TypeError(f"'{type(aliases).__name__}' object is not iterable")
    return Event(
        key=str(item["key"]),
        title=str(item["title"]),
        start=HistoricDate.parse(str(item["start"])),
        end=HistoricDate.parse(str(end)) if end else None,
        precision=str(item["precision"]),
        category=str(item["category"]),
        description=str(item.get("description", "")),
        aliases=tuple(str(a) for a in aliases),
        background=bool(item.get("background", False)),
        source=str(item.get("source", "")),
        old_style=str(item["old_style"]) if item.get("old_style") else None,
    )


def validate(timeline: CuratedTimeline) -> list[str]:
    problems = []
    keys = [event.key for event in timeline.events]
    if len(set(keys)) != len(keys):
        problems.append("two events share a key")
    for event in timeline.events:
        if event.precision not in PRECISIONS:
            problems.append(f"{event.key}: unknown precision {event.precision!r}")
        if event.category not in timeline.categories:
            problems.append(f"{event.key}: unknown category {event.category!r}")
        if event.end is not None and event.end.as_year(end=True) < event.start.as_year():
            problems.append(f"{event.key}: ends before it starts")
        if not event.background and not event.aliases:
            problems.append(f"{event.key}: not background, but no alias terms to find it by")
        year = event.start.year
        if not timeline.start_year <= year <= timeline.end_year:
            problems.append(f"{event.key}: outside {timeline.start_year}–{timeline.end_year}")
    for era in timeline.eras:
        if era.end < era.start:
            problems.append(f"era {era.key}: ends before it starts")
    return problems


def _term_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in normalize_spaces(term).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _sentence_span(passage: str, offset: int) -> tuple[int, int]:
    """Where the sentence holding ``offset`` starts and ends (else the whole passage)."""
    for sentence in split_sentences(passage):
        if sentence.start <= offset < sentence.end:
            return sentence.start, sentence.end
    return 0, len(passage)


def find_mentions(events: Iterable[Event], passages: Sequence[PassageText]) -> list[Mention]:
    """Every place an event's alias terms occur, in text order; overlapping matches of
    different terms for the same event are kept once."""
    mentions: list[Mention] = []
    for event in events:
        for passage in passages:
            plain = normalize_spaces(passage.text)
            taken: list[tuple[int, int]] = []
            for term in sorted(event.aliases, key=len, reverse=True):
                for match in _term_pattern(term).finditer(plain):
                    if any(s < match.end() and match.start() < e for s, e in taken):
                        continue
                    taken.append((match.start(), match.end()))
                    mentions.append(
                        Mention(
                            event.key,
                            passage.handle,
                            passage.passage_id,
                            passage.number,
                            match.start(),
                            match.end(),
                            passage.text[match.start() : match.end()],
                            sentence_at(passage.text, match.start()),
                            *_sentence_span(passage.text, match.start()),
                        )
                    )
    return sorted(mentions, key=lambda m: (m.handle, m.passage_number, m.start))


@dataclass(frozen=True)
class FoundYear:
    year: int
    handle: str
    passage_number: int
    sentence: str


_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


def find_years(passages: Sequence[PassageText]) -> list[FoundYear]:
    """Explicit years in the text ("in 1917"), once per year, first mention first."""
    found: dict[int, FoundYear] = {}
    for passage in passages:
        for match in _YEAR.finditer(passage.text):
            year = int(match.group())
            found.setdefault(
                year,
                FoundYear(
                    year, passage.handle, passage.number, sentence_at(passage.text, match.start())
                ),
            )
    return sorted(found.values(), key=lambda f: f.year)


_CLAUSE_BREAKS = (", ", "; ", ": ", " - ", " – ", " — ", "(", ")")


def title_from_sentence(sentence: str, year: int, max_words: int = 8) -> str:
    """A short title for a year found in ``sentence``: the words of its clause that lead
    to the year, from the first name in them ("Communist Revolution in Russia in 1917"),
    at most ``max_words``; the year alone when it is not in the sentence."""
    text = normalize_spaces(sentence).strip()
    at = text.find(str(year))
    if at < 0:
        return str(year)
    start = max(
        (text.rfind(b, 0, at) + len(b) for b in _CLAUSE_BREAKS if b in text[:at]), default=0
    )
    end = min((p for b in _CLAUSE_BREAKS if (p := text.find(b, at)) >= 0), default=len(text))
    words = text[start:end].strip().rstrip(".!?\"'”’").split()
    year_word = next(i for i, word in enumerate(words) if str(year) in word)
    window = max(0, year_word - (max_words - 1))
    names = [i for i in range(window, year_word) if words[i][:1].isupper()]
    first = names[0] if names else window
    title = " ".join(words[first : max(first + max_words, year_word + 1)])
    return title[:1].upper() + title[1:]


@dataclass
class MentionIndex:
    """Mentions grouped the two ways the window needs them."""

    by_event: dict[str, list[Mention]] = field(default_factory=dict)
    by_passage: dict[int, list[Mention]] = field(default_factory=dict)

    @classmethod
    def build(cls, mentions: Iterable[Mention]) -> MentionIndex:
        index = cls()
        for mention in mentions:
            index.by_event.setdefault(mention.event_key, []).append(mention)
            index.by_passage.setdefault(mention.passage_id, []).append(mention)
        return index

    def counts(self, event_key: str) -> dict[str, int]:
        """How many passages of each educator mention the event."""
        passages: dict[str, set[int]] = {}
        for mention in self.by_event.get(event_key, []):
            passages.setdefault(mention.handle, set()).add(mention.passage_number)
        return {handle: len(numbers) for handle, numbers in passages.items()}
