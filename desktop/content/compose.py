"""A study set typed into a form, written out in the study-set format.

The text is what gets stored (and exported), so it must read back as the same set: it goes
through the same parser as an imported file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.content.studyset import (
    ParsedStudySet,
    is_handle,
    looks_like_screen_name,
    parse_study_set_text,
)

TYPED_SOURCE = "typed in Study Desk"  # the source name of a set made in the form: no file


def is_typed(source_name: str) -> bool:
    """The set was typed into File › New Study Set…, not read from a file."""
    return source_name == TYPED_SOURCE


@dataclass(frozen=True)
class TypedAnswer:
    handle: str
    credential: str  # may be empty
    text: str  # paragraphs separated by blank lines


def form_problem(question: str, answers: Sequence[TypedAnswer]) -> str | None:
    """What keeps a typed set from being added, in the form's own words (the parser's
    messages speak of lines of a file the student never saw); None if nothing does.
    ``answers`` are the boxes filled in, in order."""
    if not question.strip():
        return "Type the question."
    if not answers:
        return "Add at least one educator: a handle and their answer."
    seen: dict[str, int] = {}
    for number, answer in enumerate(answers, start=1):
        handle = answer.handle.strip()
        if not handle:
            return f"Educator {number} needs a handle: one word, such as gpane."
        if not is_handle(handle):
            return (
                f"Educator {number}'s handle, “{handle}”, is not one word of 2 to 40 letters, "
                "digits, '_', '.' or '-' (such as gpane or mr_smith)."
            )
        if not answer.text.strip():
            return f"Educator {number} ({handle}) has no answer yet."
        earlier = seen.setdefault(handle.casefold(), number)
        if earlier != number:
            return (
                f"Educators {earlier} and {number} are both “{handle}”: give each a handle "
                "of their own."
            )
    return None


def _educator_line(answer: TypedAnswer) -> str:
    credential = " ".join(answer.credential.split())
    if not credential:
        # "Smith" alone would read as a one-word paragraph: a bar marks it as an educator.
        handle = answer.handle.strip()
        return handle if looks_like_screen_name(handle) else f"{handle} |"
    # The format marks a credential by a '|' or the word "educator"; add the bar if neither
    # is there, so the line reads back as this educator's (its display drops the bar).
    if "|" not in credential and "educator" not in credential.lower():
        credential += " |"
    return f"{answer.handle.strip()} {credential}"


def _paragraphs(text: str) -> str:
    blocks, current = [], []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return "\n\n".join(blocks)


def compose_study_set(question: str, answers: Sequence[TypedAnswer]) -> ParsedStudySet:
    """The typed set as the parser reads it; StudySetFormatError says what is missing."""
    text = " ".join(question.split()) + "\n\nExpert Answers\n"
    text += "\n".join(
        f"{_educator_line(answer)}\n\n{_paragraphs(answer.text)}\n" for answer in answers
    )
    return parse_study_set_text(text.rstrip("\n"), TYPED_SOURCE)
