"""Tag names as the user types them. Pure Python, so the window can use it without the ORM."""

from __future__ import annotations

import re

_TAG_SEPARATORS = re.compile(r"[\s,]+")


def parse_tags(text: str) -> list[str]:
    """'#history, war  war' -> ['history', 'war']: split on spaces and commas, no '#', once."""
    seen: dict[str, str] = {}
    for raw in _TAG_SEPARATORS.split(text):
        name = raw.strip().lstrip("#")
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())
