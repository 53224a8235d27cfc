"""Two starts on one library: the second hands its file to the first and exits; a lock left
by a killed Study Desk does not stop the next start. The hand-over channel is the running
instance's own: other users cannot reach it, and a hostile or broken sender (huge, slow,
over the limit, many at once) is dropped without ever holding up the window."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, QTimer
from pytestqt.qtbot import QtBot

from desktop.app import _is_read_only
from desktop.platform.single_instance import (
    MAX_MESSAGE_BYTES,
    MAX_PENDING,
    RAISE,
    InstanceLock,
    LockState,
)
from tests.mounts import read_only_folder, tmpfs
from tests.study_files import ACCEPTED_VARIANTS, write_variant
from tests.xserver import RunningApp, app_env, press_keys, xvfb


@pytest.fixture(autouse=True)
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private XDG_RUNTIME_DIR per test (short: a socket path has ~100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="sd-run-"))  # mode 0700
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def data_dir(user_folders: dict[str, Path]) -> Path:
    return user_folders["data"] / "studydesk"


@pytest.fixture
def running(data_dir: Path) -> Iterator[tuple[InstanceLock, list[str]]]:
    """This process as the running instance: holds the lock and listens."""
    lock = InstanceLock(data_dir)
    assert lock.acquire() is LockState.ACQUIRED
    received: list[str] = []
    assert lock.listen(received.append), lock.problem
    yield lock, received
    lock.release()


class Ticks:
    """A 10 ms timer in the running instance's event loop, counting how often it fired."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self) -> None:
        self.count += 1


class Client:
    """A raw client in a subprocess; each line it prints is kept with the tick count at
    which the running instance's event loop read it."""

    def __init__(self, script: str, ticks: Ticks, *args: str) -> None:
        self.ticks = ticks
        self.lines: list[tuple[str, int]] = []
        self.process = QProcess()
        self.process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        self.process.readyReadStandardOutput.connect(self._read)
        self.process.start(sys.executable, ["-c", script, *args])

    def _read(self) -> None:
        while self.process.canReadLine():
            line = bytes(self.process.readLine().data()).decode().strip()
            self.lines.append((line, self.ticks.count))

    def said(self, word: str) -> bool:
        return any(line.startswith(word) for line, _tick in self.lines)

    def line(self, word: str) -> tuple[str, int]:
        return next(entry for entry in self.lines if entry[0].startswith(word))

    def finish(self, qtbot: QtBot) -> None:
        qtbot.waitUntil(
            lambda: self.process.state() == QProcess.ProcessState.NotRunning, timeout=30_000
        )
        self._read()


# One raw connection: send what comes on stdin, print the whole answer (b"" if dropped).
ASK = """
import socket, sys
with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as raw:
    raw.settimeout(20)
    raw.connect(sys.argv[1])
    reply = b""
    try:
        raw.sendall(sys.stdin.buffer.read())
        while chunk := raw.recv(64):
            reply += chunk
    except OSError:
        pass
print("reply", reply.hex(), flush=True)
"""


def ask(qtbot: QtBot, ticks: Ticks, path: str, payload: bytes) -> bytes:
    """What the running instance (this process) answers a raw sender in a subprocess."""
    client = Client(ASK, ticks, path)
    client.process.write(payload)
    client.process.closeWriteChannel()
    client.finish(qtbot)
    _word, _space, answer = client.line("reply")[0].partition(" ")
    return bytes.fromhex(answer)


# A slow sender: one byte, then nothing; meanwhile a second connection says "raise".
SLOW_SENDER = """
import socket, sys
slow = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
slow.settimeout(30)
slow.connect(sys.argv[1])
slow.sendall(b"r")
print("sent", flush=True)
with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as other:
    other.settimeout(30)
    other.connect(sys.argv[1])
    other.sendall(b"raise\\n")
    print("answered", other.recv(16), flush=True)
try:
    left = slow.recv(16)
except OSError:
    left = b""
print("dropped", left, flush=True)
"""

