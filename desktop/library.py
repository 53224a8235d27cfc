"""The study-set library: read and parse files, import them into the database once.

The service the window and the headless commands share; it knows no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from db.engine import Database
from db.studysets import ImportOutcome, NewAnswer, NewStudySet, import_study_set
from desktop.content.studyset import ParsedStudySet, StudySetFormatError, parse_study_set_bytes
from desktop.resources import embedded_study_set_path

# Files larger than this are not study sets (the seed is 3 KB); refusing early keeps a
# mistaken pick of a video file from being read into memory.
MAX_STUDY_SET_BYTES = 20 * 1024 * 1024


class ImportRefused(Exception):
    """The file could not be imported; str(error) is the message for the user."""


@dataclass(frozen=True)
class ImportResult:
    parsed: ParsedStudySet
    outcome: ImportOutcome


def read_study_set_file(path: Path) -> ParsedStudySet:
    try:
        size = path.stat().st_size
        if size > MAX_STUDY_SET_BYTES:
            raise ImportRefused(
                f"{path.name} is not a study set: it is {size // (1024 * 1024)} MB, and study "
                f"sets are plain text files of at most {MAX_STUDY_SET_BYTES // (1024 * 1024)} MB."
            )
        data = path.read_bytes()
    except IsADirectoryError:
        raise ImportRefused(f"{path} is a folder, not a study-set file.") from None
    except FileNotFoundError:
        raise ImportRefused(f"{path} does not exist.") from None
    except OSError as exc:
        raise ImportRefused(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    try:
        return parse_study_set_bytes(data, path.name)
    except StudySetFormatError as exc:
        raise ImportRefused(str(exc)) from exc


def _new_study_set(parsed: ParsedStudySet, *, embedded: bool) -> NewStudySet:
    return NewStudySet(
        sha256=parsed.sha256,
        title=parsed.title,
        question=parsed.question,
        source_name=parsed.source_name,
        encoding=parsed.encoding,
        raw_text=parsed.text,
        answers=[NewAnswer(a.handle, a.credential, a.passages) for a in parsed.answers],
        is_embedded=embedded,
    )


def import_file(database: Database, path: Path, *, embedded: bool = False) -> ImportResult:
    """Parse ``path`` and add it to the database unless the same text is there already.

    A refused file raises ImportRefused before anything is written.
    """
    return import_parsed(database, read_study_set_file(path), embedded=embedded)


def import_parsed(
    database: Database, parsed: ParsedStudySet, *, embedded: bool = False
) -> ImportResult:
    with database.session() as session:
        outcome = import_study_set(session, _new_study_set(parsed, embedded=embedded))
    return ImportResult(parsed, outcome)


def ensure_embedded_study_set(database: Database) -> int:
    """The id of the embedded study set, importing it on first launch."""
    return import_file(database, embedded_study_set_path(), embedded=True).outcome.study_set_id
