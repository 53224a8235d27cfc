"""The Library window's filter box, Qt-free: words, ``educator:NAME``, ``course:"NAME"`` and
``tag:NAME``.

Every term must match (AND). A plain word matches the title, an educator, a course or a tag;
``educator:`` matches a handle by prefix (``pohnpei`` finds ``pohnpei397``); ``course:``
matches the course or any course nested in it (``HIST 201`` finds ``HIST 201::Unit 3``);
``tag:`` matches a tag exactly. Case is ignored, and a no-break space counts as a space.
Values with spaces are quoted: ``course:"HIST 201"``. A term starting with ``-`` excludes.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

COURSE_SEPARATOR = "::"
FIELDS = ("educator", "course", "tag")


class Filterable(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def educators(self) -> tuple[str, ...]: ...
    @property
    def courses(self) -> tuple[str, ...]: ...
    @property
    def tags(self) -> tuple[str, ...]: ...


def fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def _course(text: str) -> str:
    return COURSE_SEPARATOR.join(
        part for part in (fold(p) for p in text.split(COURSE_SEPARATOR)) if part
    )


@dataclass(frozen=True)
class Term:
    field: str  # "" for a plain word, else one of FIELDS
    value: str  # folded
    negated: bool = False


@dataclass(frozen=True)
class LibraryFilter:
    terms: tuple[Term, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def matches(self, item: Filterable) -> bool:
        return all(_term_matches(term, item) != term.negated for term in self.terms)


def _split(text: str) -> list[str]:
    """Split on spaces, keeping quoted parts together; an unclosed quote still works."""
    text = text.replace("\u00a0", " ")
    try:
        lexer = shlex.shlex(text, posix=True)
        lexer.whitespace_split = True
        lexer.commenters = ""
        lexer.escape = ""
        return list(lexer)
    except ValueError:  # an unclosed quote while typing: close it
        for quote in "\"'":
            if text.count(quote) % 2:
                return _split(text + quote)
        return text.split()


def parse(text: str) -> LibraryFilter:
    terms: list[Term] = []
    for token in _split(text):
        negated = token.startswith("-") and len(token) > 1
        if negated:
            token = token[1:]
        name, colon, value = token.partition(":")
        if colon and name.casefold() in FIELDS:
            key = name.casefold()
            folded = _course(value) if key == "course" else fold(value)
            if folded:
                terms.append(Term(key, folded, negated))
            continue
        folded = fold(token)
        if folded:
            terms.append(Term("", folded, negated))
    return LibraryFilter(tuple(terms))


def _any(values: Sequence[str], test: str) -> bool:
    return any(test in fold(value) for value in values)


def _term_matches(term: Term, item: Filterable) -> bool:
    if term.field == "educator":
        return any(fold(handle).startswith(term.value) for handle in item.educators)
    if term.field == "course":
        return any(
            (name := _course(course)) == term.value
            or name.startswith(term.value + COURSE_SEPARATOR)
            for course in item.courses
        )
    if term.field == "tag":
        return any(fold(tag) == term.value for tag in item.tags)
    return (
        term.value in fold(item.title)
        or _any(item.educators, term.value)
        or _any(item.courses, term.value)
        or _any(item.tags, term.value)
    )
