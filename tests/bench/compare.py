"""Compare: aligning two answers of 5,000 words each, beside bare baselines that only split
and tokenise the same texts (the same run); and the GUI thread while the Compare tab aligns
such a set in its worker (longest gap between event-loop turns, and when the tab painted).

Baselines: "pysbd split + tokenise" is the first step alignment itself takes (the goal is
≤ 5× this); "regex split + str.split" is the barest possible pass over the text.

The GUI gaps are the whole window's: on 2026-11-28 the longest ones came from other work on
the GUI thread (the study cards' key sentences, desktop/content/cards.py), not from the
alignment, which runs in a helper process (desktop/services/compare_worker.py).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.content.alignment import align_educators  # noqa: E402
from desktop.content.alignment_sentences import answer_sentences, content_words, stem  # noqa: E402
from desktop.content.studyset import parse_study_set_text  # noqa: E402
from desktop.content.text import split_sentences  # noqa: E402
from tests.study_files import SEED_TEXT  # noqa: E402

WORDS = 5_000
RUNS = 5


def _sentences_of_seed() -> list[str]:
    parsed = parse_study_set_text(SEED_TEXT, "seed")
    return [s.text for a in parsed.answers for s in answer_sentences(a.passages)]


def generated_answer(seed: int, words: int = WORDS) -> list[str]:
    """Paragraphs of about 100 words: the seed's sentences with a quarter of their words
    swapped for others from the seed (so every sentence is new but reads like the topic)."""
    rng = random.Random(seed)
    sentences = _sentences_of_seed()
    vocabulary = sorted({w for s in sentences for w in s.split() if w.isalpha()})
    paragraphs, paragraph, count = [], [], 0
    while count < words:
        sentence = [
            rng.choice(vocabulary) if rng.random() < 0.25 else word
            for word in rng.choice(sentences).split()
        ]
        paragraph.append(" ".join(sentence))
        count += len(sentence)
        if sum(len(s.split()) for s in paragraph) >= 100:
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append(" ".join(paragraph))
    return paragraphs


def study_set_text(left: list[str], right: list[str]) -> str:
    return (
        "What were Joseph Stalin's motivation and goals? (benchmark)\n\nExpert Answers\n"
        "gpane eNotes educator| Certified Educator\n\n"
        + "\n\n".join(left)
        + "\n\npohnpei397 eNotes educator| Certified Educator\n\n"
        + "\n\n".join(right)
    )


def _median(action) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        stem.cache_clear()  # each run stems from scratch, as a fresh start would
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_alignment() -> list[str]:
    left, right = generated_answer(1), generated_answer(2)
    answers = [("gpane", left), ("pohnpei397", right)]

    def pysbd_baseline() -> None:
        for passages in (left, right):
            for sentence in answer_sentences(passages):
                content_words(sentence.text)

    def regex_baseline() -> None:
        for passages in (left, right):
            for passage in passages:
                for sentence in split_sentences(passage):
                    sentence.text_of(passage).lower().split()

    aligned = align_educators(answers, "gpane", "pohnpei397")
    alignment = _median(lambda: align_educators(answers, "gpane", "pohnpei397"))
    pysbd = _median(pysbd_baseline)
    bare = _median(regex_baseline)
    return [
        f"compare: two answers of {WORDS:,} words ({len(aligned.left)} and "
        f"{len(aligned.right)} sentences, {len(aligned.pairs)} pairs), median of {RUNS}",
        f"  align (split, stem, TF-IDF, pair)   {alignment * 1000:8.1f} ms",
        f"  baseline pysbd split + tokenise     {pysbd * 1000:8.1f} ms   "
        f"ratio {alignment / pysbd:.1f}× (goal ≤ 5×)",
        f"  baseline regex split + str.split    {bare * 1000:8.1f} ms   "
        f"ratio {alignment / bare:.0f}×",
    ]


def measure_gui() -> list[str]:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_DATA_HOME"] = str(Path(folder) / "data")
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        set_file = Path(folder) / "big.txt"
        set_file.write_text(study_set_text(generated_answer(1), generated_answer(2)), "utf-8")
        from desktop.app import StudyDeskApp, create_qapplication

        app = QApplication.instance() or create_qapplication(["bench"])
        desk = StudyDeskApp(set_file)
        ready: list[bool] = []
        desk.ready.connect(lambda: ready.append(True))
        desk.start()
        desk.window.show()
        deadline = time.monotonic() + 60
        while not ready and time.monotonic() < deadline:
            app.processEvents()
        window = desk.window
        clock = QElapsedTimer()
        gaps: list[float] = []
        last = [0.0]

        def tick() -> None:
            now = clock.nsecsElapsed() / 1e6
            gaps.append(now - last[0])
            last[0] = now

        ticker = QTimer()
        ticker.setInterval(1)
        ticker.timeout.connect(tick)
        clock.start()
        ticker.start()
        app.processEvents()
        before_switch = len(gaps)
        window.tabs.setCurrentIndex(window.tab_index("compare"))
        tab = window.tabs.currentWidget()
        shown_at = clock.nsecsElapsed() / 1e6
        switch_cost = shown_at - last[0]
        painted_before = [False]
        while tab.view is None and time.monotonic() < deadline:
            app.processEvents()
            if not painted_before[0] and tab.left.document().characterCount() > 1:
                painted_before[0] = True
        aligned_at = clock.nsecsElapsed() / 1e6
        ticker.stop()
        # After the switch (the tab's first layout) and before the result (set_view).
        worker_gaps = gaps[before_switch + 2 : -1] or [0.0]
        window.close()
        desk.shutdown()
    return [
        "compare tab: the same two answers aligned in the worker while a 1 ms timer ticks",
        f"  text shown before the alignment finished: {'yes' if painted_before[0] else 'no'}"
        f" (alignment done {aligned_at - shown_at:.0f} ms after the tab was opened)",
        f"  opening the tab (its plain text laid out): {switch_cost:.0f} ms",
        f"  longest GUI gap while aligning: {max(worker_gaps):.1f} ms "
        f"(goal ≤ 16 ms; median {statistics.median(worker_gaps):.1f} ms over {len(gaps)} ticks)",
        f"  showing the result (bands, connectors, ledger): {gaps[-1] if gaps else 0:.1f} ms",
    ]


def run() -> list[str]:
    return measure_alignment() + measure_gui()


if __name__ == "__main__":
    for line in run():
        print(line)
