"""Importing many files at once: folders walked, each file one transaction, one report.

Shared by `studydesk import PATH...` and the window (File › Import Study Sets…, Import
Folder…, drag and drop). In the window the work runs in an ImportWorker thread with its own
Library, so its sqlite3 connections never cross threads. Knows no widgets.
"""

from __future__ import annotations

import enum
import errno
import os
import sqlite3
import stat as stat_module
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal

from desktop.content.visible import show_invisible
from desktop.services.library import (
    ImportRefused,
    Library,
    LibraryFileReplaced,
    read_study_set_file,
)

STUDYDESK_SUFFIX = ".studydesk"
REPORT_LINES_PER_KIND = 40  # the report dialog names this many of each kind, then counts
REPORT_LINES_PER_FILE = 12  # and shows this many lines of a .studydesk file's own report

if TYPE_CHECKING:
    from desktop.services.set_files import SetFileReport


class Outcome(enum.Enum):
    IMPORTED = "imported"
    ALREADY = "already in your library"
    REFUSED = "refused"
    SKIPPED = "skipped"  # not a regular file (a FIFO, a socket, a link loop): never read


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    outcome: Outcome
    detail: str  # the set's title when imported or already there, else the reason
    study_set_id: int | None = None
    # A .studydesk file's report under the title: what was added, what was already there,
    # what was kept as a note and why ("  added: 3 notes", …), each line indented.
    report_lines: tuple[str, ...] = ()


Entry = Path | FileOutcome  # a file to import, or one the walk already decided about


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def gather(paths: Sequence[Path], cancelled: Callable[[], bool] = lambda: False) -> list[Entry]:
    """The files to import, in order: files named as they are (a named FIFO or folder-less
    oddity is refused when imported), folders walked recursively in name order. Inside a
    folder, what is not a regular file or folder is skipped with its reason; symbolic links
    are followed, but a folder already being walked is never entered again, so a link loop
    ends at once."""
    entries: list[Entry] = []
    seen: set[tuple[int, int]] = set()
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            entries.append(path)  # import_one says what is wrong with it
            continue
        if stat_module.S_ISDIR(status.st_mode):
            _walk(path, status, seen, entries, cancelled)
        else:
            entries.append(path)
    return entries


def _walk(
    folder: Path,
    status: os.stat_result,
    seen: set[tuple[int, int]],
    entries: list[Entry],
    cancelled: Callable[[], bool],
) -> None:
    seen.add((status.st_dev, status.st_ino))
    try:
        with os.scandir(folder) as listing:
            children = sorted(Path(child.path) for child in listing)
    except OSError as exc:
        entries.append(
            FileOutcome(
                folder,
                Outcome.REFUSED,
                f"Cannot read the folder {show_invisible(str(folder))}: {_reason(exc)}.",
            )
        )
        return
    for child in children:
        if cancelled():
            return
        try:
            child_status = child.stat()
        except OSError as exc:
            why = (
                "a symbolic link that loops back on itself"
                if exc.errno == errno.ELOOP
                else "a link to something that is not there"
                if child.is_symlink()
                else f"cannot be looked at ({_reason(exc)})"
            )
            entries.append(FileOutcome(child, Outcome.SKIPPED, why))
            continue
        mode = child_status.st_mode
        if stat_module.S_ISDIR(mode):
            if (child_status.st_dev, child_status.st_ino) in seen:
                entries.append(
                    FileOutcome(
                        child, Outcome.SKIPPED, "a link back to a folder already being imported"
                    )
                )
            else:
                _walk(child, child_status, seen, entries, cancelled)
        elif stat_module.S_ISREG(mode):
            entries.append(child)
        else:
            kind = (
                "a named pipe (FIFO)"
                if stat_module.S_ISFIFO(mode)
                else "a socket"
                if stat_module.S_ISSOCK(mode)
                else "a device"
                if stat_module.S_ISCHR(mode) or stat_module.S_ISBLK(mode)
                else "a special file"
            )
            entries.append(FileOutcome(child, Outcome.SKIPPED, f"{kind}, not a regular file"))


def import_one(path: Path, open_library: Callable[[], Library]) -> FileOutcome:
    """Import one file as one transaction; a refused file writes nothing. ``open_library`` is
    called only once a file has been read and found good (so refusals alone create no
    library); what it raises (the library cannot be opened at all) is not caught here."""
    from sqlalchemy.exc import SQLAlchemyError

    if path.name.lower().endswith(STUDYDESK_SUFFIX):
        return _import_studydesk(path, open_library)
    try:
        parsed = read_study_set_file(path)
    except ImportRefused as exc:
        return FileOutcome(path, Outcome.REFUSED, str(exc))
    library = open_library()
    try:
        library.check_files_before_writing()
        result = library.import_parsed(parsed)
    except LibraryFileReplaced as exc:
        return FileOutcome(path, Outcome.REFUSED, str(exc))
    except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
        reason = getattr(exc, "orig", None) or exc
        return FileOutcome(
            path,
            Outcome.REFUSED,
            f"{show_invisible(path.name)} was read but could not be added to your library "
            f"({reason}); nothing of it was written.",
        )
    outcome = Outcome.IMPORTED if result.outcome.created else Outcome.ALREADY
    return FileOutcome(path, outcome, show_invisible(parsed.title), result.outcome.study_set_id)


def _import_studydesk(path: Path, open_library: Callable[[], Library]) -> FileOutcome:
    """A `.studydesk` file: a set with the student's work (desktop.services.set_files)."""
    from desktop.services.set_files import import_studydesk

    library = open_library()
    try:
        report = import_studydesk(library, path)
    except ImportRefused as exc:
        return FileOutcome(path, Outcome.REFUSED, str(exc))
    except Exception as exc:  # noqa: BLE001 (an untrusted file: any failure is a refusal)
        return FileOutcome(
            path, Outcome.REFUSED, f"{show_invisible(path.name)} could not be imported ({exc})."
        )
    return _studydesk_outcome(report)


