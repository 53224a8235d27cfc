"""``studydesk check`` on the cards at scale (issue 12 follow-up): the check replays every
card's review log with FSRS and compares the result with the card's stored state
(desktop/services/study_check.py). Timed at two sizes (25,000 cards / 250,000 review rows
and 50,000 / 500,000; and 2,500 cards with 100 reviews each, the same rows as the first in
longer logs) beside a bare baseline in the same run: the rows read with ``sqlite3`` and
replayed by fsrs's own ``Scheduler``, compared with the stored fields, nothing of ours.

The bare replay's states are written to the cards before the check runs, so the check finds
every state matching (its usual case) — and that it does shows our replay gives what fsrs
gives. Ratios are on CPU time (the machine may be shared), wall-clock beside.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.bench.library_data import new_database
from tests.bench.study import fill_cards

# (cards, review rows per card); the first and last have the same number of rows.
SIZES = ((25_000, 10), (50_000, 10), (2_500, 100))
REPEATS = 2  # bare and ours alternate; the least CPU of each is kept


@dataclass(frozen=True)
class Timing:
    cpu: float
    wall: float


def _timed(work: Callable[[], Any]) -> tuple[Timing, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return Timing(time.process_time() - cpu, time.perf_counter() - wall), result


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def bare_replay(path: Path, retention: float) -> tuple[dict[int, Any], int]:
    """Every card's log replayed by fsrs alone (card id → fsrs Card), and how many stored
    states differ from it. The rows come in card order, so each log is replayed as read."""
    from fsrs import Card, Rating, Scheduler, State

    scheduler = Scheduler(desired_retention=retention, enable_fuzzing=False)
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    stored = {
        int(row[0]): row[1:]
        for row in connection.execute(
            "SELECT id, created_at, state, step, stability, difficulty, due, last_review FROM cards"
        )
    }
    replayed: dict[int, Any] = {}
    card: Any = None
    for card_id, rating, reviewed_at in connection.execute(
        "SELECT card_id, rating, reviewed_at FROM review_log ORDER BY card_id, rowid"
    ):
        if card is None or card.card_id != card_id:
            created = stored[card_id][0]
            card = replayed[card_id] = Card(card_id, State.Learning, 0, due=_parse(created))
        card, _log = scheduler.review_card(card, Rating(rating), _parse(reviewed_at))
        replayed[card_id] = card
    connection.close()
    differ = 0
    for card_id, (created, state, step, stability, difficulty, due, last) in stored.items():
        card = replayed.get(card_id) or Card(card_id, State.Learning, 0, due=_parse(created))
        if (
            (int(card.state), card.step, card.stability, card.difficulty)
            != (state, step, stability, difficulty)
            or _text(card.due) != due
            or _text(card.last_review) != last
        ):
            differ += 1
    return replayed, differ


def _store_states(path: Path, replayed: dict[int, Any]) -> None:
    """Each card's state made what its log gives (fill_cards wrote random ones)."""
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
            "last_review = ? WHERE id = ?",
            [
                (
                    int(card.state),
                    card.step,
                    card.stability,
                    card.difficulty,
                    _text(card.due),
                    _text(card.last_review),
                    card_id,
                )
                for card_id, card in replayed.items()
            ],
        )
    connection.close()


def _library(folder: Path, cards: int, per_card: int) -> Path:
    path = folder / f"check-{cards}x{per_card}" / "studydesk.sqlite3"
    new_database(path)
    fill_cards(path, cards, per_card)
    return path


def run_size(path: Path, cards: int, per_card: int) -> tuple[list[str], Timing, Timing]:
    from desktop.services.study import desired_retention
    from desktop.services.study_check import card_findings

    retention = desired_retention()
    bare_times, our_times = [], []
    findings: list[tuple[bool, str, str]] = []
    for repeat in range(REPEATS):
        timing, (replayed, _differ) = _timed(lambda: bare_replay(path, retention))
        bare_times.append(timing)
        if repeat == 0:
            _store_states(path, replayed)
        del replayed
        timing, findings = _timed(lambda: list(card_findings(path)))
        our_times.append(timing)
    bare = min(bare_times, key=lambda t: t.cpu)
    ours = min(our_times, key=lambda t: t.cpu)
    reported = "; ".join(detail for _ok, _what, detail in findings)
    ok = all(ok for ok, _what, _detail in findings)
    rows = cards * per_card
    lines = [
        f"studydesk check, cards: {cards:,} cards × {per_card} reviews = {rows:,} review rows",
        f"  bare: sqlite3 read + fsrs Scheduler replay + compare   CPU {bare.cpu:6.1f} s "
        f"(wall {bare.wall:6.1f} s)   {1e6 * bare.cpu / rows:5.1f} µs a review",
        f"  studydesk check (card_findings)                       CPU {ours.cpu:6.1f} s "
        f"(wall {ours.wall:6.1f} s)   {1e6 * ours.cpu / rows:5.1f} µs a review",
        f"  ratio CPU {ours.cpu / bare.cpu:.2f}x (wall {ours.wall / bare.wall:.2f}x); "
        f"the check said {'OK' if ok else 'NOT OK'}: {reported}",
    ]
    return lines, bare, ours


def run() -> list[str]:
    lines: list[str] = []
    measured: dict[tuple[int, int], tuple[Timing, Timing]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for cards, per_card in SIZES:
            started = time.perf_counter()
            path = _library(Path(folder), cards, per_card)
            lines.append(
                f"  ({cards:,} cards and {cards * per_card:,} review rows written in "
                f"{time.perf_counter() - started:.0f} s)"
            )
            size_lines, bare, ours = run_size(path, cards, per_card)
            lines += size_lines
            measured[cards, per_card] = bare, ours
            path.unlink()
    (small, large, long_logs) = (measured[size] for size in SIZES)
    lines += [
        "  growth, twice the cards (2.00 if linear): "
        f"studydesk check {large[1].cpu / small[1].cpu:.2f}x, "
        f"bare {large[0].cpu / small[0].cpu:.2f}x",
        "  the same rows in logs ten times as long (1.00 if linear in a log's length): "
        f"studydesk check {long_logs[1].cpu / small[1].cpu:.2f}x, "
        f"bare {long_logs[0].cpu / small[0].cpu:.2f}x",
    ]
    return lines


if __name__ == "__main__":
    for line in run():
        print(line, flush=True)
