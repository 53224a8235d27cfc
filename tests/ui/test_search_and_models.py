"""Search Everywhere and Find in Text as the student uses them; the item models' contracts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from db.notes import create_note
from db.records import NoteAnchor
from desktop.models.notes_model import NotesModel
from desktop.models.search_model import HTML_ROLE, SearchResultsModel
from desktop.ui.reading.answer_tab import AnswerTab
from tests.study_files import SEED_TEXT, seed_paragraphs
from tests.ui.conftest import Launch
from tests.ui.helpers import (
    START_WORDS,
    click_before,
    gpane_tab,
    select_with_keyboard,
    shortcut,
    type_tags,
)


def open_search(qtbot: QtBot, desk):  # type: ignore[no-untyped-def]
    qtbot.keyClick(
        desk.window.tabs.currentWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier
    )
    dialog = desk.search_controller.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def places(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    return [dialog.model.hit(row).place for row in range(dialog.model.rowCount())]


def type_query(qtbot: QtBot, dialog, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    dialog.query.clear()
    qtbot.keyClicks(dialog.query, text)
    dialog.run_search()  # what the typing pause would do
    qtbot.waitUntil(lambda: not dialog.is_searching(), timeout=10_000)
    return places(dialog)


def test_search_everywhere_finds_a_note_by_word_phrase_prefix_and_tag(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    editor = desk.window.notes_panel.editor
    qtbot.keyClicks(editor.body.editor, "Remember the Holodomor famine")
    type_tags(qtbot, editor.tags, "famine ukraine")

    dialog = open_search(qtbot, desk)
    width = dialog.width()
    assert type_query(qtbot, dialog, "holodomor") == ["Note on gpane ¶2"]
    assert type_query(qtbot, dialog, '"holodomor famine"') == ["Note on gpane ¶2"]
    assert type_query(qtbot, dialog, "holodo*") == ["Note on gpane ¶2"]
    assert type_query(qtbot, dialog, "tag:ukraine") == ["Note on gpane ¶2"]
    assert type_query(qtbot, dialog, "holodomor -famine") == []
    assert "Nothing found" in dialog.status.text()
    assert dialog.width() == width  # the longer status wraps; the dialog keeps its size
    for hostile in ['"', "*", "NEAR(", "AND", "x" * 10_000]:
        type_query(qtbot, dialog, hostile)  # no exception, a result list or nothing
    places = type_query(qtbot, dialog, "kulaks")
    assert places == ["gpane ¶2"]
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    current = desk.window.tabs.currentWidget()
    assert isinstance(current, AnswerTab) and current.answer.handle == "gpane"
    assert current.is_flashing


def test_choosing_a_note_result_opens_its_place_and_the_note(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    shortcut(qtbot, tab, Qt.Key.Key_N)
    note_id = desk.window.notes_panel.editor.note_id
    qtbot.keyClicks(desk.window.notes_panel.editor.body.editor, "zhdanovshchina")
    desk.window.tabs.setCurrentIndex(0)
    dialog = open_search(qtbot, desk)
    assert type_query(qtbot, dialog, "zhdanov*") == ["Note on gpane ¶2"]
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert desk.window.tabs.tabText(desk.window.tabs.currentIndex()) == "gpane"
    assert desk.window.notes_panel.editor.note_id == note_id


def test_find_in_text_selects_matches_across_no_break_spaces(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    desk.window.tabs.setCurrentIndex(2)  # pohnpei397
    view = desk.window.tabs.currentWidget()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = desk.window.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.field, "wanted power. he wanted")
    assert view.textCursor().selectedText().replace("\u00a0", " ") == "wanted power.  He wanted"
    qtbot.keyClicks(bar.field, " nothing like this")
    assert bar.status.text() == "Not found"
    qtbot.keyClick(bar, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_item_models_pass_the_model_tester(launch: Launch, qtbot: QtBot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    desk = launch()
    tab = gpane_tab(desk)
    for words in (START_WORDS, "Russia had long"):
        click_before(qtbot, tab, words)
        shortcut(qtbot, tab, Qt.Key.Key_N)
    desk.notes.flush()
    qtmodeltester.check(desk.window.panel_model)
    empty = NotesModel(lambda ids: {})
    qtmodeltester.check(empty)
    results = SearchResultsModel()
    results.set_hits(desk.notes.search(desk.window.study_set.id, "stalin").hits)
    assert results.rowCount() > 3
    qtmodeltester.check(results)


# --- long texts: the search runs off the GUI thread, and only the newest query is shown -------

LONG_WORD = "kolkhozes"


def launch_with_long_texts(launch: Launch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The seed plus an educator with a 200 KB passage repeating a word, and a 10 MB note
    repeating it: each took FTS5's snippet() seconds to minutes per keystroke."""
    study_file = tmp_path / "long.txt"
    study_file.write_text(
        SEED_TEXT
        + "\n\nmhistorian eNotes educator| Certified Educator\n\n"
        + f"Forced {LONG_WORD} of farms. " * 7_000,
        encoding="utf-8",
    )
    desk = launch(study_file)
    study_set_id = desk.window.study_set.id
    with desk.library.database().session() as session:
        create_note(session, study_set_id, NoteAnchor("question"), f"{LONG_WORD} again. " * 500_000)
    return desk


