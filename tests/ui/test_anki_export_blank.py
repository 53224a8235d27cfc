"""A cloze whose blank the student narrowed (Study › Review › Edit…) goes to Anki as the review
shows it: File › Export › Anki Deck writes the narrowed {{c1::…}}, the real `anki` package
opens the deck, and after widening the blank again a second export updates that note
instead of adding a twin."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.ui.study.card_dialog import CardDialog
from desktop.ui.study.review_view import ReviewView
from tests.cli.test_study_cards import anki_notes
from tests.conftest import Launch
from tests.ui.helpers import highlight_ten_characters, rows
from tests.ui.test_study_review import open_review

CLOZE_BACK = "SELECT back FROM cards WHERE kind = 'cloze'"


def edit_blank(qtbot: QtBot, view: ReviewView, *buttons: str) -> None:
    """Edit… on the card shown, click the blank buttons named, OK."""

    def move() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CardDialog)
        for label in buttons:
            dialog.blank_buttons[label].click()
        dialog.accept()

    QTimer.singleShot(0, move)
    view.edit_button.click()


def export_from_file_menu(desk, monkeypatch: pytest.MonkeyPatch, out: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(out), ""))
    [file_menu] = [a.menu() for a in desk.window.menuBar().actions() if a.text() == "&File"]
    [export] = [a.menu() for a in file_menu.actions() if a.text() == "E&xport"]
    [anki] = [a for a in export.actions() if a.text() == "&Anki Deck (.apkg)…"]
    anki.trigger()
    assert f"Wrote {out.name}" in desk.window.statusBar().currentMessage()


def cloze_notes(deck: Path, collection: Path) -> dict[str, list[str]]:
    """guid → fields of the deck's Cloze notes, as Anki holds them after importing ``deck``."""
    found = anki_notes(deck, collection)
    found.pop("__decks__")
    return {
        guid: fields for guid, (kind, fields, _t) in found.items() if kind == "Study Desk Cloze"
    }


def test_a_narrowed_blank_is_exported_as_shown_and_widening_updates_the_note(
    qtbot: QtBot,
    launch: Launch,
    database_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = launch()
    highlight_ten_characters(qtbot, desk)  # "Stalin and" in gpane ¶2
    view = open_review(qtbot, desk)
    for _ in range(200):  # find the cloze card, rating the others Easy on the way
        if "[…]" in view.shown_text():
            break
        qtbot.keyClick(view, Qt.Key.Key_Space)
        qtbot.keyClick(view, Qt.Key.Key_4)
    assert rows(database_file, CLOZE_BACK)[0][0].startswith("Stalin and\n\n")

    edit_blank(qtbot, view, "◀ Narrow")  # gives back the blank's last word
    [(back,)] = rows(database_file, CLOZE_BACK)
    assert back.startswith("Stalin\n\n")
    assert "[…] and other tough" in view.shown_text()  # what the review shows

    deck = tmp_path / "stalin.apkg"
    collection = tmp_path / "anki" / "collection.anki2"
    collection.parent.mkdir()
    export_from_file_menu(desk, monkeypatch, deck)
    [(guid, [text, source])] = cloze_notes(deck, collection).items()
    assert "{{c1::Stalin}} and other tough" in text
    assert "{{c1::Stalin and}}" not in text and source == "gpane ¶2"

    edit_blank(qtbot, view, "Widen ▶", "Widen ▶")  # "Stalin and other"
    assert rows(database_file, CLOZE_BACK)[0][0].startswith("Stalin and other\n\n")
    export_from_file_menu(desk, monkeypatch, deck)
    again = cloze_notes(deck, collection)
    assert list(again) == [guid]  # the same note, updated: no twin
    assert "{{c1::Stalin and other}} tough" in again[guid][0]
