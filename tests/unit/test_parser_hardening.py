"""Issue 16: what an attack on the study-set parser found — a quadratic educator-line pattern,
one bad byte turning a UTF-8 file into mojibake, and invisible characters in refusals."""

from __future__ import annotations

import contextlib
import re
import time
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.content.decoding import decode_study_text
from desktop.content.studyset import (
    ParsedStudySet,
    StudySetFormatError,
    parse_study_set_bytes,
    parse_study_set_text,
)
from desktop.content.visible import show_invisible
from tests.study_files import ACCEPTED_VARIANTS, SEED_BYTES, SEED_QUESTION, SEED_TEXT

HEADER = (
    "What drove the First Five-Year Plan?\n\nExpert Answers\n"
    "gpane eNotes educator| Certified Educator\n\n"
    "Industry came first, and the countryside paid for it.\n\n"
)
SPACES = [" ", "\t", "\u00a0", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u3000"]
WORDS = ["word", "gpane", "Expert", "Answers", "eNotes", "educator", "|", "x", "Certified"]


def parse_or_refuse(data: bytes) -> None:
    with contextlib.suppress(StudySetFormatError):
        parse_study_set_bytes(data, "attack.txt")


def best_time(work: Callable[[], None], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def plain_like(body: str) -> str:
    """The same lines, the same lengths and the same blank lines, in ordinary prose."""
    prose = "The plan moved peasants into the new factories of the Urals. " * 8
    out = []
    for index, part in enumerate(re.split(r"(\r\n|\r|\n)", body)):
        if index % 2 or not part.strip("".join(SPACES) + " \t"):
            out.append(part)  # a line break, or a line that shows nothing
        else:
            out.append((prose * (len(part) // len(prose) + 1))[: len(part)].rstrip() or "A")
    return "".join(out)


def assert_linear_against_plain(body: str, slack: float = 10.0) -> None:
    attack = (HEADER + body).encode("utf-8")
    plain = (HEADER + plain_like(body)).encode("utf-8")
    # Same size to within the bytes of the multi-byte spaces; pad the plain file up to it.
    plain += b" " * max(0, len(attack) - len(plain))
    plain_time = best_time(lambda: parse_or_refuse(plain))
    attack_time = best_time(lambda: parse_or_refuse(attack))
    assert attack_time <= slack * plain_time, (
        f"{len(attack)} bytes: {attack_time * 1000:.1f} ms, "
        f"a plain file of the same size {plain_time * 1000:.1f} ms"
    )


# --- 1. the educator-line pattern is linear --------------------------------------------------


def test_a_word_then_120_kb_of_spaces_parses_as_fast_as_plain_text() -> None:
    """The attack: 13 s at 30 KB and 170 s at 120 KB before the fix."""
    body = "word" + " " * 120_000 + "x"
    assert_linear_against_plain(body)
    parsed = parse_study_set_text(HEADER + body, "attack.txt")
    assert parsed.answers[0].passages[-1] == body  # kept as written, as a paragraph


def test_parse_time_grows_linearly_up_to_megabytes() -> None:
    def attack(size: int) -> bytes:
        line = "gpane" + " \t\u00a0" * (size // 12) + "x"
        return (HEADER + line + "\n\n" + "Hello" + "\u200b " * (size // 8) + "y").encode()

    small, large = attack(250_000), attack(1_000_000)
    small_time = best_time(lambda: parse_or_refuse(small))
    large_time = best_time(lambda: parse_or_refuse(large))
    assert large_time <= 4 * 4 * small_time, (small_time, large_time)  # 4× the input, ≤16× time


run_of_spaces = st.tuples(st.sampled_from(SPACES), st.integers(1, 50))
segment = st.one_of(st.sampled_from(WORDS).map(lambda w: (w, 0)), run_of_spaces)
attack_line = st.lists(segment, min_size=1, max_size=8)
attack_body = st.lists(
    st.tuples(attack_line, st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n"])),
    min_size=1,
    max_size=6,
).filter(lambda lines: any(n for line, _end in lines for _text, n in line))
TARGET = 100_000  # characters in the attack's whitespace runs


def build(lines: list[tuple[list[tuple[str, int]], str]]) -> str:
    """Each whitespace run stretched in proportion to its weight, to about TARGET in all."""
    weight = sum(n for line, _end in lines for _text, n in line) or 1
    out = []
    for line, end in lines:
        for text, n in line:
            out.append(text * max(1, n * TARGET // weight) if n else text)
        out.append(end)
    return "".join(out)


@settings(max_examples=40, deadline=None)
@given(attack_body)
def test_adversarial_whitespace_parses_in_time_linear_in_its_size(lines) -> None:  # type: ignore[no-untyped-def]
    body = build(lines)
    assert_linear_against_plain(body)


# --- 2. one bad byte in a UTF-8 file ---------------------------------------------------------


def seed_with_bad_bytes() -> tuple[bytes, int, int]:
    """The seed with two stray bytes in 'gpane's first paragraph; (data, line, column)."""
    lines = SEED_BYTES.split(b"\n")
    line_index = next(i for i, line in enumerate(lines) if line.startswith(b"As pohnpei"))
    line = lines[line_index]
    lines[line_index] = line[:2] + b"\xff" + line[2:8] + b"\x80" + line[8:]
    return b"\n".join(lines), line_index + 1, 3


def test_a_bad_byte_in_utf8_is_reported_not_turned_into_mojibake() -> None:
    data, line, column = seed_with_bad_bytes()
    parsed = parse_study_set_bytes(data, "seed.txt")
    assert parsed.encoding == "UTF-8, 2 invalid bytes"
    assert parsed.warnings == (
        f"2 bytes that are not valid UTF-8, first at line {line}, column {column}; "
        "they are shown as \ufffd",
    )
    first = parsed.answers[0].passages[0]
    assert first.startswith("As\ufffd pohnp\ufffdei remarks")
    # Everything else is the UTF-8 it was: the NO-BREAK SPACEs are not "Â ".
    assert parsed.answers[1].passages[1].count("\u00a0") == 2
    assert "Â" not in parsed.text and "\u00e2\u20ac" not in parsed.text
    assert parsed.text.replace("\ufffd", "") == SEED_TEXT


def test_the_column_counts_characters_and_crlf_counts_as_one_line_break() -> None:
    data = "Où?\r\nExpert Answers\r\ngpane educator\r\n\r\nÉté \xa0".encode() + b"\xc3(" + b"."
    decoded = decode_study_text(data)
    assert decoded.encoding == "UTF-8, 1 invalid byte"
    assert decoded.warnings == (
        "1 byte that is not valid UTF-8, at line 5, column 6; it is shown as \ufffd",
    )
    assert decoded.text.endswith("Été \xa0\ufffd(.")


def test_a_bad_byte_after_a_utf8_bom_is_reported_too() -> None:
    data, line, column = seed_with_bad_bytes()
    parsed = parse_study_set_bytes(b"\xef\xbb\xbf" + data, "seed.txt")
    assert parsed.encoding == "UTF-8 with BOM, 2 invalid bytes"
    assert f"first at line {line}, column {column}" in parsed.warnings[0]


@pytest.mark.parametrize("name", ["windows-1252", "latin-1"])
def test_legacy_files_without_any_utf8_sequence_are_still_detected(name: str) -> None:
    data, encoding = ACCEPTED_VARIANTS[name]
    parsed = parse_study_set_bytes(data, f"{name}.txt")
    assert (parsed.encoding, parsed.warnings) == (encoding, ())
    assert "\ufffd" not in parsed.text


def test_clean_files_have_no_warnings() -> None:
    for name, (data, encoding) in ACCEPTED_VARIANTS.items():
        parsed = parse_study_set_bytes(data, f"{name}.txt")
        assert (parsed.encoding, parsed.warnings) == (encoding, ()), name


def test_reporting_bad_bytes_is_linear() -> None:
    def damaged(size: int) -> bytes:
        unit = "Industry \u00a0first, ".encode() + b"\x92 "
        return (HEADER.encode() + unit * (size // len(unit)))[:size]

    small, large = damaged(500_000), damaged(2_000_000)
    small_time = best_time(lambda: decode_study_text(small))
    large_time = best_time(lambda: decode_study_text(large))
    assert large_time <= 4 * 4 * small_time, (small_time, large_time)
    bad = large.count(b"\x92")
    assert decode_study_text(large).encoding == f"UTF-8, {bad} invalid bytes"


# --- 3. invisible characters in refusals -----------------------------------------------------

INVISIBLE = {
    "\u200b": r"\u200b",
    "\u200c": r"\u200c",
    "\u200d": r"\u200d",
    "\ufeff": r"\ufeff",
    "\u2060": r"\u2060",
}


def refusal(text: str, name: str = "set.txt") -> str:
    with pytest.raises(StudySetFormatError) as caught:
        parse_study_set_text(text, name)
    return str(caught.value)


def looks_clean(message: str) -> bool:
    return not any(
        unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp", "Co", "Cn", "Cs") for c in message
    )


@pytest.mark.parametrize("char", sorted(INVISIBLE))
def test_a_refusal_shows_the_invisible_character_it_quotes(char: str) -> None:
    # Inside the handle, the line is not an educator line; the message must show why.
    message = refusal(
        f"Why?\nExpert Answers\ngpane{char} eNotes educator| Certified Educator\n\nBecause."
    )
    assert f"line 3 reads 'gpane{INVISIBLE[char]} eNotes educator| Certified Educator'" in message
    assert looks_clean(message)


@pytest.mark.parametrize("char", sorted(INVISIBLE))
def test_invisible_characters_around_structure_lines_are_ignored(char: str) -> None:
    text = SEED_TEXT.replace("Expert Answers", f"{char}Expert Answers{char}").replace(
        "gpane eNotes educator| Certified Educator",
        f"{char} gpane eNotes educator| Certified Educator{char}",
    )
    parsed = parse_study_set_text(text, "seed.txt")
    assert [a.handle for a in parsed.answers] == ["gpane", "pohnpei397"]
    assert parsed.answers[0].credential == "eNotes educator| Certified Educator"
    assert parsed.question == SEED_QUESTION
    assert parsed.text == text  # the source is still kept as written


def test_bidi_controls_tabs_and_line_separators_are_escaped_in_refusals() -> None:
    message = refusal("Why?\nExpert Answers\n\u202eHistory\tis\u2028what happened.")
    assert r"reads '\u202eHistory\tis\u2028what happened.'" in message
    assert looks_clean(message)


def test_the_file_name_in_a_refusal_is_one_visible_line() -> None:
    message = refusal("", "evil\u200b\nname\u202e.txt")
    assert message.startswith(r"evil\u200b\nname\u202e.txt is not a study set: the file is empty")
    assert looks_clean(message) and "\n" not in message


def test_a_long_quote_is_shortened_without_cutting_an_escape() -> None:
    message = refusal("Why?\nExpert Answers\nHistory" + "\u200b" * 40 + " is long.")
    quoted = re.search(r"reads '(.*?)'\. A study set", message)
    assert quoted is not None
    assert quoted[1].startswith(r"History\u200b") and quoted[1].endswith("…")
    assert re.fullmatch(r"History(\\u200b)*…", quoted[1])


def test_show_invisible_keeps_ordinary_text() -> None:
    ordinary = "Stalin’s «plan» — 1928.\u00a0Done"
    assert show_invisible(ordinary) == ordinary
    assert show_invisible("a\U000e0001b\x00") == r"a\U000e0001b\x00"


def test_parsed_sets_keep_their_shape() -> None:
    parsed = parse_study_set_bytes(SEED_BYTES, "seed.txt")
    assert isinstance(parsed, ParsedStudySet) and parsed.warnings == ()
