"""A hostile study set and hostile notes walked through every widget, tool tip and dialog they
reach: nothing outside the app is read from disk.

The witness is a real image file whose access time is set to 1970: the file system (relatime)
moves it the moment anything reads the file, whoever reads it and however.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from desktop.services.library import ImportRefused, read_study_set_file
from desktop.ui.dialogs import messages
from tests.conftest import Launch
from tests.reliability.test_hostile_content import red_secret
from tests.ui.helpers import choose_in_combo, fill_event_dialog, type_tags

REAL_SHOW_ERROR = messages.show_error  # before the autouse fixture answers alerts itself
UNTOUCHED = 1.0  # the witness's access time while nobody has read it


def hostile(secret: Path) -> str:
    return f'<img src="{secret.as_uri()}"><img src="{secret}"><b>bold</b>'


def hostile_study_set(secret: Path) -> str:
    tag = hostile(secret)
    return (
        f"Why did Stalin purge the army? {tag}\n\nExpert Answers\n"
        f"gpane eNotes educator| Certified Educator\n\n"
        f"In 1937 the purges reached the army {tag}. As pohnpei remarks, fear ruled.\n\n"
        f"Collectivization in 1929 {tag} broke the villages.\n"
        f"pohnpei397 eNotes educator| Certified Educator\n\n"
        f"Contrary to what gpane suggests, {tag} the purges began in 1936."
    )


def untouched(secret: Path) -> bool:
    return os.stat(secret).st_atime == UNTOUCHED


def show_every_tooltip(qtbot: QtBot, tips: list[str], where: QWidget) -> None:
    """Show each tip as Qt would on hover (a tool tip decides rich or plain by itself)."""
    for tip in tips:
        if tip:
            QToolTip.showText(where.mapToGlobal(QPoint(10, 10)), tip, where)
            qtbot.wait(5)
            shown = QApplication.topLevelWidgets()
            labels = [w for w in shown if w.inherits("QTipLabel") and w.isVisible()]
            for label in labels:
                label.grab()  # laid out and painted, as a person would see it
    QToolTip.hideText()


def model_tooltips(model) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        str(model.index(row, column, QModelIndex()).data(Qt.ItemDataRole.ToolTipRole) or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]


def document_tooltips(document: QTextDocument) -> list[str]:
    tips = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            tip = iterator.fragment().charFormat().toolTip()
            if tip:
                tips.append(tip)
            iterator += 1
        block = block.next()
    return tips


def test_every_view_of_a_hostile_study_set_reads_no_file(
    launch: Launch,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    secret = red_secret(tmp_path)
    study_set = tmp_path / "hostile.txt"
    study_set.write_text(hostile_study_set(secret), encoding="utf-8")
    os.utime(secret, (UNTOUCHED, time.time()))

    desk = launch(study_set)
    window = desk.window
    assert "<img" in window.windowTitle()  # shown as typed, not taken for markup

    # A note and tags with the hostile text, and an event of the student's own named with it.
    answer = window.answer_tabs()[0]
    window.tabs.setCurrentWidget(answer)
    qtbot.keyClick(
        answer,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    editor = window.notes_panel.editor
    qtbot.keyClicks(editor.body.editor, hostile(secret))
    type_tags(qtbot, editor.tags, "<img>")
    window.tabs.setCurrentWidget(window.timeline_tab)
    QTimer.singleShot(0, lambda: fill_event_dialog(hostile(secret), "1938", "", "repression"))
    window.timeline_tab.add_button.trigger()
    desk.changes.flush()

    # Every tab, every widget's tool tip and text, every list's tool tips.
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.currentWidget()
        page.grab()
        tips = [w.toolTip() for w in window.findChildren(QWidget)]
        show_every_tooltip(qtbot, tips, page)
    for view in window.reading_views():
        window.tabs.setCurrentWidget(view if view in window.answer_tabs() else window.question_page)
        show_every_tooltip(qtbot, document_tooltips(view.document()), view)
    for model in (window.panel_model, window.notes_model, window.timeline_tab.table.model()):
        show_every_tooltip(qtbot, model_tooltips(model), window)
    window.tabs.setCurrentWidget(window.notes_tab)
    choose_in_combo(qtbot, window.notes_tab.tag, "<img>")
    for label in window.findChildren(QLabel):
        if "<img" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    window.grab()

    # The refusal of a hostile file that is not a study set, in the real message box.
    refused = tmp_path / "notes <i>not a set<i>.txt"
    refused.write_text(
        f"A question?\n\nExpert Answers\n{hostile(secret)}\n\nNo educator line above.",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused) as refusal:
        read_study_set_file(refused)
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.grab()
        seen.append(box.text())
        box.done(QMessageBox.StandardButton.Ok)

    QTimer.singleShot(50, read_and_close)
    REAL_SHOW_ERROR(window, "Not a study set", str(refusal.value))
    assert seen and "<img" in seen[0] and "<i>not a set<i>" in seen[0]  # shown as text

    assert untouched(secret), "a view read the file an <img> in the study set named"


def test_the_witness_notices_a_read(tmp_path: Path) -> None:
    """The check above can fail: reading the file moves its access time."""
    secret = red_secret(tmp_path)
    os.utime(secret, (UNTOUCHED, time.time()))
    assert untouched(secret)
    label = QLabel(hostile(secret))  # automatic format: taken for HTML, the image is loaded
    label.grab()
    assert not untouched(secret)
