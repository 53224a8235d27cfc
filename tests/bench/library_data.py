"""A generated library of study sets for the library benchmarks: 2,000 sets (2–6 educators
each) and 200,000 notes with highlights, written straight into a database that the real
migrations created, then opened by the app as any library is.

Deterministic (fixed seeds). Each study set is written out as study-set text and read back
with the real parser, so titles, SHA-256s and paragraphs are what an import would store;
the rows are then inserted with sqlite3 in one transaction (the FTS triggers index them as
they would for the app). A library is generated once per process in a temporary folder
(removed at exit); set STUDYDESK_BENCH_LIBRARIES to a folder to keep them between runs.
"""

from __future__ import annotations

import atexit
import os
import random
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from desktop.content.studyset import ParsedStudySet, parse_study_set_text
from desktop.services.library import Library
from tests.bench.notes_data import TAGS, vocabulary

VERSION = 6  # 6: made at schema 0017 (colour and Q&A note indexes); 5: 0016; 4: 0015
KEEP_ENV = "STUDYDESK_BENCH_LIBRARIES"
SETS, NOTES = 2_000, 200_000
LARGE_EVERY = 100  # every 100th set is a long one (6 educators, long answers, many notes)
HIGHLIGHT_EVERY = 3  # one note in three is a highlighted range with its highlight
EDUCATORS = [
    "gpane",
    "pohnpei397",
    "mhistorian",
    "jameadows",
    "readerofbooks",
    "klentz",
    "dbello",
    "thanatassa",
    "amarang9",
    "larrygates",
    "kipling2448",
    "scottfaith",
    "mrkirschner",
    "teachertaylor",
    "accessteacher",
    "brettd",
    "rrteacher",
    "litteacher8",
]
SUBJECTS = ["HIST 201", "HIST 305", "POL 110", "ECON 220", "LIT 150", "SOC 101", "PHIL 240"]
COLOURS = ["yellow", "green", "blue", "pink"]
STRUCTURE_WORDS = {"educator", "educators", "enotes", "certified", "expert", "answers"}
EPOCH = datetime(2025, 9, 1, 8, 0, 0)


@dataclass(frozen=True)
class GeneratedLibrary:
    data_home: Path  # XDG_DATA_HOME: holds studydesk/studydesk.sqlite3
    database: Path
    sets: int
    notes: int
    large_ids: tuple[int, ...]  # the long sets (6 educators), largest first
    vocabulary: list[str]


class _Words:
    """Words with a Zipf-like skew from the seed's vocabulary plus invented ones."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # Words that would make a paragraph read as an educator line are left out.
        self.words = [w for w in vocabulary() if w not in STRUCTURE_WORDS]
        self.cumulative: list[float] = []
        total = 0.0
        for rank in range(len(self.words)):
            total += 1.0 / (rank + 10)
            self.cumulative.append(total)

    def take(self, count: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def sentence_text(self, count: int) -> str:
        """``count`` words as sentences of 8–20 words."""
        words = self.take(count)
        out: list[str] = []
        start = 0
        while start < len(words):
            length = self.rng.randint(8, 20)
            sentence = words[start : start + length]
            out.append(sentence[0].capitalize() + " " + " ".join(sentence[1:]) + ".")
            start += length
        return " ".join(out).replace(" .", ".")


def study_set_text(index: int, words: _Words) -> str:
    """The text of generated set ``index`` in the study-set format (what a file holds)."""
    rng = words.rng
    large = index % LARGE_EVERY == 1
    educators = 6 if large else rng.randint(2, 6)
    question = words.sentence_text(rng.randint(6, 16)).rstrip(".") + f"? ({index})"
    lines = [question, "", "Expert Answers"]
    for handle in rng.sample(EDUCATORS, educators):
        lines += [f"{handle} eNotes educator| Certified Educator", ""]
        paragraphs = rng.randint(6, 9) if large else rng.randint(1, 6)
        for _ in range(paragraphs):
            length = rng.randint(90, 180) if large else rng.randint(40, 150)
            lines += [words.sentence_text(length), ""]
    return "\n".join(lines)


def generate_texts(count: int, seed: int = 11) -> list[str]:
    """The texts of ``count`` generated study sets (also what the import benchmark writes to
    files)."""
    words = _Words(random.Random(seed))
    return [study_set_text(index, words) for index in range(1, count + 1)]


def parse_all(texts: list[str]) -> list[ParsedStudySet]:
    return [parse_study_set_text(text, f"set-{i:05d}.txt") for i, text in enumerate(texts, 1)]


def _stamp(moment: datetime) -> str:
    return moment.isoformat(sep=" ")


def new_database(path: Path) -> None:
    """An empty library made by the real migrations (with the embedded set, as on a first
    launch), so the app opens it without migrating or importing anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    library = Library(path)
    library.ensure_embedded_study_set()
    library.close()


