"""`.studydesk` files: a round trip of the student's work, and bad files refused with the
library unchanged."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from db.compare_records import LinkFields, SentenceAnchor
from db.records import EventFields, NoteAnchor, StudySetRecord
from db.set_file_data import gather_work
from desktop.content import set_file
from desktop.content.alignment_sentences import answer_sentences
from desktop.services.library import ImportRefused, Library
from desktop.services.set_files import export_studydesk, import_studydesk
from tests.study_files import SEED_QUESTION


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    opened = Library(tmp_path / "first" / "studydesk.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Library]:
    opened = Library(tmp_path / "second" / "studydesk.sqlite3")
    yield opened
    opened.close()


def make_work(library: Library) -> int:
    from db import events, notes
    from db import library as organise

    set_id = library.ensure_embedded_study_set()
    record = library.load_study_set(set_id)
    assert record is not None
    answer = record.answers[1]
    passage = answer.passages[1]
    quote = passage.text[10:40]
    with library.database().session() as session:
        notes.create_note(session, set_id, NoteAnchor("question"), "On the *question*", "blue")
        notes.create_note(
            session,
            set_id,
            NoteAnchor("range", answer.id, passage.id, 10, 40, quote),
            "> quoted\n\nmine",
            tags=["war", "Stalin"],
        )
        notes.create_note(session, set_id, NoteAnchor("answer", answer.id), "whole answer")
        trashed = notes.create_note(
            session, set_id, NoteAnchor("passage", answer.id, passage.id), "in the trash"
        )
        notes.trash_note(session, trashed)
        notes.create_highlight(session, passage.id, 10, 40, quote, "green")
        first = record.answers[0].passages[0]
        notes.create_highlight(session, first.id, 0, 5, first.text[:5], "pink")
        notes.save_draft(session, set_id, "My *own* answer")
        events.create_event(
            session, set_id, EventFields("My event", "1922-04", None, "month", "politics", "d")
        )
        organise.set_display_title(session, set_id, "Stalin's aims")
        organise.set_study_set_tags(session, set_id, ["exam"])
        organise.add_to_course(session, [set_id], "HIST 201::Unit 3")
        _make_links(session, set_id, record)
    return set_id


def _make_links(session: Session, set_id: int, record: StudySetRecord) -> None:
    """The student's Compare decisions: a confirmed link marked *disagree* with a note, a
    suggestion broken, and a link made by hand; each sentence a real one of the seed."""
    from db import compare

    def anchor(answer: int, paragraph: int, sentence: int) -> SentenceAnchor:
        found = record.answers[answer]
        text = found.passages[paragraph - 1].text
        ref = answer_sentences([text])[sentence]
        return SentenceAnchor(found.id, paragraph, ref.start, ref.end, ref.text)

    decisions = [
        ((0, 3, 0), (1, 2, 0), LinkFields("confirmed", "disagree", "gpane disputes *this*")),
        ((0, 2, 0), (1, 3, 0), LinkFields("broken")),
        ((0, 1, 0), (1, 1, 0), LinkFields("manual", "different focus")),
    ]
    for left, right, fields in decisions:
        compare.create_link(session, set_id, anchor(*left), anchor(*right), fields)


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as plain:
        return list(plain.iterdump())


def test_round_trip_to_a_fresh_library(library: Library, other: Library, tmp_path: Path) -> None:
    set_id = make_work(library)
    out = export_studydesk(library, set_id, tmp_path / "stalin.studydesk")
    with zipfile.ZipFile(out) as archive:
        assert set(archive.namelist()) >= {"manifest.json", "source.txt", "notes.json"}
        manifest = json.loads(archive.read("manifest.json"))
        source = archive.read("source.txt").decode("utf-8")
    assert manifest["format"] == "studydesk-set" and manifest["format_version"] == 1
    stored = (
        sqlite3.connect(library.path)
        .execute("SELECT raw_text, sha256 FROM study_sets WHERE id = ?", (set_id,))
        .fetchone()
    )
    assert (source, manifest["sha256"]) == stored

    report = import_studydesk(other, out)
    assert report.set_added
    assert report.added["notes"] == 4 and report.added["highlights"] == 2
    assert report.added["events"] == 1 and report.added["draft"] == 1
    assert report.added["compare links"] == 3
    assert report.kept_as_notes == []
    mine = gather_work(library.reader, set_id)
    theirs = gather_work(other.reader, report.study_set_id)
    # every note, highlight, event, the draft, tags, courses, title and Compare link
    assert theirs == mine
    assert {(link.status, link.stance) for link in theirs.links} == {
        ("confirmed", "disagree"),
        ("broken", None),
        ("manual", "different focus"),
    }
    assert {n.body for n in theirs.notes if n.deleted_at} == {"in the trash"}

    # Again: everything is recognised, nothing doubled, nothing overwritten.
    before = dump(other.path)
    again = import_studydesk(other, out)
    assert not again.set_added and sum(again.added.values()) == 0
    assert again.already_there["notes"] == 4 and again.already_there["highlights"] == 2
    assert again.already_there["compare links"] == 3
    assert dump(other.path) == before


def test_a_file_without_links_still_imports(
    library: Library, other: Library, tmp_path: Path
) -> None:
    """Files written before Compare links travelled have no links.json."""
    set_id = make_work(library)
    out = export_studydesk(library, set_id, tmp_path / "a.studydesk")
    older = _rewrite(out, tmp_path / "older.studydesk", {"links.json": None})
    report = import_studydesk(other, older)
    assert report.added["notes"] == 4 and "compare links" not in report.added
    assert gather_work(other.reader, report.study_set_id).links == ()


def test_import_adds_only_what_is_missing(library: Library, tmp_path: Path) -> None:
    set_id = make_work(library)
    out = export_studydesk(library, set_id, tmp_path / "a.studydesk")
    from db import notes

    with library.database().session() as session:
        notes.save_draft(session, set_id, "I changed my answer since")
        notes.create_note(session, set_id, NoteAnchor("question"), "a newer note")
    report = import_studydesk(library, out)
    assert report.added.get("notes") == 1  # the file's draft, kept as a note
    assert "differs" in report.kept_as_notes[0]
    work = gather_work(library.reader, set_id)
    assert work.draft == "I changed my answer since"
    assert any(n.body.endswith("My *own* answer") for n in work.notes)


def _rewrite(path: Path, out: Path, change: dict[str, object]) -> Path:
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    for name, value in change.items():
        if value is None:
            members.pop(name, None)
        else:
            members[name] = value if isinstance(value, bytes) else json.dumps(value).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out


def test_reanchoring_and_missing_paragraphs(
    library: Library, other: Library, tmp_path: Path
) -> None:
    set_id = make_work(library)
    out = export_studydesk(library, set_id, tmp_path / "a.studydesk")
    with zipfile.ZipFile(out) as archive:
        highlights = json.loads(archive.read("highlights.json"))
        notes = json.loads(archive.read("notes.json"))
        links = json.loads(archive.read("links.json"))
    moved, lost = highlights
    moved["start"] += 3  # the quote is still in the paragraph, elsewhere
    moved["end"] += 3
    lost["quote"] = "words that are nowhere in it"
    notes[0]["anchor"].update(kind="passage", answer=2, paragraph=99)
    links[0]["left"]["start"] += 2  # offsets off: found again by its quote
    links[0]["left"]["end"] += 2
    links[1]["right"]["quote"] = "a sentence nobody wrote"
    changed = _rewrite(
        out,
        tmp_path / "b.studydesk",
        {"highlights.json": highlights, "notes.json": notes, "links.json": links},
    )
    report = import_studydesk(other, changed)
    assert report.added["highlights"] == 1
    assert report.added["compare links"] == 2
    assert len(report.kept_as_notes) == 3
    assert any(
        line.startswith("compare link") and "no longer in" in line for line in report.kept_as_notes
    )
    placed = gather_work(other.reader, report.study_set_id).links
    assert placed[0] == gather_work(library.reader, set_id).links[0]
    assert any("¶99" in line and "does not have" in line for line in report.kept_as_notes)
    assert any("no longer in" in line for line in report.kept_as_notes)
    work = gather_work(other.reader, report.study_set_id)
    original = gather_work(library.reader, set_id)
    assert {(h.start, h.end, h.quote) for h in work.highlights} <= {
        (h.start, h.end, h.quote) for h in original.highlights
    }
    on_question = [n for n in work.notes if "¶99" in n.body]
    assert on_question and on_question[0].anchor_kind == "question"
    # Importing the same changed file again recognises the moved notes too.
    before = dump(other.path)
    import_studydesk(other, changed)
    assert dump(other.path) == before


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return path


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("dotdot", "path outside"),
        ("absolute", "path outside"),
        ("bomb", "zip bomb"),
        ("version", "format version 2"),
        ("broken json", "not valid JSON"),
        ("wrong type", "must be text"),
        ("too many", "members"),
        ("not a zip", "not a zip"),
        ("sha mismatch", "does not match"),
        ("no manifest", "no manifest.json"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(
    library: Library, tmp_path: Path, case: str, expected: str
) -> None:
    set_id = make_work(library)
    good = export_studydesk(library, set_id, tmp_path / "good.studydesk")
    with zipfile.ZipFile(good) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    bad = tmp_path / "bad.studydesk"
    if case == "dotdot":
        _zip(bad, {**members, "../evil.txt": b"x"})
    elif case == "absolute":
        _zip(bad, {**members, "/etc/evil": b"x"})
    elif case == "bomb":
        _zip(bad, {**members, "notes.json": b" " * (set_file.MAX_TOTAL_BYTES + 10)})
    elif case == "version":
        manifest = json.loads(members["manifest.json"])
        manifest["format_version"] = 2
        _zip(bad, {**members, "manifest.json": json.dumps(manifest).encode()})
    elif case == "broken json":
        _zip(bad, {**members, "notes.json": members["notes.json"][:-5]})
    elif case == "wrong type":
        notes = json.loads(members["notes.json"])
        notes[0]["body"] = 5
        _zip(bad, {**members, "notes.json": json.dumps(notes).encode()})
    elif case == "too many":
        extra = {f"extra-{n}.txt": b"" for n in range(set_file.MAX_MEMBERS)}
        _zip(bad, {**members, **extra})
    elif case == "not a zip":
        bad.write_bytes(b"PK\x03\x04 not really")
    elif case == "sha mismatch":
        _zip(bad, {**members, "source.txt": members["source.txt"] + b" extra"})
    elif case == "no manifest":
        _zip(bad, {k: v for k, v in members.items() if k != "manifest.json"})
    before = dump(library.path)
    with pytest.raises(ImportRefused) as refused:
        import_studydesk(library, bad)
    assert expected in str(refused.value)
    assert "\n" not in str(refused.value)
    assert dump(library.path) == before


def test_declared_sizes_are_not_trusted() -> None:
    """A member whose header claims a small size is still counted as it is read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes.json", b"[" + b" " * (set_file.MAX_TOTAL_BYTES + 1) + b"]")
    data = bytearray(buffer.getvalue())
    # Patch the central directory's uncompressed size down to 10 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    local = data.find(b"PK\x03\x04")
    data[local + 22 : local + 26] = (10).to_bytes(4, "little")
    with pytest.raises(set_file.SetFileError):
        set_file.read_members(io.BytesIO(bytes(data)))


