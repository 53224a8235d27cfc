"""The Library's filter box: words, educator:, course:"…" and tag:, Qt-free."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.content.library_filter import Term, parse


@dataclass
class Item:
    title: str
    educators: tuple[str, ...] = ()
    courses: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


STALIN = Item(
    "What were Joseph Stalin's motivation and goals?",
    ("gpane", "pohnpei397"),
    ("HIST 201::Unit 3",),
    ("exam",),
)
WAR = Item("What caused the First World War?", ("mhistorian",), ("HIST 101",), ("essay", "exam"))
UNFILED = Item("Cold\u00a0War origins", ("kdavis",))
ALL = [STALIN, WAR, UNFILED]


def shown(text: str) -> list[Item]:
    found = parse(text)
    return [item for item in ALL if found.matches(item)]


def test_parse_reads_fields_and_quotes() -> None:
    assert parse('war educator:MHist course:"HIST  201 :: Unit 3" tag:Exam').terms == (
        Term("", "war"),
        Term("educator", "mhist"),
        Term("course", "hist 201::unit 3"),
        Term("tag", "exam"),
    )
    assert not parse("   ")
    assert parse("-tag:essay").terms == (Term("tag", "essay", negated=True),)


def test_words_match_title_educators_courses_and_tags_all_of_them() -> None:
    assert shown("") == ALL
    assert shown("war") == [WAR, UNFILED]  # a no-break space in a title is a space
    assert shown("cold war") == [UNFILED]
    assert shown("pohnpei") == [STALIN]
    assert shown("hist") == [STALIN, WAR]
    assert shown("essay") == [WAR]


def test_educator_matches_a_handle_by_prefix() -> None:
    assert shown("educator:pohnpei") == [STALIN]
    assert shown("educator:GPANE") == [STALIN]
    assert shown("educator:nobody") == []


def test_course_matches_the_course_and_the_ones_nested_in_it() -> None:
    assert shown('course:"HIST 201"') == [STALIN]
    assert shown('course:"hist 201::unit 3"') == [STALIN]
    assert shown("course:HIST") == []  # a whole level, not a prefix of its name
    assert shown('course:"HIST 20') == []  # an unclosed quote while typing is no error


def test_tags_and_exclusion() -> None:
    assert shown("tag:exam") == [STALIN, WAR]
    assert shown("tag:exam -tag:essay") == [STALIN]
    assert shown("tag:ex") == []
    assert shown("-war") == [STALIN]
