"""The `.studydesk` file: one study set with the student's work, as a zip (Qt-free).

    manifest.json    {"format": "studydesk-set", "format_version": 1, "app_version",
                      "sha256", "title", "exported_at", "source_name", "encoding"}
    source.txt       the study set's text exactly as stored (UTF-8)
    notes.json       [{"body", "anchor": {"kind", "answer", "paragraph", "start", "end",
                      "quote"}, "tags", "colour", "created_at", "updated_at", "deleted_at"}]
    highlights.json  [{"answer", "paragraph", "start", "end", "quote", "colour", "created_at"}]
    events.json      [{"origin", "status", "title", "start", "end", "precision", "category",
                      "description", "created_at"}]
    draft.json       {"body", "updated_at"} or null
    set.json         {"display_title", "tags", "courses"}
    links.json       [{"left": {"answer", "paragraph", "start", "end", "quote"}, "right": {…},
                      "status", "stance", "note", "created_at", "updated_at"}]  (Compare
                      links; files made before it was added have no links.json and still
                      import, and Study Desks made before it skip it as an unknown member)

Places are positions: "answer" is the answer's 1-based position, "paragraph" its ¶ number;
offsets count characters (code points) of the paragraph's text. Times are UTC, ISO 8601
with a "Z".

Reading never trusts the archive: member names that are paths ("../x", "/etc/x", "C:x",
backslashes) or repeated, more than MAX_MEMBERS members, encrypted members, and more than
MAX_TOTAL_BYTES of uncompressed data (counted while reading in chunks, whatever sizes the
archive declares) are refused, as are a wrong format or version and broken or ill-typed JSON.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO

from db.compare_records import STANCES, STATUSES
from db.set_file_records import (
    SetWork,
    WorkEvent,
    WorkHighlight,
    WorkLink,
    WorkLinkEnd,
    WorkNote,
)

FORMAT_NAME = "studydesk-set"
FORMAT_VERSION = 1
EXTENSION = ".studydesk"

MANIFEST = "manifest.json"
SOURCE = "source.txt"
NOTES = "notes.json"
HIGHLIGHTS = "highlights.json"
EVENTS = "events.json"
DRAFT = "draft.json"
SET_INFO = "set.json"
LINKS = "links.json"
KNOWN_MEMBERS = (MANIFEST, SOURCE, NOTES, HIGHLIGHTS, EVENTS, DRAFT, SET_INFO, LINKS)

MAX_MEMBERS = 32
MAX_TOTAL_BYTES = 50 * 1024 * 1024  # uncompressed, all members together
MAX_FILE_BYTES = 50 * 1024 * 1024  # the archive itself
CHUNK_BYTES = 64 * 1024

ANCHOR_KINDS = ("study_set", "question", "answer", "passage", "range")
EVENT_ORIGINS = ("user", "found")
EVENT_STATUSES = ("shown", "dismissed")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DRIVE = re.compile(r"^[A-Za-z]:")


class SetFileError(ValueError):
    """The file is not a `.studydesk` file this version can read; str(error) says why."""


@dataclass(frozen=True)
class Manifest:
    sha256: str
    title: str
    exported_at: datetime  # naive UTC
    app_version: str
    source_name: str = ""
    encoding: str = "UTF-8"
    format_version: int = FORMAT_VERSION


@dataclass(frozen=True)
class SetFileContents:
    manifest: Manifest
    source: str
    work: SetWork


# --- times -------------------------------------------------------------------------------


def time_text(value: datetime) -> str:
    """Naive UTC (or aware) -> '2026-11-28T15:44:00.123456Z'."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds") + "Z"


def _parse_time(value: object, where: str) -> datetime:
    if not isinstance(value, str):
        raise SetFileError(f"{where} must be a time (text such as 2026-11-28T15:44:00Z)")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise SetFileError(f"{where} is not a time: {value[:40]!r}") from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


# --- building ----------------------------------------------------------------------------


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")