def test_typing_never_waits_for_a_search_of_long_texts(
    launch: Launch, qtbot: QtBot, tmp_path: Path
) -> None:
    desk = launch_with_long_texts(launch, tmp_path)
    dialog = open_search(qtbot, desk)
    ticks = []
    ticker = QTimer(dialog)
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: ticks.append(dialog.searcher.is_running()))
    ticker.start()
    qtbot.keyClicks(dialog.query, f"{LONG_WORD} again")
    with qtbot.waitSignal(dialog.searcher.finished, timeout=60_000):
        dialog.run_search()
        # run_search only asked: the query runs on while the dialog takes more keys.
        assert dialog.status.text() == "Searching…"
        assert dialog.searcher.is_running()
        qtbot.keyClicks(dialog.query, "!")
        assert dialog.query.text() == f"{LONG_WORD} again!"
    ticker.stop()
    # The event loop ran (10 ms ticks) while the query was running.
    assert ticks.count(True) >= 1
    assert places(dialog) == ["Note"]
    assert "\x02again\x03" in dialog.model.hit(0).snippet
    # The typing pause after "!" searches again, and gives the same answer.
    qtbot.waitUntil(lambda: not dialog.is_searching(), timeout=60_000)
    assert places(dialog) == ["Note"]


def test_a_superseded_query_never_shows_its_results(
    launch: Launch, qtbot: QtBot, tmp_path: Path
) -> None:
    desk = launch_with_long_texts(launch, tmp_path)
    dialog = open_search(qtbot, desk)
    shown: list[list[str]] = []
    dialog.model.modelReset.connect(lambda: shown.append(places(dialog)))
    announced: list[int] = []
    dialog.searcher.finished.connect(lambda serial, _outcome: announced.append(serial))
    qtbot.keyClicks(dialog.query, LONG_WORD)
    dialog.run_search()  # matches the 10 MB note and the 200 KB passage
    first = dialog.searcher.serial
    dialog.query.clear()
    qtbot.keyClicks(dialog.query, "kulaks")  # typed before the first query's results came
    dialog.run_search()
    qtbot.waitUntil(lambda: not dialog.is_searching(), timeout=60_000)
    assert dialog.searcher.wait(60)  # the first query is over too: interrupted or dropped
    qtbot.wait(50)  # anything the worker had queued for the GUI thread is delivered by now
    assert first not in announced
    assert shown == [["gpane ¶2"]]
    assert places(dialog) == ["gpane ¶2"]


def test_enter_while_searching_opens_the_first_result_when_it_arrives(
    launch: Launch, qtbot: QtBot, tmp_path: Path
) -> None:
    desk = launch_with_long_texts(launch, tmp_path)
    dialog = open_search(qtbot, desk)
    qtbot.keyClicks(dialog.query, f'"{LONG_WORD} of farms"')
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)  # before the typing pause is over
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    current = desk.window.tabs.currentWidget()
    assert isinstance(current, AnswerTab) and current.answer.handle == "mhistorian"


def test_search_snippets_read_as_the_note_reads_without_markdown_marks(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, START_WORDS)
    select_with_keyboard(qtbot, tab, 10)
    shortcut(qtbot, tab, Qt.Key.Key_N)  # starts with the quote: "> Stalin and…\n> — gpane ¶2"
    editor = desk.window.notes_panel.editor
    qtbot.keyClicks(editor.body.editor, "# Famine")
    qtbot.keyClick(editor.body.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(
        editor.body.editor, "> **Holodomor** was a `famine`, see [the source](https://example.org)"
    )
    dialog = open_search(qtbot, desk)
    assert type_query(qtbot, dialog, "holodomor") == ["Note on gpane ¶2"]
    shown = QTextDocument()
    shown.setHtml(dialog.model.index(0, 0).data(HTML_ROLE))  # what the result list draws
    seen = shown.toPlainText()
    assert "Holodomor was a famine, see the source" in seen
    assert "Famine" in seen
    for mark in ("**", "`", ">", "#", "](", "https"):
        assert mark not in seen, mark
    assert "<b>Holodomor</b>" in dialog.model.index(0, 0).data(HTML_ROLE)  # still marked


def test_find_in_text_says_which_match_of_how_many(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    view = gpane_tab(desk)
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = desk.window.find_bar
    total = sum(p.lower().count("stalin") for p in seed_paragraphs("gpane"))
    assert total > 2
    qtbot.keyClicks(bar.field, "stalin")
    assert bar.status.text() == f"1 of {total}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # next
    assert bar.status.text() == f"2 of {total}"
    previous = next(b for b in bar.findChildren(QPushButton) if b.text() == "Previous")
    qtbot.mouseClick(previous, Qt.MouseButton.LeftButton)
    assert bar.status.text() == f"1 of {total}"
    qtbot.mouseClick(previous, Qt.MouseButton.LeftButton)  # wraps to the last
    assert bar.status.text() == f"{total} of {total}"
