"""Start-up skips the checks that read every page only for a file exactly as Study Desk left
it when it quit: any change to the file since then brings the full check back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.services.library import Library
from desktop.services.safety import check_and_recover, note_clean_close


def _library(tmp_path: Path) -> Path:
    path = tmp_path / "studydesk" / "studydesk.sqlite3"
    path.parent.mkdir(parents=True)
    library = Library(path)
    library.ensure_embedded_study_set()
    library.close()
    return path


def _damage_a_page(path: Path) -> None:
    """Overwrite the first half of the paragraphs' table page: the size stays, the contents
    and time change. A page of the table, not a place in the file: what lies in the middle
    of the file moves with every migration, and damage inside a stored text is not damage
    a check can see."""
    with sqlite3.connect(path) as plain:
        (page_size,) = plain.execute("PRAGMA page_size").fetchone()
        (root,) = plain.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'passages'"
        ).fetchone()
    plain.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start : start + page_size // 2] = b"\xff" * (page_size // 2)
    path.write_bytes(bytes(data))


def test_a_file_changed_after_a_clean_close_is_checked_in_full(tmp_path: Path) -> None:
    path = _library(tmp_path)
    note_clean_close(path)
    _damage_a_page(path)
    result = check_and_recover(path)
    assert result.message is not None and "damaged" in result.message
    assert not path.exists() or path.stat().st_size != 0  # moved aside or replaced


def test_a_file_left_as_closed_opens_without_a_message(tmp_path: Path) -> None:
    path = _library(tmp_path)
    note_clean_close(path)
    assert check_and_recover(path).message is None
    assert path.exists()
