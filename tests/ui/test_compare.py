"""The Compare tab as a student uses it: the answers aligned, a link corrected, a disagreement
marked with a note, all kept in the real library file and back after a restart."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from desktop.ui.compare.answer_column import AnswerColumn
from desktop.ui.compare.compare_tab import CompareTab
from tests.cli.test_commands import studydesk
from tests.conftest import Launch, quit_app
from tests.ui.helpers import choose_in_combo, rows


def open_compare(qtbot: QtBot, desk) -> CompareTab:  # type: ignore[no-untyped-def]
    window = desk.window
    index = window.tab_index("compare")
    assert window.tabs.tabText(index) == "Compare"
    assert index == len(window.study_set.answers) + 1  # right after the educators' tabs
    window.tabs.setCurrentIndex(index)
    tab = window.tabs.currentWidget()
    assert isinstance(tab, CompareTab)
    qtbot.waitUntil(lambda: tab.view is not None, timeout=10_000)
    return tab


def click_sentence(qtbot: QtBot, column: AnswerColumn, words: str) -> None:
    """Click with the mouse on the first word of the sentence that starts with ``words``."""
    sentence = next(s for s in column.sentences if s.text.startswith(words))
    start, _end = column.position_span(sentence.passage, sentence.start, sentence.end)
    cursor = QTextCursor(column.document())
    cursor.setPosition(start)
    column.setTextCursor(cursor)
    column.ensureCursorVisible()
    rect = column.cursorRect(cursor)
    qtbot.mouseClick(
        column.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 4, rect.center().y())
    )
    assert column.selected == sentence


def pair_texts(tab: CompareTab) -> list[tuple[str, str, str]]:
    assert tab.view is not None
    return [(p.left.text[:24], p.right.text[:24], p.status) for p in tab.view.pairs]


def ledger_rows(tab: CompareTab) -> list[tuple[str, str, str, str]]:
    model = tab.ledger_model
    return [
        tuple(str(model.index(row, column).data() or "") for column in range(4))  # type: ignore[misc]
        for row in range(model.rowCount())
    ]


def test_answers_side_by_side_a_link_corrected_and_a_disagreement_noted(
    qtbot: QtBot, launch: Launch, database_file: Path, tmp_path: Path
) -> None:
    desk = launch()
    tab = open_compare(qtbot, desk)
    assert (tab.left.answer.handle, tab.right.answer.handle) == ("gpane", "pohnpei397")
    assert not tab.left_picker.isVisible()  # two educators: nothing to pick
    assert tab.status.text() == "6 pairs · 8 only gpane · 2 only pohnpei397"
    assert ("Russia had long been a t", "On the national/ideologi", "suggested") in pair_texts(tab)
    # The dispute arrives in the ledger as "disagree", detected from the cross-reference.
    disputes = [r for r in ledger_rows(tab) if r[0] == "disagree (detected)"]
    assert len(disputes) == 1
    assert disputes[0][1].startswith("gpane ¶3: “However, contrary to what pohnpei suggests")
    assert disputes[0][2].startswith("pohnpei397 ¶2: “His motivation was that he wanted")

    # Break a suggestion the student does not accept.
    click_sentence(qtbot, tab.left, "In this last aim")
    assert tab.right.selected is not None
    assert tab.right.selected.text.startswith("This country would, ideally")
    qtbot.mouseClick(tab.break_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            ("In this last aim, he was ", "This country would, idea", "suggested")
            not in pair_texts(tab)
        )
    )
    assert rows(
        database_file,
        "SELECT status, left_passage, substr(left_quote, 1, 16), "
        "right_passage, substr(right_quote, 1, 17) FROM compare_links",
    ) == [("broken", 3, "In this last aim", 2, "This country woul")]

    # Link two sentences by hand: left, then right, then L.
    click_sentence(qtbot, tab.left, "He was ruthless in dealing")
    click_sentence(qtbot, tab.right, "This can be seen very clearly")
    qtbot.keyClick(tab.right, Qt.Key.Key_L)
    qtbot.waitUntil(
        lambda: (
            ("He was ruthless in deali", "This can be seen very cl", "manual") in pair_texts(tab)
        )
    )

    # Mark the dispute "disagree" as the student's own, with a note.
    click_sentence(qtbot, tab.left, "However, contrary to what pohnpei")
    assert tab.current is not None and tab.current.stance == "disagree"
    choose_in_combo(qtbot, tab.stance, "disagree")
    tab.note.setFocus()
    qtbot.keyClicks(tab.note, "Socialism in One Country answers this")
    qtbot.keyClick(tab.note, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: any(r[3] == "Socialism in One Country answers this" for r in ledger_rows(tab))
    )
    assert [r[0] for r in ledger_rows(tab) if r[3]] == ["disagree"]  # the student's: no "detected"
    stored = rows(database_file, "SELECT status, stance, note FROM compare_links ORDER BY id")
    assert stored == [
        ("broken", None, ""),
        ("manual", None, ""),
        ("confirmed", "disagree", "Socialism in One Country answers this"),
    ]

    # Undo takes back the note (and only the note), then the stance; redo puts them back.
    stack = desk.changes.undo_stack
    assert stack.undoText() == "Edit Compare Note"
    stack.undo()
    assert rows(database_file, "SELECT stance, note FROM compare_links WHERE id = 3") == [
        ("disagree", "")
    ]
    assert stack.undoText() == "Mark Stance"
    stack.redo()
    assert rows(database_file, "SELECT note FROM compare_links WHERE id = 3") == [
        ("Socialism in One Country answers this",)
    ]
    quit_app(qtbot, desk)

    # The printed summary quotes both sides of the disagreement, with the note.
    markdown = tmp_path / "summary.md"
    written = studydesk("summary", "--markdown", markdown)
    assert written.returncode == 0, written.stderr
    section = markdown.read_text("utf-8").split("## Where the educators agree and disagree")[1]
    assert (
        "- **gpane** disputes **pohnpei397** (¶3): “However, contrary to what pohnpei suggests"
        in section
    )
    assert "— **pohnpei397** (¶2): “His motivation was that he wanted a country" in section
    assert "*Your note:* Socialism in One Country answers this" in section

    # After a restart: the decisions are there, the broken suggestion does not come back.
    again = launch()
    tab = open_compare(qtbot, again)
    pairs = pair_texts(tab)
    assert ("He was ruthless in deali", "This can be seen very cl", "manual") in pairs
    assert not any(
        p[0].startswith("In this last aim") and p[1].startswith("This country") for p in pairs
    )
    assert any(r[3] == "Socialism in One Country answers this" for r in ledger_rows(tab))


def test_ledger_model_passes_the_model_tester(qtbot: QtBot, launch: Launch, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    desk = launch()
    tab = open_compare(qtbot, desk)
    assert tab.ledger_model.rowCount() >= 3
    qtmodeltester.check(tab.ledger_model)
    tab.ledger_model.set_entries([])
    qtmodeltester.check(tab.ledger_model)


def test_double_click_in_the_ledger_goes_to_both_sentences(qtbot: QtBot, launch: Launch) -> None:
    desk = launch()
    tab = open_compare(qtbot, desk)
    row = next(i for i, r in enumerate(ledger_rows(tab)) if r[0] == "disagree (detected)")
    tab.left.verticalScrollBar().setValue(0)
    index = tab.ledger_model.index(row, 1)
    tab.ledger.scrollTo(index)
    rect = tab.ledger.visualRect(index)
    assert rect.isValid() and tab.ledger.viewport().rect().contains(rect.center())
    qtbot.mouseClick(tab.ledger.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.ledger.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.left.selected is not None and tab.right.selected is not None
    assert tab.left.selected.text.startswith("However, contrary to what pohnpei suggests")
    assert tab.right.selected.text.startswith("His motivation was that he wanted")
    assert tab.current is not None


def test_summary_options_say_what_is_not_yet_covered_and_lead_there(
    qtbot: QtBot, launch: Launch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    from tests.ui.helpers import highlight_ten_characters

    desk = launch()
    highlight_ten_characters(qtbot, desk)  # something in gpane ¶2
    desk.changes.flush()
    seen: list[str] = []

    def read_and_follow() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "summary-options"
        label = dialog.findChild(QLabel, "summary-not-covered")
        seen.append(label.text())
        link = label.text().split("<a href='")[1].split("'")[0]  # gpane's first open ¶
        label.linkActivated.emit(link)  # what clicking the link does

    QTimer.singleShot(0, read_and_follow)
    desk.window.menu.summary_options_action.trigger()
    [text] = seen
    assert (
        ">¶1</a>, <a " in text and ">¶3</a>" in text and ">¶2</a>" not in text.split("pohnpei")[0]
    )
    assert "pohnpei397: " in text and "not yet annotated" in text
    for line in text.split("<br/>"):  # each link of an educator's line reads differently
        names = re.findall(r">([^<]+)</a>", line)
        assert len(names) == len(set(names)), names
    tab = desk.window.current_answer_tab()
    assert tab is not None and tab.answer.handle == "gpane"  # the link led to gpane ¶1


def test_a_thin_bar_beside_each_answer_shows_what_is_not_yet_annotated(
    qtbot: QtBot, launch: Launch
) -> None:
    from desktop.ui.compare.coverage_bar import CoverageBar
    from tests.ui.helpers import gpane_tab, highlight_ten_characters

    desk = launch()
    tab = gpane_tab(desk)
    qtbot.waitUntil(lambda: tab.findChild(CoverageBar) is not None)
    bar = tab.findChild(CoverageBar)
    assert bar is not None and bar.isVisible()
    qtbot.waitUntil(lambda: bar.toolTip().startswith("gpane"))  # worked out in a worker
    assert bar.toolTip() == "gpane ¶1, ¶2 and ¶3 and 4 key points not yet annotated"
    assert bar.geometry().left() > tab.viewport().geometry().right()  # beside the text
    bar.grab()  # painted: where the open places are
    assert len([s for s in bar.spans if s[2] == "paragraph"]) == 3
    assert all(0 <= top < bottom <= 1 for top, bottom, _kind in bar.spans)

    highlight_ten_characters(qtbot, desk)  # in gpane ¶2, not on a key sentence
    qtbot.waitUntil(lambda: "¶2" not in bar.toolTip())
    assert bar.toolTip() == "gpane ¶1 and ¶3 and 4 key points not yet annotated"


def test_a_short_answers_bar_marks_lie_beside_its_text(qtbot: QtBot, launch: Launch) -> None:
    """Not stretched over the whole bar: a mark is level with its paragraph."""
    from desktop.ui.compare.coverage_bar import BAR_WIDTH, CoverageBar

    desk = launch()
    desk.window.resize(1200, 1000)
    tab = desk.window.show_educator("pohnpei397")  # 129 words
    assert tab is not None
    qtbot.waitUntil(lambda: tab.findChild(CoverageBar) is not None)
    bar = tab.findChild(CoverageBar)
    qtbot.waitUntil(lambda: bar.toolTip().startswith("pohnpei397"))
    text_bottom = tab.document().size().height()
    assert text_bottom < tab.viewport().height() * 0.8  # blank space below the answer
    image = bar.grab().toImage()
    blank = image.pixelColor(BAR_WIDTH // 2, image.height() - 1)
    marked = [y for y in range(image.height()) if image.pixelColor(BAR_WIDTH // 2, y) != blank]
    assert marked and max(marked) <= text_bottom + 3


def test_my_answer_against_the_educators_names_the_points_it_makes_and_misses(
    qtbot: QtBot, launch: Launch
) -> None:
    desk = launch()
    window = desk.window
    window.show_question()
    page = window.question_page
    page.draft.start_editing()
    qtbot.keyClicks(
        page.draft.editor,
        "Stalin wanted absolute personal power and a Soviet Union strong enough to stand "
        "against the West.",
    )
    qtbot.mouseClick(page.draft_check.button, Qt.MouseButton.LeftButton)
    result = page.draft_check.result
    qtbot.waitUntil(result.isVisible)
    text = result.toPlainText()
    assert "pohnpei397: your answer makes 2 of 3 key points" in text
    assert "✓ ¶3 “On the personal level goal, Stalin wanted power.”" in text
    assert "✗ not yet ¶1 “Joseph Stalin had two major goals" in text
    assert "✗ not yet taken up: gpane ¶3 “However, contrary to what pohnpei suggests" in text
    # Each point is a link to its passage: following pohnpei397's ¶1 shows it.
    from PySide6.QtCore import QUrl

    from desktop.ui.reading.links import passage_url

    first = next(
        p for p in page_points(desk) if p.startswith(passage_url("pohnpei397", 1, 0, 0)[:-3])
    )
    result.anchorClicked.emit(QUrl(first))
    tab = window.current_answer_tab()
    assert tab is not None and tab.answer.handle == "pohnpei397"


def page_points(desk) -> list[str]:  # type: ignore[no-untyped-def]
    """The links in the check's text, as written in it."""
    html = desk.window.question_page.draft_check.result.toHtml()
    return [part.split('"')[0] for part in html.split('href="')[1:]]


