"""Typing into a note with autosave on, beside typing into a bare QPlainTextEdit: the
longest GUI-thread stall per keystroke over 2,000 keystrokes (p99 and max)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile

from tests.bench.notes_data import build


def probe(*args: str) -> dict:  # type: ignore[type-arg]
    out = subprocess.run(
        [sys.executable, "-m", "tests.bench.typing_probe", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run() -> list[str]:
    data = build(100_000)
    bare = probe("bare")
    with tempfile.TemporaryDirectory() as config:
        ours = probe("desk", str(data.data_home), config)

    def p99(values: list[float]) -> float:
        return statistics.quantiles(values, n=100)[98]

    lines = ["typing 2,000 keystrokes at 100/s, GUI-thread time per keystroke"]
    for name, result in (("bare QPlainTextEdit", bare), ("Study Desk note, autosave", ours)):
        stalls = result["stalls_ms"]
        lines.append(
            f"  {name:27s} p50 {statistics.median(stalls):5.2f} ms   p99 {p99(stalls):5.2f} ms"
            f"   max {max(stalls):6.2f} ms"
            + (f"   ({result['saves']} saves)" if result["saves"] else "")
        )
    lines.append(
        f"  p99 {p99(ours['stalls_ms']):.2f} ms (goal <= 8), "
        f"ratio to bare {p99(ours['stalls_ms']) / p99(bare['stalls_ms']):.2f}x; "
        f"library of {100_000:,} notes"
    )
    return lines
