"""A generated library of many notes for the benchmarks (kept in .bench-cache/ between runs).

Notes are made of words drawn with a Zipf-like skew from the seed's own vocabulary plus
invented words, 50–400 words each, some tagged, anchored across the seed's passages.
"""

from __future__ import annotations

import random
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.platform.resources import embedded_study_set_path
from desktop.services.library import Library

CACHE = Path(__file__).resolve().parents[2] / ".bench-cache"
VERSION = 4  # change when the generator or the schema changes
TAGS = [
    "economy",
    "purges",
    "ideology",
    "war",
    "revolution",
    "kulaks",
    "power",
    "lenin",
    "trotsky",
    "industry",
    "famine",
    "party",
    "west",
    "exam",
    "essay",
    "todo",
]


@dataclass(frozen=True)
class NotesLibrary:
    data_home: Path  # XDG_DATA_HOME holding studydesk/studydesk.sqlite3
    database: Path
    vocabulary: list[str]


def vocabulary(seed: int = 7) -> list[str]:
    text = embedded_study_set_path().read_text(encoding="utf-8").lower()
    words = sorted(set(re.findall(r"[a-z]{3,}", text)))
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mir", "sov", "tra", "pen", "dus", "gor", "vel", "ni", "sta", "ble"]
    invented = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(6000)}
    return words + sorted(invented - set(words))


def _weights(count: int) -> list[float]:
    return [1.0 / (rank + 10) for rank in range(count)]


def build(count: int) -> NotesLibrary:
    data_home = CACHE / f"notes-{count}-v{VERSION}"
    database = data_home / "studydesk" / "studydesk.sqlite3"
    words = vocabulary()
    if database.exists():
        return NotesLibrary(data_home, database, words)
    started = time.perf_counter()
    database.parent.mkdir(parents=True, exist_ok=True)
    library = Library(database)
    study_set_id = library.ensure_embedded_study_set()
    record = library.load_study_set(study_set_id)
    assert record is not None
    library.close()
    passages = [(a.id, p.id) for a in record.answers for p in a.passages]
    rng = random.Random(count)
    weights = _weights(len(words))
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode = WAL")
    with connection:
        connection.executemany("INSERT INTO tags(name) VALUES (?)", [(t,) for t in TAGS])
        rows = []
        for index in range(count):
            body = " ".join(rng.choices(words, weights, k=rng.randint(50, 400)))
            answer_id, passage_id = rng.choice(passages)
            kind = "question" if index % 7 == 0 else "passage"
            stamp = f"2026-{1 + index % 11:02d}-{1 + index % 27:02d} 10:{index % 60:02d}:00"
            rows.append(
                (
                    study_set_id,
                    kind,
                    None if kind == "question" else answer_id,
                    None if kind == "question" else passage_id,
                    body,
                    rng.choice([None, None, "yellow", "green", "blue", "pink"]),
                    stamp,
                    stamp,
                )
            )
        connection.executemany(
            "INSERT INTO notes(study_set_id, anchor_kind, answer_id, passage_id, body, colour, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        tag_ids = [row[0] for row in connection.execute("SELECT id FROM tags")]
        connection.executemany(
            "INSERT INTO note_tags(note_id, tag_id) VALUES (?, ?)",
            [(note_id, rng.choice(tag_ids)) for note_id in range(1, count + 1, 3)],
        )
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    print(f"  (generated {count} notes in {time.perf_counter() - started:.0f} s)", flush=True)
    return NotesLibrary(data_home, database, words)
