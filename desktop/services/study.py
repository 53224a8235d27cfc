"""Study mode's logic: which cards are due, rating one with FSRS, and the state a card's
review log says it is in. No widgets; the window and the commands both use it.

Scheduling is the ``fsrs`` package's (Scheduler.review_card, desired retention 0.9) with
fuzzing off: a card's state must be exactly what replaying its review log gives, and fuzz
draws random numbers. The stored state is a cache of that replay; ``verify_states`` (run by
``studydesk check``) compares the two.

The clock can go backwards (a laptop's battery ran flat, the time zone was set wrong): a
review logged before the card's last review is scheduled as if made at that last review, so
no interval is ever negative; the log keeps the time the clock said, never rewritten.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from db import cards as card_db
from db.cards import CardRecord, LogRow, SchedulingState, parse_stamp, stamp

if TYPE_CHECKING:
    import sqlite3

    from fsrs import Card, Scheduler
    from PySide6.QtCore import QSettings

T = TypeVar("T")
Writer = Callable[..., Any]  # ChangeRunner.write, or a command's own: write(change, *args)

DESIRED_RETENTION = 0.9
RETENTION_KEY = "study/desired_retention"  # in QSettings: Study › Preferences…
RETENTION_RANGE = (0.70, 0.97)
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
DUE_BATCH = 200  # due cards read at a time; a session asks again when they run out


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- Scope ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Which cards: one study set, a course (with the courses nested in it), or all."""

    kind: str  # "set", "course" or "all"
    study_set_id: int | None = None
    course: str | None = None
    title: str = "Everything due"

    @classmethod
    def of_set(cls, study_set_id: int, title: str) -> Scope:
        return cls("set", study_set_id=study_set_id, title=title)

    @classmethod
    def of_course(cls, course: str) -> Scope:
        return cls("course", course=course, title=course)

    def set_ids(self, reader: sqlite3.Connection) -> list[int] | None:
        """The study sets in scope; None means every set in the library."""
        if self.kind == "set":
            return [self.study_set_id] if self.study_set_id is not None else []
        if self.kind == "course":
            return card_db.set_ids_of_course(reader, self.course or "")
        return None


# --- FSRS -----------------------------------------------------------------------------------

_schedulers: dict[float, Scheduler] = {}


def scheduler(retention: float = DESIRED_RETENTION) -> Scheduler:
    found = _schedulers.get(retention)
    if found is None:
        from fsrs import Scheduler

        found = _schedulers[retention] = Scheduler(
            desired_retention=retention, enable_fuzzing=False
        )
    return found


def fsrs_card(card_id: int, state: SchedulingState) -> Card:
    from fsrs import Card, State

    return Card(
        card_id=card_id,
        state=State(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=parse_stamp(state.due),
        last_review=parse_stamp(state.last_review) if state.last_review else None,
    )


def stored_state(card: Card) -> SchedulingState:
    return SchedulingState(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=stamp(card.due),
        last_review=stamp(card.last_review) if card.last_review else None,
    )


def new_state(created_at: str) -> SchedulingState:
    """A card never reviewed: learning, step 0, due from when it was made."""
    return SchedulingState(1, 0, None, None, created_at, None)


def review_time(state: SchedulingState, clock: datetime) -> tuple[datetime, bool]:
    """When a review at ``clock`` counts as made, and whether the clock was behind the last
    review (then it counts as made at the last review: no negative interval)."""
    at = parse_stamp(stamp(clock))  # what the log will hold, to the microsecond
    if state.last_review is not None:
        last = parse_stamp(state.last_review)
        if at < last:
            return last, True
    return at, False


def schedule(
    card_id: int, state: SchedulingState, rating: int, clock: datetime, retention: float
) -> tuple[SchedulingState, bool]:
    """The state after rating at ``clock``, and whether the clock had gone back."""
    from fsrs import Rating

    at, clock_back = review_time(state, clock)
    after, _log = scheduler(retention).review_card(fsrs_card(card_id, state), Rating(rating), at)
    return stored_state(after), clock_back


def interval_text(delta: timedelta) -> str:
    """'1 min', '10 min', '3 h', '4 d', '2.5 mo', '1.2 y' — as Anki writes them."""
    seconds = max(0.0, delta.total_seconds())
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"{round(seconds / 3600)} h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)} d"
    if days < 365:
        return f"{days / 30:.1f} mo".replace(".0 ", " ")
    return f"{days / 365:.1f} y".replace(".0 ", " ")


def next_intervals(
    record: CardRecord, clock: datetime, retention: float = DESIRED_RETENTION
) -> dict[int, str]:
    """Rating → the interval it would give, for the rating buttons."""
    texts = {}
    for rating in RATINGS:
        after, _back = schedule(record.id, record.scheduling, rating, clock, retention)
        at, _ = review_time(record.scheduling, clock)
        texts[rating] = interval_text(parse_stamp(after.due) - at)
    return texts


def retrievability(
    record: CardRecord, clock: datetime, retention: float = DESIRED_RETENTION
) -> float:
    return float(
        scheduler(retention).get_card_retrievability(fsrs_card(record.id, record.scheduling), clock)
    )


# --- The log is the truth -------------------------------------------------------------------


@dataclass(frozen=True)
class Replay:
    state: SchedulingState
    reviews: int
    ignored: tuple[str, ...]  # log rows that could not be used, and why


def counted_reviews(rows: Iterable[LogRow]) -> tuple[list[LogRow], list[str]]:
    """The rating rows not taken back by an undo row, in review order; and the rows that
    are not valid reviews (edited by hand), each with why."""
    rows = list(rows)
    undone = {row.undoes for row in rows if row.undoes}
    counted: list[LogRow] = []
    problems: list[str] = []
    for row in rows:
        if row.undoes is not None or row.id in undone:
            continue
        if row.rating not in RATINGS:
            problems.append(f"review {row.id} has rating {row.rating!r}, not 1–4")
            continue
        try:
            parse_stamp(row.reviewed_at)
        except (TypeError, ValueError):
            problems.append(f"review {row.id} has time {row.reviewed_at!r}")
            continue
        counted.append(row)
    return counted, problems


def replay(
    card_id: int, created_at: str, rows: Iterable[LogRow], retention: float = DESIRED_RETENTION
) -> Replay:
    """The state a card's log gives, replayed from a new card in the order the rows were
    written (not by their times: a clock set back must not reorder the reviews)."""
    counted, problems = counted_reviews(rows)
    state = new_state(created_at)
    for row in counted:
        assert row.rating is not None
        state, _back = schedule(card_id, state, row.rating, parse_stamp(row.reviewed_at), retention)
    return Replay(state, len(counted), tuple(problems))


def same_state(a: SchedulingState, b: SchedulingState) -> bool:
    def close(x: float | None, y: float | None) -> bool:
        if x is None or y is None:
            return x is y
        return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12)

    return (
        a.state == b.state
        and a.step == b.step
        and a.due == b.due
        and a.last_review == b.last_review
        and close(a.stability, b.stability)
        and close(a.difficulty, b.difficulty)
    )


