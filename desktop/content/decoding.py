"""Turn a study-set file's bytes into text, saying which encoding was used.

Files come from students' downloads and old word processors, so besides UTF-8 we accept a
UTF-8 BOM, UTF-16/32 with a BOM, and legacy single-byte text (Windows-1252, else Latin-1).
Every branch is explicit so the encoding can be reported to the user.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # a human-readable name, e.g. "UTF-8" or "Windows-1252"


def decode_study_text(data: bytes) -> DecodedText:
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
    try:
        return DecodedText(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        return DecodedText(data.decode("cp1252"), "Windows-1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        return DecodedText(data.decode("latin-1"), "Latin-1")
