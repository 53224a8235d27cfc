"""The ledger's cells show a long quote shortened at a word; its tool tip has all of it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.content.alignment_ledger import LedgerEntry
from desktop.content.alignment_sentences import SentenceRef
from desktop.models.compare_ledger_model import QUOTE_CHARACTERS, LedgerModel

LONG = " ".join(f"word{n}" for n in range(80))  # ~550 characters
SHORT = "Stalin wanted power."


def test_a_long_quote_is_shortened_in_its_cell_and_whole_in_its_tool_tip() -> None:
    entry = LedgerEntry(
        "gpane", SentenceRef(0, 0, len(LONG), LONG),
        "pohnpei397", SentenceRef(2, 0, len(SHORT), SHORT),
        "disagree", "", None, True,
    )  # fmt: skip
    model = LedgerModel()
    model.set_entries([entry])
    shown = model.index(0, 1).data()
    assert shown.startswith("gpane ¶1: “word0 word1") and shown.endswith("…”")
    assert len(shown) < QUOTE_CHARACTERS + 20 and "word79" not in shown
    words = shown.removeprefix("gpane ¶1: “").removesuffix(" …”").split()
    assert words == LONG.split()[: len(words)]  # cut between words, never inside one
    tip = model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "word79" in tip
    assert model.index(0, 2).data() == "pohnpei397 ¶3: “Stalin wanted power.”"
