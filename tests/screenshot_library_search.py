"""docs/library-search.png: Ctrl+K looking in the whole library of 40 imported study sets, in
the real app on Xvfb (``python -m tests.screenshot_library_search``).

A folder of 40 question files is imported with `studydesk import` as a student would, some
sets are put in courses, and the embedded set gets the notes and draft of the other
screenshots. Then the app is started, the Library opened (its picture goes to
/tmp/library-40.png, to look at), and Ctrl+K searches the whole library.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop.services.library import Library
from tests.screenshots import DOCS, prepare_library
from tests.xserver import RunningApp, app_env, press_keys, screenshot, xvfb

EDUCATORS = ["mhistorian", "kdavis", "rlewis", "ahistorian2", "jbrooks", "tcarter"]
TOPICS = [
    ("Why did the Weimar Republic collapse?", "hyperinflation", "HIST 201::Unit 2"),
    (
        "How did the New Economic Policy change Soviet farming?",
        "collectivisation",
        "HIST 201::Unit 3",
    ),
    (
        "What were the causes of the Great Famine of 1932-33?",
        "collectivisation",
        "HIST 201::Unit 3",
    ),
    (
        "Why did the Five-Year Plans prioritise heavy industry?",
        "industrialisation",
        "HIST 201::Unit 3",
    ),
    ("How did the kulaks resist collectivisation?", "collectivisation", "HIST 201::Unit 3"),
    (
        "What role did propaganda play in Stalin's cult of personality?",
        "propaganda",
        "HIST 201::Unit 3",
    ),
    ("Why did the Great Terror target the Red Army?", "purges", "HIST 201::Unit 3"),
    ("How did Lenin's April Theses shape 1917?", "soviets", "HIST 201::Unit 1"),
    ("Why did the Provisional Government fail?", "soviets", "HIST 201::Unit 1"),
    ("What did the Treaty of Brest-Litovsk cost Russia?", "territory", "HIST 201::Unit 1"),
    ("Why did the Whites lose the Russian Civil War?", "war communism", "HIST 201::Unit 1"),
    ("How did the Depression affect Soviet trade?", "grain exports", "ECON 110"),
    ("Was the Marshall Plan an act of generosity?", "reconstruction", "ECON 110"),
    ("Why did the gold standard break down in 1931?", "gold", "ECON 110"),
    ("How did Keynes answer the Depression?", "demand", "ECON 110"),
]
MORE = [
    "What caused the First World War?",
    "Why did the Cold War begin?",
    "How did the Berlin Blockade end?",
    "What was the significance of the Yalta Conference?",
    "Why did Khrushchev denounce Stalin in 1956?",
    "How did the Hungarian Revolution of 1956 unfold?",
    "What led to the Cuban Missile Crisis?",
    "Why did détente fail in the late 1970s?",
    "How did Solidarity challenge Polish communism?",
    "What caused the collapse of the Soviet Union?",
    "Why did Japan attack Pearl Harbor?",
    "How did the Battle of Stalingrad change the war?",
    "What was Operation Barbarossa meant to achieve?",
    "Why did appeasement fail?",
    "How did women's work change during the First World War?",
    "What were the aims of the League of Nations?",
    "Why did the Spanish Civil War draw in foreign powers?",
    "How did Mussolini come to power?",
    "What was the Nazi-Soviet Pact?",
    "How did decolonisation reshape Africa after 1945?",
    "Why was the Berlin Wall built?",
    "What did the Prague Spring ask for?",
    "How did the Space Race reflect Cold War rivalry?",
    "Why did the Korean War end in stalemate?",
    "What were the consequences of the Treaty of Versailles?",
]


def study_text(number: int, question: str, word: str) -> str:
    handles = [EDUCATORS[(number + k) % len(EDUCATORS)] for k in range(2 + number % 3)]
    parts = [question, "", "Expert Answers"]
    for index, handle in enumerate(handles):
        parts += [f"{handle} eNotes educator| Certified Educator", ""]
        parts += [
            f"The short answer turns on {word}. Historians still argue about how far it was "
            f"planned and how far it followed from earlier choices ({1900 + number}).",
            "",
            f"A second point: contemporaries saw it differently, and the sources each of us "
            f"reads first shape the answer. Paragraph {index + 2} of {handle}'s answer.",
            "",
        ]
    return "\n".join(parts).rstrip() + "\n"


def prepare(data_home: Path, folder: Path) -> None:
    prepare_library(data_home)  # the embedded set with notes, highlights and a draft
    folder.mkdir()
    courses: dict[str, str] = {}
    sets = [(q, w, c) for q, w, c in TOPICS] + [(q, "causes", "") for q in MORE]
    for number, (question, word, course) in enumerate(sets[:39], start=1):
        name = f"{number:02}-{question[:30].strip('?').replace(' ', '-').lower()}.txt"
        (folder / name).write_text(study_text(number, question, word), encoding="utf-8")
        if course:
            courses[question] = course
    env = dict(os.environ, XDG_DATA_HOME=str(data_home))
    env.pop("DISPLAY", None)
    subprocess.run([sys.executable, "-m", "desktop", "import", str(folder)], env=env, check=True,
                   capture_output=True, timeout=300)  # fmt: skip
    from db import library as organise

    library = Library(data_home / "studydesk" / "studydesk.sqlite3")
    try:
        ids = dict(library.reader.execute("SELECT title, id FROM study_sets").fetchall())
        with library.database().session() as session:
            for question, course in courses.items():
                organise.add_to_course(session, [ids[question]], course)
            organise.add_to_course(session, [library.ensure_embedded_study_set()],
                                   "HIST 201::Unit 3")  # fmt: skip
    finally:
        library.close()


def type_text(display: str, window_name: str, text: str) -> None:
    env = dict(os.environ, DISPLAY=display)
    press_keys(display, window_name, "End")  # focuses the window first
    subprocess.run(["xdotool", "type", "--delay", "40", text], env=env, check=True, timeout=60)


def main() -> None:
    with tempfile.TemporaryDirectory() as home, xvfb() as display:
        data = Path(home) / "data"
        prepare(data, Path(home) / "sets")
        env = app_env(display, data, Path(home) / "config")
        with RunningApp([], env) as app:
            app.wait_for("ready")
            press_keys(display, "Study Desk", "ctrl+l")
            time.sleep(1.5)
            screenshot(display, Path("/tmp/library-40.png"), "Library")
            print("wrote /tmp/library-40.png")
            press_keys(display, "Library", "Escape")
            time.sleep(0.5)
            press_keys(display, "Study Desk", "ctrl+k")
            time.sleep(1.0)
            type_text(display, "Search Everywhere", "collectivisation")
            time.sleep(1.0)
            press_keys(display, "Search Everywhere", "alt+l")  # Look in:
            press_keys(display, "Search Everywhere", "End")  # Whole library (searches again)
            time.sleep(1.5)
            screenshot(display, DOCS / "library-search.png", "Search Everywhere")
            print("wrote docs/library-search.png")
            press_keys(display, "Search Everywhere", "Escape")
            press_keys(display, "Study Desk", "ctrl+q")
            app.wait_exit()


if __name__ == "__main__":
    main()
