"""Search over 100,000 notes: Study Desk's search() beside a bare FTS5 query (bm25 order,
snippet()) with the same MATCH expression, on the same file in the same run."""

from __future__ import annotations

import random
import sqlite3
import statistics
import time

from db.search import parse_query, search
from tests.bench.notes_data import TAGS, build

NOTES = 100_000
QUERIES = 200
BARE_SQL = (
    "SELECT rowid, snippet(search_index, 0, '[', ']', '…', 14) FROM search_index "
    "WHERE search_index MATCH ? ORDER BY bm25(search_index) LIMIT 200"
)


def realistic_queries(words: list[str], count: int) -> list[str]:
    """What students type: a word, two words, a phrase, a prefix, a tag, an exclusion."""
    rng = random.Random(42)
    common = words[:400]
    queries = []
    for index in range(count):
        a, b = rng.sample(common, 2)
        kind = index % 6
        queries.append(
            [a, f"{a} {b}", f'"{a} {b}"', f"{a[:4]}*", f"tag:{rng.choice(TAGS)} {a}", f"{a} -{b}"][
                kind
            ]
        )
    return queries


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def run() -> list[str]:
    data = build(NOTES)
    connection = sqlite3.connect(data.database)
    study_set_id = connection.execute("SELECT id FROM study_sets").fetchone()[0]
    queries = realistic_queries(data.vocabulary, QUERIES)
    ours: list[float] = []
    bare: list[float] = []
    for query in queries * 2:  # the first pass warms the page cache for both
        expression = parse_query(query).to_fts()
        started = time.perf_counter()
        connection.execute(BARE_SQL, (expression,)).fetchall()
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        search(connection, study_set_id, query)
        ours.append(time.perf_counter() - started)
    connection.close()
    ours, bare = ours[QUERIES:], bare[QUERIES:]
    ms = 1000
    return [
        f"search, {QUERIES} queries over {NOTES:,} notes (50-400 words each)",
        f"  bare FTS5 (bm25 + snippet)  p50 {statistics.median(bare) * ms:6.1f} ms"
        f"   p95 {percentile(bare, 95) * ms:6.1f} ms",
        f"  Study Desk search()         p50 {statistics.median(ours) * ms:6.1f} ms"
        f"   p95 {percentile(ours, 95) * ms:6.1f} ms",
        f"  ratio p95 {percentile(ours, 95) / percentile(bare, 95):.2f}x (goal <= 1.5)",
    ]