def build_members(contents: SetFileContents) -> dict[str, bytes]:
    """The archive's members, name -> bytes."""
    manifest = contents.manifest
    work = contents.work
    return {
        MANIFEST: _json(
            {
                "format": FORMAT_NAME,
                "format_version": FORMAT_VERSION,
                "app_version": manifest.app_version,
                "sha256": manifest.sha256,
                "title": manifest.title,
                "exported_at": time_text(manifest.exported_at),
                "source_name": manifest.source_name,
                "encoding": manifest.encoding,
            }
        ),
        SOURCE: contents.source.encode("utf-8"),
        NOTES: _json(
            [
                {
                    "body": note.body,
                    "anchor": {
                        "kind": note.anchor_kind,
                        "answer": note.answer_position,
                        "paragraph": note.passage_number,
                        "start": note.start,
                        "end": note.end,
                        "quote": note.quote,
                    },
                    "tags": list(note.tags),
                    "colour": note.colour,
                    "created_at": time_text(note.created_at),
                    "updated_at": time_text(note.updated_at),
                    "deleted_at": None if note.deleted_at is None else time_text(note.deleted_at),
                }
                for note in work.notes
            ]
        ),
        HIGHLIGHTS: _json(
            [
                {
                    "answer": item.answer_position,
                    "paragraph": item.passage_number,
                    "start": item.start,
                    "end": item.end,
                    "quote": item.quote,
                    "colour": item.colour,
                    "created_at": time_text(item.created_at),
                }
                for item in work.highlights
            ]
        ),
        EVENTS: _json(
            [
                {
                    "origin": event.origin,
                    "status": event.status,
                    "title": event.title,
                    "start": event.start,
                    "end": event.end,
                    "precision": event.precision,
                    "category": event.category,
                    "description": event.description,
                    "created_at": time_text(event.created_at),
                }
                for event in work.events
            ]
        ),
        DRAFT: _json(
            None
            if work.draft is None
            else {
                "body": work.draft,
                "updated_at": None
                if work.draft_updated_at is None
                else time_text(work.draft_updated_at),
            }
        ),
        SET_INFO: _json(
            {
                "display_title": work.display_title,
                "tags": list(work.tags),
                "courses": list(work.courses),
            }
        ),
        LINKS: _json(
            [
                {
                    "left": _link_end_json(link.left),
                    "right": _link_end_json(link.right),
                    "status": link.status,
                    "stance": link.stance,
                    "note": link.note,
                    "created_at": time_text(link.created_at),
                    "updated_at": time_text(link.updated_at),
                }
                for link in work.links
            ]
        ),
    }


def _link_end_json(end: WorkLinkEnd) -> dict[str, object]:
    return {
        "answer": end.answer_position,
        "paragraph": end.passage_number,
        "start": end.start,
        "end": end.end,
        "quote": end.quote,
    }


def write_set_file(target: IO[bytes], contents: SetFileContents) -> None:
    """Write the zip to an open binary file."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in build_members(contents).items():
            archive.writestr(name, data)


# --- reading -----------------------------------------------------------------------------


def unsafe_member_name(name: str) -> bool:
    """A name that, extracted, would land outside the folder or is not a plain name."""
    if not name or "\x00" in name or "\\" in name or name.startswith("/") or _DRIVE.match(name):
        return True
    return any(part in ("..", ".", "") for part in name.split("/"))


def read_members(source: IO[bytes]) -> dict[str, bytes]:
    """The known members of the archive, read within the limits (see the module's doc)."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise SetFileError(f"it is not a zip archive ({exc})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise SetFileError(
                f"it has {len(infos)} members; a study-set file has at most {MAX_MEMBERS}"
            )
        seen: set[str] = set()
        for info in infos:
            if unsafe_member_name(info.filename):
                raise SetFileError(
                    f"it holds a member named {info.filename[:80]!r}, which is a path outside "
                    "the archive (absolute, or with '..'); such files are never read"
                )
            if info.filename in seen:
                raise SetFileError(f"it holds the member {info.filename!r} twice")
            seen.add(info.filename)
        members: dict[str, bytes] = {}
        total = 0
        for info in infos:
            if info.filename not in KNOWN_MEMBERS:
                continue  # a later version's extra; never read
            if info.flag_bits & 0x1:
                raise SetFileError(f"its member {info.filename} is encrypted")
            buffer = io.BytesIO()
            try:
                with archive.open(info) as member:
                    while chunk := member.read(CHUNK_BYTES):
                        total += len(chunk)
                        if total > MAX_TOTAL_BYTES:
                            raise SetFileError(
                                "it unpacks to more than "
                                f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB (a zip bomb?); "
                                "a study set with its work is far smaller"
                            )
                        buffer.write(chunk)
            except SetFileError:
                raise
            except (
                zipfile.BadZipFile,
                NotImplementedError,
                RuntimeError,
                OSError,
                EOFError,
            ) as exc:
                raise SetFileError(f"its member {info.filename} cannot be read ({exc})") from None
            except Exception as exc:  # zlib.error and other decompressor failures
                raise SetFileError(f"its member {info.filename} cannot be read ({exc})") from None
            members[info.filename] = buffer.getvalue()
    return members


