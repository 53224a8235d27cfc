"""The administrator's commands, run as a person runs them: status reports the schema and
the classes; add-user refuses to touch an administrator's role and reads the password from
standard input."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.server.admin import add_class, add_user
from db.server.connect import ServerRefused, parse_server_url
from tests.sync.conftest import Server
from tests.sync.devices import run_cli


def test_add_user_then_status(tmp_path: Path, server: Server) -> None:
    admin = server.admin_url
    address, password = parse_server_url(admin)
    add_class(address, password, "LIT 300")
    with pytest.raises(ServerRefused, match="administrator's role"):
        add_user(address, password, "postgres", "a long password", False, None)
    add = ["server", "add-user", "lit_student", "--student", "--class", "LIT 300"]
    code, output = run_cli([*add, "--server", admin], tmp_path, stdin="a long password\n")
    assert code == 0, output
    code, output = run_cli(["server", "status", "--server", admin], tmp_path)
    assert code == 0, output
    assert "schema version: 0002" in output  # 0002: compare_links
    assert "class LIT 300: teacher -, 1 students" in output
