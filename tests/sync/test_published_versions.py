"""A teacher publishes a study set, a student highlights it, the teacher publishes an edited
text: the student's next sync moves the work to the new version — highlights re-anchored
by offset and quote, the one whose words are gone kept as a note and reported — and the
old text goes to the trash."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from db.notes import create_highlight
from db.server.admin import add_class
from db.server.connect import parse_server_url
from desktop.services.library import Library
from desktop.services.sync_publish import publish_to_class
from tests.sync.conftest import PASSWORD, Server
from tests.sync.devices import Device

HEAD = (
    "Why did the Soviet Union collectivise farming?\n"
    "Expert Answers\n"
    "teacherly eNotes educator| Certified Educator\n"
)
V1 = HEAD + "Grain procurement had failed in 1927.\n\nThe state wanted control over the land."
V2 = (
    HEAD + "Grain procurement collapsed in 1927.\n\n"
    "After 1928 the state wanted control over the land."
)


def publish_text(teacher: Device, tmp_path: Path, text: str, class_name: str) -> None:
    source = tmp_path / "collectivisation.txt"
    source.write_text(text, encoding="utf-8")
    library = Library(teacher.path)
    set_id = library.import_file(source).outcome.study_set_id
    library.close()
    publish_to_class(teacher.path, teacher.server_url, PASSWORD, set_id, class_name)


def _paragraph(device: Device, number: int) -> tuple[int, str]:
    with sqlite3.connect(device.path) as connection:
        row = connection.execute(
            "SELECT p.id, p.text FROM passages p JOIN answers a ON a.id = p.answer_id "
            "JOIN study_sets s ON s.id = a.study_set_id "
            "WHERE s.title LIKE 'Why did the Soviet%' AND s.deleted_at IS NULL AND p.number = ?",
            (number,),
        ).fetchone()
    return int(row[0]), str(row[1])


def _highlight(device: Device, number: int, quote: str) -> None:
    passage_id, text = _paragraph(device, number)
    start = text.index(quote)
    end = start + len(quote)
    device.write(lambda s: create_highlight(s, passage_id, start, end, quote, "blue"))


def test_new_version_reanchors_highlights_and_reports_the_rest(
    tmp_path: Path, server: Server, make_user: Callable[..., str]
) -> None:
    address, password = parse_server_url(server.admin_url)
    add_class(address, password, "HIST 230")
    teacher_url = server.url(make_user("vteach", True, "HIST 230"))
    student_url = server.url(make_user("vpupil", False, "HIST 230"))
    teacher = Device(tmp_path / "teacher", teacher_url, PASSWORD)
    student = Device(tmp_path / "pupil", student_url, PASSWORD)
    publish_text(teacher, tmp_path, V1, "HIST 230")
    assert student.sync().imported_sets == 1
    _highlight(student, 1, "had failed")
    _highlight(student, 2, "control over the land")
    student.sync()

    publish_text(teacher, tmp_path, V2, "HIST 230")
    report = student.sync()
    assert report.new_versions == 1
    assert len(report.not_placed) == 1 and "had failed" in report.not_placed[0]
    assert "could not be placed" in report.summary()

    with sqlite3.connect(student.path) as connection:
        sets = connection.execute(
            "SELECT raw_text, deleted_at IS NOT NULL FROM study_sets "
            "WHERE title LIKE 'Why did the Soviet%' ORDER BY id"
        ).fetchall()
        assert sets == [(V1, 1), (V2, 0)]  # the old text in the trash, the new one shown
        highlights = connection.execute(
            "SELECT p.number, h.start_offset, h.quote FROM highlights h "
            "JOIN passages p ON p.id = h.passage_id JOIN answers a ON a.id = p.answer_id "
            "JOIN study_sets s ON s.id = a.study_set_id WHERE s.raw_text = ?",
            (V2,),
        ).fetchall()
        notes = connection.execute(
            "SELECT n.body FROM notes n JOIN study_sets s ON s.id = n.study_set_id "
            "WHERE s.raw_text = ? AND n.deleted_at IS NULL",
            (V2,),
        ).fetchall()
        courses = connection.execute(
            "SELECT c.name FROM study_set_courses sc JOIN courses c ON c.id = sc.course_id "
            "JOIN study_sets s ON s.id = sc.study_set_id WHERE s.raw_text = ?",
            (V2,),
        ).fetchall()
    moved = "After 1928 the state wanted control over the land.".index("control")
    assert highlights == [(2, moved, "control over the land")]
    [(body,)] = notes
    assert "could not be placed again" in body and "> had failed" in body
    assert courses == [("HIST 230",)]

    # Only once: the next sync finds no earlier version left to carry.
    again = student.sync()
    assert again.new_versions == 0
