"""Opening and scrolling the Notes tab with 100,000 notes beside the same with 100: the
model loads rows lazily, so the two should cost about the same."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile

from tests.bench.notes_data import build

RUNS = 3


def probe(data_home: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as config:
        out = subprocess.run(
            [sys.executable, "-m", "tests.bench.notes_tab_probe", data_home, config],
            capture_output=True,
            text=True,
            check=True,
            timeout=600,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run() -> list[str]:
    small, large = build(100), build(100_000)
    results: dict[str, list[dict[str, float]]] = {"small": [], "large": []}
    for _ in range(RUNS):  # alternate, so noise falls on both
        results["small"].append(probe(str(small.data_home)))
        results["large"].append(probe(str(large.data_home)))

    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in results[kind])

    lines = [f"Notes tab: open, then scroll top to bottom in 200 steps (median of {RUNS})"]
    for kind in ("small", "large"):
        rows = int(results[kind][0]["rows"])
        lines.append(
            f"  {rows:>7,} notes   open {med(kind, 'open_ms'):6.1f} ms   scroll "
            f"{med(kind, 'scroll_ms'):6.1f} ms   peak RSS {med(kind, 'peak_rss_mb'):6.1f} MB"
        )
    total = lambda kind: med(kind, "open_ms") + med(kind, "scroll_ms")  # noqa: E731
    lines.append(
        f"  ratio 100k/100: time {total('large') / total('small'):.2f}x   peak RSS "
        f"{med('large', 'peak_rss_mb') / med('small', 'peak_rss_mb'):.2f}x (goal <= 1.2)"
    )
    return lines
