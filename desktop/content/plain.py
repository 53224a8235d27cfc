"""Text from a study set or a note shown where Qt might take it for HTML.

Qt draws a tool tip (and a label or message box left on automatic format) as rich text when
the text merely looks like HTML; an <img src="file:…"> in a study set would then be read from
disk. Escaped inside a paragraph, any text shows exactly as written and loads nothing.
"""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """``text`` as a tool tip that shows every character as typed (line breaks kept)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"
