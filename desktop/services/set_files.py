"""`.studydesk` files: one study set with the student's work, written and read back.

Importing adds what is missing and overwrites nothing. The set is found by the SHA-256 of
its text (and imported from the file's source.txt when absent); a note already there (same
place, text and creation time), a highlight already there (same paragraph and range), an
event already there (same origin, title and dates) and a Compare link already there (the
same two sentences) are recognised, not repeated. Highlights and both sentences of a link
are re-anchored by offset and quote; one whose quote is no longer in its paragraph is kept
as a note saying so (a link: its two quotes, stance and note). A note on a paragraph or
answer the set does not have is kept on the question, its text saying where it was. A
draft different from the one in the library is kept as a note on the question, never
written over it. All of it is one transaction: a
refused file changes nothing.
"""

from __future__ import annotations

import os
import stat as stat_module
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from db.set_file_records import (
    SetWork,
    WorkEvent,
    WorkHighlight,
    WorkLink,
    WorkLinkEnd,
    WorkNote,
)
from desktop import __version__
from desktop.content.set_file import (
    EXTENSION,
    MAX_FILE_BYTES,
    Manifest,
    SetFileContents,
    SetFileError,
    read_set_file,
    reanchor,
    write_set_file,
)
from desktop.content.studyset import ParsedStudySet, StudySetFormatError, parse_study_set_text
from desktop.content.visible import show_invisible
from desktop.services.library import ImportRefused, Library

if TYPE_CHECKING:
    pass


class ExportRefused(Exception):
    """The set cannot be written to that file; str(error) is the message for the user."""


@dataclass
class SetFileReport:
    """What importing a `.studydesk` file did."""

    path: Path
    study_set_id: int
    title: str
    set_added: bool  # the study set itself was new to this library
    added: dict[str, int] = field(default_factory=dict)  # "notes": 3, …
    already_there: dict[str, int] = field(default_factory=dict)
    kept_as_notes: list[str] = field(default_factory=list)  # one line each, with its reason
    kept_local: list[str] = field(default_factory=list)  # the library's version was kept

    def count(self, table: dict[str, int], what: str, amount: int = 1) -> None:
        table[what] = table.get(what, 0) + amount

    def lines(self) -> list[str]:
        def listing(table: dict[str, int]) -> str:
            return ", ".join(counted(n, what) for what, n in table.items() if n) or "nothing"

        head = "Imported" if self.set_added else "Already in your library:"
        lines = [f"{head} {self.title}"]
        lines.append(f"  added: {listing(self.added)}")
        lines.append(f"  already there: {listing(self.already_there)}")
        lines.extend(f"  kept as a note: {line}" for line in self.kept_as_notes)
        lines.extend(f"  kept yours: {line}" for line in self.kept_local)
        return lines


def counted(n: int, what: str) -> str:
    """ "1 note", "2 notes": ``what`` is the plural ("notes", "compare links", "draft")."""
    return f"{n} {what[:-1] if n == 1 and what.endswith('s') else what}"


# --- export ------------------------------------------------------------------------------


def export_studydesk(
    library: Library, study_set_id: int, out_path: Path, *, overwrite: bool = True
) -> Path:
    """Write the set and the student's work to ``out_path`` through a temporary file renamed
    into place (a failure never leaves half a file). The caller checks the path is allowed
    (see desktop.summary.files.check_output_path)."""
    from db.set_file_data import gather_work, set_source

    source = set_source(library.reader, study_set_id)
    if source is None:
        raise ExportRefused(f"There is no study set {study_set_id} in your library.")
    record = library.load_study_set(study_set_id)
    contents = SetFileContents(
        manifest=Manifest(
            sha256=source.sha256,
            title=source.title,
            exported_at=datetime.now(UTC).replace(tzinfo=None),
            app_version=__version__,
            source_name=record.source_name if record else "",
            encoding=record.encoding if record else "UTF-8",
        ),
        source=source.raw_text,
        work=gather_work(library.reader, study_set_id),
    )
    temporary = out_path.with_name(f".{out_path.name}.{os.getpid()}.part")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with open(fd, "wb") as handle:
            write_set_file(handle, contents)
            handle.flush()
            os.fsync(handle.fileno())
        if not overwrite and out_path.exists():
            raise ExportRefused(f"{out_path} already exists; use --force to replace it.")
        os.replace(temporary, out_path)
    except OSError as exc:
        raise ExportRefused(f"Cannot write {out_path}: {exc.strerror or exc}.") from exc
    finally:
        temporary.unlink(missing_ok=True)
    return out_path


