"""Cards made from the student's work (desktop.content.cards), Qt-free."""

from __future__ import annotations

from desktop.content.cards import (
    AnswerSource,
    EventSource,
    HighlightSource,
    NoteSource,
    cloze_cards,
    educator_cards,
    qa_cards,
    timeline_cards,
)
from desktop.content.timeline import Event, HistoricDate

PASSAGE = (
    "Stalin wanted power. He launched the First Five-Year Plan in 1928 to industrialise "
    "the Soviet Union quickly. Collectivisation followed."
)


def highlight(
    hid: int, quote: str, start: int | None = None, text: str = PASSAGE
) -> HighlightSource:
    at = text.index(quote) if start is None else start
    return HighlightSource(hid, 10, text, at, at + len(quote), quote, "gpane")


def test_a_highlight_is_blanked_inside_its_sentence() -> None:
    [card] = cloze_cards([highlight(1, "First Five-Year Plan")])
    assert card.front == ("He launched the […] in 1928 to industrialise the Soviet Union quickly.")
    assert card.back.startswith("First Five-Year Plan\n\n")
    assert card.cloze == (
        "He launched the {{c1::First Five-Year Plan}} in 1928 to industrialise the Soviet "
        "Union quickly."
    )
    assert (card.passage_id, card.gen_key, card.tags) == (10, "highlight:#1", ("gpane",))


def test_two_highlights_in_one_sentence_are_siblings_sharing_one_cloze_text() -> None:
    first, second = cloze_cards([highlight(2, "1928"), highlight(1, "First Five-Year Plan")])
    by_key = {c.gen_key: c for c in (first, second)}
    assert by_key["highlight:#1"].front == (  # each blanks only its own words
        "He launched the […] in 1928 to industrialise the Soviet Union quickly."
    )
    assert by_key["highlight:#2"].front == (
        "He launched the First Five-Year Plan in […] to industrialise the Soviet Union quickly."
    )
    assert first.cloze == second.cloze
    assert "{{c1::First Five-Year Plan}}" in (first.cloze or "")
    assert "{{c2::1928}}" in (first.cloze or "")


def test_a_one_character_highlight_makes_no_card() -> None:
    assert cloze_cards([highlight(1, "S", start=0)]) == []


def test_a_highlight_whose_text_moved_is_reanchored_by_its_quote() -> None:
    moved = highlight(1, "Collectivisation", start=3)  # stored offsets no longer hold it
    [card] = cloze_cards([moved])
    assert card.front == "[…] followed."
    assert card.start == PASSAGE.index("Collectivisation")


def test_a_highlight_whose_quote_is_gone_makes_no_card() -> None:
    gone = HighlightSource(1, 10, PASSAGE, 0, 6, "Trotsky", "gpane")
    assert cloze_cards([gone]) == []


def test_question_and_answer_lines_of_a_note() -> None:
    note = NoteSource(
        7,
        "Intro line\n- Who started the Plan? :: Stalin\nHIST 201::\n1. Year :: 1928",
        55,
        None,
        None,
        ("exam",),
    )
    cards = qa_cards([note])
    assert [(c.front, c.back) for c in cards] == [
        ("Who started the Plan?", "Stalin"),
        ("Year", "1928"),
    ]
    assert all(c.passage_id == 55 and c.tags == ("exam",) for c in cards)


def test_editing_an_answer_keeps_the_card_key() -> None:
    [before] = qa_cards([NoteSource(1, "Capital :: Moscow", None, None, None)])
    [after] = qa_cards([NoteSource(1, "intro\nCapital :: Moscow, from 1918", None, None, None)])
    assert before.gen_key == after.gen_key and after.back == "Moscow, from 1918"


def test_a_note_of_ten_thousand_lines_stays_linear() -> None:
    body = "\n".join(f"Question {n} :: Answer {n}" for n in range(10_000))
    body += "\n" + ":: " * 10_000  # one pathological line
    cards = qa_cards([NoteSource(1, body, None, None, None)])
    assert len(cards) == 10_000
    assert len({c.gen_key for c in cards}) == 10_000


def event(key: str, start: str, precision: str = "day", end: str | None = None, **kw) -> Event:  # type: ignore[no-untyped-def]
    return Event(
        key=key,
        title=kw.pop("title", key.title()),
        start=HistoricDate.parse(start),
        end=HistoricDate.parse(end) if end else None,
        precision=precision,
        category="politics",
        **kw,
    )


def test_timeline_cards_answer_at_the_events_precision() -> None:
    events = [
        EventSource(
            event("october", "1917-11-07", old_style="25 Oct O.S.", title="October Revolution"),
            3,
            0,
            5,
        ),
        EventSource(
            event("depression", "1929", "year", "1933", title="Great Depression"), None, None, None
        ),
        EventSource(event("lenin", "1924", "circa", title="Lenin's testament"), None, None, None),
        EventSource(event("plan", "1928", "year", title="First Five-Year Plan"), None, None, None),
        EventSource(event("bg", "1900", background=True), None, None, None),
    ]
    cards = timeline_cards("set1", events)
    dates = {c.front.splitlines()[1]: c.back for c in cards if c.kind == "event_date"}
    assert dates == {
        "October Revolution": "7 Nov 1917 (25 Oct O.S.)",
        "Great Depression": "1929–1933",
        "Lenin's testament": "c. 1924",
        "First Five-Year Plan": "1928",
    }  # the background event the answers never mention is not asked
    years = {c.front: c.back for c in cards if c.kind == "event_year"}
    assert years["What happened in 1928?"] == "First Five-Year Plan"
    assert "What happened in 1924?" not in years  # "c. 1924" is not a year to be asked for
    [order] = [c for c in cards if c.kind == "event_order"]
    assert order.back.splitlines()[0].startswith("1. October Revolution")


def test_educator_cards_ask_who_argues_and_who_disputes() -> None:
    answers = [
        AnswerSource(
            "gpane",
            (
                (
                    1,
                    "Contrary to what pohnpei suggests, Stalin was cautious. "
                    "He built socialism in one country.",
                ),
            ),
        ),
        AnswerSource(
            "pohnpei397", ((2, "Stalin wanted world revolution. He exported communism."),)
        ),
    ]
    cards = educator_cards("set1", answers)
    fronts = {c.front: c.back for c in cards}
    assert any(
        f.startswith("Which educator disputes pohnpei397") and b == "gpane"
        for f, b in fronts.items()
    )
    assert any(
        f.startswith("Which educator argues this?") and b == "pohnpei397" for f, b in fronts.items()
    )
    assert educator_cards("set1", answers[:1]) == []  # one educator: nothing to choose between


def test_a_cloze_blank_widens_and_narrows_by_a_word_at_either_end() -> None:
    from desktop.content.cards import resize_blank

    [card] = cloze_cards([highlight(1, "First Five-Year Plan")])
    wider = resize_blank(card.front, card.back, -1, 1)
    assert wider is not None
    assert wider[0] == "He launched […] 1928 to industrialise the Soviet Union quickly."
    assert wider[1].startswith("the First Five-Year Plan in\n\n")
    narrower = resize_blank(*wider, 1, -1)
    assert narrower == (card.front, card.back)
    # The last word takes in no full stop; a blank is never emptied; a reworded card is left.
    end = resize_blank(card.front, card.back, 0, 20)
    assert end is not None and end[0] == "He launched the […]."
    assert resize_blank(card.front, card.back, 3, 0) is None
    assert resize_blank("Who?", "Stalin\n\nHe launched it.", -1, 0) is None