def _studydesk_outcome(report: SetFileReport) -> FileOutcome:
    """A set already there whose file brought new work counts as imported; the work added
    is named, and what could not be placed is said (it was kept as notes)."""
    from desktop.services.set_files import counted

    title = show_invisible(report.title or report.path.name)
    details = [counted(count, what) for what, count in report.added.items() if count]
    if report.kept_as_notes:
        kept = len(report.kept_as_notes)
        details.append(f"{kept} kept as {'a note' if kept == 1 else 'notes'} (could not be placed)")
    outcome = Outcome.IMPORTED if report.set_added or details else Outcome.ALREADY
    return FileOutcome(
        report.path,
        outcome,
        f"{title} (added: {', '.join(details)})" if details else title,
        report.study_set_id,
        # The first line repeats the title, and the "added:" line what the file's own line
        # already says when it names what was added.
        tuple(_one_line(line) for line in report.lines()[2 if details else 1 :]),
    )


def _one_line(line: str) -> str:
    """A report line from an untrusted file as one visible line, its indent kept."""
    indent = line[: len(line) - len(line.lstrip(" "))]
    return indent + show_invisible(" ".join(line.split()))


@dataclass
class ImportReport:
    """What one import did, file by file."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    total: int = 0  # files found (the outcomes are fewer when cancelled)
    cancelled: bool = False
    failure: str | None = None  # the library itself could not be written

    def of(self, outcome: Outcome) -> list[FileOutcome]:
        return [each for each in self.outcomes if each.outcome is outcome]

    @property
    def last_set_id(self) -> int | None:
        """The set to open afterwards: the last imported, else the last already there."""
        for wanted in (Outcome.IMPORTED, Outcome.ALREADY):
            for each in reversed(self.of(wanted)):
                if each.study_set_id is not None:
                    return each.study_set_id
        return None

    def summary(self) -> str:
        if self.total == 0 and not self.cancelled and not self.failure:
            return "0 files: nothing to import, as the folders given hold no files."
        counts = [
            f"{len(self.of(Outcome.IMPORTED))} imported",
            f"{len(self.of(Outcome.ALREADY))} already in your library",
            f"{len(self.of(Outcome.REFUSED))} refused",
        ]
        skipped = len(self.of(Outcome.SKIPPED))
        if skipped:
            counts.append(f"{skipped} skipped")
        files = "file" if self.total == 1 else "files"
        return f"{self.total} {files}: {', '.join(counts)}."

    def text(self) -> str:
        """The report for the student: counts first, then each file with its title or
        reason (at most REPORT_LINES_PER_KIND of each kind)."""
        lines = [self.summary()]
        if self.cancelled:
            left = self.total - len(self.outcomes)
            lines.append(
                f"Cancelled: {left} {'file was' if left == 1 else 'files were'} not imported. "
                "The files imported before you cancelled stay in your library."
            )
        if self.failure:
            lines.append(f"The import stopped: {self.failure}")
        for outcome, heading in (
            (Outcome.IMPORTED, "Imported"),
            (Outcome.ALREADY, "Already in your library (the same text)"),
            (Outcome.REFUSED, "Refused"),
            (Outcome.SKIPPED, "Skipped (not regular files)"),
        ):
            found = self.of(outcome)
            if not found:
                continue
            lines += ["", f"{heading}:"]
            for each in found[:REPORT_LINES_PER_KIND]:
                lines.append(f"  {show_invisible(each.path.name)} — {each.detail}")
                lines += [f"  {line}" for line in each.report_lines[:REPORT_LINES_PER_FILE]]
                if len(each.report_lines) > REPORT_LINES_PER_FILE:
                    more = len(each.report_lines) - REPORT_LINES_PER_FILE
                    lines.append(f"      … and {more} more lines")
            if len(found) > REPORT_LINES_PER_KIND:
                lines.append(f"  … and {len(found) - REPORT_LINES_PER_KIND} more")
        return "\n".join(lines)


class ImportWorker(QThread):
    """Imports ``paths`` into the library at ``database_path`` in its own thread, with its
    own Library. cancel() stops it before the next file; the report is in ``report`` once
    ``finished`` is emitted."""

    progressed = Signal(int, int, str)  # files done, total (0 while looking), current name

    def __init__(self, database_path: Path, paths: Sequence[Path], parent: QObject | None = None):
        super().__init__(parent)
        self._database_path = database_path
        self._paths = list(paths)
        self._cancel = threading.Event()
        self.report = ImportReport()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:  # in the worker thread
        report = ImportReport()
        library: Library | None = None

        def open_library() -> Library:
            nonlocal library
            if library is None:
                library = Library(self._database_path)
            return library

        try:
            entries = gather(self._paths, self._cancel.is_set)
            report.total = len(entries)
            for done, entry in enumerate(entries):
                if self._cancel.is_set():
                    break
                name = entry.name if isinstance(entry, Path) else entry.path.name
                self.progressed.emit(done, report.total, show_invisible(name))
                outcome = (
                    entry if isinstance(entry, FileOutcome) else import_one(entry, open_library)
                )
                report.outcomes.append(outcome)
            report.cancelled = self._cancel.is_set() and len(report.outcomes) < report.total
            self.progressed.emit(len(report.outcomes), report.total, "")
        except Exception as exc:  # noqa: BLE001 (the library could not be opened: say why)
            report.failure = " ".join(str(exc).split()) or type(exc).__name__
        finally:
            if library is not None:
                library.close()
            self.report = report
