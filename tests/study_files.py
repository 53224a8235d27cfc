"""Study-set files for tests: the seed and variants of it, as bytes a user might have."""

from __future__ import annotations

import codecs
from pathlib import Path

from desktop.platform.resources import embedded_study_set_path

SEED_BYTES = embedded_study_set_path().read_bytes()
SEED_TEXT = SEED_BYTES.decode("utf-8")
SEED_QUESTION = "What were Joseph Stalin's motivation and goals?"

THIRD_EDUCATOR = (
    "\n\nmhistorian eNotes educator| Certified Educator\n\n"
    "Unlike gpane, I would stress ideology first.\n\n"
    "Stalin's 'Socialism in One Country' was a doctrine, not only a tactic."
)


def seed_paragraphs(handle: str) -> list[str]:
    """The seed's paragraphs for ``handle``, cut from the file by hand (not by the parser)."""
    body = SEED_TEXT.split("Expert Answers\n", 1)[1]
    gpane_part, pohnpei_part = body.split("pohnpei397 eNotes educator| Certified Educator\n")
    part = gpane_part if handle == "gpane" else pohnpei_part
    lines = part.split("\n")
    if handle == "gpane":
        lines = lines[1:]  # the educator line
    return [line for line in lines if line.strip()]


# name -> (bytes, encoding the parser should report)
ACCEPTED_VARIANTS: dict[str, tuple[bytes, str]] = {
    "seed": (SEED_BYTES, "UTF-8"),
    "crlf": (SEED_TEXT.replace("\n", "\r\n").encode("utf-8"), "UTF-8"),
    "cr": (SEED_TEXT.replace("\n", "\r").encode("utf-8"), "UTF-8"),
    "utf8-bom": (codecs.BOM_UTF8 + SEED_BYTES, "UTF-8 with BOM"),
    "utf16-le-bom": (codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le"), "UTF-16 LE"),
    "utf16-be-bom": (codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"), "UTF-16 BE"),
    "windows-1252": (
        SEED_TEXT.replace(
            "'Socialism in One Country'", "\u201cSocialism in One Country\u201d"
        ).encode("cp1252"),
        "Windows-1252",
    ),
    "latin-1": (SEED_TEXT.replace("apex", "apex \u0081").encode("latin-1"), "Latin-1"),
    "three-educators": ((SEED_TEXT + THIRD_EDUCATOR).encode("utf-8"), "UTF-8"),
    "no-credential": (
        SEED_TEXT.replace("pohnpei397 eNotes educator| Certified Educator", "pohnpei397").encode(
            "utf-8"
        ),
        "UTF-8",
    ),
}

# name -> (bytes, a phrase the refusal message must contain)
REFUSED_VARIANTS: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "the file is empty"),
    "blank-lines": (b"\n \n\t\n", "the file is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    "no-expert-answers": (
        SEED_TEXT.replace("Expert Answers", "Some answers").encode("utf-8"),
        "expected a line 'Expert Answers'",
    ),
    "no-educator": (
        b"What is history?\n\nExpert Answers\n\nHistory is what happened, and what we say of it.",
        "expected an educator line",
    ),
    "educator-without-paragraphs": (
        b"What is history?\n\nExpert Answers\ngpane eNotes educator| Certified Educator\n",
        "has no answer paragraphs",
    ),
    "control-characters": (SEED_TEXT.replace("apex", "a\x01p\x02ex").encode("utf-8"), "U+0001"),
}


def write_variant(folder: Path, name: str, data: bytes) -> Path:
    path = folder / f"{name}.txt"
    path.write_bytes(data)
    return path
