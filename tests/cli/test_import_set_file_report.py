"""`studydesk import FILE.studydesk` prints the file's whole report under its line: what was
added, what was already there, and each piece of work kept as a note with its reason."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from db import notes as note_writes
from db.records import NoteAnchor
from desktop.services.library import Library
from desktop.services.set_files import export_studydesk
from tests.cli.test_export_set import studydesk
from tests.study_files import SEED_QUESTION
from tests.unit.test_set_file import _rewrite


def some_work(library: Library) -> int:
    """The embedded set with notes, two highlights and a draft."""
    set_id = library.ensure_embedded_study_set()
    record = library.load_study_set(set_id)
    assert record is not None
    first, second = record.answers[0].passages[0], record.answers[1].passages[1]
    with library.database().session() as session:
        note_writes.create_note(session, set_id, NoteAnchor("question"), "On the *question*")
        note_writes.create_note(
            session, set_id, NoteAnchor("answer", record.answers[1].id), "whole answer"
        )
        note_writes.create_highlight(session, first.id, 0, 5, first.text[:5], "pink")
        note_writes.create_highlight(session, second.id, 10, 40, second.text[10:40], "green")
        note_writes.save_draft(session, set_id, "My *own* answer")
    return set_id


def exported_with_trouble(tmp_path: Path) -> Path:
    """A .studydesk file of a set with work, where one highlight's quote is nowhere in its
    paragraph and one note is on a paragraph the set does not have."""
    library = Library(tmp_path / "elsewhere" / "studydesk.sqlite3")
    try:
        out = export_studydesk(library, some_work(library), tmp_path / "mine.studydesk")
    finally:
        library.close()
    with zipfile.ZipFile(out) as archive:
        highlights = json.loads(archive.read("highlights.json"))
        notes = json.loads(archive.read("notes.json"))
    highlights[1]["quote"] = "words that are\nnowhere in it"  # a line break stays one line
    notes[0]["anchor"].update(kind="passage", answer=2, paragraph=99)
    changes = {"highlights.json": highlights, "notes.json": notes}
    return _rewrite(out, tmp_path / "troubled.studydesk", changes)


def test_the_whole_report_is_printed_indented_under_the_file(
    database_file: Path, tmp_path: Path
) -> None:
    path = exported_with_trouble(tmp_path)
    done = studydesk("import", path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    added = "3 notes, 1 highlight, 1 draft, 2 kept as notes"  # the 2 kept are 2 of the notes
    assert lines[0].startswith(f"{path}: imported — {SEED_QUESTION} (added: {added}")
    report = lines[1 : lines.index(next(line for line in lines if line.startswith("Total:")))]
    assert report, done.stdout
    assert all(line.startswith("    ") for line in report), report
    # What was added is said once, on the file's line; under it what was already there.
    assert report[0] == "    already there: nothing"
    kept = [line for line in report if line.startswith("    kept as a note: ")]
    assert len(kept) == 2, report
    assert any("¶99" in line for line in kept)
    assert any("no longer in" in line for line in kept)
    assert lines[-1] == "Total: 1 file: 1 imported, 0 already in your library, 0 refused."

    # The same file again: nothing new, and the report says what was already there.
    again = studydesk("import", path)
    assert again.returncode == 0, again.stderr
    lines = again.stdout.splitlines()
    assert lines[0].startswith(f"{path}: already in your library — ")
    assert lines[1] == "    added: nothing"
    assert lines[2].startswith("    already there: ") and "notes" in lines[2]
