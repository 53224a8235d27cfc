"""Ctrl+K with a scope, as a student uses it: look in this study set, its course(s) or the
whole library; a result in another set opens that set (Go › Back returns); a result in My
answer shows the draft with the match selected; the scope is remembered."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from db import library as library_writes
from db.search import SCOPE_COURSE, SCOPE_LIBRARY, SCOPE_SET
from desktop.models.search_model import HTML_ROLE
from desktop.platform import paths
from desktop.services.library import Library
from desktop.ui.reading.answer_tab import AnswerTab
from tests.conftest import Launch
from tests.study_files import SEED_QUESTION
from tests.ui.helpers import bring_to_front, choose_in_combo

WAR = "What caused the <b>First</b> World War & why?"  # markup in a title stays text
COLD = "Why did the Cold War begin?"


def set_text(question: str, handle: str, sentence: str) -> str:
    return (
        f"{question}\n\nExpert Answers\n{handle} eNotes educator| Certified Educator\n\n"
        f"{sentence}\n\nA second paragraph about other things."
    )


@pytest.fixture
def two_more_sets(tmp_path: Path) -> None:
    """WAR shares the course HIST 201 with the embedded set; COLD is in no course. Both
    mention the Zollverein; the embedded set does not."""
    library = Library(paths.database_path())
    try:
        seed = library.ensure_embedded_study_set()
        ids = []
        for name, question, handle in (("war", WAR, "mhistorian"), ("cold", COLD, "kdavis")):
            path = tmp_path / f"{name}.txt"
            sentence = f"The Zollverein mattered to {name} historians."
            path.write_text(set_text(question, handle, sentence), encoding="utf-8")
            ids.append(library.import_file(path).outcome.study_set_id)
        with library.database().session() as session:
            library_writes.set_courses(session, seed, ["HIST 201"])
            library_writes.set_courses(session, ids[0], ["HIST 201::Unit 3"])
    finally:
        library.close()


def open_search(qtbot: QtBot, desk):  # type: ignore[no-untyped-def]
    bring_to_front(qtbot, desk)
    qtbot.keyClick(
        desk.window.tabs.currentWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier
    )
    dialog = desk.search_controller.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def search_for(qtbot: QtBot, dialog, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type ``text`` and wait for the results; each row as the student reads it."""
    dialog.query.clear()
    qtbot.keyClicks(dialog.query, text)
    dialog.run_search()  # what the typing pause would do
    qtbot.waitUntil(lambda: not dialog.is_searching(), timeout=10_000)
    return [rendered(dialog, row) for row in range(dialog.model.rowCount())]


def rendered(dialog, row: int) -> str:  # type: ignore[no-untyped-def]
    """A result row's text as drawn (its HTML rendered)."""
    document = QTextDocument()
    document.setHtml(str(dialog.model.index(row).data(HTML_ROLE)))
    return document.toPlainText().split("\u2029")[0].split("\n")[0]


def test_scopes_name_the_set_and_a_result_elsewhere_opens_it(
    launch: Launch, qtbot: QtBot, two_more_sets: None
) -> None:
    desk = launch()
    assert desk.window.study_set.title == SEED_QUESTION
    dialog = open_search(qtbot, desk)
    assert dialog.scope() == SCOPE_SET
    assert search_for(qtbot, dialog, "zollverein") == []
    assert "Nothing found" in dialog.status.text()

    # Its course: HIST 201 includes HIST 201::Unit 3, where the WAR set is; COLD is not in it.
    assert dialog.scope_box.itemText(1) == "Its course (HIST 201)"
    choose_in_combo(qtbot, dialog.scope_box, SCOPE_COURSE)
    qtbot.waitUntil(lambda: not dialog.is_searching(), timeout=10_000)  # searched again
    assert search_for(qtbot, dialog, "zollverein") == [f"mhistorian ¶1 — {WAR}"]

    choose_in_combo(qtbot, dialog.scope_box, SCOPE_LIBRARY)
    qtbot.waitUntil(lambda: not dialog.is_searching(), timeout=10_000)
    assert sorted(search_for(qtbot, dialog, "zollverein")) == [
        f"kdavis ¶1 — {COLD}",
        f"mhistorian ¶1 — {WAR}",
    ]
    assert "in 2 study sets" in dialog.status.text()
    html = "".join(str(dialog.model.index(r).data(HTML_ROLE)) for r in range(2))
    assert "&lt;b&gt;First&lt;/b&gt; World War &amp; why?" in html  # the title is escaped

    # Choose the COLD result with the keyboard: the main window switches to that set and
    # shows the passage.
    row = next(r for r in range(2) if COLD in rendered(dialog, r))
    for _ in range(row):
        qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert desk.window.windowTitle() == f"Study Desk — {COLD}"
    current = desk.window.tabs.currentWidget()
    assert isinstance(current, AnswerTab) and current.answer.handle == "kdavis"
    assert current.is_flashing
    assert dialog.scope_box.itemText(1) == "Its course (none: this set alone)"  # COLD's

    # Go › Back returns to the set shown before.
    assert desk.window.menu.back_action.isEnabled()
    desk.window.menu.back_action.trigger()
    assert desk.window.study_set.title == SEED_QUESTION

    # The scope is remembered: the next Ctrl+K (and the next launch) looks in the library.
    dialog = open_search(qtbot, desk)
    assert dialog.scope() == SCOPE_LIBRARY
    assert desk.settings.value("search/scope") == SCOPE_LIBRARY


