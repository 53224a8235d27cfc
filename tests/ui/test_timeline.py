"""The Timeline tab as a student uses it: click, zoom, keyboard, mentions both ways, own events."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.models.events_model import KEY_ROLE as EVENT_KEY_ROLE
from desktop.ui.reading.answer_tab import AnswerTab
from desktop.ui.timeline.label_layout import MAX_LABEL_PX
from desktop.ui.timeline.timeline_view import CATEGORY_COLOURS
from tests.ui.conftest import Launch, quit_app
from tests.ui.helpers import bring_to_front, choose_in_combo, fill_event_dialog


def press_undo(qtbot: QtBot, desk) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Z, as the student presses it with the window active."""
    bring_to_front(qtbot, desk)
    page = desk.window.tabs.currentWidget()
    qtbot.keyClick(page, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def press_redo(qtbot: QtBot, desk) -> None:  # type: ignore[no-untyped-def]
    bring_to_front(qtbot, desk)
    qtbot.keyClick(
        desk.window.tabs.currentWidget(),
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def timeline_tab(desk):  # type: ignore[no-untyped-def]
    window = desk.window
    window.tabs.setCurrentWidget(window.timeline_tab)
    tab = window.timeline_tab
    tab.view.fit_all()
    return tab


def marker_point(view, key: str) -> QPoint:  # type: ignore[no-untyped-def]
    point = view.marker_point(key)
    assert point is not None, f"no marker for {key}"
    return point


def click_marker(qtbot: QtBot, view, key: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=marker_point(view, key))


def test_clicking_a_marker_shows_its_passages_and_a_passage_opens_the_answer(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    tab = timeline_tab(desk)
    tab.view.zoom_by(4)  # closer in, so the marker is easy to hit
    click_marker(qtbot, tab.view, "collectivization")
    assert tab.view.selected_key() == "collectivization"
    detail = tab.detail.toPlainText()
    assert "Collectivization of agriculture" in detail
    assert "1929–1933" in detail
    assert "gpane ¶2" in detail
    # The table follows the axis.
    assert tab.table.currentIndex().data() == "1929–1933"

    document = tab.detail.document()
    found = document.find("gpane ¶2")
    rect = tab.detail.cursorRect(found)
    qtbot.mouseClick(
        tab.detail.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() - QPoint(8, 0)
    )
    answer = desk.window.tabs.currentWidget()
    assert isinstance(answer, AnswerTab) and answer.answer.handle == "gpane"
    assert answer.is_flashing
    selected = answer.textCursor()
    assert answer.span_at(selected.position()).passage.number == 2


def test_clicking_a_marked_mention_selects_the_event(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    desk.window.tabs.setCurrentIndex(2)  # pohnpei397
    answer = desk.window.tabs.currentWidget()
    assert {m.event_key for m in answer.event_mentions()} >= {"great-purge", "comintern"}
    found = answer.document().find("purges")
    middle = QTextCursor(answer.document())
    middle.setPosition(found.selectionStart() + 2)
    answer.setTextCursor(middle)
    answer.ensureCursorVisible()
    point = answer.cursorRect(middle).center()
    tooltip_format = middle.charFormat()
    assert "On the timeline: Great Purge" in tooltip_format.toolTip()
    qtbot.mouseClick(answer.viewport(), Qt.MouseButton.LeftButton, pos=point)
    tab = desk.window.timeline_tab
    assert desk.window.tabs.currentWidget() is tab
    assert tab.view.selected_key() == "great-purge"
    assert tab.table.currentIndex().siblingAtColumn(1).data() == "Great Purge"


def test_zoom_keyboard_navigation_and_labels_that_never_overlap(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    tab = timeline_tab(desk)
    view = tab.view
    view.setFocus()
    for _ in range(8):
        rects = view.visible_label_rects()
        for i, a in enumerate(rects):
            for b in rects[i + 1 :]:
                assert not a.intersects(b), (a, b, view.zoom)
        before = view.zoom
        qtbot.keyClick(view, Qt.Key.Key_Plus)
        assert view.zoom > before
    first, last = view.in_view(margin_px=MAX_LABEL_PX)
    assert len(view.placed) == last - first >= 1  # zoomed in: every label in view has room
    qtbot.keyClick(view, Qt.Key.Key_0)  # fit all
    assert view.zoom < before

    view.scene().clearSelection()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_key() == "stalin-born"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_key() == "revolution-1905"
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.selected_key() == "stalin-born"


def test_selecting_in_the_table_selects_on_the_axis(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    tab = timeline_tab(desk)
    tab.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by title
    for row in (0, 5):
        index = tab.proxy.index(row, 0)
        tab.table.setCurrentIndex(index)
        assert tab.view.selected_key() == index.data(EVENT_KEY_ROLE)
        assert tab.view.scene().selectedItems()[0].isSelected()


def test_add_edit_undo_an_own_event_and_find_it_after_a_restart(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = timeline_tab(desk)
    QTimer.singleShot(0, lambda: fill_event_dialog("Bukharin's trial", "1938-03", "", "repression"))
    tab.add_button.trigger()
    [(event_id, title)] = (
        sqlite3.connect(database_file).execute("SELECT id, title FROM events").fetchall()
    )
    assert title == "Bukharin's trial"
    key = f"user-{event_id}"
    assert tab.view.selected_key() == key
    assert "Yours" in tab.detail.toPlainText()

    QTimer.singleShot(
        0, lambda: fill_event_dialog("Third Moscow Trial", "1938-03-02", "1938-03-13", "repression")
    )
    tab.edit_button.trigger()
    assert tab.timeline.event(key).when() == "2 Mar 1938 – 13 Mar 1938"
    press_undo(qtbot, desk)
    assert tab.timeline.event(key).title == "Bukharin's trial"
    press_redo(qtbot, desk)
    quit_app(qtbot, desk)

    again = launch()
    tab = timeline_tab(again)
    assert tab.timeline.event(key).title == "Third Moscow Trial"
    tab.select(key)
    tab.delete_button.trigger()
    assert tab.timeline.event(key) is None
    press_undo(qtbot, again)
    assert tab.timeline.event(key) is not None


def test_a_found_year_is_titled_from_its_sentence_filed_and_linked_or_dismissed(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    tab = timeline_tab(desk)
    assert tab.suggestion_box.isVisible()
    assert "1917, mentioned by gpane ¶1" in tab.suggestion.text()
    offered: list[str] = []

    def file_under_war() -> None:  # the student reads the title and picks the lane
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "event-dialog"
        offered.append(dialog.title.text())
        choose_in_combo(qtbot, dialog.category, "war")
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    QTimer.singleShot(0, file_under_war)
    qtbot.mouseClick(tab.accept_button, Qt.MouseButton.LeftButton)
    assert offered == ["Communist Revolution in Russia in 1917"]
    assert not tab.suggestion_box.isVisible()
    added = tab.table.currentIndex()  # the new event is selected, in the table too
    row = [added.siblingAtColumn(column).data() for column in range(5)]
    assert row == [
        "1917",
        "Communist Revolution in Russia in 1917",
        "War",
        "gpane 1",  # Mentioned by: the passage that found it
        "Found in the text",
    ]
    detail = tab.detail.toPlainText()
    assert "gpane ¶1" in detail and "Communist Revolution in Russia in 1917" in detail
    assert not any("mentioned by" in e.title for e in tab.timeline.events)

    press_undo(qtbot, desk)
    assert tab.suggestion_box.isVisible()
    qtbot.mouseClick(tab.dismiss_button, Qt.MouseButton.LeftButton)
    assert not tab.suggestion_box.isVisible()
    assert "Communist Revolution in Russia in 1917" not in [e.title for e in tab.timeline.events]


def test_export_png_and_svg(launch: Launch, qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    desk = launch()
    tab = timeline_tab(desk)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _p, _c, suggested, _f: (str(tmp_path / Path(suggested).name), ""),
    )
    tab.export_png_button.trigger()  # the toolbar's Export PNG…
    tab.export_svg_button.trigger()
    png = tmp_path / "Timeline-What-were-Joseph-Stalins-motivation-and-goals.png"
    svg = tmp_path / "Timeline-What-were-Joseph-Stalins-motivation-and-goals.svg"
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 200
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "First World War" in text


def year_at(view, x: float) -> float:  # type: ignore[no-untyped-def]
    """The time shown at viewport pixel ``x`` (what the axis above it reads)."""
    scene_x = view.mapToScene(QPoint(round(x), 0)).x()
    start = view.timeline.start_year
    return start + scene_x / (view.x_of(start + 1) - view.x_of(start))


def ctrl_wheel(view, x: int, steps: int) -> None:  # type: ignore[no-untyped-def]
    """Turn the mouse wheel ``steps`` notches with Ctrl held, the mouse at viewport x."""
    where = QPointF(x, 200)
    event = QWheelEvent(
        where,
        QPointF(view.viewport().mapToGlobal(where.toPoint())),
        QPoint(),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_zoom_keeps_the_time_under_the_mouse_or_the_centre_in_place(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    tab = timeline_tab(desk)
    view = tab.view
    centre = view.viewport().width() / 2
    tab.zoom_in_button.trigger()  # the toolbar: the centre stays
    tab.zoom_in_button.trigger()
    zoomed_centre = year_at(view, centre)
    assert 1905 < zoomed_centre < 1925  # the middle of the range, not the left edge
    tab.zoom_in_button.trigger()
    assert abs(year_at(view, centre) - zoomed_centre) < 0.2
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus)  # the keys: the centre stays
    assert abs(year_at(view, centre) - zoomed_centre) < 0.2
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert abs(year_at(view, centre) - zoomed_centre) < 0.2
    tab.zoom_out_button.trigger()
    assert abs(year_at(view, centre) - zoomed_centre) < 0.2

    mouse_x = round(view.viewport().width() * 0.7)
    under_mouse = year_at(view, mouse_x)
    before = view.zoom
    ctrl_wheel(view, mouse_x, 1)  # Ctrl+wheel: the time under the mouse stays
    assert view.zoom > before
    assert abs(year_at(view, mouse_x) - under_mouse) < 0.2
    ctrl_wheel(view, mouse_x, 2)
    assert abs(year_at(view, mouse_x) - under_mouse) < 0.2
    ctrl_wheel(view, mouse_x, -1)
    assert abs(year_at(view, mouse_x) - under_mouse) < 0.2


def on_screen(widget) -> QImage:  # type: ignore[no-untyped-def]
    """The pixels the screen shows for ``widget`` now (not a fresh paint of it)."""
    window = widget.window()
    corner = widget.mapTo(window, QPoint(0, 0))
    shot = window.screen().grabWindow(
        window.winId(), corner.x(), corner.y(), widget.width(), widget.height()
    )
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def headers_as_painted(qtbot: QtBot, view) -> tuple[QImage, QImage]:  # type: ignore[no-untyped-def]
    """The axis strip and the lane-name column on screen, and as a fresh paint draws them."""
    qtbot.wait(30)  # the paint the pan asked for
    shown = on_screen(view.viewport())
    fresh = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return shown, fresh


def near_in_row(image: QImage, y: int, width: int, rgb: int) -> bool:
    """Whether row ``y`` of ``image`` holds a pixel close to colour ``rgb`` in its first
    ``width`` columns (the solid middle of a coloured letter)."""
    for x in range(width):
        pixel = image.pixel(x, y)
        if all(abs((pixel >> s & 255) - (rgb >> s & 255)) < 16 for s in (16, 8, 0)):
            return True
    return False


def assert_headers_drawn(qtbot: QtBot, view, names=("Politics", "Economy")) -> None:  # type: ignore[no-untyped-def]
    shown, fresh = headers_as_painted(qtbot, view)
    axis = (0, 0, shown.width(), 20)
    legend = (0, 20, 80, shown.height() - 20)
    assert shown.copy(*axis) == fresh.copy(*axis), "axis years not redrawn"
    assert shown.copy(*legend) == fresh.copy(*legend), "lane names not redrawn"
    # And the names are there, each in its own colour: one run of text rows per lane.
    for name in names:
        target = QColor(CATEGORY_COLOURS[name.lower()]).rgb() & 0xFFFFFF
        rows = [y for y in range(20, shown.height()) if near_in_row(shown, y, 80, target)]
        assert rows, f"{name} not in the lane column"
        assert max(rows) - min(rows) < 20, f"{name} drawn more than once"


def test_lane_names_and_axis_years_stay_drawn_after_pan_zoom_and_resize(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    tab = timeline_tab(desk)
    view = tab.view
    for _ in range(3):
        tab.zoom_in_button.trigger()
    assert_headers_drawn(qtbot, view)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(400, 200))
    for step in range(1, 10):  # drag the time axis to the left
        qtbot.mouseMove(viewport, QPoint(400 - 15 * step, 200 + step))
        qtbot.wait(5)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(265, 209))
    assert_headers_drawn(qtbot, view)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert_headers_drawn(qtbot, view)
    qtbot.mouseClick(  # the scroll bar's arrow
        view.horizontalScrollBar(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(view.horizontalScrollBar().width() - 5, 5),
    )
    assert_headers_drawn(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # down to the last lanes
    assert view.verticalScrollBar().value() > 0
    assert_headers_drawn(qtbot, view, names=("Personal",))
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    tab.zoom_out_button.trigger()
    assert_headers_drawn(qtbot, view)
    desk.window.resize(desk.window.width() - 60, desk.window.height() - 40)
    assert_headers_drawn(qtbot, view)


def test_export_writes_the_whole_timeline_or_the_part_shown(
    launch: Launch, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    desk = launch()
    tab = timeline_tab(desk)
    for _ in range(3):
        tab.zoom_in_button.trigger()  # only part of the range and of the lanes is on screen
    names = iter(["whole.png", "whole.svg", "shown.png", "shown.svg"])
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _p, _c, _suggested, _f: (str(tmp_path / next(names)), ""),
    )
    tab.export_png_button.trigger()  # the toolbar's Export PNG…: the whole timeline
    tab.export_svg_button.trigger()
    whole = QImage(str(tmp_path / "whole.png")).convertToFormat(QImage.Format.Format_RGB32)
    years = tab.timeline.end_year + 1 - tab.timeline.start_year
    assert whole.width() >= 25 * years  # legible: a year is at least 25 px wide
    assert whole.height() >= tab.view.sceneRect().height() - 10  # every lane, full height
    for category in tab.timeline.categories:  # each lane's name in the lane column
        rgb = QColor(CATEGORY_COLOURS[category]).rgb() & 0xFFFFFF
        assert any(near_in_row(whole, y, 80, rgb) for y in range(20, whole.height())), category
    svg = (tmp_path / "whole.svg").read_text(encoding="utf-8")
    for text in ("Stalin born in Gori", "Death of Stalin", "Personal", "Ideology", "1950"):
        assert text in svg, text

    tab.export_png_shown_action.trigger()  # its menu's second choice: as shown
    tab.export_svg_shown_action.trigger()
    shown = QImage(str(tmp_path / "shown.png"))
    assert shown.size() == tab.view.viewport().size()
    shown_svg = (tmp_path / "shown.svg").read_text(encoding="utf-8")
    assert "Death of Stalin" not in shown_svg


def test_edit_and_delete_are_disabled_when_nothing_is_selected(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    tab = timeline_tab(desk)
    assert not tab.edit_button.isEnabled() and not tab.delete_button.isEnabled()
    QTimer.singleShot(0, lambda: fill_event_dialog("Bukharin's trial", "1938-03", "", "repression"))
    tab.add_button.trigger()
    assert tab.edit_button.isEnabled() and tab.delete_button.isEnabled()  # the new one is selected
    tab.delete_button.trigger()
    assert tab.view.scene().selectedItems() == []
    assert tab.detail.toPlainText().startswith("Select an event")
    assert not tab.edit_button.isEnabled()
    assert not tab.delete_button.isEnabled()
    press_undo(qtbot, desk)  # the event is back, still not selected
    assert tab.view.scene().selectedItems() == []
    assert not tab.edit_button.isEnabled() and not tab.delete_button.isEnabled()


WAR_SET = (
    "What caused the First World War?\n\n"
    "Expert Answers\n"
    "historian1 eNotes educator| Certified Educator\n\n"
    "The assassination of Archduke Franz Ferdinand in Sarajevo in 1914 set off the war.\n\n"
    "Alliances then dragged the great powers in, one after another.\n"
)


def lane_names_shown(view) -> set[str]:  # type: ignore[no-untyped-def]
    """The categories whose lane name is drawn in the lane column, by colour."""
    image = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return {
        category
        for category, colour in CATEGORY_COLOURS.items()
        if any(
            near_in_row(image, y, 80, QColor(colour).rgb() & 0xFFFFFF)
            for y in range(20, image.height())
        )
    }


def test_lanes_are_the_categories_the_study_sets_events_use(
    launch: Launch, qtbot: QtBot, tmp_path: Path
) -> None:
    study_file = tmp_path / "first-world-war.txt"
    study_file.write_text(WAR_SET, encoding="utf-8")
    desk = launch(study_file)
    tab = timeline_tab(desk)
    assert lane_names_shown(tab.view) == set()  # no events yet: no Stalin-era lanes
    offered: list[str] = []

    def file_under_war() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "event-dialog"
        offered.extend(dialog.category.itemText(i) for i in range(dialog.category.count()))
        choose_in_combo(qtbot, dialog.category, "war")
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    QTimer.singleShot(0, file_under_war)
    qtbot.mouseClick(tab.accept_button, Qt.MouseButton.LeftButton)  # 1914, found in the text
    assert "Politics" in offered and "War" in offered  # any category can be picked
    assert lane_names_shown(tab.view) == {"war"}

    desk.window.tabs.setCurrentWidget(tab)
    QTimer.singleShot(0, lambda: fill_event_dialog("Treaty of London", "1839", "", "politics"))
    tab.add_button.trigger()
    assert lane_names_shown(tab.view) == {"war", "politics"}


def test_the_detail_lists_each_passage_once_roomily_and_its_jump_shows_the_sentence(
    launch: Launch, qtbot: QtBot
) -> None:
    desk = launch()
    tab = timeline_tab(desk)
    tab.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by title
    row = next(
        r for r in range(tab.proxy.rowCount()) if tab.proxy.index(r, 1).data() == "Great Purge"
    )
    qtbot.mouseClick(
        tab.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=tab.table.visualRect(tab.proxy.index(row, 1)).center(),
    )
    assert tab.view.selected_key() == "great-purge"
    detail = tab.detail.toPlainText()
    assert detail.count("pohnpei397 ¶3") == 1  # named twice in ¶3: listed once
    assert detail.count("gpane ¶1") == 1
    assert tab.detail.width() >= 340 and tab.detail.height() >= 200  # room to read

    found = tab.detail.document().find("pohnpei397 ¶3")
    rect = tab.detail.cursorRect(found)
    qtbot.mouseClick(
        tab.detail.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() - QPoint(8, 0)
    )
    answer = desk.window.tabs.currentWidget()
    assert isinstance(answer, AnswerTab) and answer.answer.handle == "pohnpei397"
    assert answer.is_flashing
    [flash] = [s for s in answer.extraSelections() if s.cursor.hasSelection()][-1:]
    flashed = flash.cursor.selectedText()
    assert "purges" in flashed and flashed.rstrip().endswith(".") and len(flashed) > 40
    # The whole sentence is in view, not scrolled off the top.
    start, end = QTextCursor(answer.document()), QTextCursor(answer.document())
    start.setPosition(flash.cursor.selectionStart())
    end.setPosition(flash.cursor.selectionEnd())
    view = answer.viewport().rect()
    assert view.contains(answer.cursorRect(start)) and view.contains(answer.cursorRect(end))


def test_event_names_stay_readable_in_the_table_of_a_small_window(
    launch: Launch, qtbot: QtBot
) -> None:
    from desktop.models.events_model import EventsModel

    desk = launch()
    desk.window.resize(1100, 750)
    desk.window.tabs.setCurrentWidget(desk.window.timeline_tab)
    table = desk.window.timeline_tab.table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    QApplication.processEvents()
    # Stretched, the name column was ~40 px here: "Fir… Wo…".
    needed = table.fontMetrics().horizontalAdvance("First World War") + 12
    assert table.columnWidth(EventsModel.TITLE) >= needed


def test_a_date_that_does_not_exist_is_refused_in_plain_words(launch: Launch, qtbot: QtBot) -> None:
    desk = launch()
    tab = desk.window.timeline_tab
    desk.window.tabs.setCurrentWidget(tab)
    said: list[str] = []

    def type_wrong_dates() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "event-dialog"
        dialog.title.setText("Bukharin's trial")
        dialog.start.setText("1938-02-30")
        dialog.accept()  # refused: the dialog stays and says why
        said.append(dialog.problem.text())
        dialog.start.setText("1938-03-02")
        dialog.end.setText("1938-13")
        dialog.accept()
        said.append(dialog.problem.text())
        dialog.reject()

    QTimer.singleShot(0, type_wrong_dates)
    tab.add_button.trigger()
    assert said == [
        "Start: '1938-02-30' is not a date: Feb 1938 has 28 days",
        "End: '1938-13' is not a date: the month is 01 to 12",
    ]


def test_own_events_are_added_edited_and_deleted_from_the_keyboard(
    launch: Launch, qtbot: QtBot, database_file: Path
) -> None:
    desk = launch()
    tab = timeline_tab(desk)
    bring_to_front(qtbot, desk)
    tab.table.setFocus()
    QTimer.singleShot(0, lambda: fill_event_dialog("Bukharin's trial", "1938-03", "", "repression"))
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(tab.table, Qt.Key.Key_E, ctrl_shift)
    [(event_id,)] = sqlite3.connect(database_file).execute("SELECT id FROM events").fetchall()
    assert tab.view.selected_key() == f"user-{event_id}"
    bring_to_front(qtbot, desk)  # the dialog has closed
    tab.table.setFocus()
    QTimer.singleShot(0, lambda: fill_event_dialog("Third Moscow Trial", "1938-03", "", "war"))
    qtbot.keyClick(tab.table, Qt.Key.Key_F2)
    assert tab.timeline.event(f"user-{event_id}").title == "Third Moscow Trial"
    bring_to_front(qtbot, desk)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.timeline.event(f"user-{event_id}") is None
