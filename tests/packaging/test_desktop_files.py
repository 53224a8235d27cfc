"""The desktop entry and AppStream metainfo pass their validators."""

import subprocess
from pathlib import Path

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def test_desktop_entry_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(PACKAGING / "io.github.studydesk.StudyDesk.desktop")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""


def test_appstream_metainfo_validates() -> None:
    result = subprocess.run(
        [
            "appstreamcli",
            "validate",
            "--no-net",
            str(PACKAGING / "io.github.studydesk.StudyDesk.metainfo.xml"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation was successful" in result.stdout


def test_the_desktop_id_is_the_one_the_app_sets() -> None:
    from desktop import DESKTOP_FILE_ID

    assert (PACKAGING / f"{DESKTOP_FILE_ID}.desktop").is_file()
    assert (
        f"<id>{DESKTOP_FILE_ID}</id>" in (PACKAGING / f"{DESKTOP_FILE_ID}.metainfo.xml").read_text()
    )
