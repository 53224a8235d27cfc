"""A study set typed into a form, written out in the study-set format.

The text is what gets stored (and exported), so it must read back as the same set: it goes
through the same parser as an imported file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.content.studyset import ParsedStudySet, parse_study_set_text

TYPED_SOURCE = "typed in Study Desk"


@dataclass(frozen=True)
class TypedAnswer:
    handle: str
    credential: str  # may be empty
    text: str  # paragraphs separated by blank lines


def _educator_line(answer: TypedAnswer) -> str:
    credential = " ".join(answer.credential.split())
    if not credential:
        return answer.handle.strip()
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
