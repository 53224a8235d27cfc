"""A typed study set reads back, through the parser, as what was typed."""

from __future__ import annotations

import pytest

from desktop.content.compose import TypedAnswer, compose_study_set
from desktop.content.studyset import StudySetFormatError, credential_text, parse_study_set_text


def test_a_typed_set_reads_back_as_typed() -> None:
    parsed = compose_study_set(
        "Why did the New Economic Policy end?",
        [
            TypedAnswer("mhistorian", "PhD", "Grain shortages.\n\n\nStalin wanted control."),
            TypedAnswer("gpane", "eNotes educator| Certified Educator", "Industry first."),
        ],
    )
    assert parsed.question == "Why did the New Economic Policy end?"
    assert [a.handle for a in parsed.answers] == ["mhistorian", "gpane"]
    assert parsed.answers[0].passages == ("Grain shortages.", "Stalin wanted control.")
    assert credential_text(parsed.answers[0].credential) == "PhD"
    again = parse_study_set_text(parsed.text, "exported")
    assert again.sha256 == parsed.sha256  # the stored text is a study set of its own


def test_a_form_without_answers_is_refused_with_a_reason() -> None:
    with pytest.raises(StudySetFormatError):
        compose_study_set("A question with nobody answering it?", [])
