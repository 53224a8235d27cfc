"""A real X server (Xvfb) and the app started on it as a user would: helpers for the
end-to-end tests and the start-up benchmark."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

SCREEN = "1280x860x24"


@contextmanager
def xvfb() -> Iterator[str]:
    """Start Xvfb on a free display; yields the DISPLAY value."""
    if shutil.which("Xvfb") is None:
        raise RuntimeError("Xvfb is not installed (make test installs it: apt-get install xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as display_pipe:
        number = display_pipe.readline().strip()
    try:
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


class RunningApp:
    """``python -m desktop`` (or another module) as a subprocess, its trace read from stderr."""

    def __init__(
        self,
        args: Sequence[str],
        env: dict[str, str],
        module: str = "desktop",
        program: Sequence[str] | None = None,
    ) -> None:
        """Runs ``python -m module args``, or ``program args`` (a frozen or installed app)."""
        command = [*program] if program is not None else [sys.executable, "-m", module]
        self.process = subprocess.Popen(
            [*command, *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.milestones: dict[str, float] = {}
        self.stderr_lines: list[str] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._lines.put(line)
        self._lines.put(None)

    def wait_for(self, milestone: str, timeout: float = 30.0) -> float:
        deadline = time.monotonic() + timeout
        while milestone not in self.milestones:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no '{milestone}' from the app; it said: {self.stderr_lines}")
            try:
                line = self._lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                raise RuntimeError(f"the app ended before '{milestone}': {self.stderr_lines}")
            self.stderr_lines.append(line)
            parts = line.split()
            if len(parts) == 3 and parts[0] == "studydesk-trace":
                self.milestones[parts[1]] = float(parts[2])
        return self.milestones[milestone]

    def wait_exit(self, timeout: float = 30.0) -> int:
        """The exit code, once the app ended; everything it wrote is in stderr_lines."""
        code = self.process.wait(timeout=timeout)
        self._reader.join(timeout=10)
        while not self._lines.empty():
            line = self._lines.get()
            if line is not None:
                self.stderr_lines.append(line)
        return code

    def close(self) -> None:
        """Kill the app if it still runs, and release its pipe."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()

    def __enter__(self) -> RunningApp:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def app_env(display: str, data_home: Path, config_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        XDG_DATA_HOME=str(data_home),
        XDG_CONFIG_HOME=str(config_home),
        STUDYDESK_TRACE_STARTUP="1",
    )
    return env


def screenshot(display: str, out: Path, window_name: str | None = None) -> None:
    """Capture the X screen as a person would see it into a PNG: all of it, or only the
    area of the visible window named ``window_name``."""
    x, y, width, height = 0, 0, -1, -1
    if window_name is not None:
        geometry = subprocess.run(
            [
                "xdotool",
                "search",
                "--onlyvisible",
                "--limit",
                "1",
                "--name",
                window_name,
                "getwindowgeometry",
                "--shell",
            ],
            env=dict(os.environ, DISPLAY=display),
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
        values = dict(line.split("=", 1) for line in geometry.split())
        x, y, width, height = (int(values[k]) for k in ("X", "Y", "WIDTH", "HEIGHT"))
    code = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication(sys.argv)\n"
        "x, y, w, h = map(int, sys.argv[2:])\n"
        "app.primaryScreen().grabWindow(0, x, y, w, h).save(sys.argv[1])\n"
    )
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
    subprocess.run(
        [sys.executable, "-c", code, str(out), str(x), str(y), str(width), str(height)],
        env=env,
        check=True,
        timeout=30,
    )


def press_keys(display: str, window_name: str, keys: str) -> None:
    """Focus the window named ``window_name`` and type ``keys`` (xdotool syntax)."""
    env = dict(os.environ, DISPLAY=display)
    subprocess.run(
        [
            "xdotool",
            "search",
            "--sync",
            "--onlyvisible",
            "--limit",
            "1",
            "--name",
            window_name,
            "windowfocus",
            "--sync",
        ],
        env=env,
        check=True,
        timeout=30,
    )
    # A separate call: typed through XTEST into the focused window, as a keyboard would.
    # (Chained after "search", xdotool would send synthetic events, which Qt ignores.)
    subprocess.run(["xdotool", "key", keys], env=env, check=True, timeout=30)