@dataclass(frozen=True)
class StateCheck:
    cards: int
    reviews: int
    mismatched: tuple[int, ...]  # card ids whose stored state is not what the log says
    problems: tuple[str, ...]


def verify_states(reader: sqlite3.Connection, retention: float = DESIRED_RETENTION) -> StateCheck:
    """Replay every card's log and compare with its stored state (read only)."""
    logs: dict[int, list[LogRow]] = {}
    for row in card_db.whole_log(reader):
        logs.setdefault(row.card_id, []).append(row)
    mismatched: list[int] = []
    problems: list[str] = []
    cards = reviews = 0
    for record in card_db.every_card(reader):
        cards += 1
        try:
            result = replay(record.id, record.created_at, logs.pop(record.id, []), retention)
        except (ValueError, TypeError, OverflowError) as exc:
            problems.append(f"card {record.id}: its log cannot be replayed ({exc})")
            mismatched.append(record.id)
            continue
        reviews += result.reviews
        problems += [f"card {record.id}: {p}" for p in result.ignored]
        if not same_state(result.state, record.scheduling):
            mismatched.append(record.id)
    return StateCheck(cards, reviews, tuple(mismatched), tuple(problems))


def desired_retention(settings: QSettings | None = None) -> float:
    """The retention the student asked for (Study › Preferences), 0.9 unless changed;
    read from the app's settings file (``studydesk check`` reads the same)."""
    if settings is None:
        from desktop.platform.paths import open_settings

        settings = open_settings()
    try:
        value = float(settings.value(RETENTION_KEY, DESIRED_RETENTION))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DESIRED_RETENTION
    low, high = RETENTION_RANGE
    return min(high, max(low, value)) if math.isfinite(value) else DESIRED_RETENTION


def rescheduled_states(
    reader: sqlite3.Connection, retention: float
) -> list[tuple[int, SchedulingState]]:
    """Every card's state replayed from its log with ``retention`` (what changing the
    desired retention writes, so that the stored states stay what the log gives)."""
    logs: dict[int, list[LogRow]] = {}
    for row in card_db.whole_log(reader):
        logs.setdefault(row.card_id, []).append(row)
    states = []
    for record in card_db.every_card(reader):
        if record.id in logs:
            result = replay(record.id, record.created_at, logs[record.id], retention)
            if not same_state(result.state, record.scheduling):
                states.append((record.id, result.state))
    return states


def write_states(session: Any, states: Sequence[tuple[int, SchedulingState]]) -> int:
    for card_id, state in states:
        card_db.set_scheduling(session, card_id, state)
    return len(states)


# --- Reading what is due --------------------------------------------------------------------


