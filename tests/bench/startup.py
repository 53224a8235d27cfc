"""Start-up benchmark: Study Desk beside a bare PySide6 tab window, on one real X server.

Each run is a fresh process started the way a user starts it; the two programs alternate so
that machine noise falls on both. Times run from just before the process is started to the
first painted window, to "ready" (database open, study set put in the window) and to
"shown" (the window has painted the set: what the student first sees of it); peak RSS comes
from the kernel's accounting of the child (wait4).
"""

from __future__ import annotations

import os
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.xserver import RunningApp, app_env, xvfb

RUNS = 7
# "ready" as timed since the first start-up benchmark (the set put in the window), and
# "shown": the set painted. The peak RSS is read at the last.
DESK_MILESTONES = ("first-paint", "ready", "shown")


@dataclass
class Launch:
    first_paint: float
    ready: float
    shown: float
    peak_rss_mb: float


def launch_once(
    module: str,
    env: dict[str, str],
    milestones: tuple[str, ...],
    program: list[str] | None = None,
) -> Launch:
    started = time.time()
    app = RunningApp([], env, module=module, program=program)
    try:
        times = {m: app.wait_for(m) - started for m in milestones}
        peak_kb = _peak_rss_kb(app.process.pid)
        app.process.send_signal(signal.SIGTERM)
        _pid, _status, usage = os.wait4(app.process.pid, 0)
        app.process.returncode = 0
    finally:
        app.close()
    return Launch(
        first_paint=times["first-paint"],
        ready=times.get("ready", times["first-paint"]),
        shown=times.get("shown", times.get("ready", times["first-paint"])),
        peak_rss_mb=(peak_kb if peak_kb is not None else usage.ru_maxrss) / 1024,
    )


def _peak_rss_kb(pid: int) -> int | None:
    """The process's peak resident set so far (VmHWM), read at its last milestone. The
    kernel's accounting at exit (wait4's ru_maxrss) also counts the benchmark's own memory
    at the moment it started the child: with this process at 110 MB, bare window and Study
    Desk both read 110 MB. None where there is no /proc."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def with_bytecode(env: dict[str, str], cache: Path) -> dict[str, str]:
    """The launches compile each module once and reuse it, as an installed app does: with
    PYTHONDONTWRITEBYTECODE set (as in some development shells) every launch would compile
    every module again. The bytecode goes to ``cache``, not beside the sources."""
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def median(values: list[float]) -> float:
    return statistics.median(values)


def run() -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory() as home, xvfb() as display:
        env = app_env(display, Path(home) / "data", Path(home) / "config")
        env = with_bytecode(env, Path(home) / "bytecode")
        launch_once("tests.bench.bare_window", env, ("first-paint",))  # compiles it
        # Compiles Study Desk's bytecode (as installing it does), on a library of its own:
        # until 2026-11-29 the first launch timed was this one, 5.4 s of it compiling.
        compiling = app_env(display, Path(home) / "compile-data", Path(home) / "compile-config")
        launch_once("desktop", with_bytecode(compiling, Path(home) / "bytecode"), DESK_MILESTONES)
        first = launch_once("desktop", env, DESK_MILESTONES)  # creates the database
        bare: list[Launch] = []
        desk: list[Launch] = []
        for _ in range(RUNS):
            bare.append(launch_once("tests.bench.bare_window", env, ("first-paint",)))
            desk.append(launch_once("desktop", env, DESK_MILESTONES))
    bare_paint = median([b.first_paint for b in bare])
    bare_rss = median([b.peak_rss_mb for b in bare])
    desk_paint = median([d.first_paint for d in desk])
    desk_ready = median([d.ready for d in desk])
    desk_shown = median([d.shown for d in desk])
    desk_rss = median([d.peak_rss_mb for d in desk])
    lines.append(
        f"start-up, median of {RUNS} launches each on Xvfb (python {sys.version.split()[0]})"
    )
    lines.append(
        f"  bare PySide6 tab window   first paint {bare_paint * 1000:7.0f} ms"
        f"   peak RSS {bare_rss:6.1f} MB"
    )
    lines.append(
        f"  Study Desk                first paint {desk_paint * 1000:7.0f} ms"
        f"   ready {desk_ready * 1000:5.0f} ms   shown {desk_shown * 1000:5.0f} ms"
        f"   peak RSS {desk_rss:6.1f} MB"
    )
    lines.append(
        f"  Study Desk, first launch  first paint {first.first_paint * 1000:7.0f} ms"
        f"   ready {first.ready * 1000:5.0f} ms (creates and fills the database;"
        " its bytecode compiled before)"
    )
    lines.append(
        f"  ratio first paint {desk_paint / bare_paint:.2f}x (goal <= 1.5)"
        f"   ready {desk_ready / bare_paint:.2f}x (goal <= 3; shown {desk_shown / bare_paint:.2f}x)"
        f"   peak RSS {desk_rss / bare_rss:.2f}x (goal <= 1.5)"
    )
    return lines
