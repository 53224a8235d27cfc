"""A throwaway PostgreSQL cluster for the sync tests and benchmarks.

initdb + pg_ctl from /usr/lib/postgresql/*/bin (Debian's layout; PATH as a fallback), in a
temporary folder, listening on a free loopback port only (no Unix socket), SCRAM passwords.
initdb refuses to run as root, so as root the cluster runs as the unprivileged ``nobody``.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

ADMIN = "postgres"
ADMIN_PASSWORD = "admin-secret"


class ClusterUnavailable(RuntimeError):
    pass


def find_bin_dir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    for candidate in reversed(candidates):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise ClusterUnavailable(
        "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin): "
        "sh packaging/system-deps.sh --test installs it"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """One cluster: ``start()``, ``stop()``, ``restart()``; ``url(user, password, db)``."""

    def __init__(self) -> None:
        self.bin = find_bin_dir()
        self.folder = Path(tempfile.mkdtemp(prefix="studydesk-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = free_port()
        self._as_root = os.geteuid() == 0
        # nobody's own group: "nogroup" on Debian, "nobody" elsewhere.
        self._group = pwd.getpwnam("nobody").pw_gid if self._as_root else None
        if self._as_root:
            os.chown(self.folder, pwd.getpwnam("nobody").pw_uid, self._group or 0)
        pwfile = self.folder / "pw"
        pwfile.write_text(ADMIN_PASSWORD + "\n")
        if self._as_root:
            os.chown(pwfile, pwd.getpwnam("nobody").pw_uid, self._group or 0)
        self._run(
            "initdb", "-D", str(self.data), "-U", ADMIN, "--auth=scram-sha-256",
            f"--pwfile={pwfile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        pwfile.unlink()
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
                "unix_socket_directories = ''\nmax_connections = 300\n"
                # A test cluster: durability is not what is tested (a restart is clean).
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "shared_buffers = 64MB\n"
            )

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self._as_root:
            command = ["runuser", "-u", "nobody", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            raise ClusterUnavailable(f"{tool} failed: {result.stdout}{result.stderr}")

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "fast", "stop")

    def restart(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-m", "fast",
                  "restart")  # fmt: skip

    def url(self, user: str = ADMIN, password: str | None = ADMIN_PASSWORD,
            database: str = "postgres") -> str:  # fmt: skip
        secret = f":{quote(password, safe='')}" if password is not None else ""
        return f"postgresql://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
