"""Characters a person cannot see, made visible for messages that quote a file.

A refusal that quotes ``gpane eNotes educator| Certified Educator`` is useless when the line
holds a ZERO WIDTH SPACE: the quote looks exactly like a valid line. Messages therefore show
such characters as Python-style escapes (``\\u200b``), and tabs and line breaks as ``\\t``,
``\\n``, so a quote is always one visible line.
"""

from __future__ import annotations

import unicodedata

# Zero-width and other invisible characters that may sit at the edges of a line without
# changing what a person sees; structure lines are recognised with them ignored.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"

# Shown escaped: control and format characters (zero-width, bidi overrides, soft hyphen),
# line and paragraph separators, surrogates, private-use and unassigned code points.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
# Letters that render as nothing (Hangul fillers, braille blank, Mongolian vowel separator).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def escape_char(char: str) -> str:
    """``char`` as a person can read it in a message: itself, or an escape."""
    if char in _NAMED:
        return _NAMED[char]
    if char not in _BLANK_LETTERS and unicodedata.category(char) not in _HIDDEN_CATEGORIES:
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def show_invisible(text: str, limit: int | None = None) -> str:
    """``text`` with invisible characters escaped; at most ``limit`` characters, cut (with
    "…") only between whole characters or escapes."""
    units = [escape_char(char) for char in text]
    if limit is None or sum(map(len, units)) <= limit:
        return "".join(units)
    out: list[str] = []
    length = 0
    for unit in units:
        if length + len(unit) > limit - 1:
            break
        out.append(unit)
        length += len(unit)
    return "".join(out) + "…"
