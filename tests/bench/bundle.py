"""The frozen bundle: size on disk and packed beside a bare PySide6 tab-window bundle built
with the same PyInstaller in the same run; start-up of the frozen app beside the source app.

Needs `make dist` first (make bench runs it)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from tests.bench.startup import launch_once
from tests.xserver import app_env, xvfb

ROOT = Path(__file__).resolve().parents[2]
RUNS = 5


def folder_mb(path: Path) -> float:
    """Bytes of the files themselves (a symbolic link is not counted twice)."""
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def packed_mb(path: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "bundle.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(path, arcname=path.name)
        return archive.stat().st_size / 1e6


def build_bare(work: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "packaging" / "bare.spec"),
        ],
        check=True,
        capture_output=True,
    )
    return work / "dist" / "bare"


def run() -> list[str]:
    ours = ROOT / "dist" / "studydesk"
    if not (ours / "studydesk").is_file():
        return ["bundle: run `make dist` first"]
    with tempfile.TemporaryDirectory() as work:
        bare = build_bare(Path(work))
        sizes = {
            "bare": (folder_mb(bare), packed_mb(bare)),
            "ours": (folder_mb(ours), packed_mb(ours)),
        }
        with tempfile.TemporaryDirectory() as home, xvfb() as display:
            env = app_env(display, Path(home) / "data", Path(home) / "config")
            launch_once("desktop", env, ("first-paint", "ready"))  # creates the library
            frozen, source = [], []
            for _ in range(RUNS):
                frozen.append(
                    launch_once(
                        "", env, ("first-paint", "ready"), program=[str(ours / "studydesk")]
                    )
                )
                source.append(launch_once("desktop", env, ("first-paint", "ready")))
    ready_frozen = statistics.median(r.ready for r in frozen)
    ready_source = statistics.median(r.ready for r in source)
    (bare_disk, bare_packed), (our_disk, our_packed) = sizes["bare"], sizes["ours"]
    return [
        "bundle (PyInstaller one-folder, same Qt exclusions for both)",
        f"  bare PySide6 tab window   {bare_disk:6.1f} MB on disk, {bare_packed:5.1f} MB packed",
        f"  Study Desk                {our_disk:6.1f} MB on disk, {our_packed:5.1f} MB packed",
        f"  ratio on disk {our_disk / bare_disk:.2f}x, "
        f"packed {our_packed / bare_packed:.2f}x (goal <= 1.15)",
        f"  start-up to ready, median of {RUNS}: frozen {ready_frozen * 1000:.0f} ms, "
        f"source {ready_source * 1000:.0f} ms, "
        f"ratio {ready_frozen / ready_source:.2f}x (goal <= 1.1)",
    ]