# --- import ------------------------------------------------------------------------------


def _read(path: Path) -> SetFileContents:
    """Open only a regular file, of at most MAX_FILE_BYTES, and read it as a set file."""
    name = show_invisible(path.name)
    try:
        status = os.stat(path)
        if not stat_module.S_ISREG(status.st_mode):
            raise ImportRefused(f"{name} is not a study-set file: it is not a regular file.")
        if status.st_size > MAX_FILE_BYTES:
            raise ImportRefused(
                f"{name} is not a study-set file: it is larger than "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MB."
            )
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        with open(descriptor, "rb") as handle:
            if not stat_module.S_ISREG(os.fstat(descriptor).st_mode):
                raise ImportRefused(f"{name} is not a study-set file: not a regular file.")
            return read_set_file(handle)
    except FileNotFoundError:
        raise ImportRefused(f"{show_invisible(str(path))} does not exist.") from None
    except SetFileError as exc:
        raise ImportRefused(f"{name} cannot be imported: {exc}.") from None
    except OSError as exc:
        raise ImportRefused(
            f"Cannot read {show_invisible(str(path))}: {exc.strerror or exc}."
        ) from exc


def _place_name(parsed: ParsedStudySet, answer: int | None, paragraph: int | None) -> str:
    if answer is None:
        return "the question"
    handle = (
        parsed.answers[answer - 1].handle if answer <= len(parsed.answers) else f"answer {answer}"
    )
    return f"{handle} ¶{paragraph}" if paragraph is not None else f"{handle}'s answer"


def _paragraph(parsed: ParsedStudySet, answer: int | None, paragraph: int | None) -> str | None:
    if answer is None or paragraph is None or not 1 <= answer <= len(parsed.answers):
        return None
    passages = parsed.answers[answer - 1].passages
    return passages[paragraph - 1] if 1 <= paragraph <= len(passages) else None


def _note_key(note: WorkNote) -> tuple[object, ...]:
    return (
        note.anchor_kind,
        note.answer_position,
        note.passage_number,
        note.start,
        note.end,
        note.quote,
        note.body,
        note.created_at,
    )


def _on_question(note: WorkNote, body: str) -> WorkNote:
    return replace(
        note,
        anchor_kind="question",
        answer_position=None,
        passage_number=None,
        start=None,
        end=None,
        quote=None,
        body=body,
    )


def _place_note(parsed: ParsedStudySet, note: WorkNote) -> tuple[WorkNote, str | None]:
    """The note where it can go in this set, and why it moved (None: it did not)."""
    if note.anchor_kind in ("study_set", "question"):
        return note, None
    where = _place_name(parsed, note.answer_position, note.passage_number)
    answer_ok = note.answer_position is not None and note.answer_position <= len(parsed.answers)
    text = _paragraph(parsed, note.answer_position, note.passage_number)
    if not answer_ok or (note.anchor_kind in ("passage", "range") and text is None):
        reason = f"it was on {where}, which this study set does not have"
        body = f"{note.body}\n\n(Imported note: {reason}; kept here on the question.)"
        return _on_question(note, body), reason
    if note.anchor_kind == "range":
        assert text is not None and note.start is not None and note.end is not None
        found = reanchor(text, note.start, note.end, note.quote or "")
        if found is None:
            reason = f"its quote is no longer in {where}"
            moved = replace(note, anchor_kind="passage", start=None, end=None, quote=None)
            body = f"{note.body}\n\n(Imported note: {reason}: “{note.quote}”.)"
            return replace(moved, body=body), reason
        if found != (note.start, note.end):
            return replace(note, start=found[0], end=found[1]), None
    return note, None


