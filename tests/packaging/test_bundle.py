"""The frozen bundle from `make dist`, started as a user starts it (`make test-dist`)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from db.reads import SCHEMA_HEAD
from tests.study_files import SEED_QUESTION
from tests.xserver import RunningApp, app_env, press_keys, screenshot, xvfb

pytestmark = pytest.mark.dist

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "studydesk"
FROZEN = BUNDLE / "studydesk"


@pytest.fixture(autouse=True)
def bundle_built() -> None:
    assert FROZEN.is_file(), "run `make dist` first (`make test-dist` does)"


def frozen(*args: str | Path, program: Path = FROZEN) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [str(program), *map(str, args)], capture_output=True, text=True, env=env, timeout=120
    )


def test_version_check_and_fts5_from_the_bundle() -> None:
    assert frozen("--version").stdout.strip() == "studydesk 0.1.0"
    imported = frozen(
        "import", BUNDLE / "_internal" / "resources" / "content" / "000_70d4868b37754f02.txt"
    )
    assert imported.returncode == 0, imported.stderr  # Alembic created the schema in the bundle
    check = frozen("check")
    assert check.returncode == 0, check.stdout
    assert "full-text search (FTS5) available" in check.stdout
    assert f"Schema: version {SCHEMA_HEAD}" in check.stdout


def test_summary_pdf_from_the_bundle(tmp_path: Path) -> None:
    out = tmp_path / "summary.pdf"
    result = frozen("summary", "--pdf", out)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert SEED_QUESTION in " ".join(text.split())
    assert "October Revolution" in text


def run_window(program: Path, user_folders: dict[str, Path], shot: Path) -> None:
    with xvfb() as display:
        env = app_env(display, user_folders["data"], user_folders["config"])
        with RunningApp([], env, program=[str(program)]) as app:
            app.wait_for("ready", timeout=60)
            screenshot(display, shot, "Study Desk")
            press_keys(display, "Study Desk", "ctrl+q")
            assert app.wait_exit() == 0, app.stderr_lines


def test_the_bundle_opens_its_window_and_quits_cleanly(
    user_folders: dict[str, Path], database_file: Path, tmp_path: Path
) -> None:
    shot = tmp_path / "frozen.png"
    run_window(FROZEN, user_folders, shot)
    image = QImage(str(shot))
    assert image.width() > 600 and image.height() > 400
    with sqlite3.connect(database_file) as plain:
        assert plain.execute("SELECT title FROM study_sets").fetchone()[0] == SEED_QUESTION


def installed_files(prefix: Path) -> list[Path]:
    return sorted(p for p in prefix.rglob("*") if p.is_file() or p.is_symlink())


def test_install_for_the_user_then_uninstall_leaves_nothing_but_the_notes(
    user_folders: dict[str, Path], tmp_path: Path
) -> None:
    prefix = tmp_path / "home" / ".local"
    env = dict(os.environ, PREFIX=str(prefix))
    subprocess.run(
        ["sh", str(BUNDLE / "share" / "install.sh")],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    command = prefix / "bin" / "studydesk"
    desktop_entry = prefix / "share" / "applications" / "io.github.studydesk.StudyDesk.desktop"
    assert desktop_entry.is_file()
    assert (
        prefix
        / "share"
        / "icons"
        / "hicolor"
        / "256x256"
        / "apps"
        / "io.github.studydesk.StudyDesk.png"
    ).is_file()
    assert frozen("--version", program=command).stdout.strip() == "studydesk 0.1.0"
    run_window(command, user_folders, tmp_path / "installed.png")
    notes = user_folders["data"] / "studydesk" / "studydesk.sqlite3"
    assert notes.is_file()

    subprocess.run(
        ["sh", str(prefix / "lib" / "studydesk" / "share" / "uninstall.sh")],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert not prefix.exists() or installed_files(prefix) == []
    assert notes.is_file()  # the student's library is never removed


def test_the_deb_installs_to_opt_with_a_command_and_menu_entry() -> None:
    debs = sorted((ROOT / "dist").glob("studydesk_*_amd64.deb"))
    assert debs, "make dist builds the .deb"
    listing = subprocess.run(
        ["dpkg-deb", "--contents", str(debs[-1])], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./opt/studydesk/studydesk",
        "./usr/bin/studydesk -> /opt/studydesk/studydesk",
        "./usr/share/applications/io.github.studydesk.StudyDesk.desktop",
        "./usr/share/metainfo/io.github.studydesk.StudyDesk.metainfo.xml",
        "./usr/share/icons/hicolor/48x48/apps/io.github.studydesk.StudyDesk.png",
    ):
        assert path in listing, path


def test_sync_commands_from_the_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    """psycopg with its own libpq (psycopg_binary), the server's Alembic migrations and
    SQLAlchemy's psycopg dialect are in the bundle: server init, add-user and a sync work
    against a real PostgreSQL, and a server that is not there gets the one-line reason."""
    import psycopg

    from tests.sync.pg_cluster import Cluster, free_port

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    assert "--server" in frozen("sync", "--help").stdout
    monkeypatch.setenv("PGPASSWORD", "any")
    down = frozen("sync", "--server", f"postgresql://ann@127.0.0.1:{free_port()}/studydesk")
    assert down.returncode == 2, down.stdout + down.stderr
    assert "cannot be reached" in down.stderr and "Traceback" not in down.stderr

    cluster = Cluster()
    cluster.start()
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as connection:
            connection.execute("CREATE DATABASE studydesk")
        admin = cluster.url(database="studydesk")
        assert frozen("server", "init", admin).returncode == 0
        added = subprocess.run(
            [str(FROZEN), "server", "add-user", "ann", "--student", "--server", admin],
            input="a long password\n", capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        monkeypatch.setenv("PGPASSWORD", "a long password")
        synced = frozen("sync", "--server", f"postgresql://ann@127.0.0.1:{cluster.port}/studydesk")
        assert synced.returncode == 0, synced.stderr
        assert synced.stdout.startswith("Synced with postgresql://ann@")
    finally:
        try:
            cluster.stop()
        finally:
            cluster.remove()
