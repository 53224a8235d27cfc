"""Keeping the library safe at start-up and before any command writes to it. One health
check (db.health.inspect) decides:

- a damaged file is moved aside (never deleted) and the newest good backup restored;
- an unfinished file (an interrupted first launch: no tables) is kept aside and Study Desk
  starts afresh;
- a file from a newer Study Desk is refused untouched;
- a sound file that cannot be opened now (locked, not readable, a failing disk) is left where
  it is, and the student is asked to try again.

Qt-free: the window and the command line show the message this returns."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from db.backups import clean_leftovers, list_backups, move_aside, restore, verify
from db.file_identity import wal_path
from db.health import Inspection, State, describe, inspect


@dataclass(frozen=True)
class StartupCheck:
    message: str | None = None  # what to tell the user, if anything happened
    refuse: bool = False  # do not open the library at all
    retry: bool = False  # nothing is wrong with the file: try again later (nothing was moved)


def _folder_problem(database: Path) -> StartupCheck | None:
    folder = database.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return StartupCheck(
            f"Your data folder {folder} cannot be created ({exc.strerror or exc}). Study Desk "
            "has changed nothing. Make sure it can be created and start Study Desk again.",
            refuse=True,
            retry=True,
        )
    if not os.access(folder, os.W_OK):
        return StartupCheck(
            f"Your data folder {folder} cannot be written to (it is read-only). Study Desk "
            "needs to write there to keep your notes safe, so it has not opened your library, "
            "and has changed nothing. Make the folder writable and start Study Desk again.",
            refuse=True,
            retry=True,
        )
    return None


def _refusal(inspection: Inspection) -> StartupCheck | None:
    database = inspection.path
    if inspection.state is State.NEWER:
        return StartupCheck(
            f"Your library at {database} was written by a newer version of Study Desk "
            f"({inspection.reason}). This version cannot open it, and has left it untouched. "
            "Please use the newer Study Desk.",
            refuse=True,
        )
    if inspection.state is State.UNREACHABLE:
        return StartupCheck(
            f"Study Desk cannot open your library at {database} right now: "
            f"{inspection.reason}. Nothing is known to be wrong with the file, so it has been "
            "left where it is, unchanged. Please try again in a moment.",
            refuse=True,
            retry=True,
        )
    return None


def _recover(inspection: Inspection) -> StartupCheck:
    """Move a damaged or unfinished library aside and restore the newest good backup."""
    database = inspection.path
    tag = "damaged" if inspection.state is State.DAMAGED else "unfinished"
    if inspection.state is State.DAMAGED:
        what = f"Your library was damaged: {inspection.reason}."
    else:
        what = (
            f"Your library was never finished ({inspection.reason}): an earlier start of "
            "Study Desk was interrupted before it had set it up."
        )
    try:
        aside = move_aside(database, tag)
    except OSError as exc:
        return StartupCheck(
            f"{what} Study Desk could not move it aside ({exc.strerror or exc}), so it has "
            "changed nothing and not opened it.",
            refuse=True,
        )
    kept = f"The {tag} file was moved aside to {aside} and kept."
    for backup in list_backups(database):
        if verify(backup.path) is None:
            try:
                restore(database, backup)
            except OSError:
                continue
            return StartupCheck(
                f"{what} {kept} Your backup from {backup.taken_at:%d %B %Y at %H:%M} was "
                "restored: anything you did after that time is missing."
            )
    return StartupCheck(
        f"{what} {kept} There was no usable backup to restore, so Study Desk starts with a "
        "new, empty library."
    )


# Beside the library: how the file was when Study Desk last closed it cleanly.
CLOSED_SUFFIX = ".closed"


def _file_state(database: Path) -> str | None:
    """The file's identity, size and time, or None when it has a write-ahead log (it was not
    closed cleanly, or is open) or cannot be looked at."""
    try:
        status = database.stat()
        if wal_path(database).exists():
            return None
    except OSError:
        return None
    return f"{status.st_dev}:{status.st_ino}:{status.st_size}:{status.st_mtime_ns}"


def note_clean_close(database: Path) -> None:
    """Remember the library file as it is now that Study Desk has closed it (quitting)."""
    state = _file_state(database)
    if state is not None:
        with contextlib.suppress(OSError):
            database.with_name(database.name + CLOSED_SUFFIX).write_text(state)


def _left_as_closed(database: Path) -> bool:
    """True when nothing has touched the file since Study Desk closed it cleanly: start-up
    then skips the checks that read every page (the backups that follow check it in full)."""
    try:
        recorded = database.with_name(database.name + CLOSED_SUFFIX).read_text()
    except (OSError, UnicodeDecodeError):
        return False
    return recorded == _file_state(database)


def check_and_recover(database: Path) -> StartupCheck:
    """At start-up, before the library is opened."""
    folder = _folder_problem(database)
    if folder is not None:
        return folder
    with contextlib.suppress(OSError):  # a leftover that cannot be removed now harms nothing
        clean_leftovers(database)
    inspection = inspect(database, left_as_closed=_left_as_closed(database))
    if inspection.ok:
        return StartupCheck()
    refusal = _refusal(inspection)
    if refusal is not None:
        return refusal
    return _recover(inspection)


def check_before_writing(database: Path) -> StartupCheck:
    """The same check for a command that writes: a damaged, newer or unreachable library is
    refused (``refuse``; the message is one line) and changed in no way; an unfinished one is
    set aside as at start-up (``message`` says so)."""
    folder = _folder_problem(database)
    if folder is not None:
        return StartupCheck(" ".join((folder.message or "").split()), refuse=True, retry=True)
    inspection = inspect(database)
    if inspection.ok:
        return StartupCheck()
    if inspection.state is State.DAMAGED:
        return StartupCheck(
            f"{describe(inspection)}. Nothing was changed; start Study Desk to restore it "
            "from a backup, or run studydesk check.",
            refuse=True,
        )
    refusal = _refusal(inspection)
    if refusal is not None:
        return StartupCheck(describe(inspection) + ".", refuse=True, retry=refusal.retry)
    return _recover(inspection)
