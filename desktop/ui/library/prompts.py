"""The small questions the Library asks: a title, a course, tags, a course name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """The text typed, or None when the student cancels."""
    answer, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return str(answer) if ok else None


def ask_course(parent: QWidget, courses: Sequence[str], count: int) -> str | None:
    """Pick a course or type a new one ("::" nests it: HIST 201::Unit 3)."""
    sets = "this study set" if count == 1 else f"these {count} study sets"
    answer, ok = QInputDialog.getItem(
        parent,
        "Add to Course",
        f"Add {sets} to the course (type a new name; “::” nests, e.g. HIST 201::Unit 3):",
        list(courses),
        0,
        True,
    )
    return str(answer) if ok else None


def split_tags(text: str) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
