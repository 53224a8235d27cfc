"""Turn a study-set file's bytes into text, saying which encoding was used.

Files come from students' downloads and old word processors, so besides UTF-8 we accept a
UTF-8 BOM, UTF-16/32 with a BOM, and legacy single-byte text (Windows-1252, else Latin-1).
Every branch is explicit so the encoding can be reported to the user.

A file with valid UTF-8 multi-byte sequences is UTF-8 even when some bytes are not: one stray
byte must not turn every accented letter and NO-BREAK SPACE of the file into Windows-1252
mojibake. Such bytes are shown as U+FFFD and reported (how many, where the first one is); only
a file with no valid multi-byte sequence at all is read as legacy single-byte text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's. (UTF-8's BOM is read apart.)
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept."""


# After decoding with "surrogateescape", each byte that is not valid UTF-8 is one of these.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
# Any character beyond ASCII that is not an escaped byte came from a valid multi-byte sequence.
_MULTI_BYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # a human-readable name, e.g. "UTF-8" or "Windows-1252"; at most 40 chars
    warnings: tuple[str, ...] = ()  # for the user, e.g. where bytes were not valid UTF-8


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``, lines as the parser
    counts them (CRLF, CR or LF each end one line)."""
    line = 1
    line_start = 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        line_start = match.end()
    return line, index - line_start + 1


def _utf8_with_replacements(escaped: str, label: str) -> DecodedText:
    """``escaped`` was decoded with surrogateescape and holds at least one escaped byte."""
    first = _ESCAPED_BYTE.search(escaped)
    assert first is not None
    text, count = _ESCAPED_BYTE.subn("\ufffd", escaped)
    line, column = _position(escaped, first.start())
    if count == 1:
        report = f"1 byte that is not valid UTF-8, at line {line}, column {column}; it is"
    else:
        report = (
            f"{count} bytes that are not valid UTF-8, first at line {line}, column {column}; "
            "they are"
        )
    plural = "s" if count != 1 else ""
    return DecodedText(
        text, f"{label}, {count} invalid byte{plural}", (f"{report} shown as \ufffd",)
    )


def decode_study_text(data: bytes) -> DecodedText:
    if data.startswith(codecs.BOM_UTF8):
        escaped = data[len(codecs.BOM_UTF8) :].decode("utf-8", "surrogateescape")
        if _ESCAPED_BYTE.search(escaped):
            return _utf8_with_replacements(escaped, "UTF-8 with BOM")
        return DecodedText(escaped, "UTF-8 with BOM")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data[len(bom) :].decode(codec), label)
            except UnicodeDecodeError as exc:
                raise UndecodableError(
                    f"the file starts with a {label} byte-order mark but is not valid {label} "
                    f"(byte {exc.start + len(bom)})"
                ) from exc
    if b"\x00" in data:
        raise UndecodableError(
            "it contains NUL bytes, so it looks like a binary file rather than text"
        )
    escaped = data.decode("utf-8", "surrogateescape")
    if not _ESCAPED_BYTE.search(escaped):
        return DecodedText(escaped, "UTF-8")
    if _MULTI_BYTE.search(escaped):
        return _utf8_with_replacements(escaped, "UTF-8")
    try:
        return DecodedText(data.decode("cp1252"), "Windows-1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        return DecodedText(data.decode("latin-1"), "Latin-1")