def insert_study_sets(
    connection: sqlite3.Connection, parsed: list[ParsedStudySet], imported: list[datetime]
) -> list[tuple[int, list[tuple[int, int, str]]]]:
    """Insert the sets with explicit ids (after the ones there); returns for each set its id
    and its passages (passage id, answer id, text)."""
    next_set = int(connection.execute("SELECT coalesce(max(id), 0) FROM study_sets").fetchone()[0])
    next_answer = int(connection.execute("SELECT coalesce(max(id), 0) FROM answers").fetchone()[0])
    next_passage = int(
        connection.execute("SELECT coalesce(max(id), 0) FROM passages").fetchone()[0]
    )
    set_rows, answer_rows, passage_rows = [], [], []
    placed: list[tuple[int, list[tuple[int, int, str]]]] = []
    for study_set, moment in zip(parsed, imported, strict=True):
        next_set += 1
        set_rows.append(
            (
                next_set,
                study_set.sha256,
                study_set.title,
                study_set.question,
                study_set.source_name,
                study_set.encoding,
                study_set.text,
                _stamp(moment),
                0,
            )
        )
        passages: list[tuple[int, int, str]] = []
        for position, answer in enumerate(study_set.answers, start=1):
            next_answer += 1
            answer_rows.append((next_answer, next_set, position, answer.handle, answer.credential))
            for number, text in enumerate(answer.passages, start=1):
                next_passage += 1
                passage_rows.append((next_passage, next_answer, number, text))
                passages.append((next_passage, next_answer, text))
        placed.append((next_set, passages))
    connection.executemany(
        "INSERT INTO study_sets(id, sha256, title, question, source_name, encoding, raw_text, "
        "imported_at, is_embedded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        set_rows,
    )
    connection.executemany(
        "INSERT INTO answers(id, study_set_id, position, educator_handle, educator_credential) "
        "VALUES (?, ?, ?, ?, ?)",
        answer_rows,
    )
    connection.executemany(
        "INSERT INTO passages(id, answer_id, number, text) VALUES (?, ?, ?, ?)", passage_rows
    )
    return placed


def _note_counts(sets: int, notes: int, large: set[int], rng: random.Random) -> list[int]:
    """Notes per set: the long sets get ten times the share of the others, with spread."""
    weights = [(10.0 if index in large else 1.0) * rng.uniform(0.3, 1.7) for index in range(sets)]
    total = sum(weights)
    counts = [int(notes * w / total) for w in weights]
    for index in range(notes - sum(counts)):
        counts[index % sets] += 1
    return counts


def _write_library(database: Path, sets: int, notes: int) -> tuple[int, ...]:
    rng = random.Random(sets * 7919 + notes)
    words = _Words(random.Random(sets))
    texts = [study_set_text(index, words) for index in range(1, sets + 1)]
    parsed = parse_all(texts)
    imported = [EPOCH + timedelta(minutes=37 * index) for index in range(sets)]
    new_database(database)
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = OFF")
    large_positions = {index for index in range(sets) if (index + 1) % LARGE_EVERY == 1}
    with connection:
        placed = insert_study_sets(connection, parsed, imported)
        _write_organisation(connection, [set_id for set_id, _ in placed], rng)
        counts = _note_counts(sets, notes, large_positions, rng)
        _write_notes(connection, placed, counts, imported, words, rng)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    large = [placed[i] for i in sorted(large_positions)]
    large.sort(key=lambda item: -sum(len(text) for _p, _a, text in item[1]))
    return tuple(set_id for set_id, _ in large)