def test_member_names() -> None:
    unsafe = ["../x", "a/../../x", "/abs", "C:/x", "a\\b", "", "a//b", "./x"]
    assert all(set_file.unsafe_member_name(name) for name in unsafe)
    assert not set_file.unsafe_member_name("notes.json")


def test_reanchor() -> None:
    text = "one two three two"
    assert set_file.reanchor(text, 4, 7, "two") == (4, 7)
    assert set_file.reanchor(text, 12, 15, "two") == (14, 17)
    assert set_file.reanchor(text, 0, 3, "four") is None


def test_seed_title_in_manifest(library: Library, tmp_path: Path) -> None:
    set_id = library.ensure_embedded_study_set()
    out = export_studydesk(library, set_id, tmp_path / "s.studydesk")
    with zipfile.ZipFile(out) as archive:
        assert json.loads(archive.read("manifest.json"))["title"] == SEED_QUESTION


def test_a_new_version_of_the_text_gets_the_compare_links_too(library: Library) -> None:
    """A teacher published an edited text (sync): the student's Compare decisions move to it
    with their notes and highlights (carry_work, as a sync runs it)."""
    from desktop.content.studyset import parse_study_set_text
    from desktop.services.set_files import carry_work

    old_id = make_work(library)
    raw = (
        sqlite3.connect(library.path)
        .execute("SELECT raw_text FROM study_sets WHERE id = ?", (old_id,))
        .fetchone()[0]
    )
    edited = raw.replace(SEED_QUESTION, SEED_QUESTION + " (revised)", 1)
    assert edited != raw
    new_id = library.import_parsed(parse_study_set_text(edited, "edited")).outcome.study_set_id

    report = carry_work(library, old_id, new_id)
    assert report.added["compare links"] == 3 and report.kept_as_notes == []
    moved = gather_work(library.reader, new_id)
    assert {(link.status, link.stance, link.note) for link in moved.links} == {
        ("confirmed", "disagree", "gpane disputes *this*"),
        ("broken", None, ""),
        ("manual", "different focus", ""),
    }