# 20 MB without a newline, as fast as the socket takes it.
BIG_SENDER = """
import socket, sys
big = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
big.settimeout(30)
big.connect(sys.argv[1])
print("connected", flush=True)
chunk, sent = b"x" * 65536, 0
try:
    while sent < 20 * 1024 * 1024:
        sent += big.send(chunk)
    reply = big.recv(16)
except OSError:
    reply = b""
print("dropped", sent, reply, flush=True)
"""

# Many connections at once, each stalling after one byte.
MANY_SENDERS = """
import socket, sys, time
held = []
for _ in range(int(sys.argv[2])):
    one = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    one.connect(sys.argv[1])
    one.sendall(b"r")
    held.append(one)
print("open", flush=True)
time.sleep(30)
"""

# Another user: become "nobody" first, then try to hand over.
OTHER_USER = """
import os, socket, sys
os.setgroups([])
os.setgid(65534)
os.setuid(65534)
try:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as raw:
        raw.settimeout(20)
        raw.connect(sys.argv[1])
        raw.sendall(b"raise\\n")
        print("reply", raw.recv(16), flush=True)
except PermissionError:
    print("refused", flush=True)
except OSError as exc:
    print("reply", b"", exc, flush=True)
"""


# --- the app, end to end ----------------------------------------------------------------


