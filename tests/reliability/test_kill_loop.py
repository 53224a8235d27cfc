"""SIGKILL a process that is editing notes, 200 times: after each kill the database passes
integrity_check and every note holds a version that was committed (never a torn one)."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

KILLS = 200
# Figures of the last run, for docs/RELIABILITY.md (build/ is not tracked).
RESULTS = Path(__file__).resolve().parents[2] / "build" / "reliability-figures.json"


def test_kill_loop(tmp_path: Path) -> None:
    database = tmp_path / "library.sqlite3"
    rng = random.Random(1917)
    last_committed = 0
    survived = 0
    versions_seen: set[int] = set()
    for kill in range(KILLS):
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.reliability.note_writer",
                str(database),
                str(last_committed),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.05))  # somewhere inside a write
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        committed = [int(m[1]) for m in re.finditer(r"committed (\d+)", child.stdout.read())]
        child.stdout.close()
        if committed:
            last_committed = committed[-1]
        with sqlite3.connect(database) as plain:
            assert plain.execute("PRAGMA integrity_check").fetchone()[0] == "ok", kill
            for (body,) in plain.execute("SELECT body FROM notes"):
                match = re.fullmatch(r"v(\d+) (text )*", body)
                assert match, f"torn note after kill {kill}: {body[:40]!r}"
                version = int(match[1])
                # Committed, or the one in flight whose commit landed just before the kill.
                assert version <= last_committed + 1, (version, last_committed)
                assert body == f"v{version} " + "text " * (version % 50)
                versions_seen.add(version)
                last_committed = max(last_committed, version)
        survived += 1
    assert survived == KILLS
    RESULTS.parent.mkdir(exist_ok=True)
    figures = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    figures["kill_loop"] = {
        "kills": KILLS,
        "survived": survived,
        "torn_notes": 0,
        "versions_committed": last_committed,
    }
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
