"""The small questions the Library asks: a title, a course, tags, a course name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from db.library_reads import normal_course_name
from desktop.ui.library.library_window import LibraryWindow


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """The text typed, or None when the student cancels."""
    answer, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return str(answer) if ok else None


def ask_course(parent: QWidget, courses: Sequence[str], count: int) -> str | None:
    """Pick a course or type a new one ("::" nests it: HIST 201::Unit 3). The course offered
    first is the Library's preferred one (chosen in its sidebar, or last created or used)."""
    preferred = parent.preferred_course() if isinstance(parent, LibraryWindow) else ""
    choices = list(courses)
    sets = "this study set" if count == 1 else f"these {count} study sets"
    answer, ok = QInputDialog.getItem(
        parent,
        "Add to Course",
        f"Add {sets} to the course (type a new name; “::” nests, e.g. HIST 201::Unit 3):",
        choices,
        choices.index(preferred) if preferred in choices else 0,
        True,
    )
    if not ok:
        return None
    if isinstance(parent, LibraryWindow):
        parent.course_used(normal_course_name(str(answer)))
    return str(answer)


def split_tags(text: str) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
