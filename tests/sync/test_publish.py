"""A teacher publishes a study set to a class from the command line; a student of that class
gets it at the next sync, in the library under the class's name; a student of another
class does not."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from db.server.admin import add_class
from db.server.connect import parse_server_url
from desktop.services.library import Library
from tests.sync.conftest import PASSWORD, Server
from tests.sync.devices import Device, run_cli

NEW_SET = (
    "Why did the Soviet Union collectivise agriculture?\n"
    "Expert Answers\n"
    "teacherly eNotes educator| Certified Educator\n"
    "Grain procurement had failed in 1927.\n\n"
    "The state wanted control over the countryside."
)


def _courses_of(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return list(
            connection.execute(
                "SELECT s.title, c.name FROM study_set_courses sc "
                "JOIN study_sets s ON s.id = sc.study_set_id JOIN courses c ON c.id = sc.course_id"
            )
        )


def test_teacher_publishes_and_only_the_class_receives(
    tmp_path: Path, server: Server, make_user: Callable[..., str]
) -> None:
    address, password = parse_server_url(server.admin_url)
    add_class(address, password, "HIST 210")
    add_class(address, password, "GEO 110")
    teacher = make_user("teach", teacher=True, class_name="HIST 210")
    student = make_user("pupil", class_name="HIST 210")
    outsider = make_user("outsider", class_name="GEO 110")

    data = tmp_path / "teacher"
    teacher_device = Device(data / "studydesk", server.url(teacher), PASSWORD)
    set_file = tmp_path / "collectivisation.txt"
    set_file.write_text(NEW_SET, encoding="utf-8")
    library = Library(teacher_device.path)
    library.import_file(set_file)
    library.close()
    url = f"postgresql://{teacher}@127.0.0.1:{server.cluster.port}/studydesk"
    code, output = run_cli(
        ["publish", "--set", "collectivise", "--class", "HIST 210", "--server", url],
        data,
        {"PGPASSWORD": PASSWORD},
    )
    assert code == 0, output
    assert "Published" in output

    pupil = Device(tmp_path / "pupil", server.url(student), PASSWORD)
    report = pupil.sync()
    assert report.imported_sets == 1
    assert _courses_of(pupil.path) == [(NEW_SET.splitlines()[0], "HIST 210")]

    other = Device(tmp_path / "outsider", server.url(outsider), PASSWORD)
    assert other.sync().imported_sets == 0
    assert _courses_of(other.path) == []
    # (A student publishing is refused by the engine: tests/sync/test_security.py.)
