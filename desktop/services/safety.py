"""Keeping the library safe at start-up: a damaged file is moved aside (never deleted) and
the newest good backup restored; a file from a newer Study Desk is refused untouched.
Qt-free: the window shows the message this returns."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from db.backups import list_backups, move_aside, restore, verify
from db.health import assess


@dataclass(frozen=True)
class StartupCheck:
    message: str | None = None  # what to tell the user, if anything happened
    refuse: bool = False  # do not open the library at all


def check_and_recover(database: Path) -> StartupCheck:
    folder = database.parent
    if folder.exists() and not os.access(folder, os.W_OK):
        return StartupCheck(
            f"Your data folder {folder} cannot be written to (it is read-only). Study Desk "
            "needs to write there to keep your notes safe, so it has not opened your library, "
            "and has changed nothing. Make the folder writable and start Study Desk again.",
            refuse=True,
        )
    health = assess(database)
    if health.ok:
        return StartupCheck()
    if health.newer:
        return StartupCheck(
            f"Your library at {database} was written by a newer version of Study Desk "
            f"({health.problem}). This version cannot open it, and has left it untouched. "
            "Please use the newer Study Desk.",
            refuse=True,
        )
    aside = move_aside(database, "damaged")
    for backup in list_backups(database):
        if verify(backup.path) is None:
            restore(database, backup)
            return StartupCheck(
                f"Your library was damaged ({health.problem}). The damaged file was moved "
                f"aside to {aside} and kept. Your backup from "
                f"{backup.taken_at:%d %B %Y at %H:%M} was restored: anything you did after "
                "that time is missing."
            )
    return StartupCheck(
        f"Your library was damaged ({health.problem}) and no usable backup was found. The "
        f"damaged file was moved aside to {aside} and kept. Study Desk starts with a new, "
        "empty library."
    )
