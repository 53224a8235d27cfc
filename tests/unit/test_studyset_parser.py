"""The study-set parser on the seed and on the variants a user's files come in."""

from __future__ import annotations

import pytest

from desktop.content.studyset import StudySetFormatError, parse_study_set_bytes
from tests.study_files import (
    ACCEPTED_VARIANTS,
    REFUSED_VARIANTS,
    SEED_BYTES,
    SEED_QUESTION,
    seed_paragraphs,
)


def test_seed_parses_to_question_two_educators_three_paragraphs_each() -> None:
    parsed = parse_study_set_bytes(SEED_BYTES, "seed.txt")
    assert parsed.question == SEED_QUESTION
    assert parsed.title == SEED_QUESTION
    assert [a.handle for a in parsed.answers] == ["gpane", "pohnpei397"]
    assert [a.credential for a in parsed.answers] == ["eNotes educator| Certified Educator"] * 2
    assert [len(a.passages) for a in parsed.answers] == [3, 3]
    assert parsed.encoding == "UTF-8"


def test_seed_paragraphs_equal_the_file_byte_for_byte() -> None:
    parsed = parse_study_set_bytes(SEED_BYTES, "seed.txt")
    for answer in parsed.answers:
        expected = seed_paragraphs(answer.handle)
        assert [p.encode("utf-8") for p in answer.passages] == [p.encode("utf-8") for p in expected]
    # The NO-BREAK SPACEs after full stops are kept, not turned into spaces.
    assert parsed.answers[1].passages[1].count("\u00a0") == 2
    assert parsed.text.encode("utf-8") == SEED_BYTES


@pytest.mark.parametrize("name", sorted(ACCEPTED_VARIANTS))
def test_accepted_variants_parse_with_their_encoding(name: str) -> None:
    data, encoding = ACCEPTED_VARIANTS[name]
    parsed = parse_study_set_bytes(data, f"{name}.txt")
    assert parsed.encoding == encoding
    assert parsed.question == SEED_QUESTION
    assert parsed.answers[0].handle == "gpane"
    assert parsed.answers[0].passages[0].startswith("As pohnpei remarks")
    assert parsed.answers[1].passages[-1].endswith("taking power away from Stalin.")


def test_line_endings_and_encodings_identify_the_same_study_set() -> None:
    hashes = {
        parse_study_set_bytes(ACCEPTED_VARIANTS[name][0], "x.txt").sha256
        for name in ("seed", "crlf", "cr", "utf8-bom", "utf16-le-bom", "utf16-be-bom")
    }
    assert len(hashes) == 1


def test_windows_1252_curly_quotes_are_decoded() -> None:
    parsed = parse_study_set_bytes(ACCEPTED_VARIANTS["windows-1252"][0], "w.txt")
    assert "\u201cSocialism in One Country\u201d" in parsed.answers[0].passages[2]


def test_any_number_of_educators() -> None:
    parsed = parse_study_set_bytes(ACCEPTED_VARIANTS["three-educators"][0], "three.txt")
    assert [a.handle for a in parsed.answers] == ["gpane", "pohnpei397", "mhistorian"]
    assert len(parsed.answers[2].passages) == 2


def test_educator_line_without_credential() -> None:
    parsed = parse_study_set_bytes(ACCEPTED_VARIANTS["no-credential"][0], "plain.txt")
    assert parsed.answers[1].handle == "pohnpei397"
    assert parsed.answers[1].credential is None
    assert len(parsed.answers[1].passages) == 3


@pytest.mark.parametrize("name", sorted(REFUSED_VARIANTS))
def test_refused_variants_say_what_was_expected(name: str) -> None:
    data, phrase = REFUSED_VARIANTS[name]
    with pytest.raises(StudySetFormatError) as refused:
        parse_study_set_bytes(data, f"{name}.txt")
    message = str(refused.value)
    assert message.startswith(f"{name}.txt is not a study set: ")
    assert phrase in message
    assert "'Expert Answers'" in message  # every refusal explains the format


def test_refusal_says_where_it_stopped() -> None:
    data = b"What is history?\n\nExpert Answers\n\nHistory is what happened.\n"
    with pytest.raises(StudySetFormatError) as refused:
        parse_study_set_bytes(data, "notes.txt")
    assert refused.value.line == 5
    assert "line 5 reads 'History is what happened.'" in str(refused.value)
