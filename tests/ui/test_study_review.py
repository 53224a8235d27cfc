"""Study › Review in the real window, driven by keys as a student would: cards from a
highlight, Space shows the back, 1–4 rate, Ctrl+Z takes the rating back, Show in Text goes
to the passage; what is asserted is what the view shows and what is in the SQLite file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.study.review_view import ReviewView
from tests.conftest import Launch
from tests.ui.helpers import bring_to_front, highlight_ten_characters, rows

CTRL = Qt.KeyboardModifier.ControlModifier


def open_review(qtbot: QtBot, desk) -> ReviewView:  # type: ignore[no-untyped-def]
    qtbot.keyClick(desk.window, Qt.Key.Key_R, CTRL)
    review = desk.study.controller().review_window
    assert review is not None
    qtbot.waitUntil(review.isVisible)
    review.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is review)
    return review.view


def test_review_a_highlight_rate_undo_and_show_in_text(
    qtbot: QtBot, launch: Launch, database_file: Path
) -> None:
    desk = launch()
    highlight_ten_characters(qtbot, desk)
    view = open_review(qtbot, desk)
    [(due,)] = rows(database_file, "SELECT count(*) FROM cards WHERE kind = 'cloze'")
    assert due == 1
    assert view.shown_text() and not view.back_shown
    assert not view.rating_buttons[3].isEnabled()
    assert view.progress.text().endswith("0 done")

    # Find the cloze card, rating the others Easy on the way.
    for _ in range(200):
        if "[…]" in view.shown_text():
            break
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_4)
    assert view.shown_text().startswith("Cloze · gpane ¶2\n")
    qtbot.keyClick(view, Qt.Key.Key_Space)
    front, _rule, back = view.shown_text().partition("\nStalin and")
    assert "[…]" in front and back and view.rating_buttons[3].isEnabled()
    assert view.interval_on(1) == "1 min" and view.interval_on(4).endswith(" d")

    done_before = view.progress.text()
    qtbot.keyClick(view, Qt.Key.Key_3)  # Good: shown at once, written a moment later
    cloze_log = (
        "SELECT count(*) FROM review_log r JOIN cards c ON c.id = r.card_id WHERE c.kind = 'cloze'"
    )
    qtbot.waitUntil(lambda: rows(database_file, cloze_log) == [(1,)])
    [(card_id, rating, undoes)] = rows(
        database_file,
        "SELECT r.card_id, r.rating, r.undoes FROM review_log r JOIN cards c "
        "ON c.id = r.card_id WHERE c.kind = 'cloze'",
    )
    assert rating == 3 and undoes is None
    [(state, last_review)] = rows(
        database_file, f"SELECT state, last_review FROM cards WHERE id = {card_id}"
    )
    assert state == 1 and last_review is not None
    assert view.progress.text() != done_before and not view.back_shown  # the next card

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the rating is taken back: a new log row
    assert "[…]" in view.shown_text()
    assert "The last rating was taken back." in view.shown_text()
    log = rows(database_file, f"SELECT rating, undoes FROM review_log WHERE card_id = {card_id}")
    assert len(log) == 2 and log[1][0] is None and log[1][1] is not None
    [(last_review,)] = rows(database_file, f"SELECT last_review FROM cards WHERE id = {card_id}")
    assert last_review is None

    view.show_in_text_button.click()
    tab = desk.window.tabs.currentWidget()
    assert tab.answer.handle == "gpane" and tab.is_flashing
    review = desk.study.controller().review_window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is review, timeout=5000)
    assert "due" in desk.study.due_label.text()


def test_the_end_of_a_sitting_shows_its_summary(qtbot: QtBot, launch: Launch) -> None:
    desk = launch()
    view = open_review(qtbot, desk)
    total = int(view.progress.text().split()[0])
    assert total > 10  # the embedded set's timeline and educators make cards
    for _ in range(total):
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_4)
    assert view.pages.currentWidget() is view.summary_page
    assert view.summary_title.text() == "Review done"
    assert f"{total} reviews of {total} cards" in view.summary_text.text()
    assert "Easy " + str(total) in view.summary_text.text()


def test_an_educator_cards_front_does_not_name_the_educator(qtbot: QtBot, launch: Launch) -> None:
    """It asks "Which educator argues this?": the line above it gave the answer away."""
    desk = launch()
    view = open_review(qtbot, desk)
    fronts = []
    for _ in range(int(view.progress.text().split()[0])):
        if "Which educator" in view.shown_text():
            fronts.append(view.shown_text())
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_4)
    assert fronts, "the embedded set makes Educator cards"
    for front in fronts:
        above = front.split("\n")[0]  # the line above the question
        assert above.startswith("Educator · ¶")
        assert "gpane" not in above and "pohnpei397" not in above


def test_the_library_shows_each_sets_due_cards(qtbot: QtBot, launch: Launch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    from desktop.models.library_model import DUE

    desk = launch()
    # The shown set's cards are made shortly after it opens; the status bar counts them.
    qtbot.waitUntil(lambda: desk.study.due_label.text() not in ("", "0 due"), timeout=10_000)
    due = int(desk.study.due_label.text().split()[0])
    qtbot.keyClick(desk.window, Qt.Key.Key_L, CTRL)
    library = desk.library_controller.library_window
    qtbot.waitUntil(library.isVisible)
    assert library.model.headerData(DUE, Qt.Orientation.Horizontal) == "Due"
    assert library.proxy.index(0, DUE).data() == str(due)

    # Put the set in a nested course: the sidebar counts its due cards in both courses.
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("HIST 201 :: Unit 3", True))
    set_id = library.shown_ids()[0]
    library.select_ids([set_id], set_id)
    [add] = [
        a for a in library.table_menu().actions() if a.text().replace("&", "") == "Add to Course…"
    ]
    add.trigger()
    labels = [item.text(0) for item in library.sidebar.all_items()]
    assert f"HIST 201 (1 · {due} due)" in labels and f"Unit 3 (1 · {due} due)" in labels


def test_own_card_suspend_delete_and_undo(
    qtbot: QtBot, launch: Launch, database_file: Path
) -> None:
    from PySide6.QtCore import QTimer

    from desktop.ui.study.card_dialog import CardDialog
    from tests.ui.helpers import click_before, gpane_tab

    desk = launch()
    tab = gpane_tab(desk)
    click_before(qtbot, tab, "Stalin and other tough")

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CardDialog)
        qtbot.keyClicks(dialog.front, "Who were the tough men at the top?")
        dialog.back.setFocus()
        qtbot.keyClicks(dialog.back, "Stalin and the Party leaders")
        dialog.accept()

    QTimer.singleShot(0, fill)
    desk.window.menu.study.actions["New Card"].trigger()
    [(card_id, kind, passage)] = rows(
        database_file, "SELECT id, kind, passage_id FROM cards WHERE kind = 'own'"
    )
    [(gpane_p2,)] = rows(
        database_file,
        "SELECT p.id FROM passages p JOIN answers a ON a.id = p.answer_id "
        "WHERE a.educator_handle = 'gpane' AND p.number = 2",
    )
    assert passage == gpane_p2  # anchored where the cursor was

    bring_to_front(qtbot, desk)
    view = open_review(qtbot, desk)
    for _ in range(200):
        if "Who were the tough men" in view.shown_text():
            break
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_4)
    assert "Who were the tough men" in view.shown_text()
    view.suspend_button.click()
    assert rows(database_file, f"SELECT suspended FROM cards WHERE id = {card_id}") == [(1,)]
    desk.changes.undo_stack.undo()  # Edit › Undo
    assert rows(database_file, f"SELECT suspended FROM cards WHERE id = {card_id}") == [(0,)]
    shown = desk.study.controller().sitting.current  # the card after the suspended one
    view.delete_button.click()
    [(deleted_at,)] = rows(database_file, f"SELECT deleted_at FROM cards WHERE id = {shown.id}")
    assert deleted_at is not None
    desk.changes.undo_stack.undo()
    assert rows(database_file, f"SELECT deleted_at FROM cards WHERE id = {shown.id}") == [(None,)]


def test_cramming_leaves_the_schedule_alone(
    qtbot: QtBot, launch: Launch, database_file: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    desk = launch()
    controller = desk.study.controller()
    controller.review()  # the cards are made
    controller.review_window.close()
    before = rows(database_file, "SELECT id, state, due, last_review FROM cards ORDER BY id")
    title = desk.window.study_set.title
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args: (title, True))  # the chooser
    desk.window.menu.study.actions["Cram"].trigger()
    review = controller.review_window
    view = review.view
    qtbot.waitUntil(view.isVisible)
    review.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is review)
    assert controller.review_window.windowTitle().startswith("Cram")
    for rating in (1, 3, 4):
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, getattr(Qt.Key, f"Key_{rating}"))
    assert view.progress.text().endswith("3 done")
    assert view.scope_label.text() == "Cram:"
    # Another scope from the window's list is crammed too (it began a scheduled review).
    view.scope_chosen.emit(view.scope_box.count() - 1)  # the whole library
    assert review.windowTitle().startswith("Cram") and view.scope_label.text() == "Cram:"
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_3)
    controller.write_pending()  # what a scheduled review would have written by now
    after = rows(database_file, "SELECT id, state, due, last_review FROM cards ORDER BY id")
    assert after == before
    assert rows(database_file, "SELECT count(*) FROM review_log") == [(0,)]


def test_export_an_anki_deck_from_the_study_menu(
    qtbot: QtBot, launch: Launch, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    from PySide6.QtWidgets import QFileDialog

    desk = launch()
    chosen = tmp_path / "stalin"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(chosen), ""))
    desk.window.menu.study.actions["Export Anki Deck (.apkg)"].trigger()
    deck = tmp_path / "stalin.apkg"
    assert zipfile.is_zipfile(deck)
    assert "stalin.apkg" in desk.window.statusBar().currentMessage()

    # The same export from File › Export › Anki Deck (.apkg)…, as the issue names it.
    [file_menu] = [a.menu() for a in desk.window.menuBar().actions() if a.text() == "&File"]
    [export] = [a.menu() for a in file_menu.actions() if a.text() == "E&xport"]
    [anki] = [a for a in export.actions() if a.text() == "&Anki Deck (.apkg)…"]
    again = tmp_path / "again.apkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(again), ""))
    anki.trigger()
    assert zipfile.is_zipfile(again)
    assert "again.apkg" in desk.window.statusBar().currentMessage()


def test_a_new_desired_retention_reschedules_from_the_log(
    qtbot: QtBot, launch: Launch, database_file: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    from desktop.services import study
    from desktop.services.study_check import card_findings

    desk = launch()
    view = open_review(qtbot, desk)
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_4)  # Easy: due in days, by the retention
    before = dict(rows(database_file, "SELECT id, due FROM cards WHERE last_review IS NOT NULL"))
    monkeypatch.setattr(QInputDialog, "getInt", lambda *args: (80, True))
    desk.window.menu.study.actions["Preferences"].trigger()
    after = dict(rows(database_file, "SELECT id, due FROM cards WHERE last_review IS NOT NULL"))
    assert after.keys() == before.keys()
    assert all(after[i] > before[i] for i in before)  # lower retention: longer intervals
    assert study.desired_retention(desk.settings) == 0.8
    desk.settings.sync()
    [(ok, _what, detail)] = list(card_findings(database_file))[:1]
    assert ok, detail  # the check replays with the same retention