def _highlight_as_note(parsed: ParsedStudySet, item: WorkHighlight) -> tuple[WorkNote, str]:
    where = _place_name(parsed, item.answer_position, item.passage_number)
    paragraph_there = _paragraph(parsed, item.answer_position, item.passage_number) is not None
    reason = (
        f"the highlighted text is no longer in {where}"
        if paragraph_there
        else f"it was on {where}, which this study set does not have"
    )
    body = f"A highlight that could not be placed again ({reason}):\n\n> {item.quote}"
    place = (item.answer_position, item.passage_number) if paragraph_there else None
    note = _kept_note(body, item.created_at, item.created_at, place)
    return note, f"highlight “{_short(item.quote)}” on {where}: {reason}"


def _kept_note(
    body: str,
    created_at: datetime,
    updated_at: datetime,
    place: tuple[int, int] | None = None,
) -> WorkNote:
    """A note keeping what could not be placed again: on its paragraph (answer position, ¶)
    when the set still has it, else on the question."""
    return WorkNote(
        anchor_kind="passage" if place else "question",
        answer_position=place[0] if place else None,
        passage_number=place[1] if place else None,
        start=None,
        end=None,
        quote=None,
        body=body,
        tags=(),
        colour=None,
        created_at=created_at,
        updated_at=updated_at,
        deleted_at=None,
    )


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _link_key(link: WorkLink) -> tuple[int, ...]:
    """The two sentences, as the database's unique constraint names them."""
    ends = (link.left, link.right)
    return tuple(v for end in ends for v in (end.answer_position, end.passage_number, end.start))


def _place_link(parsed: ParsedStudySet, link: WorkLink) -> tuple[WorkLink | None, str | None]:
    """The link with both sentences re-anchored by quote, or None and why it cannot go."""
    placed: list[WorkLinkEnd] = []
    for end in (link.left, link.right):
        where = _place_name(parsed, end.answer_position, end.passage_number)
        text = _paragraph(parsed, end.answer_position, end.passage_number)
        if text is None:
            return None, f"it was on {where}, which this study set does not have"
        found = reanchor(text, end.start, end.end, end.quote)
        if found is None:
            return None, f"the linked sentence is no longer in {where}"
        placed.append(replace(end, start=found[0], end=found[1]))
    return replace(link, left=placed[0], right=placed[1]), None


def _link_name(parsed: ParsedStudySet, link: WorkLink) -> str:
    left = _place_name(parsed, link.left.answer_position, link.left.passage_number)
    right = _place_name(parsed, link.right.answer_position, link.right.passage_number)
    return f"{left} ↔ {right}"


def _link_as_note(parsed: ParsedStudySet, link: WorkLink, reason: str) -> WorkNote:
    """A link that cannot be placed, kept on the question with both quotes."""
    left = _place_name(parsed, link.left.answer_position, link.left.passage_number)
    right = _place_name(parsed, link.right.answer_position, link.right.passage_number)
    decided = link.status if link.stance is None else f"{link.status}, {link.stance}"
    body = (
        f"A Compare link that could not be placed again ({reason}), {decided}:\n\n"
        f"> {left}: {link.left.quote}\n\n> {right}: {link.right.quote}"
    )
    if link.note:
        body += f"\n\n{link.note}"
    return _kept_note(body, link.created_at, link.updated_at)


