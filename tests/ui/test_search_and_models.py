"""Search Everywhere and Find in Text as the student uses them; the item models' contracts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.models.notes_model import NotesModel
from desktop.models.search_model import SearchResultsModel
from desktop.ui.reading.answer_tab import AnswerTab
from tests.ui.conftest import Launch
from tests.ui.helpers import START_WORDS, click_before, gpane_tab, shortcut, type_tags


def open_search(qtbot: QtBot, desk):  # type: ignore[no-untyped-def]
    qtbot.keyClick(
        desk.window.tabs.currentWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier
    )
    dialog = desk.notes_controller.search_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_query(qtbot: QtBot, dialog, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    dialog.query.clear()
    qtbot.keyClicks(dialog.query, text)
    dialog.run_search()  # what the typing pause would do
    return [dialog.model.hit(row).place for row in range(dialog.model.rowCount())]


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
    assert type_query(qtbot, dialog, "holodomor") == ["Note on gpane ¶2"]
    assert type_query(qtbot, dialog, '"holodomor famine"') == ["Note on gpane ¶2"]
    assert type_query(qtbot, dialog, "holodo*") == ["Note on gpane ¶2"]
    assert type_query(qtbot, dialog, "tag:ukraine") == ["Note on gpane ¶2"]
    assert type_query(qtbot, dialog, "holodomor -famine") == []
    assert "Nothing found" in dialog.status.text()
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
