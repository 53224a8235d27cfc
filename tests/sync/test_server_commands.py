"""The administrator's commands, run as a person runs them: status reports the schema and
the classes; add-user refuses to touch an administrator's role and reads the password from
standard input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.server.admin import add_class, add_user
from db.server.connect import ServerRefused, parse_server_url
from tests.sync.conftest import Server

ROOT = Path(__file__).resolve().parents[2]


def _server_command(args: list[str], tmp_path: Path, stdin: str = "") -> tuple[int, str]:
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "server", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    return result.returncode, result.stdout + result.stderr


def test_add_user_then_status(tmp_path: Path, server: Server) -> None:
    admin = server.admin_url
    address, password = parse_server_url(admin)
    add_class(address, password, "LIT 300")
    with pytest.raises(ServerRefused, match="administrator's role"):
        add_user(address, password, "postgres", "a long password", False, None)
    code, output = _server_command(
        ["add-user", "lit_student", "--student", "--class", "LIT 300", "--server", admin],
        tmp_path,
        "a long password\n",
    )
    assert code == 0, output
    code, output = _server_command(["status", "--server", admin], tmp_path)
    assert code == 0, output
    assert "schema version: 0001" in output
    assert "class LIT 300: teacher -, 1 students" in output