def _load_json(members: Mapping[str, bytes], name: str, default: object) -> object:
    data = members.get(name)
    if data is None:
        return default
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise SetFileError(f"{name} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise SetFileError(
            f"{name} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise SetFileError(f"{name} is not valid JSON ({exc})") from None


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")


def _text(value: object, where: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise SetFileError(f"{where} must be text")
    return value


def _req_text(value: object, where: str) -> str:
    result = _text(value, where)
    assert result is not None
    return result


def _int(value: object, where: str, *, optional: bool = False, least: int = 0) -> int | None:
    if value is None and optional:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < least:
        raise SetFileError(f"{where} must be a whole number of at least {least}")
    return value


def _req_int(value: object, where: str, least: int = 0) -> int:
    result = _int(value, where, least=least)
    assert result is not None
    return result


def _object(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise SetFileError(f"{where} must be a JSON object")
    return value


def _list(value: object, where: str) -> list[object]:
    if not isinstance(value, list):
        raise SetFileError(f"{where} must be a JSON list")
    return value


def _names(value: object, where: str) -> tuple[str, ...]:
    return tuple(_req_text(item, f"{where} item") for item in _list(value, where))


def _colour(value: object, where: str, *, optional: bool) -> str | None:
    colour = _text(value, where, optional=optional)
    if colour is not None and len(colour) > 16:
        raise SetFileError(f"{where} is not a colour name")
    return colour


def parse_manifest(value: object) -> Manifest:
    manifest = _object(value, MANIFEST)
    if manifest.get("format") != FORMAT_NAME:
        raise SetFileError(f"{MANIFEST} does not name the format {FORMAT_NAME!r}")
    version = manifest.get("format_version")
    if type(version) is not int or version != FORMAT_VERSION:
        newer = type(version) is int and version > FORMAT_VERSION
        hint = " (it was made by a newer Study Desk)" if newer else ""
        raise SetFileError(
            f"it is in format version {json.dumps(version)[:20]}, and this Study Desk reads "
            f"version {FORMAT_VERSION}{hint}"
        )
    sha256 = _req_text(manifest.get("sha256"), f"{MANIFEST} sha256")
    if not _SHA256.fullmatch(sha256):
        raise SetFileError(f"{MANIFEST} sha256 is not a SHA-256 in hexadecimal")
    return Manifest(
        sha256=sha256,
        title=_req_text(manifest.get("title"), f"{MANIFEST} title"),
        exported_at=_parse_time(manifest.get("exported_at"), f"{MANIFEST} exported_at"),
        app_version=_req_text(manifest.get("app_version"), f"{MANIFEST} app_version"),
        source_name=_text(manifest.get("source_name", ""), f"{MANIFEST} source_name") or "",
        encoding=_text(manifest.get("encoding", "UTF-8"), f"{MANIFEST} encoding") or "UTF-8",
    )


def parse_note(value: object, where: str) -> WorkNote:
    item = _object(value, where)
    anchor = _object(item.get("anchor"), f"{where} anchor")
    kind = anchor.get("kind")
    if kind not in ANCHOR_KINDS:
        raise SetFileError(f"{where} anchor kind must be one of {', '.join(ANCHOR_KINDS)}")
    assert isinstance(kind, str)
    answer = _int(anchor.get("answer"), f"{where} anchor answer", optional=True, least=1)
    paragraph = _int(anchor.get("paragraph"), f"{where} anchor paragraph", optional=True, least=1)
    start = _int(anchor.get("start"), f"{where} anchor start", optional=True)
    end = _int(anchor.get("end"), f"{where} anchor end", optional=True)
    quote = _text(anchor.get("quote"), f"{where} anchor quote", optional=True)
    if kind in ("answer", "passage", "range") and answer is None:
        raise SetFileError(f"{where}: a note on an answer needs the answer's position")
    if kind in ("passage", "range") and paragraph is None:
        raise SetFileError(f"{where}: a note on a paragraph needs its number")
    if kind == "range" and (start is None or end is None or quote is None or start > end):
        raise SetFileError(f"{where}: a note on a text range needs start ≤ end and a quote")
    if kind in ("study_set", "question"):
        answer = paragraph = None
    if kind == "answer":
        paragraph = None
    if kind != "range":
        start = end = None
        quote = None
    deleted = item.get("deleted_at")
    return WorkNote(
        anchor_kind=kind,
        answer_position=answer,
        passage_number=paragraph,
        start=start,
        end=end,
        quote=quote,
        body=_req_text(item.get("body"), f"{where} body"),
        tags=_names(item.get("tags", []), f"{where} tags"),
        colour=_colour(item.get("colour"), f"{where} colour", optional=True),
        created_at=_parse_time(item.get("created_at"), f"{where} created_at"),
        updated_at=_parse_time(item.get("updated_at"), f"{where} updated_at"),
        deleted_at=None if deleted is None else _parse_time(deleted, f"{where} deleted_at"),
    )


def parse_highlight(value: object, where: str) -> WorkHighlight:
    item = _object(value, where)
    start = _req_int(item.get("start"), f"{where} start")
    end = _req_int(item.get("end"), f"{where} end")
    if start >= end:
        raise SetFileError(f"{where}: start must come before end")
    colour = _colour(item.get("colour"), f"{where} colour", optional=False)
    assert colour is not None
    return WorkHighlight(
        answer_position=_req_int(item.get("answer"), f"{where} answer", 1),
        passage_number=_req_int(item.get("paragraph"), f"{where} paragraph", 1),
        start=start,
        end=end,
        quote=_req_text(item.get("quote"), f"{where} quote"),
        colour=colour,
        created_at=_parse_time(item.get("created_at"), f"{where} created_at"),
    )


def parse_event(value: object, where: str) -> WorkEvent:
    item = _object(value, where)
    origin = item.get("origin")
    status = item.get("status", "shown")
    if origin not in EVENT_ORIGINS:
        raise SetFileError(f"{where} origin must be one of {', '.join(EVENT_ORIGINS)}")
    if status not in EVENT_STATUSES:
        raise SetFileError(f"{where} status must be one of {', '.join(EVENT_STATUSES)}")
    assert isinstance(origin, str) and isinstance(status, str)
    start = _req_text(item.get("start"), f"{where} start")
    end = _text(item.get("end"), f"{where} end", optional=True)
    precision = _req_text(item.get("precision"), f"{where} precision")
    category = _req_text(item.get("category"), f"{where} category")
    if len(start) > 10 or (end is not None and len(end) > 10):
        raise SetFileError(f"{where}: a date is at most 10 characters (1917-11-07)")
    if len(precision) > 8 or len(category) > 16:
        raise SetFileError(f"{where}: precision or category too long")
    return WorkEvent(
        origin=origin,
        status=status,
        title=_req_text(item.get("title"), f"{where} title"),
        start=start,
        end=end,
        precision=precision,
        category=category,
        description=_req_text(item.get("description", ""), f"{where} description"),
        created_at=_parse_time(item.get("created_at"), f"{where} created_at"),
    )


def _parse_link_end(value: object, where: str) -> WorkLinkEnd:
    item = _object(value, where)
    start = _req_int(item.get("start"), f"{where} start")
    end = _req_int(item.get("end"), f"{where} end")
    if start >= end:
        raise SetFileError(f"{where}: start must come before end")
    return WorkLinkEnd(
        answer_position=_req_int(item.get("answer"), f"{where} answer", 1),
        passage_number=_req_int(item.get("paragraph"), f"{where} paragraph", 1),
        start=start,
        end=end,
        quote=_req_text(item.get("quote"), f"{where} quote"),
    )


def parse_link(value: object, where: str) -> WorkLink:
    item = _object(value, where)
    status = item.get("status")
    stance = item.get("stance")
    if status not in STATUSES:
        raise SetFileError(f"{where} status must be one of {', '.join(STATUSES)}")
    if stance is not None and stance not in STANCES:
        raise SetFileError(f"{where} stance must be one of {', '.join(STANCES)} or null")
    assert isinstance(status, str) and (stance is None or isinstance(stance, str))
    left = _parse_link_end(item.get("left"), f"{where} left")
    right = _parse_link_end(item.get("right"), f"{where} right")
    if left.answer_position == right.answer_position:
        raise SetFileError(f"{where}: a link joins two different answers")
    return WorkLink(
        left=left,
        right=right,
        status=status,
        stance=stance,
        note=_req_text(item.get("note", ""), f"{where} note"),
        created_at=_parse_time(item.get("created_at"), f"{where} created_at"),
        updated_at=_parse_time(item.get("updated_at"), f"{where} updated_at"),
    )


def parse_members(members: Mapping[str, bytes]) -> SetFileContents:
    """Check and read the members; the source's SHA-256 is checked by the caller, which
    parses it as a study set."""
    if MANIFEST not in members:
        raise SetFileError(f"it has no {MANIFEST}, so it is not a study-set file")
    manifest = parse_manifest(_load_json(members, MANIFEST, None))
    if SOURCE not in members:
        raise SetFileError(f"it has no {SOURCE} (the study set's text)")
    try:
        source = members[SOURCE].decode("utf-8")
    except UnicodeDecodeError:
        raise SetFileError(f"{SOURCE} is not UTF-8 text") from None
    notes = tuple(
        parse_note(item, f"{NOTES} note {number}")
        for number, item in enumerate(_list(_load_json(members, NOTES, []), NOTES), start=1)
    )
    highlights = tuple(
        parse_highlight(item, f"{HIGHLIGHTS} highlight {number}")
        for number, item in enumerate(
            _list(_load_json(members, HIGHLIGHTS, []), HIGHLIGHTS), start=1
        )
    )
    events = tuple(
        parse_event(item, f"{EVENTS} event {number}")
        for number, item in enumerate(_list(_load_json(members, EVENTS, []), EVENTS), start=1)
    )
    draft_value = _load_json(members, DRAFT, None)
    draft: str | None = None
    draft_time: datetime | None = None
    if draft_value is not None:
        draft_item = _object(draft_value, DRAFT)
        draft = _req_text(draft_item.get("body"), f"{DRAFT} body")
        updated = draft_item.get("updated_at")
        draft_time = None if updated is None else _parse_time(updated, f"{DRAFT} updated_at")
    info = _object(_load_json(members, SET_INFO, {}), SET_INFO)
    links = tuple(
        parse_link(item, f"{LINKS} link {number}")
        for number, item in enumerate(_list(_load_json(members, LINKS, []), LINKS), start=1)
    )
    work = SetWork(
        links=links,
        notes=notes,
        highlights=highlights,
        events=events,
        draft=draft,
        draft_updated_at=draft_time,
        display_title=_text(info.get("display_title"), f"{SET_INFO} display_title", optional=True),
        tags=_names(info.get("tags", []), f"{SET_INFO} tags"),
        courses=_names(info.get("courses", []), f"{SET_INFO} courses"),
    )
    return SetFileContents(manifest, source, work)


def read_set_file(source: IO[bytes]) -> SetFileContents:
    return parse_members(read_members(source))


# --- re-anchoring ------------------------------------------------------------------------


def reanchor(text: str, start: int, end: int, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text``: at start..end if it still is, else its occurrence
    nearest to ``start``; None when the paragraph no longer holds it."""
    if not quote:
        return None
    if text[start:end] == quote:
        return start, end
    found: list[int] = []
    position = text.find(quote)
    while position >= 0:
        found.append(position)
        position = text.find(quote, position + 1)
    if not found:
        return None
    best = min(found, key=lambda at: (abs(at - start), at))
    return best, best + len(quote)