def test_a_note_in_another_set_opens_that_set_and_the_note(
    launch: Launch, qtbot: QtBot, two_more_sets: None, database_file: Path
) -> None:
    from db.notes import create_note
    from db.records import NoteAnchor

    library = Library(database_file)
    try:
        cold = library.reader.execute("SELECT id FROM study_sets WHERE title = ?", (COLD,))
        cold_id = int(cold.fetchone()[0])
        record = library.load_study_set(cold_id)
        assert record is not None
        kdavis = record.answers[0]
        with library.database().session() as session:
            note_id = create_note(
                session,
                cold_id,
                NoteAnchor("passage", kdavis.id, kdavis.passages[0].id),
                "The **Marshall Plan** as the turning point.",
            )
    finally:
        library.close()
    desk = launch()
    dialog = open_search(qtbot, desk)
    choose_in_combo(qtbot, dialog.scope_box, SCOPE_LIBRARY)
    assert search_for(qtbot, dialog, '"marshall plan"') == [f"Note on kdavis ¶1 — {COLD}"]
    dialog.query.setFocus()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert desk.window.study_set.title == COLD
    assert desk.window.tabs.tabText(desk.window.tabs.currentIndex()) == "kdavis"
    assert desk.window.notes_panel.editor.note_id == note_id


def test_my_answer_is_searched_and_the_match_selected(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    draft = desk.window.question_page.draft
    qtbot.mouseClick(draft.preview.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(draft.editor, "Stalin wanted **power**; the Kolkhoz was his tool.")
    current = desk.window.tabs.indexOf(desk.window.question_page)
    desk.window.tabs.setCurrentIndex(current + 1)  # read gpane's answer meanwhile
    draft.show_rendered()

    dialog = open_search(qtbot, desk)  # typing just now is searched too (flushed first)
    assert search_for(qtbot, dialog, "kolkhoz") == ["My answer"]
    snippet = dialog.model.hit(0).snippet
    assert "**" not in snippet and "Kolkhoz" in snippet
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert desk.window.question_is_current()
    assert draft.is_editing
    assert draft.editor.textCursor().selectedText() == "Kolkhoz"
    # Typing replaces the selection, as a student expects after finding it.
    qtbot.keyClicks(draft.editor, "collective farm")
    assert draft.text() == "Stalin wanted **power**; the collective farm was his tool."


def test_the_search_worker_follows_a_replaced_library_file(qtbot: QtBot, tmp_path: Path) -> None:
    """The worker keeps its connection between queries; a library file replaced meanwhile
    (a backup restored) is the one searched next."""
    from desktop.services.search import SearchService

    path = tmp_path / "library.sqlite3"
    first = Library(path)
    seed = first.ensure_embedded_study_set()
    first.close()
    other = Library(tmp_path / "other.sqlite3")
    other.ensure_embedded_study_set()
    with other.database().session() as session:
        from db.notes import save_draft

        save_draft(session, seed, "Only the restored library has the word zollverein.")
    other.close()

    service = SearchService(path)

    def hits(text: str) -> list[str]:
        with qtbot.waitSignal(service.finished, timeout=10_000) as blocker:
            service.request(seed, text, SCOPE_LIBRARY)
        return [hit.place for hit in blocker.args[1].hits]

    assert hits("kulaks") == ["gpane ¶2"]
    assert hits("zollverein") == []
    (tmp_path / "other.sqlite3").replace(path)  # as a restore puts a backup in place
    assert hits("zollverein") == ["My answer"]
    service.close()
    assert service.wait(5)
