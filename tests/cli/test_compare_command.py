"""`studydesk compare` as a student runs it: a real subprocess on a real library, no display."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_commands import studydesk

THREE = Path(__file__).parents[1] / "data" / "three_educators.txt"


def _pair(comparison: dict, left_start: str) -> dict:  # type: ignore[type-arg]
    return next(p for p in comparison["pairs"] if p["left"]["text"].startswith(left_start))


def test_compare_json_on_the_seed_gives_the_pairs_a_reader_makes(database_file: Path) -> None:
    result = studydesk("compare", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["study_set"]["title"] == "What were Joseph Stalin's motivation and goals?"
    [comparison] = report["comparisons"]
    assert (comparison["left"], comparison["right"]) == ("gpane", "pohnpei397")
    broader = _pair(comparison, "Russia had long been a technologically backward country")
    assert broader["left"]["paragraph"] == 2 and broader["right"]["paragraph"] == 2
    assert broader["right"]["text"].startswith("On the national/ideological level goal, Stalin")
    assert broader["stance"] == "agree" and broader["status"] == "suggested"
    dispute = _pair(comparison, "However, contrary to what pohnpei suggests")
    assert (dispute["stance"], dispute["right"]["paragraph"]) == ("disagree", 2)
    assert dispute["right"]["text"].startswith("His motivation was that he wanted a country")
    assert 0 < dispute["score"] < 1
    only_gpane = [s["text"] for s in comparison["unmatched"]["gpane"]]
    assert any(text.startswith("Witness, for example") for text in only_gpane)
    gpane = report["coverage"][0]
    assert gpane["paragraphs_not_annotated"] == [1, 2, 3]
    assert gpane["summary"].startswith("gpane ¶1, ¶2 and ¶3 and ")
    assert database_file.exists()  # the embedded set was put into the new library


def test_compare_text_names_both_sides_and_what_only_one_says() -> None:
    result = studydesk("compare")
    assert result.returncode == 0, result.stderr
    assert "gpane ↔ pohnpei397: 6 pairs" in result.stdout
    assert "    pohnpei397 ¶2: His motivation was that he wanted a country" in result.stdout
    assert "  only gpane: 8" in result.stdout
    assert "  only pohnpei397: 2" in result.stdout


def test_compare_a_three_educator_set_every_pair_or_the_two_named() -> None:
    imported = studydesk("import", THREE)
    assert imported.returncode == 0, imported.stderr
    result = studydesk("compare", "--set", "First", "World", "War", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    pairs = [(c["left"], c["right"]) for c in report["comparisons"]]
    assert pairs == [
        ("mokafor", "jdavies"),
        ("mokafor", "historyfan42"),
        ("jdavies", "historyfan42"),
    ]
    nationalism = _pair(report["comparisons"][0], "Nationalism made every government")
    assert nationalism["right"]["text"].startswith("Unlike mokafor, I doubt")
    assert nationalism["stance"] == "disagree"
    assert [c["educator"] for c in report["coverage"]] == ["mokafor", "jdavies", "historyfan42"]

    named = studydesk(
        "compare",
        "--set",
        "First World War",
        "--left",
        "jdavies",
        "--right",
        "historyfan42",
        "--json",
    )
    assert named.returncode == 0, named.stderr
    [only] = json.loads(named.stdout)["comparisons"]
    alliances = _pair(only, "The web of alliances")
    assert (
        alliances["right"]["text"].startswith("As jdavies notes") and alliances["stance"] == "agree"
    )


def test_compare_refuses_an_unknown_educator_or_set_in_one_line() -> None:
    unknown = studydesk("compare", "--left", "gpane", "--right", "nobody")
    assert unknown.returncode == 2
    assert unknown.stderr.strip().splitlines() == [
        "studydesk: no educator 'nobody' in this study set; its educators: gpane, pohnpei397"
    ]
    no_set = studydesk("compare", "--set", "Napoleon")
    assert no_set.returncode == 2
    assert "no study set matches 'Napoleon'" in no_set.stderr
    assert len(no_set.stderr.strip().splitlines()) == 1
