from desktop.content.text import normalize_spaces, reading_minutes, split_sentences, word_count


def test_no_break_spaces_count_as_spaces_and_keep_offsets() -> None:
    text = "Stalin wanted power.\u00a0 He wanted control."
    assert normalize_spaces(text) == "Stalin wanted power.  He wanted control."
    assert word_count(text) == 6
    assert [s.text_of(text) for s in split_sentences(text)] == [
        "Stalin wanted power.",
        "He wanted control.",
    ]


def test_reading_time_rounds_up_and_is_zero_only_for_no_words() -> None:
    assert reading_minutes(0) == 0
    assert reading_minutes(1) == 1
    assert reading_minutes(221) == 2
