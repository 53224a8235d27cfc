"""Study sets a teacher published to one of the student's classes are read-only here: the
student highlights and annotates them, but renaming or trashing the text is refused with a
message saying why (the Library marks them; db.sync_local.published_copies lists them)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from db.sync_local import published_copies
from desktop.ui.dialogs import messages


def published_labels(reader: sqlite3.Connection) -> dict[int, str]:
    """Study set id -> how the Library marks it: "Published, version 2" (its class is in
    the Courses column)."""
    return {
        set_id: f"Published, version {version}"
        for set_id, (_class_name, version) in published_copies(reader).items()
    }


def refuse_published(
    parent: QWidget | None, reader: sqlite3.Connection, ids: Sequence[int], doing: str
) -> bool:
    """True (and the student told why) when any of ``ids`` is a published set; ``doing`` is
    the action's title, e.g. "Rename Study Set"."""
    published = published_copies(reader)
    classes = sorted({published[i][0] for i in ids if i in published})
    if not classes:
        return False
    messages.show_error(
        parent,
        doing,
        f"Your teacher published this study set to {', '.join(classes)}: it is read-only. "
        "You can highlight it and write notes on it, but not rename it or move it to the "
        "Trash. A new version from your teacher replaces it and keeps your work.",
    )
    return True
