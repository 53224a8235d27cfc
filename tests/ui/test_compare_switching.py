"""Compare work that is still under way when the student opens another study set: it never
shows on (or writes through) the new set's tabs, and the coverage bars survive tabs going."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.study_files import ACCEPTED_VARIANTS, write_variant
from tests.ui.conftest import Launch
from tests.ui.helpers import bring_to_front, rows
from tests.ui.test_compare import click_sentence, open_compare, pair_texts
from tests.ui.test_switching_sets import click_tab, titles


def open_three_educator_set(qtbot: QtBot, desk, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, _encoding = ACCEPTED_VARIANTS["three-educators"]
    chosen = write_variant(tmp_path, "three", data)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen), ""))
    bring_to_front(qtbot, desk)
    window = desk.window
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)


def test_an_alignment_of_the_set_before_never_lands_on_the_new_sets_compare_tab(
    launch: Launch, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = launch()
    window = desk.window
    click_tab(qtbot, desk, "Compare")
    controller = desk.compare_controller
    qtbot.waitUntil(lambda: window.compare_tab.view is not None, timeout=20_000)
    # The next alignment is slow (a long set, a busy machine): it is held, as if running.
    held: list[tuple[int, Callable[..., Any], tuple[Any, ...]]] = []

    def slow_start(job: Callable[..., Any], *args: Any) -> int:
        controller.worker.token += 1
        held.append((controller.worker.token, job, args))
        return controller.worker.token

    monkeypatch.setattr(controller.worker, "start", slow_start)
    controller._stale = True
    controller.refresh()  # the embedded set's alignment is under way
    assert held
    click_tab(qtbot, desk, "Question")
    open_three_educator_set(qtbot, desk, monkeypatch, tmp_path)
    new_tab = window.compare_tab
    qtbot.waitUntil(lambda: controller.tab is new_tab, timeout=10_000)
    token, job, args = held[0]
    controller._aligned(token, job(*args))  # the old set's alignment finishes now
    answers = [answer.id for answer in window.study_set.answers]
    assert new_tab.view is None or new_tab.view.left.id in answers
    monkeypatch.undo()  # the new set's own alignment runs for real
    click_tab(qtbot, desk, "Compare")
    qtbot.waitUntil(lambda: new_tab.view is not None, timeout=20_000)
    assert new_tab.view.study_set_id == window.study_set.id
    assert {new_tab.view.left.id, new_tab.view.right.id} <= set(answers)


def test_coverage_bars_follow_a_switch_from_three_educators_to_two_and_back(
    launch: Launch, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = launch()
    window = desk.window
    open_three_educator_set(qtbot, desk, monkeypatch, tmp_path)
    three = desk.session.current_id
    click_tab(qtbot, desk, "mhistorian")  # its coverage bar is made
    qtbot.waitUntil(lambda: bool(desk.answer_coverage.bars), timeout=5_000)
    click_tab(qtbot, desk, "Question")
    # Back to the embedded set (two educators: mhistorian's tab and bar go), then at once
    # to the three-educator set again, before any coverage has come.
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert "mhistorian" not in titles(desk)
    desk.session.open_study_set(three)  # pytest-qt fails the test if a slot raised
    assert "mhistorian" in titles(desk)
    click_tab(qtbot, desk, "gpane")
    bar = desk.answer_coverage.bars[window.current_answer_tab()]
    qtbot.waitUntil(lambda: bar.toolTip().startswith("gpane ¶"), timeout=20_000)  # its coverage


def test_back_on_a_set_its_compare_tab_links_once_and_undoes_in_one_step(
    launch: Launch,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    database_file: Path,
) -> None:
    desk = launch()
    window = desk.window
    tab = open_compare(qtbot, desk)
    chosen = (tab.left.answer.handle, tab.right.answer.handle)
    click_tab(qtbot, desk, "Question")
    open_three_educator_set(qtbot, desk, monkeypatch, tmp_path)
    assert "mhistorian" in titles(desk)
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # Back on the embedded set, and shown again from the library: its own Compare tab, with
    # the alignment it showed.
    desk.session.open_study_set(desk.session.current_id)
    assert window.compare_tab is tab
    again = open_compare(qtbot, desk)
    assert (again.left.answer.handle, again.right.answer.handle) == chosen

    undoable = desk.changes.undo_stack.count()
    click_sentence(qtbot, again.left, "He was ruthless in dealing")
    click_sentence(qtbot, again.right, "This can be seen very clearly")
    qtbot.keyClick(again.right, Qt.Key.Key_L)
    qtbot.waitUntil(
        lambda: (
            ("He was ruthless in deali", "This can be seen very cl", "manual") in pair_texts(again)
        )
    )
    # One link, one step to undo: the tab's requests reach the controller once.
    assert rows(database_file, "SELECT status FROM compare_links") == [("manual",)]
    assert desk.changes.undo_stack.count() == undoable + 1
    desk.changes.undo_stack.undo()
    assert rows(database_file, "SELECT status FROM compare_links") == []
