"""Real read-only and full file systems for tests: small tmpfs mounts (needs root, as CI
has; a chmod would prove nothing to root)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(folder: Path, options: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({result.stderr.strip()}); needs root")


@contextmanager
def tmpfs(folder: Path, size: str = "1m") -> Iterator[Path]:
    _mount(folder, f"size={size}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    with tmpfs(folder):
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