def _plan(
    parsed: ParsedStudySet, contents: SetFileContents, existing: SetWork, report: SetFileReport
) -> SetWork:
    """What to add to the set: only what it does not have yet."""
    work = contents.work
    have_notes = {_note_key(note) for note in existing.notes}
    new_notes: list[WorkNote] = []

    def add_note(note: WorkNote) -> bool:
        key = _note_key(note)
        if key in have_notes:
            report.count(report.already_there, "notes")
            return False
        have_notes.add(key)
        new_notes.append(note)
        report.count(report.added, "notes")
        return True

    for note in work.notes:
        placed, reason = _place_note(parsed, note)
        if add_note(placed) and reason is not None:
            report.kept_as_notes.append(f"note “{_short(note.body)}”: {reason}")

    have_highlights = {
        (h.answer_position, h.passage_number, h.start, h.end, h.quote) for h in existing.highlights
    }
    new_highlights: list[WorkHighlight] = []
    for item in work.highlights:
        text = _paragraph(parsed, item.answer_position, item.passage_number)
        found = None if text is None else reanchor(text, item.start, item.end, item.quote)
        if found is None:
            as_note, line = _highlight_as_note(parsed, item)
            if add_note(as_note):
                report.kept_as_notes.append(line)
            continue
        placed_highlight = replace(item, start=found[0], end=found[1])
        key = (
            placed_highlight.answer_position,
            placed_highlight.passage_number,
            placed_highlight.start,
            placed_highlight.end,
            placed_highlight.quote,
        )
        if key in have_highlights:
            report.count(report.already_there, "highlights")
            continue
        have_highlights.add(key)
        new_highlights.append(placed_highlight)
        report.count(report.added, "highlights")

    have_events = {(e.origin, e.title, e.start, e.end) for e in existing.events}
    new_events: list[WorkEvent] = []
    for event in work.events:
        event_key = (event.origin, event.title, event.start, event.end)
        if event_key in have_events:
            report.count(report.already_there, "events")
            continue
        have_events.add(event_key)
        new_events.append(event)
        report.count(report.added, "events")

    draft: str | None = None
    if work.draft:
        if not existing.draft:
            draft = work.draft
            report.count(report.added, "draft")
        elif existing.draft == work.draft:
            report.count(report.already_there, "draft")
        else:
            when = contents.manifest.exported_at
            note = WorkNote(
                anchor_kind="question",
                answer_position=None,
                passage_number=None,
                start=None,
                end=None,
                quote=None,
                body=f"My answer, as it was in a file exported {when:%Y-%m-%d %H:%M} UTC:\n\n"
                f"{work.draft}",
                tags=(),
                colour=None,
                created_at=work.draft_updated_at or when,
                updated_at=work.draft_updated_at or when,
                deleted_at=None,
            )
            if add_note(note):
                report.kept_as_notes.append(
                    "your answer in the file differs from the one in your library"
                )

    new_links: list[WorkLink] = []
    have_links = {_link_key(link) for link in existing.links}
    for link in work.links:
        placed_link, reason = _place_link(parsed, link)
        if placed_link is None:
            assert reason is not None
            as_note = _link_as_note(parsed, link, reason)
            if add_note(as_note):
                report.kept_as_notes.append(f"compare link {_link_name(parsed, link)}: {reason}")
            continue
        if _link_key(placed_link) in have_links:
            report.count(report.already_there, "compare links")
            continue
        have_links.add(_link_key(placed_link))
        new_links.append(placed_link)
        report.count(report.added, "compare links")

    have_tags = {name.casefold() for name in existing.tags}
    tags = tuple(name for name in work.tags if name.casefold() not in have_tags)
    report.count(report.added, "set tags", len(tags))
    report.count(report.already_there, "set tags", len(work.tags) - len(tags))
    have_courses = {name.casefold() for name in existing.courses}
    courses = tuple(name for name in work.courses if name.casefold() not in have_courses)
    report.count(report.added, "courses", len(courses))
    report.count(report.already_there, "courses", len(work.courses) - len(courses))

    display_title: str | None = None
    if work.display_title:
        if not existing.display_title:
            display_title = work.display_title
            report.count(report.added, "title")
        elif existing.display_title != work.display_title:
            report.kept_local.append(
                f"the title {existing.display_title!r} (the file calls it {work.display_title!r})"
            )
    return SetWork(
        links=tuple(new_links),
        notes=tuple(new_notes),
        highlights=tuple(new_highlights),
        events=tuple(new_events),
        draft=draft,
        draft_updated_at=work.draft_updated_at if draft is not None else None,
        display_title=display_title,
        tags=tags,
        courses=courses,
    )


