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


def _url(path: str) -> str:
    url = QUrl()
    url.setScheme(SCHEME)
    url.setPath(path)
    return url.toString()


def event_url(keys: list[str]) -> str:
    return _url("event/" + ",".join(keys))


def events_in(url: QUrl) -> list[str]:
    """The event keys an event-mention link points at (several when mentions coincide)."""
    if url.scheme() != SCHEME:
        return []
    kind, _, keys = url.path().partition("/")
    return [key for key in keys.split(",") if key] if kind == "event" else []


def passage_url(handle: str, number: int, start: int, end: int) -> str:
    return _url(f"passage/{handle}/{number}/{start}/{end}")


def passage_in(url: QUrl) -> tuple[str, int, int, int] | None:
    """(handle, ¶ number, start, end) of a passage link, else None."""
    if url.scheme() != SCHEME:
        return None
    parts = url.path().split("/")
    if len(parts) != 5 or parts[0] != "passage" or not all(p.isdigit() for p in parts[2:]):
        return None
    return parts[1], int(parts[2]), int(parts[3]), int(parts[4])


def note_url(note_id: int) -> str:
    return _url(f"note/{note_id}")


def note_in(url: QUrl) -> int | None:
    """The note id a note mark points at, else None."""
    if url.scheme() != SCHEME:
        return None
    kind, _, number = url.path().partition("/")
    return int(number) if kind == "note" and number.isdigit() else None
