"""Parse the study-set text format (see DESIGN.md, "The seed's format").

    <question>                      line 1 (the first non-blank line)
    Expert Answers                  starts the answers
    <handle> eNotes educator| Certified Educator
    <paragraph>                     paragraphs, separated by blank lines
    <handle> ...                    the next educator, and so on

Text is kept exactly as written (NO-BREAK SPACEs included); only line endings are normalised
to "\\n" inside a multi-line paragraph.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from desktop.content.decoding import UndecodableError, decode_study_text
from desktop.content.visible import ZERO_WIDTH, show_invisible

EXPECTED_FORMAT = (
    "A study set is a text file with the question on its first line, then a line "
    "'Expert Answers', then for each educator a line such as "
    "'gpane eNotes educator| Certified Educator' followed by the answer's paragraphs."
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_HANDLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,38}[A-Za-z0-9_\-]")


def is_handle(text: str) -> bool:
    """An educator's handle as the format writes it: one word of 2-40 letters, digits and
    ``_ . -``, beginning with a letter or digit."""
    return _HANDLE.fullmatch(text) is not None


def looks_like_screen_name(handle: str) -> bool:
    """Lower case, or with digits or underscores (gpane, mr_smith): a handle alone on its
    line reads as an educator only then; "Smith" alone would be a one-word paragraph."""
    return handle.islower() or re.search(r"[\d_]", handle) is not None


# What str.strip() removes, plus the zero-width characters: a line is read for its structure
# (blank, 'Expert Answers', an educator line) with these ignored at both ends.
_EDGE = "".join(chr(code) for code in range(0x3001) if chr(code).isspace()) + ZERO_WIDTH
# Control characters that never occur in a text file (tab, CR, LF, FF are allowed).
_BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class StudySetFormatError(ValueError):
    """The input is not a study set. str(error) is a complete message for the user."""

    def __init__(self, source_name: str, reason: str, line: int | None = None) -> None:
        self.source_name = source_name
        self.reason = reason
        self.line = line
        super().__init__(
            f"{show_invisible(source_name)} is not a study set: {reason}. {EXPECTED_FORMAT}"
        )


@dataclass(frozen=True)
class ParsedAnswer:
    handle: str
    credential: str | None
    passages: tuple[str, ...]
    line: int  # 1-based line of the educator line, for messages


@dataclass(frozen=True)
class ParsedStudySet:
    source_name: str
    title: str
    question: str
    answers: tuple[ParsedAnswer, ...]
    encoding: str
    text: str  # the whole decoded text, verbatim
    sha256: str  # identifies the study set: SHA-256 of the text with "\n" line endings
    # Things the user should be told although the file was read, e.g. "2 bytes that are not
    # valid UTF-8, first at line 5, column 3; they are shown as �".
    warnings: tuple[str, ...] = ()

    @property
    def passage_count(self) -> int:
        return sum(len(answer.passages) for answer in self.answers)


def credential_text(credential: str | None) -> str:
    """'eNotes educator| Certified Educator' as 'eNotes educator · Certified Educator'."""
    return " · ".join(part.strip() for part in (credential or "").split("|") if part.strip())


def text_sha256(text: str) -> str:
    return hashlib.sha256(_LINE_BREAK.sub("\n", text).encode("utf-8")).hexdigest()


def parse_study_set_bytes(data: bytes, source_name: str) -> ParsedStudySet:
    try:
        decoded = decode_study_text(data)
    except UndecodableError as exc:
        raise StudySetFormatError(source_name, str(exc)) from exc
    return parse_study_set_text(decoded.text, source_name, decoded.encoding, decoded.warnings)


def parse_study_set_text(
    text: str, source_name: str, encoding: str = "UTF-8", warnings: tuple[str, ...] = ()
) -> ParsedStudySet:
    if text.startswith("\ufeff"):
        text = text[1:]
    _refuse_binary(text, source_name)
    lines = _LINE_BREAK.split(text)
    return _Parser(lines, source_name).parse(text, encoding, warnings)


def _refuse_binary(text: str, source_name: str) -> None:
    match = _BINARY_CONTROL.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise StudySetFormatError(
            source_name,
            f"line {line} contains the control character U+{ord(match.group()):04X}, "
            "so it looks like a binary file rather than text",
            line,
        )


def _structure(line: str) -> str:
    """The line as read for structure: without spaces (NO-BREAK SPACE and the other Unicode
    spaces too) and zero-width characters at either end. Linear in the line's length."""
    return line.strip(_EDGE)