@pytest.mark.e2e
def test_a_second_start_opens_its_file_in_the_running_window(
    user_folders: dict[str, Path], database_file: Path, tmp_path: Path
) -> None:
    other = write_variant(tmp_path, "three", ACCEPTED_VARIANTS["three-educators"][0])
    with xvfb() as display:
        env = app_env(display, user_folders["data"], user_folders["config"])
        with RunningApp([], env) as first:
            first.wait_for("ready")
            second = subprocess.run(
                [sys.executable, "-m", "desktop", str(other)],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert second.returncode == 0, second.stderr
            assert "already running" in second.stdout
            # The running window imported it: a second study set, no second writer.
            with sqlite3.connect(database_file) as plain:
                for _ in range(50):
                    if plain.execute("SELECT count(*) FROM study_sets").fetchone()[0] == 2:
                        break
                    subprocess.run(["sleep", "0.1"])
                assert plain.execute("SELECT count(*) FROM study_sets").fetchone()[0] == 2
            press_keys(display, "Study Desk", "ctrl+q")
            assert first.wait_exit() == 0


@pytest.mark.e2e
def test_a_lock_left_by_a_killed_process_is_reclaimed(
    user_folders: dict[str, Path], data_dir: Path
) -> None:
    socket_path = InstanceLock(data_dir).server_name
    assert socket_path is not None
    with xvfb() as display:
        env = app_env(display, user_folders["data"], user_folders["config"])
        with RunningApp([], env) as first:
            first.wait_for("ready")
            os.kill(first.process.pid, signal.SIGKILL)
            first.process.wait()
        assert (data_dir / "studydesk.lock").exists()
        assert os.path.exists(socket_path)  # its socket is left behind too
        with RunningApp([], env) as again:
            again.wait_for("ready")
            # The left-over socket was replaced: a second start reaches this one.
            second = subprocess.run(
                [sys.executable, "-m", "desktop"], env=env, capture_output=True, text=True
            )
            assert second.returncode == 0, second.stderr
            assert "already running" in second.stdout
            press_keys(display, "Study Desk", "ctrl+q")
            assert again.wait_exit() == 0


@pytest.mark.e2e
def test_the_app_starts_when_another_process_holds_the_socket_name(
    user_folders: dict[str, Path], data_dir: Path
) -> None:
    socket_path = InstanceLock(data_dir).server_name
    assert socket_path is not None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as squatter:
        squatter.bind(socket_path)
        squatter.listen(8)  # accepts connections, never answers
        with xvfb() as display:
            env = app_env(display, user_folders["data"], user_folders["config"])
            with RunningApp([], env) as first:
                first.wait_for("ready")
                assert any("cannot hand its file" in line for line in first.stderr_lines)
                # Nothing answers a second start, and it says so instead of claiming success.
                second = subprocess.run(
                    [sys.executable, "-m", "desktop"], env=env, capture_output=True, text=True
                )
                assert second.returncode == 1
                assert "already running" not in second.stdout
                assert "did not answer" in second.stderr
                press_keys(display, "Study Desk", "ctrl+q")
                assert first.wait_exit() == 0


# --- the channel, in this process as the running instance ---------------------------------


def test_a_slow_sender_does_not_hold_up_the_event_loop(
    running: tuple[InstanceLock, list[str]], qtbot: QtBot
) -> None:
    lock, received = running
    ticks = Ticks()
    assert lock.server_name is not None
    slow = Client(SLOW_SENDER, ticks, lock.server_name)
    slow.finish(qtbot)
    assert [line for line, _ in slow.lines] == ["sent", "answered b'ok\\n'", "dropped b''"]
    # While the slow sender stalled, the loop kept running: another sender was answered
    # and the timer fired many times before the stalled connection was dropped.
    (_, sent_at), (_, dropped_at) = slow.line("sent"), slow.line("dropped")
    assert dropped_at - sent_at >= 10
    qtbot.waitUntil(lambda: received == [RAISE])
    assert lock.pending_connections() == 0


def test_a_20_mb_sender_is_cut_off_and_the_loop_keeps_running(
    running: tuple[InstanceLock, list[str]], qtbot: QtBot
) -> None:
    lock, received = running
    ticks = Ticks()
    assert lock.server_name is not None
    big = Client(BIG_SENDER, ticks, lock.server_name)
    big.finish(qtbot)
    line, _ = big.line("dropped")
    _word, sent, reply = line.split(" ", 2)
    assert int(sent) < 20 * 1024 * 1024 and reply == "b''"
    start = ticks.count
    qtbot.waitUntil(lambda: ticks.count >= start + 5)
    # Still serving, and the garbage was never acted on.
    assert ask(qtbot, ticks, lock.server_name, b"raise\n") == b"ok\n"
    qtbot.waitUntil(lambda: received == [RAISE])


def test_a_message_over_the_limit_is_dropped_and_not_acted_on(
    running: tuple[InstanceLock, list[str]], qtbot: QtBot
) -> None:
    lock, received = running
    assert lock.server_name is not None
    ticks = Ticks()
    too_long = b"open /" + b"a" * MAX_MESSAGE_BYTES + b"\n"
    assert ask(qtbot, ticks, lock.server_name, too_long) == b""
    # Not a message either: not UTF-8, not a known command, no newline before the close.
    assert ask(qtbot, ticks, lock.server_name, b"\xff\xfe\n") == b""
    assert ask(qtbot, ticks, lock.server_name, b"delete everything\n") == b""
    assert ask(qtbot, ticks, lock.server_name, b"open relative/path\n") == b""
    assert ask(qtbot, ticks, lock.server_name, b"raise") == b""
    start = ticks.count
    qtbot.waitUntil(lambda: ticks.count >= start + 5)
    assert received == []
    # The sending side refuses what the running one would drop.
    assert not InstanceLock(lock.data_dir).send("open /" + "a" * MAX_MESSAGE_BYTES, wait_s=1)


def test_only_a_bounded_number_of_connections_wait_at_once(
    running: tuple[InstanceLock, list[str]], qtbot: QtBot
) -> None:
    lock, received = running
    ticks = Ticks()
    seen: list[int] = []
    ticks.timer.timeout.connect(lambda: seen.append(lock.pending_connections()))
    assert lock.server_name is not None
    many = Client(MANY_SENDERS, ticks, lock.server_name, str(MAX_PENDING + 6))
    qtbot.waitUntil(lambda: many.said("open"), timeout=30_000)
    qtbot.waitUntil(lambda: lock.pending_connections() == MAX_PENDING)
    qtbot.waitUntil(lambda: lock.pending_connections() == 0, timeout=10_000)  # timed out
    many.process.kill()
    many.finish(qtbot)
    assert max(seen) == MAX_PENDING
    assert received == []


def test_send_is_true_only_when_the_running_instance_answers(
    running: tuple[InstanceLock, list[str]], data_dir: Path, qtbot: QtBot
) -> None:
    lock, received = running
    ticks = Ticks()
    client = Client(
        "import sys\nfrom pathlib import Path\n"
        "from desktop.platform.single_instance import InstanceLock\n"
        "print('sent', InstanceLock(Path(sys.argv[1])).send('open /tmp/a study set.txt'))",
        ticks,
        str(data_dir),
    )
    client.finish(qtbot)
    assert client.lines[0][0] == "sent True"
    qtbot.waitUntil(lambda: received == ["open /tmp/a study set.txt"])


def test_send_is_false_when_nothing_answers(tmp_path: Path) -> None:
    nobody_there = InstanceLock(tmp_path / "no-instance")
    assert not nobody_there.send(RAISE, wait_s=0.5)
    silent = InstanceLock(tmp_path / "silent")
    assert silent.server_name is not None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(silent.server_name)
        server.listen(4)  # connections are accepted by the kernel; nobody reads or answers
        assert not silent.send(RAISE, wait_s=1)


def test_a_socket_left_by_a_killed_instance_is_replaced(data_dir: Path, qtbot: QtBot) -> None:
    lock = InstanceLock(data_dir)
    assert lock.acquire() is LockState.ACQUIRED
    assert lock.server_name is not None
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(lock.server_name)
    left.close()  # the file stays, nobody listens
    received: list[str] = []
    try:
        assert lock.listen(received.append), lock.problem
        assert ask(qtbot, Ticks(), lock.server_name, b"raise\n") == b"ok\n"
        qtbot.waitUntil(lambda: received == [RAISE])
    finally:
        lock.release()


# --- other users -------------------------------------------------------------------------


def test_the_socket_and_its_folder_are_for_this_user_only(
    running: tuple[InstanceLock, list[str]], runtime_dir: Path
) -> None:
    lock, _received = running
    assert lock.server_name is not None
    path = Path(lock.server_name)
    assert path.parent == runtime_dir
    assert stat.S_ISSOCK(path.stat().st_mode)
    assert path.stat().st_mode & 0o077 == 0
    assert path.parent.stat().st_mode & 0o077 == 0


def test_an_open_runtime_folder_is_not_used(
    data_dir: Path, runtime_dir: Path, tmp_path: Path
) -> None:
    runtime_dir.chmod(0o755)
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom pathlib import Path\n"
            "from desktop.platform.single_instance import InstanceLock\n"
            "print(InstanceLock(Path(sys.argv[1])).server_name)",
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    folder = Path(found).parent
    assert folder != runtime_dir
    status = folder.lstat()
    assert stat.S_ISDIR(status.st_mode) and status.st_mode & 0o077 == 0
    assert status.st_uid == os.getuid()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")
def test_another_user_cannot_reach_the_channel(
    running: tuple[InstanceLock, list[str]], runtime_dir: Path, qtbot: QtBot
) -> None:
    lock, received = running
    assert lock.server_name is not None
    ticks = Ticks()
    blocked = Client(OTHER_USER, ticks, lock.server_name)
    blocked.finish(qtbot)
    assert blocked.lines[0][0] == "refused"  # the 0700 folder keeps others out
    # Even with the folder and socket opened up, the kernel's peer uid gives them away.
    runtime_dir.chmod(0o711)
    Path(lock.server_name).chmod(0o777)
    dropped = Client(OTHER_USER, ticks, lock.server_name)
    dropped.finish(qtbot)
    assert dropped.lines[0][0].startswith("reply b''")
    start = ticks.count
    qtbot.waitUntil(lambda: ticks.count >= start + 5)
    assert received == []


# --- a data folder that cannot be written ----------------------------------------------------


def test_no_lock_file_in_a_read_only_place_is_reported_not_raised(tmp_path: Path) -> None:
    with read_only_folder(tmp_path / "ro") as folder:
        lock = InstanceLock(folder / "studydesk")
        assert lock.acquire() is LockState.UNAVAILABLE
        assert lock.problem is not None and "cannot create the folder" in lock.problem
    with tmpfs(tmp_path / "was-rw") as mount:
        (mount / "studydesk").mkdir()
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        lock = InstanceLock(mount / "studydesk")
        assert _is_read_only(lock.data_dir)  # app.py checks this before the lock
        assert lock.acquire() is LockState.UNAVAILABLE
        assert lock.problem is not None and "lock file" in lock.problem
