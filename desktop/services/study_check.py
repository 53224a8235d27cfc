"""What ``studydesk check`` says about study cards: every card's stored FSRS state is what
replaying its review log gives, and no log row is unusable. Reads only."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from db.cards import has_cards
from desktop.services.study import desired_retention, verify_states

SHOWN = 5  # card ids or problems named in a line; the rest are counted


def card_findings(path: Path) -> Iterator[tuple[bool, str, str]]:
    """(ok, what, detail) lines for the check's report."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        if not has_cards(connection):
            return  # a library from before study mode: the schema line says so
        result = verify_states(connection, desired_retention())
    except sqlite3.Error as exc:
        yield False, "Cards", f"cannot be read: {exc}"
        return
    finally:
        connection.close()
    if result.mismatched:
        named = ", ".join(str(i) for i in result.mismatched[:SHOWN])
        more = len(result.mismatched) - SHOWN
        yield (
            False,
            "Cards",
            f"{len(result.mismatched)} of {result.cards} cards are not in the state their "
            f"review log gives ({named}{f' and {more} more' if more > 0 else ''}); the log "
            "is kept as it is — was it edited by hand?",
        )
    else:
        yield (
            True,
            "Cards",
            f"{result.cards} cards, {result.reviews} reviews: every state matches its log",
        )
    if result.problems:
        shown = "; ".join(result.problems[:SHOWN])
        yield False, "Review log", f"{len(result.problems)} rows cannot be used: {shown}"
