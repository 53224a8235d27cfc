"""One sitting of review or cramming: the queue of cards, the one shown, what was rated, and
what Ctrl+Z takes back. Plain Python (no Qt, no writes): the controller writes the ratings
through the ChangeRunner and asks this what to show next."""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from db.cards import CardRecord, parse_stamp
from desktop.services.study import RATINGS, Rated, Scope

# A card rated into a learning step due within this comes back in the same sitting (Anki's
# "learn ahead limit").
LEARN_AHEAD = timedelta(minutes=20)


@dataclass
class _Done:
    card: CardRecord  # as it was before the rating
    rating: int
    requeued: bool
    duration_ms: int


@dataclass
class ReviewSession:
    scope: Scope
    cram: bool = False
    queue: deque[CardRecord] = field(default_factory=deque)
    current: CardRecord | None = None
    started: float = field(default_factory=time.monotonic)
    shown_at: float = field(default_factory=time.monotonic)
    done: list[_Done] = field(default_factory=list)

    def add(self, cards: Iterable[CardRecord]) -> None:
        seen = {c.id for c in self.queue} | ({self.current.id} if self.current else set())
        self.queue.extend(c for c in cards if c.id not in seen)

    def advance(self) -> CardRecord | None:
        self.current = self.queue.popleft() if self.queue else None
        self.shown_at = time.monotonic()
        return self.current

    def elapsed_ms(self) -> int:
        return int((time.monotonic() - self.shown_at) * 1000)

    def rated(self, rating: int, outcome: Rated | None, clock: datetime) -> None:
        """The current card was rated (``outcome`` None when cramming: nothing written)."""
        card = self.current
        assert card is not None
        requeued = False
        if outcome is not None:
            after = outcome.after
            if parse_stamp(after.due) <= clock + LEARN_AHEAD:
                self.queue.append(replace(card, scheduling=after))
                requeued = True
        elif rating == 1:  # cramming: what was forgotten comes round again
            self.queue.append(card)
            requeued = True
        self.done.append(_Done(card, rating, requeued, self.elapsed_ms()))

    def take_back(self) -> CardRecord | None:
        """Undo the last rating: its card is shown again, as it was before."""
        if not self.done:
            return None
        last = self.done.pop()
        if last.requeued:
            for index in range(len(self.queue) - 1, -1, -1):
                if self.queue[index].id == last.card.id:
                    del self.queue[index]
                    break
        if self.current is not None:
            self.queue.appendleft(self.current)
        self.current = last.card
        self.shown_at = time.monotonic()
        return last.card

    @property
    def reviewed(self) -> int:
        return len(self.done)

    def ratings(self) -> Counter[int]:
        return Counter(d.rating for d in self.done)

    def summary(self) -> str:
        if not self.done:
            return "No cards were reviewed."
        counts = self.ratings()
        minutes = max(1, round((time.monotonic() - self.started) / 60))
        remembered = sum(n for r, n in counts.items() if r > 1)
        lines = [
            f"{self.reviewed} reviews of {len({d.card.id for d in self.done})} cards "
            f"in about {minutes} min.",
            " · ".join(f"{name} {counts.get(r, 0)}" for r, name in RATINGS.items()),
            f"Remembered: {round(100 * remembered / self.reviewed)}%.",
        ]
        if self.cram:
            lines.append("Cramming does not change when the cards are next due.")
        return "\n".join(lines)

    def session_cards(self) -> list[CardRecord]:
        """The cards of this sitting, once each, in the order they were first shown."""
        seen: dict[int, CardRecord] = {}
        for done in self.done:
            seen.setdefault(done.card.id, done.card)
        return list(seen.values())
