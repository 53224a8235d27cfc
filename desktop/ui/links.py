"""The app's own link targets inside reading views (never loaded from anywhere)."""

from __future__ import annotations

from PySide6.QtCore import QUrl

SCHEME = "studydesk"


def educator_url(handle: str) -> str:
    url = QUrl()
    url.setScheme(SCHEME)
    url.setPath(f"educator/{handle}")
    return url.toString()


def educator_in(url: QUrl) -> str | None:
    """The educator handle an educator link points at, else None."""
    if url.scheme() != SCHEME:
        return None
    kind, _, handle = url.path().partition("/")
    return handle if kind == "educator" and handle else None
