"""Moving between study sets: Go › Back returns to the set shown before, Go › Recent Study
Sets lists the sets opened last and opens one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.conftest import Launch, quit_app
from tests.ui.helpers import bring_to_front, rows


def handles(desk) -> list[str]:  # type: ignore[no-untyped-def]
    return [tab.answer.handle for tab in desk.window.answer_tabs()]


def test_back_and_recent_move_between_study_sets(
    launch: Launch, qtbot: QtBot, three_educators_on_open: Path
) -> None:
    desk = launch()
    window, menu = desk.window, desk.window.menu
    assert handles(desk) == ["gpane", "pohnpei397"]
    assert not menu.back_action.isEnabled()

    bring_to_front(qtbot, desk)
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert "mhistorian" in handles(desk)  # the imported set is shown
    assert len(menu.recent_menu.actions()) == 2

    assert menu.back_action.isEnabled()
    qtbot.keyClick(
        window.tabs.currentWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier
    )  # Go › Back
    assert handles(desk) == ["gpane", "pohnpei397"]
    assert not menu.back_action.isEnabled()

    recent = menu.recent_menu.actions()
    recent[1].trigger()  # the one opened before the one shown now: the imported set
    assert "mhistorian" in handles(desk)
    assert menu.back_action.isEnabled()


def test_the_sets_opened_last_are_kept_across_a_quick_switch_and_quit(
    launch: Launch,
    qtbot: QtBot,
    three_educators_on_open: Path,
    database_file: Path,
) -> None:
    """When each set was opened is written shortly after the switching stops, and at quit:
    Go › Recent is in order at once, and a quit right after a switch keeps it, and the set to
    reopen."""
    desk = launch()
    window, menu = desk.window, desk.window.menu
    first = window.study_set.id  # the variant has the seed's title
    bring_to_front(qtbot, desk)
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    second = window.study_set.id
    assert second != first
    for _ in range(3):  # Back and forth from the recent list, quicker than any write
        menu.recent_menu.actions()[1].trigger()
    assert window.study_set.id == first
    assert [action.data() for action in menu.recent_menu.actions()] == [first, second]
    quit_app(qtbot, desk)

    assert rows(
        database_file,
        "SELECT id FROM study_sets WHERE last_opened_at IS NOT NULL ORDER BY last_opened_at DESC",
    ) == [(first,), (second,)]
    desk = launch()
    assert desk.window.study_set.id == first
    assert [action.data() for action in desk.window.menu.recent_menu.actions()] == [first, second]


def test_a_set_not_among_the_recent_is_listed_first_at_once_and_written_a_moment_later(
    launch: Launch,
    qtbot: QtBot,
    three_educators_on_open: Path,
    database_file: Path,
) -> None:
    """Go › Recent lists a set opened for the first time at the top straight away, by its
    title; when it was opened reaches the database once the switching stops (writing it in
    the switch, with the settings file's sync, stalled every switch to such a set)."""
    desk = launch()
    window, menu = desk.window, desk.window.menu
    first = window.study_set.id
    bring_to_front(qtbot, desk)
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    second = window.study_set.id
    opened = f"SELECT last_opened_at IS NOT NULL FROM study_sets WHERE id = {second}"
    assert rows(database_file, opened) == [(0,)]  # not yet
    recent = menu.recent_menu.actions()
    assert [action.data() for action in recent] == [second, first]
    assert window.study_set.title in recent[0].text()
    qtbot.waitUntil(lambda: rows(database_file, opened) == [(1,)])
    assert [action.data() for action in menu.recent_menu.actions()] == [second, first]