def _is_blank(line: str) -> bool:
    return not _structure(line)


def _shorten(line: str, limit: int = 60) -> str:
    """The line as quoted in a message: invisible characters shown as escapes."""
    return show_invisible(unicodedata.normalize("NFC", line.strip()), limit)


class _Parser:
    def __init__(self, lines: list[str], source_name: str) -> None:
        self.lines = lines
        self.source_name = source_name

    def fail(self, reason: str, line: int | None = None) -> StudySetFormatError:
        return StudySetFormatError(self.source_name, reason, line)

    def parse(self, text: str, encoding: str, warnings: tuple[str, ...]) -> ParsedStudySet:
        question_lines, answers_start = self._question()
        answers = self._answers(answers_start)
        question = "\n".join(line.strip() for line in question_lines)
        return ParsedStudySet(
            source_name=self.source_name,
            title=question_lines[0].strip(),
            question=question,
            answers=tuple(answers),
            encoding=encoding,
            text=text,
            sha256=text_sha256(text),
            warnings=warnings,
        )

    def _question(self) -> tuple[list[str], int]:
        """The question's lines and the index of the line after 'Expert Answers'."""
        question: list[str] = []
        for index, line in enumerate(self.lines):
            if _structure(line).casefold() == "expert answers":
                if not question:
                    raise self.fail(
                        f"line {index + 1} is 'Expert Answers' but no question comes before it",
                        index + 1,
                    )
                return question, index + 1
            if not _is_blank(line):
                question.append(line)
        if not question:
            raise self.fail("the file is empty")
        raise self.fail(
            "expected a line 'Expert Answers' after the question on line 1, "
            f"but reached the end of the file at line {len(self.lines)}",
            len(self.lines),
        )

    def _educator_line(self, line: str, known: set[str]) -> tuple[str, str | None] | None:
        """A handle, spaces or tabs, and a credential holding '|' or 'educator'; or a bare
        handle. Read by hand rather than by one pattern: a run of spaces followed by "anything,
        then '|' or 'educator'" backtracks over every split of a long run (quadratic: 170 s
        for a 120 KB line). Each step here is one linear pass over the line."""
        stripped = _structure(line)
        first_gap = len(stripped)
        for gap in (" ", "\t"):
            found = stripped.find(gap, 0, first_gap)
            if found != -1:
                first_gap = found
        handle = stripped[:first_gap]
        if not _HANDLE.fullmatch(handle):
            return None
        if first_gap < len(stripped):
            credential = stripped[first_gap:].lstrip(" \t")
            if "|" in credential or "educator" in credential.lower():
                return handle, credential.strip()
            return None
        # A bare handle is ambiguous with a one-word paragraph: accept it only when it looks
        # like a screen name (lower case, or with digits/underscores) or was seen before.
        if handle in known or looks_like_screen_name(handle):
            return handle, None
        return None

    def _answers(self, start: int) -> list[ParsedAnswer]:
        answers: list[ParsedAnswer] = []
        known: set[str] = set()
        current: tuple[str, str | None, int] | None = None
        passages: list[str] = []
        paragraph: list[str] = []

        def end_paragraph() -> None:
            if paragraph:
                passages.append("\n".join(paragraph))
                paragraph.clear()

        def end_answer() -> None:
            end_paragraph()
            if current is not None:
                handle, credential, line_no = current
                if not passages:
                    raise self.fail(
                        f"educator '{handle}' on line {line_no} has no answer paragraphs", line_no
                    )
                answers.append(ParsedAnswer(handle, credential, tuple(passages), line_no))
                passages.clear()

        for index in range(start, len(self.lines)):
            line = self.lines[index]
            if _is_blank(line):
                end_paragraph()
                continue
            educator = self._educator_line(line, known) if not paragraph else None
            if educator is not None:
                end_answer()
                current = (educator[0], educator[1], index + 1)
                known.add(educator[0])
                continue
            if current is None:
                raise self.fail(
                    f"expected an educator line after 'Expert Answers' (line {start}), "
                    f"but line {index + 1} reads '{_shorten(line)}'",
                    index + 1,
                )
            paragraph.append(line)
        end_answer()
        if not answers:
            raise self.fail(f"no educator answers follow 'Expert Answers' on line {start}", start)
        return answers
