"""Connects the notes widgets to the notes service: highlighting, notes, search, trash, undo.

Slots here decide *which* thing the user means (the selection, the paragraph at the cursor,
the note in the editor) and call the service; the service holds the logic and says what
changed, and the views refresh from the database.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from db import note_reads
from db.note_reads import QUESTION_ONLY, NoteFilter
from db.records import NoteAnchor, NoteRecord, SearchHit
from desktop.models.colours import DEFAULT_COLOUR, HIGHLIGHT_COLOURS
from desktop.services.notes import NotesService
from desktop.ui.dialogs import messages
from desktop.ui.main_window import MainWindow
from desktop.ui.notes.note_editor import NoteEditor
from desktop.ui.notes.search_dialog import SearchDialog
from desktop.ui.notes.trash_dialog import TrashDialog
from desktop.ui.reading.answer_tab import AnswerTab

COLOUR_KEY = "notes/highlight_colour"
LIST_PREVIEW = 600  # characters of each note that lists load (the editor loads all of it)


def quoted_body(quote: str, place: str) -> str:
    """A new note's text: the quote and where it came from, then room to write."""
    lines = "\n".join(f"> {line}" for line in quote.splitlines() or [""])
    return f"{lines}\n>\n> — {place}\n\n"


class NotesController(QObject):
    def __init__(self, window: MainWindow, service: NotesService, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self._settings = settings
        self.trash_dialog: TrashDialog | None = None
        self.search_dialog: SearchDialog | None = None
        colour = str(settings.value(COLOUR_KEY, DEFAULT_COLOUR))
        self.colour = colour if colour in HIGHLIGHT_COLOURS else DEFAULT_COLOUR
        window.menu.colour_actions[self.colour].setChecked(True)
        self.unsaved = QLabel(window)
        self.unsaved.setStyleSheet("color: #c92a2a; font-weight: 600")
        self.unsaved.hide()
        window.statusBar().addPermanentWidget(self.unsaved)

        load = lambda ids: note_reads.notes_by_id(service.reader, ids, preview_chars=LIST_PREVIEW)  # noqa: E731
        window.panel_model.set_loader(load)
        window.notes_model.set_loader(load)
        self._add_undo_actions()
        menu = window.menu
        menu.highlight_requested.connect(self.highlight_selection)
        menu.note_requested.connect(self.add_note_here)
        menu.answer_note_requested.connect(self.add_note_on_answer)
        menu.remove_highlight_requested.connect(self.remove_highlight)
        menu.highlight_colour_chosen.connect(self.choose_colour)
        menu.search_requested.connect(self.open_search)
        menu.trash_requested.connect(self.open_trash)
        for editor in (window.notes_panel.editor, window.notes_tab.editor):
            self._connect_editor(editor)
        window.notes_panel.note_activated.connect(self.go_to_note)
        window.notes_tab.note_selected.connect(self._notes_tab_note_selected)
        window.notes_tab.note_opened.connect(self.go_to_note)
        window.notes_tab.filters_changed.connect(self.refresh_notes_tab)
        window.tabs.currentChanged.connect(self._tab_changed)
        window.study_set_shown.connect(self._study_set_shown)
        window.close_guard = self.can_close
        service.notes_changed.connect(self.refresh_notes)
        service.note_body_saved.connect(self._note_body_saved)
        service.highlights_changed.connect(self.refresh_highlights)
        service.save_failed.connect(self._save_failed)
        service.saved.connect(self.unsaved.hide)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._application_state_changed)
        if window.study_set is not None:
            self._study_set_shown()

    # --- wiring ----------------------------------------------------------------------------

    def _add_undo_actions(self) -> None:
        stack = self.service.undo_stack
        undo = stack.createUndoAction(self.window, "&Undo")
        undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        redo = stack.createRedoAction(self.window, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu = self.window.menu.edit_menu
        first = edit_menu.actions()[0] if edit_menu.actions() else None
        edit_menu.insertAction(first, undo)
        edit_menu.insertAction(first, redo)
        self.undo_action, self.redo_action = undo, redo

    def _connect_editor(self, editor: NoteEditor) -> None:
        editor.body_edited.connect(self.service.edit_note_body)
        editor.tags_edited.connect(self.service.set_note_tags)
        editor.colour_chosen.connect(self.service.set_note_colour)
        editor.delete_requested.connect(self.service.trash_note)

    def _study_set_shown(self) -> None:
        window = self.window
        menu = window.menu
        actions = [
            menu.highlight_action,
            menu.note_action,
            menu.answer_note_action,
            menu.remove_highlight_action,
            None,
            *menu.colour_actions.values(),
        ]
        for tab in window.answer_tabs():
            tab.context_actions = actions
        page = window.question_page
        if page is not None and window.study_set is not None:
            study_set_id = window.study_set.id
            page.draft.set_text(self.service.draft(study_set_id))
            page.draft.edited.connect(lambda text: self.service.edit_draft(study_set_id, text))
        self.service.undo_stack.clear()
        self.refresh_highlights()
        self.refresh_notes()

    def _tab_changed(self, _index: int) -> None:
        self.service.flush()
        self.refresh_panel()

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.service.flush()

    def can_close(self) -> bool:
        if self.service.flush():
            return True
        return messages.ask_yes_no(
            self.window,
            "Changes not saved",
            "Your last changes could not be saved (see the status bar). Quit anyway and lose "
            "them? Choose No to keep Study Desk open and try again.",
        )

    def _save_failed(self, message: str) -> None:
        self.unsaved.setText("Not saved")
        self.unsaved.setToolTip(message)
        self.unsaved.show()
        self.window.statusBar().showMessage(message, 10_000)

    # --- refreshing ------------------------------------------------------------------------

    @property
    def study_set_id(self) -> int | None:
        study_set = self.window.study_set
        return None if study_set is None else study_set.id

    def refresh_highlights(self) -> None:
        for tab in self.window.answer_tabs():
            tab.set_highlights(self.service.highlights(tab.answer.id))

    def refresh_notes(self) -> None:
        self.refresh_panel()
        self.refresh_notes_tab()
        tags = self.service.tags()
        for editor in (self.window.notes_panel.editor, self.window.notes_tab.editor):
            editor.set_known_tags(tags)
            self._refresh_editor(editor)

    def _note_body_saved(self, note_id: int) -> None:
        """Typing was saved: only that note's rows change (no list is rebuilt per save)."""
        self.window.panel_model.refresh_note(note_id)
        self.window.notes_model.refresh_note(note_id)

    def _refresh_editor(self, editor: NoteEditor) -> None:
        if editor.note_id is None:
            return
        record = self.service.note(editor.note_id)
        if record is None or record.deleted_at is not None:
            editor.show_note(None)
        elif not editor.body.is_editing and not editor.tags.hasFocus():
            editor.show_note(record)

    def refresh_panel(self) -> None:
        study_set_id = self.study_set_id
        if study_set_id is None:
            return
        widget = self.window.tabs.currentWidget()
        if isinstance(widget, AnswerTab):
            wanted = NoteFilter(study_set_id, answer_id=widget.answer.id)
            heading = f"Notes on {widget.answer.handle}'s answer"
        elif widget is self.window.question_page:
            wanted = NoteFilter(study_set_id, educator=QUESTION_ONLY)
            heading = "Notes on the question"
        else:  # the Notes tab lists them all already
            self.window.panel_model.set_ids([])
            self.window.notes_panel.set_heading("All notes are listed in the Notes tab")
            return
        ids = note_reads.note_ids(self.service.reader, wanted)
        self.window.panel_model.set_ids(ids)
        self.window.notes_panel.set_heading(f"{heading} ({len(ids)})")
        editor = self.window.notes_panel.editor
        if editor.note_id is not None:
            self.window.notes_panel.select_note(editor.note_id)

    def refresh_notes_tab(self) -> None:
        study_set_id = self.study_set_id
        study_set = self.window.study_set
        if study_set_id is None or study_set is None:
            return
        tab = self.window.notes_tab
        reader = self.service.reader
        tab.set_choices(
            note_reads.tag_counts(reader, study_set_id),
            note_reads.colour_counts(reader, study_set_id),
            [answer.handle for answer in study_set.answers],
        )
        ids = note_reads.note_ids(reader, NoteFilter(study_set_id, **tab.filters()))  # type: ignore[arg-type]
        self.window.notes_model.set_ids(ids)
        tab.set_count(len(ids), note_reads.note_count(reader, study_set_id))

    # --- highlighting ------------------------------------------------------------------------

    def _current_answer_tab(self) -> AnswerTab | None:
        widget = self.window.tabs.currentWidget()
        return widget if isinstance(widget, AnswerTab) else None

    def highlight_selection(self) -> None:
        tab = self._current_answer_tab()
        ranges = tab.selected_ranges() if tab is not None else []
        if not ranges:
            self.window.statusBar().showMessage("Select text in an answer to highlight it.", 4000)
            return
        stack = self.service.undo_stack
        stack.beginMacro("Highlight")
        for text_range in ranges:
            self.service.add_highlight(
                text_range.passage.id,
                text_range.start,
                text_range.end,
                text_range.quote,
                self.colour,
            )
        stack.endMacro()
        self.service.flush()

    def remove_highlight(self) -> None:
        tab = self._current_answer_tab()
        highlight = tab.highlight_at(tab.operation_position()) if tab is not None else None
        if highlight is None:
            self.window.statusBar().showMessage("There is no highlight at the cursor.", 4000)
            return
        self.service.remove_highlight(highlight.id)

    def choose_colour(self, colour: str) -> None:
        self.colour = colour
        self._settings.setValue(COLOUR_KEY, colour)
        self.window.menu.colour_actions[colour].setChecked(True)
        tab = self._current_answer_tab()
        if tab is not None and not tab.textCursor().hasSelection():
            highlight = tab.highlight_at(tab.operation_position())
            if highlight is not None:
                self.service.recolour_highlight(highlight, colour)

    # --- notes ---------------------------------------------------------------------------------

    def add_note_here(self) -> None:
        """A note on the selection, else the paragraph at the cursor, else the question."""
        study_set_id = self.study_set_id
        if study_set_id is None:
            return
        tab = self._current_answer_tab()
        if tab is not None:
            ranges = tab.selected_ranges()
            handle = tab.answer.handle
            if ranges:
                first = ranges[0]
                anchor = NoteAnchor(
                    "range", tab.answer.id, first.passage.id, first.start, first.end, first.quote
                )
                body = quoted_body(first.quote, f"{handle} ¶{first.passage.number}")
            else:
                passage = tab.cursor_passage() or tab.answer.passages[0]
                anchor = NoteAnchor("passage", tab.answer.id, passage.id)
                body = f"On {handle} ¶{passage.number}:\n\n"
            self._create_note(study_set_id, anchor, body)
        elif self.window.tabs.currentWidget() is self.window.question_page:
            self._create_note(study_set_id, NoteAnchor("question"), "")
        else:
            self.window.statusBar().showMessage(
                "Open the question or an answer to attach a note to it.", 4000
            )

    def add_note_on_answer(self) -> None:
        tab = self._current_answer_tab()
        study_set_id = self.study_set_id
        if tab is None or study_set_id is None:
            self.window.statusBar().showMessage("Open an answer to write a note on it.", 4000)
            return
        body = f"On {tab.answer.handle}'s answer:\n\n"
        self._create_note(study_set_id, NoteAnchor("answer", tab.answer.id), body)

    def _create_note(self, study_set_id: int, anchor: NoteAnchor, body: str) -> None:
        note_id = self.service.add_note(study_set_id, anchor, body)
        if note_id is None:
            return
        self.window.notes_panel.show()
        self._show_in_panel(note_id, edit=True)

    def _show_in_panel(self, note_id: int, *, edit: bool = False) -> None:
        editor = self.window.notes_panel.editor
        if editor.note_id != note_id:
            self.service.autosave.flush(("note", editor.note_id))
        record = self.service.note(note_id)
        editor.show_note(record, edit=edit)
        self.window.notes_panel.select_note(note_id)
        if edit:
            cursor = editor.body.editor.textCursor()
            cursor.movePosition(cursor.MoveOperation.End)
            editor.body.editor.setTextCursor(cursor)

    def _notes_tab_note_selected(self, note_id: int) -> None:
        editor = self.window.notes_tab.editor
        if editor.note_id != note_id:
            self.service.autosave.flush(("note", editor.note_id))
        editor.show_note(self.service.note(note_id))

    def go_to_note(self, note_id: int) -> None:
        """Show where the note is attached: its tab, scrolled to the place, flashed."""
        record = self.service.note(note_id)
        if record is None:
            return
        self._go_to_anchor(record)
        self._show_in_panel(note_id)

    def _go_to_anchor(self, record: NoteRecord) -> None:
        anchor = record.anchor
        answer_id = anchor.answer_id
        if answer_id is None and anchor.passage_id is not None:
            answer_id = next(
                (
                    t.answer.id
                    for t in self.window.answer_tabs()
                    if any(p.id == anchor.passage_id for p in t.answer.passages)
                ),
                None,
            )
        tab = self.window.answer_tab_of(answer_id) if answer_id is not None else None
        if tab is None:
            self.window.tabs.setCurrentWidget(self.window.question_page)
            return
        self.window.tabs.setCurrentWidget(tab)
        if record.passage_number is not None:
            end = anchor.end if anchor.kind == "range" else None
            tab.show_passage(record.passage_number, anchor.start or 0, end)

    # --- search and trash ----------------------------------------------------------------------

    def open_search(self) -> None:
        study_set_id = self.study_set_id
        if study_set_id is None:
            return
        self.service.flush()  # search what was just typed, too
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(
                lambda text: self.service.search(self.study_set_id or 0, text), self.window
            )
            self.search_dialog.hit_chosen.connect(self.go_to_hit)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.query.setFocus()
        self.search_dialog.query.selectAll()

    def go_to_hit(self, hit: SearchHit) -> None:
        if hit.kind == "note":
            self.go_to_note(hit.ref_id)
        elif hit.kind == "passage" and hit.answer_handle is not None:
            tab = self.window.show_educator(hit.answer_handle)
            if tab is not None and hit.passage_number is not None:
                tab.show_passage(hit.passage_number)
        else:
            self.window.tabs.setCurrentWidget(self.window.question_page)

    def open_trash(self) -> None:
        study_set_id = self.study_set_id
        if study_set_id is None:
            return
        if self.trash_dialog is None:
            from desktop.models.notes_model import NotesModel

            model = NotesModel(lambda ids: note_reads.notes_by_id(self.service.reader, ids))
            self.trash_dialog = TrashDialog(model, self.window)
            self.trash_dialog.restore_requested.connect(self.service.restore_note)
            self.service.notes_changed.connect(self._refresh_trash)
        self._refresh_trash()
        self.trash_dialog.show()
        self.trash_dialog.raise_()

    def _refresh_trash(self) -> None:
        if self.trash_dialog is not None and self.study_set_id is not None:
            trashed = self.service.trashed_notes(self.study_set_id)
            self.trash_dialog.model.set_ids([record.id for record in trashed])
