"""The three-way merge of note bodies and drafts (no server needed)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from db.sync_merge import merge3, with_markers

texts = st.text(alphabet="ab \n.", max_size=40)


@given(texts, texts)
def test_a_side_that_did_not_change_takes_the_other(base: str, other: str) -> None:
    assert merge3(base, base, other).text == other
    assert merge3(base, other, base).text == other
    assert merge3(base, other, other).text == other


def test_changes_to_different_lines_and_words_merge() -> None:
    base = "Stalin wanted power.\nHe feared rivals.\nThe end.\n"
    local = base.replace("power", "total power")
    server = base.replace("rivals", "every rival")
    assert merge3(base, local, server).text == (
        "Stalin wanted total power.\nHe feared every rival.\nThe end.\n"
    )
    one_line = merge3("one two three four", "one 2 three four", "one two three 4")
    assert one_line.clean and one_line.text == "one 2 three 4"


def test_the_same_words_changed_twice_is_not_clean_and_keeps_local() -> None:
    merged = merge3("one two three", "one 2 three", "one II three")
    assert not merged.clean
    assert merged.text == "one 2 three"
    both = with_markers("one 2 three", "one II three")
    assert "one 2 three" in both and "one II three" in both