def _write_organisation(
    connection: sqlite3.Connection, set_ids: list[int], rng: random.Random
) -> None:
    """Courses nested by '::' (most sets in one, some in two, some in none), tags on a third
    of the sets, and the last ten percent opened recently."""
    courses = [f"{subject}::Unit {unit}" for subject in SUBJECTS for unit in range(1, 6)] + SUBJECTS
    connection.executemany("INSERT INTO courses(name) VALUES (?)", [(c,) for c in courses])
    course_ids = [row[0] for row in connection.execute("SELECT id FROM courses ORDER BY id")]
    links: set[tuple[int, int]] = set()
    for set_id in set_ids:
        draw = rng.random()
        chosen = 0 if draw < 0.15 else 2 if draw > 0.9 else 1
        for course_id in rng.sample(course_ids, chosen):
            links.add((set_id, course_id))
    connection.executemany(
        "INSERT INTO study_set_courses(study_set_id, course_id) VALUES (?, ?)", sorted(links)
    )
    connection.executemany("INSERT OR IGNORE INTO tags(name) VALUES (?)", [(tag,) for tag in TAGS])
    tag_ids = [row[0] for row in connection.execute("SELECT id FROM tags ORDER BY id")]
    connection.executemany(
        "INSERT INTO study_set_tags(study_set_id, tag_id) VALUES (?, ?)",
        [(set_id, rng.choice(tag_ids)) for set_id in set_ids[::3]],
    )
    connection.executemany(
        "UPDATE study_sets SET last_opened_at = ? WHERE id = ?",
        [
            (_stamp(EPOCH + timedelta(days=80, minutes=index)), set_id)
            for index, set_id in enumerate(set_ids[-len(set_ids) // 10 :])
        ],
    )


def _write_notes(
    connection: sqlite3.Connection,
    placed: list[tuple[int, list[tuple[int, int, str]]]],
    counts: list[int],
    imported: list[datetime],
    words: _Words,
    rng: random.Random,
) -> None:
    """Notes of 5–100 words on passages, text ranges (each with its highlight), answers and
    questions; a few in the trash; one in twenty tagged."""
    note_rows = []
    highlight_rows = []
    for (set_id, passages), count, moment in zip(placed, counts, imported, strict=True):
        for _ in range(count):
            passage_id, answer_id, text = rng.choice(passages)
            stamp = _stamp(moment + timedelta(minutes=rng.randint(10, 90_000)))
            body = words.sentence_text(rng.randint(5, 100))
            draw = rng.randrange(12)
            kind, start, end, quote, colour = "passage", None, None, None, rng.choice(COLOURS)
            if draw < 12 // HIGHLIGHT_EVERY:
                start = rng.randrange(max(1, len(text) - 60))
                end = min(len(text), start + rng.randint(12, 60))
                kind, quote = "range", text[start:end]
                highlight_rows.append((passage_id, start, end, quote, colour, stamp))
            elif draw == 5:
                kind, answer_id, passage_id, colour = "question", None, None, None
            elif draw == 6:
                kind, passage_id = "answer", None
            deleted = stamp if rng.random() < 0.01 else None
            note_rows.append(
                (
                    set_id, kind, answer_id, passage_id, start, end, quote, body, colour,
                    stamp, stamp, deleted,
                )
            )  # fmt: skip
    connection.executemany(
        "INSERT INTO notes(study_set_id, anchor_kind, answer_id, passage_id, start_offset, "
        "end_offset, quote, body, colour, created_at, updated_at, deleted_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        note_rows,
    )
    connection.executemany(
        "INSERT INTO highlights(passage_id, start_offset, end_offset, quote, colour, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        highlight_rows,
    )
    first_note = int(connection.execute("SELECT min(id) FROM notes").fetchone()[0])
    tag_ids = [row[0] for row in connection.execute("SELECT id FROM tags")]
    connection.executemany(
        "INSERT INTO note_tags(note_id, tag_id) VALUES (?, ?)",
        [
            (note_id, rng.choice(tag_ids))
            for note_id in range(first_note, first_note + len(note_rows), 20)
        ],
    )


@cache
def _folder() -> Path:
    kept = os.environ.get(KEEP_ENV)
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        return Path(kept)
    folder = Path(tempfile.mkdtemp(prefix="studydesk-bench-library-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@cache
def build(sets: int = SETS, notes: int = NOTES) -> GeneratedLibrary:
    """The library of ``sets`` sets and ``notes`` notes, generated on first use."""
    data_home = _folder() / f"library-{sets}-{notes}-v{VERSION}"
    database = data_home / "studydesk" / "studydesk.sqlite3"
    marker = data_home / "large-ids"
    if not marker.exists():
        shutil.rmtree(data_home, ignore_errors=True)
        started = time.perf_counter()
        large_ids = _write_library(database, sets, notes)
        marker.write_text(" ".join(map(str, large_ids)))
        print(
            f"  (generated a library of {sets:,} study sets and {notes:,} notes in "
            f"{time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    large_ids = tuple(int(part) for part in marker.read_text().split())
    return GeneratedLibrary(data_home, database, sets, notes, large_ids, vocabulary())


def fresh_copy(library: GeneratedLibrary, into: Path) -> Path:
    """A copy of the library's data folder under ``into`` (runs write last-opened times);
    returns the new XDG_DATA_HOME."""
    target = into / "data"
    shutil.copytree(library.data_home / "studydesk", target / "studydesk")
    return target
