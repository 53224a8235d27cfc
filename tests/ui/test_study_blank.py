"""Narrowing and widening a cloze's blank in Study › Review › Edit…, as a student would:
the buttons move the blank a word at either end, OK stores it, and making the cards again
(after the set's work changes) keeps it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.study.card_dialog import CardDialog
from tests.conftest import Launch
from tests.ui.helpers import highlight_ten_characters, rows
from tests.ui.test_study_review import open_review

CLOZE = "SELECT id, front, back, edited_at, study_set_id FROM cards WHERE kind = 'cloze'"


def test_widen_and_narrow_the_blank_of_a_cloze_card(
    qtbot: QtBot, launch: Launch, database_file: Path
) -> None:
    desk = launch()
    highlight_ten_characters(qtbot, desk)
    view = open_review(qtbot, desk)
    for _ in range(200):  # find the cloze card, rating the others Easy on the way
        if "[…]" in view.shown_text():
            break
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_4)
    [(card_id, front, back, edited_at, set_id)] = rows(database_file, CLOZE)
    assert edited_at is None
    blanked, _gap, sentence = back.partition("\n\n")
    words = blanked.split()
    seen: dict[str, str] = {}

    def move_blank() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CardDialog)
        dialog.blank_buttons["Widen ▶"].click()  # takes in the word after the blank
        seen["widened"] = dialog.back.toPlainText()
        dialog.blank_buttons["Narrow ▶"].click()  # gives back the blank's first word
        seen["front"] = dialog.front.toPlainText()
        dialog.accept()

    QTimer.singleShot(0, move_blank)
    view.edit_button.click()

    after = sentence[sentence.index(blanked) + len(blanked) :].split()[0].rstrip(".,;:")
    assert seen["widened"].partition("\n\n")[0] == f"{blanked} {after}"
    [(_id, new_front, new_back, edited_at, _set)] = rows(database_file, CLOZE)
    expected_blank = " ".join([*words[1:], after])
    assert new_back == f"{expected_blank}\n\n{sentence}"
    assert new_front == seen["front"] == sentence.replace(expected_blank, "[…]", 1)
    assert words[0] in new_front and edited_at is not None
    assert new_front in view.shown_text()  # the review shows the card as it now is

    # Making the set's cards again keeps the student's blank.
    desk.study.controller().refresh_cards(set_id)
    assert rows(database_file, CLOZE)[0][1:3] == (new_front, new_back)

    desk.changes.undo_stack.undo()  # Edit › Undo puts the generated blank back
    assert rows(database_file, CLOZE)[0][1:4] == (front, back, None)