def import_studydesk(library: Library, path: Path) -> SetFileReport:
    """Add the set in ``path`` and the work in it to the library (see the module's doc).
    A file that cannot be read raises ImportRefused, and the library is left unchanged."""
    from db.set_file_data import add_work, gather_work
    from db.studysets import NewAnswer, NewStudySet, import_study_set

    contents = _read(path)
    name = show_invisible(path.name)
    manifest = contents.manifest
    try:
        parsed = parse_study_set_text(
            contents.source, manifest.source_name or path.name, manifest.encoding
        )
    except StudySetFormatError as exc:
        raise ImportRefused(f"{name} cannot be imported: its source.txt: {exc}") from None
    if parsed.sha256 != manifest.sha256:
        raise ImportRefused(
            f"{name} cannot be imported: its source.txt does not match the SHA-256 in its "
            "manifest (the file was changed or damaged)."
        )
    found = library.find_study_set_id(parsed.sha256)
    existing = SetWork() if found is None else gather_work(library.reader, found)
    report = SetFileReport(path, found or 0, parsed.title, set_added=found is None)
    plan = _plan(parsed, contents, existing, report)
    work = plan  # the file's records are the database's (db.set_file_data)
    library.check_files_before_writing()
    with library.database().session() as session:
        if found is None:
            outcome = import_study_set(
                session,
                NewStudySet(
                    sha256=parsed.sha256,
                    title=parsed.title,
                    question=parsed.question,
                    source_name=parsed.source_name,
                    encoding=parsed.encoding,
                    raw_text=parsed.text,
                    answers=[NewAnswer(a.handle, a.credential, a.passages) for a in parsed.answers],
                ),
            )
            report.study_set_id = outcome.study_set_id
        add_work(session, report.study_set_id, work)
    if report.study_set_id and found is not None:
        report.title = existing.display_title or parsed.title
    return report


def studydesk_name(path: Path) -> Path:
    """``path`` ending in .studydesk (added when missing)."""
    return path if path.suffix.lower() == EXTENSION else path.with_name(path.name + EXTENSION)


def carry_work(library: Library, old_set_id: int, new_set_id: int) -> SetFileReport:
    """Add the work on one version of a study set to a newer version of it (a teacher
    published an edited text), exactly as importing a `.studydesk` file of the old version
    would: highlights and range notes re-anchored by offset and quote, what cannot be placed
    kept as a note (``kept_as_notes`` says which), nothing already there repeated — so a
    second device carrying the same work finds it there."""
    from db.set_file_data import add_work, gather_work, set_source

    source = set_source(library.reader, new_set_id)
    if source is None:
        raise ImportRefused("the new version of the study set is not in the library")
    parsed = parse_study_set_text(source.raw_text, source.title)
    now = datetime.now(UTC).replace(tzinfo=None)
    old = gather_work(library.reader, old_set_id)
    manifest = Manifest(source.sha256, source.title, now, __version__)
    contents = SetFileContents(manifest, source.raw_text, old)
    existing = gather_work(library.reader, new_set_id)
    report = SetFileReport(Path(), new_set_id, parsed.title, set_added=False)
    work = _plan(parsed, contents, existing, report)
    library.check_files_before_writing()
    with library.database().session() as session:
        add_work(session, new_set_id, work)
    return report