def test_three_educators_any_pair_can_be_picked(qtbot: QtBot, launch: Launch) -> None:
    three = Path(__file__).parents[1] / "data" / "three_educators.txt"
    desk = launch(three)
    tab = open_compare(qtbot, desk)
    assert tab.left_picker.isVisible() and tab.right_picker.isVisible()
    assert tab.educators() == ("mokafor", "jdavies")
    assert any(
        p.left.text.startswith("Nationalism made") and p.stance == "disagree"
        for p in tab.view.pairs
    )
    tab.left_picker.setFocus()
    qtbot.keyClick(tab.left_picker, Qt.Key.Key_Down)  # jdavies
    qtbot.keyClick(tab.right_picker, Qt.Key.Key_End)  # historyfan42
    qtbot.waitUntil(
        lambda: (
            tab.view is not None
            and tab.educators() == ("jdavies", "historyfan42")
            and (tab.view.left.handle, tab.view.right.handle) == ("jdavies", "historyfan42")
        )
    )
    assert any(
        p.left.text.startswith("The web of alliances") and p.right.text.startswith("As jdavies")
        for p in tab.view.pairs
    )
    assert tab.status.text().endswith("only historyfan42")


def test_the_columns_scroll_in_step(qtbot: QtBot, launch: Launch) -> None:
    desk = launch()
    tab = open_compare(qtbot, desk)
    left, right = tab.left.verticalScrollBar(), tab.right.verticalScrollBar()
    assert left.maximum() > 0 and right.maximum() > 0  # both longer than the window
    pair = next(p for p in tab.view.pairs if p.left.text.startswith("However, contrary"))
    # Scroll the left column (as the wheel does) until the dispute is at the top.
    left.setValue(left.value() + tab.left.sentence_rect(pair.left).top())
    assert right.value() > 0
    # The paired sentences are level (unless the right column cannot scroll that far).
    gap = tab.right.sentence_rect(pair.right).top() - tab.left.sentence_rect(pair.left).top()
    assert gap == 0 or right.value() in (0, right.maximum())


