"""The window as a student meets it: tabs, paragraphs, links, zoom and remembered state."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from desktop.content.text import normalize_spaces
from desktop.ui.reading.answer_tab import AnswerTab
from tests.study_files import (
    ACCEPTED_VARIANTS,
    REFUSED_VARIANTS,
    SEED_QUESTION,
    seed_paragraphs,
    write_variant,
)
from tests.ui.conftest import Launch, quit_app
from tests.ui.helpers import bring_to_front, fill_event_dialog, tooltip_as_seen


def tab_titles(desk) -> list[str]:  # type: ignore[no-untyped-def]
    tabs = desk.window.tabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def press(qtbot: QtBot, desk, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(desk.window.tabs.currentWidget(), key, Qt.KeyboardModifier.ControlModifier)


def mention_point(tab: AnswerTab, occurrence: int) -> QPoint:
    """The viewport point in the middle of the n-th 'pohnpei' mention, scrolled into view."""
    document = tab.document()
    cursor = QTextCursor(document)
    for _ in range(occurrence + 1):
        cursor = document.find("pohnpei", cursor)
        assert not cursor.isNull()
    tab.setTextCursor(cursor)
    tab.ensureCursorVisible()
    middle = QTextCursor(document)
    middle.setPosition(cursor.selectionStart() + 3)
    return tab.cursorRect(middle).center()


def test_tabs_and_window_title(launch: Launch) -> None:
    desk = launch()
    assert desk.window.windowTitle() == f"Study Desk — {SEED_QUESTION}"
    assert tab_titles(desk) == ["Question", "gpane", "pohnpei397", "Compare", "Timeline", "Notes"]


def test_question_tab_shows_question_source_educators_and_counts(launch: Launch) -> None:
    desk = launch()
    text = desk.window.question_view.toPlainText()
    assert SEED_QUESTION in text
    # What the set is, in words; the file name only as a detail after it.
    assert "Embedded study set, added" in text
    assert text.index("Embedded study set") < text.index("file 000_70d4868b37754f02.txt")
    assert "2 educators answered, in 6 paragraphs" in text
    for handle in ("gpane", "pohnpei397"):
        assert handle in text
    assert text.count("eNotes educator · Certified Educator") == 2
    assert "min read" in text


def test_the_question_tab_wraps_in_a_narrow_window_at_any_text_size(
    launch: Launch, qtbot: QtBot
) -> None:
    """Nothing on the Question tab needs scrolling sideways: the educators' lines wrap by
    words (they were a table whose credential column shrank to a letter a line)."""
    desk = launch()
    desk.window.resize(700, 500)
    view = desk.window.question_view
    for _ in range(7):
        QApplication.processEvents()
        assert view.horizontalScrollBar().maximum() == 0
        press(qtbot, desk, Qt.Key.Key_Plus)
    assert "eNotes educator · Certified Educator" in view.toPlainText()


def test_every_paragraph_is_shown_numbered_in_its_educators_tab(launch: Launch) -> None:
    desk = launch()
    for index, handle in ((1, "gpane"), (2, "pohnpei397")):
        desk.window.tabs.setCurrentIndex(index)
        shown = normalize_spaces(desk.window.tabs.widget(index).toPlainText())
        for number, paragraph in enumerate(seed_paragraphs(handle), start=1):
            assert normalize_spaces(paragraph) in shown
            assert f"¶{number}" in shown


def test_clicking_a_cross_reference_opens_the_other_educators_tab(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    desk.window.tabs.setCurrentIndex(1)
    gpane = desk.window.tabs.widget(1)
    point = mention_point(gpane, 0)
    qtbot.mouseClick(gpane.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert desk.window.tabs.tabText(desk.window.tabs.currentIndex()) == "pohnpei397"


def test_hovering_a_cross_reference_tells_agreement_or_dispute(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    desk.window.tabs.setCurrentIndex(1)
    gpane = desk.window.tabs.widget(1)
    seen = []
    for occurrence in range(3):
        point = mention_point(gpane, occurrence)
        event = QHelpEvent(QEvent.Type.ToolTip, point, gpane.viewport().mapToGlobal(point))
        QApplication.sendEvent(gpane.viewport(), event)
        qtbot.waitUntil(QToolTip.isVisible)
        seen.append(tooltip_as_seen())
        QToolTip.hideText()
    assert seen[0].startswith("gpane agrees with pohnpei397")
    assert seen[1].startswith("gpane agrees with pohnpei397")
    assert seen[2].startswith("gpane disputes pohnpei397's answer")


def test_ctrl_number_switches_tabs_and_the_tab_is_remembered(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    press(qtbot, desk, Qt.Key.Key_3)
    assert desk.window.tabs.currentIndex() == 2
    press(qtbot, desk, Qt.Key.Key_2)
    assert tab_titles(desk)[desk.window.tabs.currentIndex()] == "gpane"
    quit_app(qtbot, desk)
    again = launch()
    assert tab_titles(again)[again.window.tabs.currentIndex()] == "gpane"


def test_the_current_tab_and_text_size_reach_the_settings_file_without_quitting(
    launch: Launch, qtbot: QtBot
) -> None:
    """A crash or a kill reopens the tab the student was on at the size they chose, not
    those of the last quit."""
    desk = launch()
    press(qtbot, desk, Qt.Key.Key_2)
    assert tab_titles(desk)[desk.window.tabs.currentIndex()] == "gpane"
    press(qtbot, desk, Qt.Key.Key_Plus)
    settings_file = Path(desk.settings.fileName())

    def written() -> bool:
        text = settings_file.read_text(encoding="utf-8") if settings_file.exists() else ""
        return "current_tab=educator:gpane" in text and "zoom_steps=1" in text

    qtbot.waitUntil(written, timeout=5000)


def test_zoom_changes_the_reading_size_and_survives_a_restart(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    answer = desk.window.tabs.widget(1)
    normal = answer.document().defaultFont().pointSizeF()
    press(qtbot, desk, Qt.Key.Key_Plus)
    press(qtbot, desk, Qt.Key.Key_Plus)
    assert answer.document().defaultFont().pointSizeF() == normal + 2
    press(qtbot, desk, Qt.Key.Key_Minus)
    assert answer.document().defaultFont().pointSizeF() == normal + 1
    quit_app(qtbot, desk)

    again = launch()
    assert again.window.tabs.widget(1).document().defaultFont().pointSizeF() == normal + 1
    press(qtbot, again, Qt.Key.Key_0)
    assert again.window.tabs.widget(2).document().defaultFont().pointSizeF() == normal


def test_window_size_is_remembered(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    desk.window.resize(720, 540)
    qtbot.waitUntil(lambda: desk.window.width() == 720)
    quit_app(qtbot, desk)
    again = launch()
    assert (again.window.width(), again.window.height()) == (720, 540)


def test_opening_a_file_imports_it_and_shows_every_educator(
    launch: Launch, tmp_path: Path, database_file: Path
) -> None:
    data, _encoding = ACCEPTED_VARIANTS["three-educators"]
    desk = launch(write_variant(tmp_path, "three", data))
    assert tab_titles(desk) == [
        "Question",
        "gpane",
        "pohnpei397",
        "mhistorian",
        "Compare",
        "Timeline",
        "Notes",
    ]
    with sqlite3.connect(database_file) as plain:
        assert plain.execute("SELECT count(*) FROM study_sets").fetchone()[0] == 2


def test_opening_a_file_that_is_not_a_study_set_says_why_and_changes_nothing(
    launch: Launch, tmp_path: Path, database_file: Path, alerts
) -> None:  # type: ignore[no-untyped-def]
    launch()  # first launch: the embedded set

    def contents() -> list[str]:
        """The whole library, but for when each set was last opened (it was opened again)."""
        plain = sqlite3.connect(database_file)
        try:
            plain.execute("UPDATE study_sets SET last_opened_at = NULL")
            return list(plain.iterdump())
        finally:
            plain.rollback()  # only for the comparison: the file keeps its times
            plain.close()

    before = contents()
    data, phrase = REFUSED_VARIANTS["no-expert-answers"]
    desk = launch(write_variant(tmp_path, "essay", data))
    assert len(alerts.shown) == 1
    assert alerts.shown[0][2].startswith("essay.txt is not a study set:")
    assert phrase in alerts.shown[0][2]
    assert tab_titles(desk) == ["Question", "gpane", "pohnpei397", "Compare", "Timeline", "Notes"]
    assert contents() == before


def test_ctrl_q_quits(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    press(qtbot, desk, Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: not desk.window.isVisible())


def test_without_a_file_the_study_set_shown_last_opens(
    launch: Launch, qtbot: QtBot, tmp_path: Path
) -> None:
    data, _encoding = ACCEPTED_VARIANTS["three-educators"]
    desk = launch(write_variant(tmp_path, "three", data))
    quit_app(qtbot, desk)
    again = launch()
    assert tab_titles(again) == [
        "Question",
        "gpane",
        "pohnpei397",
        "mhistorian",
        "Compare",
        "Timeline",
        "Notes",
    ]


def test_file_import_menu_imports_the_chosen_file(
    launch: Launch, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    data, _encoding = ACCEPTED_VARIANTS["three-educators"]
    chosen = write_variant(tmp_path, "three", data)
    # The file dialog is the platform's own; the test answers it with the file a user picks.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen), ""))
    desk = launch()
    press(qtbot, desk, Qt.Key.Key_O)
    assert tab_titles(desk)[-4] == "mhistorian"


def test_an_answer_is_laid_out_once_when_opened_and_again_only_when_it_changes(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    window = desk.window
    window.tabs.setCurrentIndex(0)  # the Question tab: no answer is on screen
    gpane, pohnpei = window.answer_tabs()
    assert (gpane.build_count, pohnpei.build_count) == (0, 0)  # nothing built unseen

    window.tabs.setCurrentWidget(gpane)
    assert "¶1" in gpane.toPlainText()
    assert gpane.build_count == 1  # built once, with its zoom and event marks already

    window.tabs.setCurrentWidget(window.timeline_tab)
    QTimer.singleShot(0, lambda: fill_event_dialog("My own event", "1930", "", "economy"))
    window.timeline_tab.add_button.trigger()
    window.tabs.setCurrentWidget(gpane)
    assert gpane.build_count == 1  # an event no answer mentions changes no answer

    bring_to_front(qtbot, desk)
    qtbot.keyClick(gpane, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)  # zoom in
    assert gpane.build_count == 2
    assert pohnpei.build_count == 0  # still unseen: laid out when opened, at the new size
    window.tabs.setCurrentWidget(pohnpei)
    assert pohnpei.build_count == 1


def test_each_menus_items_have_their_own_access_keys(launch: Launch) -> None:
    """Alt+F then N is one item: two with &N made the key pick neither."""
    desk = launch()
    for menu_action in desk.window.menuBar().actions():
        menu = menu_action.menu()
        texts = [a.text() for a in menu.actions() if not a.isSeparator() and "&" in a.text()]
        keys = [text[text.index("&") + 1].lower() for text in texts]
        repeated = {key for key in keys if keys.count(key) > 1}
        assert not repeated, (
            menu_action.text(),
            [t for t in texts if any(t[t.index("&") + 1].lower() == key for key in repeated)],
        )
