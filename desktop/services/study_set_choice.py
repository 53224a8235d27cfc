"""Which study set a command means: `studydesk summary`, `studydesk compare` and others take
``--set ID|TITLE`` (title words unquoted) and otherwise use the set shown last."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.services.library import Library

_LARGEST_ID = 2**63 - 1  # SQLite's INTEGER


class StudySetNotChosen(LookupError):
    """No study set, or several, match what was given; str(error) says which there are."""


def name_from_words(given: str | Sequence[str] | None) -> str | None:
    """Unquoted words (``--set Stalin's aims``, ``--course HIST 201``) as the one name they
    spell."""
    if given is None or isinstance(given, str):
        return given
    return " ".join(given)


def choose_study_set(library: Library, wanted: str | None) -> int:
    """By number, by words of the title, else the one shown last, else the embedded one."""
    from db import reads
    from desktop.platform import paths
    from desktop.services.session import LAST_STUDY_SET_KEY

    if wanted:
        # ASCII digits only: "²" is a digit to str.isdigit but not a number to int().
        if wanted.isascii() and wanted.isdigit() and int(wanted) <= _LARGEST_ID:
            if library.load_study_set(int(wanted)) is not None:
                return int(wanted)
        try:
            rows = reads.study_sets_titled(library.reader, wanted)
        except UnicodeEncodeError:  # bytes in the argument that are not text
            rows = []
        if len(rows) == 1:
            return int(rows[0][0])
        if not rows:
            listing = "; ".join(f"{i}: {t}" for i, t in reads.list_study_sets(library.reader))
            raise StudySetNotChosen(f"no study set matches {wanted!r}. Your study sets: {listing}")
        matches = "; ".join(f"{i}: {t}" for i, t in rows)  # only these, as export-set lists
        raise StudySetNotChosen(
            f"{wanted!r} matches {len(rows)} study sets; give its number: {matches}"
        )
    last = paths.open_settings().value(LAST_STUDY_SET_KEY)
    if isinstance(last, str):
        found = library.find_study_set_id(last)
        if found is not None:
            return found
    return library.ensure_embedded_study_set()