def test_in_a_small_window_the_ledger_goes_below_and_the_answers_keep_their_width(
    qtbot: QtBot, launch: Launch
) -> None:
    desk = launch()
    tab = open_compare(qtbot, desk)
    ledger = tab.page.ledger
    assert ledger.mapTo(tab, QPoint(0, 0)).x() > tab.right.mapTo(tab, QPoint(0, 0)).x()
    desk.window.resize(700, 500)  # the notes panel open beside: a page of ~400 px
    qtbot.waitUntil(lambda: tab.width() < 500)
    # Beside the ledger each answer had ~50 px: a letter a line. Below, they share the page.
    assert ledger.mapTo(tab, QPoint(0, 0)).y() > tab.left.mapTo(tab, QPoint(0, 0)).y()
    assert min(tab.left.width(), tab.right.width()) > tab.width() // 3
    desk.window.resize(1400, 800)
    qtbot.waitUntil(lambda: tab.width() > 1000)
    assert ledger.mapTo(tab, QPoint(0, 0)).x() > tab.right.mapTo(tab, QPoint(0, 0)).x()


def test_a_long_answer_is_laid_out_in_steps_and_all_of_it_marked(qtbot: QtBot) -> None:
    """The column adds paragraphs a few at a time; the text ends up whole, in order, and a
    position asked for before the end is in gives the end laid out at once."""
    from db.records import AnswerRecord, PassageRecord
    from desktop.content.alignment_sentences import answer_sentences
    from tests.bench.compare import generated_answer

    paragraphs = generated_answer(3, words=3_000)
    answer = AnswerRecord(
        1, "gpane", None, tuple(PassageRecord(i, i + 1, t) for i, t in enumerate(paragraphs))
    )
    sentences = answer_sentences(paragraphs)
    column = AnswerColumn()
    qtbot.addWidget(column)
    column.resize(500, 600)
    column.show_answer(answer, sentences)
    with qtbot.waitSignal(column.built, timeout=10_000):
        column.show()
    text = column.toPlainText()
    assert text.startswith("gpane") and text.endswith(paragraphs[-1])
    assert [p[:30] in text for p in paragraphs] == [True] * len(paragraphs)
    last = sentences[-1]
    column.set_marks({last: 0}, {sentences[0]})
    qtbot.waitUntil(lambda: not column.marks_pending())  # marked in steps, those in view first
    marked = {
        (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in column.extraSelections()
    }
    assert column.position_span(last.passage, last.start, last.end) in marked

    # Asked before the end is in: laid out at once.
    fresh = AnswerColumn()
    qtbot.addWidget(fresh)
    fresh.show_answer(answer, sentences)
    fresh.show()
    start, end = fresh.position_span(last.passage, last.start, last.end)
    assert fresh.complete
    assert fresh.toPlainText()[start:end] == last.text