def due_cards(
    reader: sqlite3.Connection, scope: Scope, clock: datetime | None = None, limit: int = DUE_BATCH
) -> list[CardRecord]:
    now = stamp(clock or utc_now())
    return card_db.due_cards(reader, scope.set_ids(reader), now, limit)


def due_count(reader: sqlite3.Connection, scope: Scope, clock: datetime | None = None) -> int:
    now = stamp(clock or utc_now())
    if scope.kind == "course":
        return card_db.due_count_of_course(reader, scope.course or "", now)
    return card_db.due_count(reader, scope.set_ids(reader), now)


def due_counts_by_set(reader: sqlite3.Connection, clock: datetime | None = None) -> dict[int, int]:
    """Study set id → its cards due now (sets with none are left out)."""
    return card_db.due_counts_by_set(reader, stamp(clock or utc_now()))


def self_test_pairs(reader: sqlite3.Connection, study_set_id: int) -> list[tuple[str, str]]:
    """(question, answer) of the set's live cards, for a printed self-test: the student's
    own and note questions first, then clozes, the timeline and the educators."""
    order = {"own": 0, "qa": 1, "cloze": 2, "event_date": 3, "event_year": 4, "event_order": 5}
    records = card_db.cards_in(reader, [study_set_id])
    records.sort(key=lambda r: (order.get(r.kind, 6), r.created_at, r.id))
    return [(r.front, r.back) for r in records]


def cram_order(
    reader: sqlite3.Connection, scope: Scope, clock: datetime | None = None
) -> list[CardRecord]:
    """Every live card in scope, the ones the student is least likely to remember first
    (never-reviewed cards count as 0). Cramming reads; it never changes the schedule."""
    moment = clock or utc_now()
    records = card_db.cards_in(reader, scope.set_ids(reader))
    return sorted(records, key=lambda r: (retrievability(r, moment), r.id))


# --- Rating ---------------------------------------------------------------------------------

CLOCK_BACK = (
    "Your computer's clock says {clock}, earlier than this card's last review ({last}). "
    "The review is counted as made at {last}; check the clock's date and time."
)


@dataclass(frozen=True)
class Rated:
    log: LogRow
    before: SchedulingState
    after: SchedulingState
    message: str | None  # set when the clock had gone back


def rating_of(
    record: CardRecord,
    rating: int,
    duration_ms: int | None,
    clock: datetime | None = None,
    retention: float = DESIRED_RETENTION,
) -> Rated:
    """What rating ``record`` now means: the log row and the state after (not written)."""
    if rating not in RATINGS:
        raise ValueError(f"a rating is 1 (Again) to 4 (Easy), not {rating!r}")
    moment = clock or utc_now()
    after, clock_back = schedule(record.id, record.scheduling, rating, moment, retention)
    row = LogRow(
        id=card_db.new_log_id(),
        card_id=record.id,
        rating=rating,
        reviewed_at=stamp(moment),
        duration_ms=None if duration_ms is None else max(0, int(duration_ms)),
        undoes=None,
    )
    message = None
    if clock_back:
        last = record.scheduling.last_review or ""
        message = CLOCK_BACK.format(clock=row.reviewed_at[:16], last=last[:16])
    return Rated(row, record.scheduling, after, message)


def write_rating(session: Any, rated: Rated) -> None:
    card_db.record_review(session, rated.log, rated.after)


def write_undo(session: Any, rated: Rated) -> str:
    """An undo row naming the rating, and the card's state as it was before it."""
    row = LogRow(
        card_db.new_log_id(), rated.log.card_id, None, stamp(utc_now()), None, rated.log.id
    )
    card_db.record_review(session, row, rated.before)
    return row.id


def redo_of(rated: Rated) -> Rated:
    """Redoing a rating adds a new row with the same rating and time (the undone row stays
    undone), so the log still replays to the same state."""
    return replace(rated, log=replace(rated.log, id=card_db.new_log_id()))


# --- Keeping generated cards up to date ----------------------------------------------------


def regenerate(
    write: Writer, reader: sqlite3.Connection, study_set_id: int, *, educators: bool = True
) -> card_db.SyncCounts:
    """Bring the set's generated cards up to date with its work (one transaction);
    ``educators`` False leaves educator cards not yet made for later (see wanted_cards)."""
    from desktop.services.study_sources import wanted_cards

    wanted = wanted_cards(reader, study_set_id, educators=educators)
    result: card_db.SyncCounts = write(
        card_db.sync_generated, study_set_id, wanted, stamp(utc_now())
    )
    return result


def regenerate_scope(write: Writer, reader: sqlite3.Connection, scope: Scope) -> card_db.SyncCounts:
    total = card_db.SyncCounts()
    set_ids: Sequence[int] | None = scope.set_ids(reader)
    for study_set_id in card_db.set_ids_in_library(reader) if set_ids is None else set_ids:
        counts = regenerate(write, reader, study_set_id)
        total.added += counts.added
        total.updated += counts.updated
        total.retired += counts.retired
        total.restored += counts.restored
    return total
