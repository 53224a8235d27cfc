"""Output files: safe names from a title, and writing without ever leaving half a file."""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections.abc import Callable
from pathlib import Path

# Names Windows reserves whatever the extension.
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
MAX_STEM = 80


class OutputRefused(Exception):
    """The output cannot be written there; str(error) is the message for the user."""


def safe_file_name(title: str, extension: str) -> str:
    """'What were Joseph Stalin's motivation and goals?' -> 'What-were-Joseph-Stalins-…'.

    ASCII letters, digits, '-' and '_' only: valid on every platform, and never a path.
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ascii_title = ascii_title.replace("'", "")
    stem = re.sub(r"[^A-Za-z0-9_]+", "-", ascii_title).strip("-_")[:MAX_STEM].rstrip("-_")
    if not stem or stem.lower() in _RESERVED:
        stem = f"summary-{stem}" if stem else "summary"
    return f"{stem}.{extension.lstrip('.')}"


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def _study_desk_own_file(path: Path) -> str | None:
    """Why ``path`` must never be written by an export: it is in Study Desk's data folder
    (the library, its -wal/-shm, the lock file, moved-aside copies) or among the backups."""
    from desktop.platform import paths

    paths.set_application_identity()
    data = paths.data_dir()
    folder = path.parent if str(path.parent) else Path(".")
    for own, what in ((data, "data folder"), (data / "backups", "backups folder")):
        if _same_folder(folder, own):
            return (
                f"Cannot write {path}: that is Study Desk's own {what}, which holds your "
                "library and its backups; choose another folder."
            )
    return None


def check_output_path(path: Path, *, force: bool) -> None:
    own = _study_desk_own_file(path)
    if own is not None:  # with or without --force
        raise OutputRefused(own)
    if path.is_dir():
        raise OutputRefused(f"{path} is a folder; give a file name to write the summary to.")
    folder = path.parent
    if not folder.is_dir():
        raise OutputRefused(f"Cannot write {path}: the folder {folder} does not exist.")
    if path.exists() and not force:
        raise OutputRefused(f"{path} already exists; use --force to replace it.")
    if not os.access(folder, os.W_OK):
        raise OutputRefused(f"Cannot write {path}: the folder {folder} is not writable.")


def _new_temporary(path: Path) -> Path:
    """An empty new file beside ``path``, with the permissions of any new file the user makes
    (0666 less the umask), as the export will have: not mkstemp's owner-only 0600."""
    for _attempt in range(100):
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(handle)
        return temporary
    raise OutputRefused(f"Cannot write {path}: no temporary name is free in {path.parent}.")


def with_extension(path: Path, extension: str) -> Path:
    """``path`` ending in ``.extension``: added when missing, and put in place of another
    export's extension (a PDF is never written under a .md name, nor Markdown under .pdf)."""
    wanted = "." + extension.lstrip(".").lower()
    suffix = path.suffix.lower()
    if suffix == wanted:
        return path
    if suffix in EXPORT_EXTENSIONS:
        return path.with_suffix(wanted)
    return path.with_name(path.name + wanted)


EXPORT_EXTENSIONS = {".pdf", ".md", ".markdown", ".txt", ".html", ".htm"}
_NOT_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def printable_file_stem(title: str) -> str:
    """The title as people read it, without the characters a file name must not hold
    ('?', ':', '/', …): what a print-to-file suggests."""
    stem = " ".join(_NOT_IN_FILE_NAMES.sub(" ", title).split()).strip(" .")[:MAX_STEM]
    return stem.strip(" .") or "summary"


def write_atomically(path: Path, write: Callable[[Path], None], *, force: bool) -> None:
    """``write(temporary)`` fills a temporary file beside ``path``, which then replaces
    ``path`` in one step: a failure or a kill leaves no partial file under that name."""
    check_output_path(path, force=force)
    temporary = _new_temporary(path)
    try:
        write(temporary)
        if not force and path.exists():
            raise OutputRefused(f"{path} already exists; use --force to replace it.")
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputRefused(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    finally:
        temporary.unlink(missing_ok=True)
