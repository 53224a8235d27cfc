"""An entry of the disagreement ledger (plain data; built by desktop.services.compare_data)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.content.alignment_sentences import SentenceRef


@dataclass(frozen=True)
class LedgerEntry:
    """A pair the student marked, or that a cross-reference states, for the ledger."""

    left_handle: str
    left: SentenceRef
    right_handle: str
    right: SentenceRef
    stance: str
    note: str
    link_id: int | None
    detected: bool  # from a cross-reference, not (yet) the student's own mark
