"""Files and folders dragged from a file manager onto the Library window: the paths they
name, for the same import as a drop on the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData


def dropped_paths(data: QMimeData | None) -> list[Path]:
    """The local files and folders in a drag (remote URLs are not offered to import)."""
    if data is None or not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]
