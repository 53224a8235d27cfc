"""Connects the notes widgets to the notes service: highlighting, notes, trash, and going to
a search result's place (the search dialog itself is SearchController's).

Slots here decide *which* thing the user means (the selection, the paragraph at the cursor,
the note in the editor) and call the service; the service holds the logic and says what
changed, and the views refresh from the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING
from weakref import WeakSet

from PySide6.QtCore import QObject, QSettings

from db.note_reads import QUESTION_ONLY, NoteFilter
from db.records import NoteAnchor, NoteRecord, SearchHit, StudySetRecord
from desktop.content.note_text import own_words, place_body, quoted_body
from desktop.models.colours import DEFAULT_COLOUR, HIGHLIGHT_COLOURS
from desktop.services.changes import Changes
from desktop.services.notes import NotesService, draft_key, note_key
from desktop.services.open_texts import TextKey
from desktop.ui.main_window import MainWindow
from desktop.ui.notes.note_editor import NoteEditor
from desktop.ui.notes.trash_dialog import TrashDialog

if TYPE_CHECKING:
    from desktop.ui.reading.answer_tab import AnswerTab, NoteMark

COLOUR_KEY = "notes/highlight_colour"


class NotesController(QObject):
    def __init__(self, window: MainWindow, service: NotesService, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self._settings = settings
        self.trash_dialog: TrashDialog | None = None
        self._draft_key: TextKey | None = None
        # The draft of the set shown before stays open one switch longer: switching back
        # to it does not make and load its document again (the one before is let go).
        self._kept_draft_key: TextKey | None = None
        # What the panel lists (answer, question, or all) and the note last open for each.
        self._panel_listing: tuple[object, ...] | None = None
        self._panel_notes: dict[tuple[object, ...], int | None] = {}
        colour = str(settings.value(COLOUR_KEY, DEFAULT_COLOUR))
        self.colour = colour if colour in HIGHLIGHT_COLOURS else DEFAULT_COLOUR
        window.menu.colour_actions[self.colour].setChecked(True)

        window.panel_model.set_loader(service.notes_by_id)
        window.notes_model.set_loader(service.notes_by_id)
        menu = window.menu
        menu.highlight_requested.connect(self.highlight_selection)
        menu.note_requested.connect(self.add_note_here)
        menu.answer_note_requested.connect(self.add_note_on_answer)
        menu.remove_highlight_requested.connect(self.remove_highlight)
        menu.highlight_colour_chosen.connect(self.choose_colour)
        menu.trash_requested.connect(self.open_trash)
        for editor in window.note_editors():
            editor.tags_edited.connect(service.set_note_tags)
            editor.colour_chosen.connect(service.set_note_colour)
            editor.delete_requested.connect(service.trash_note)
        window.notes_panel.note_activated.connect(self.go_to_note)
        window.notes_tab.note_selected.connect(self._notes_tab_note_selected)
        window.notes_tab.note_opened.connect(self.go_to_note)
        window.notes_tab.filters_changed.connect(self.refresh_notes_tab)
        window.tabs.currentChanged.connect(lambda _index: self.refresh_panel())
        window.tabs.currentChanged.connect(lambda _index: self._refresh_notes_tab_if_shown())
        window.answer_data_wanted.connect(self._fill_answer_tab)
        window.study_set_shown.connect(self._study_set_shown)
        service.runner.changed.connect(self._changed)
        # Answer tabs get their highlights and marks when they are first built (a switch of
        # study set reads them for no tab the student does not open): the tabs made ready.
        self._ready_tabs: WeakSet[AnswerTab] = WeakSet()
        # The shown set's marks by answer id, and the record they are of (each showing of a
        # set is a new record: they are read again).
        # The shown set's note marks by answer, and where each note's mark is among them.
        self._marks: (
            tuple[StudySetRecord, dict[int, list[NoteMark]], dict[int, tuple[int, int]]] | None
        ) = None
        self._notes_tab_stale = False  # refreshed while hidden: refreshed when shown
        if window.study_set is not None:
            self._study_set_shown()
            self.refresh_highlights()  # tabs built before this controller existed
            self.refresh_note_marks()

    # --- wiring ----------------------------------------------------------------------------

    def _study_set_shown(self) -> None:
        window = self.window
        study_set = window.study_set
        if study_set is not None:
            previous = self._draft_key
            self._draft_key = draft_key(study_set.id)
            window.show_draft(self.service.open_draft(study_set.id))
            if self._kept_draft_key is not None:  # each opening is closed once, a switch on
                self.service.close_text(self._kept_draft_key)
            self._kept_draft_key = previous
        # The answer tabs were given the new set's answers: each asks for its highlights and
        # marks when it is built (the current one has, already). The notes themselves did
        # not change: the panel's editor follows its new listing, and an editor left with a
        # note of the set shown before lets go of it.
        self.refresh_panel()
        self._let_go_of_other_sets_notes()
        self.refresh_notes_tab()
        self._refresh_trash()

    def _let_go_of_other_sets_notes(self) -> None:
        """An editor shows a note of the shown set or none: a note of the set shown before
        must not stay editable under this set's title (the Notes tab's editor kept it; the
        panel's too while the Notes tab was current). What was typed in it is saved as it is
        let go (OpenTexts.release)."""
        for editor in self.window.note_editors():
            if editor.note_id is None:
                continue
            record = self.service.note(editor.note_id)
            if record is None or record.study_set_id != self.study_set_id:
                self._show(editor, None)

    def _fill_answer_tab(self, tab: AnswerTab) -> None:
        """An answer tab about to be built for the answer it shows: its highlights, its
        note marks, and (once per tab) the context menu's actions and the marks' clicks."""
        if tab not in self._ready_tabs:
            self._ready_tabs.add(tab)
            menu = self.window.menu
            tab.context_actions = [
                menu.highlight_action,
                menu.note_action,
                menu.answer_note_action,
                menu.remove_highlight_action,
                None,
                *menu.colour_actions.values(),
            ]
            tab.note_mark_clicked.connect(self.window.notes_panel.show)  # opens its note
            tab.note_mark_clicked.connect(self.go_to_note)
        tab.set_highlights(self.service.highlights(tab.answer.id))
        tab.show_note_marks(self._marks_by_answer().get(tab.answer.id, []))

    def _changed(self, changes: Changes) -> None:
        """Refresh what shows the changed things, and nothing else."""
        if changes.highlights:
            self.refresh_highlights()
        if changes.notes:
            self.refresh_notes()
        else:
            for note_id in changes.note_bodies:  # typing: only that note's rows change
                self.window.panel_model.refresh_note(note_id)
                self.window.notes_model.refresh_note(note_id)
            if changes.note_bodies:  # the marks' tool tips show the words
                self.refresh_note_mark_words(changes.note_bodies)

    # --- refreshing ------------------------------------------------------------------------

    @property
    def study_set_id(self) -> int | None:
        study_set = self.window.study_set
        return None if study_set is None else study_set.id

    def refresh_highlights(self) -> None:
        for tab in self.window.answer_tabs():
            if not tab.data_pending:  # the others read theirs when they are built
                tab.set_highlights(self.service.highlights(tab.answer.id))

    def refresh_notes(self) -> None:
        self.refresh_note_marks()
        self.refresh_panel()
        self.refresh_notes_tab()
        self._refresh_trash()
        tags = self.service.tags()
        for editor in self.window.note_editors():
            editor.set_known_tags(tags)
            self._show(editor, editor.note_id)

    def refresh_note_marks(self) -> None:
        """Each answer marks the paragraphs that have notes, beside the ¶ number."""
        self._marks = None  # the notes changed
        tabs = [tab for tab in self.window.answer_tabs() if not tab.data_pending]
        if not tabs:
            return
        marks = self._marks_by_answer()
        for tab in tabs:
            tab.show_note_marks(marks.get(tab.answer.id, []))

    def refresh_note_mark_words(self, note_ids: Iterable[int]) -> None:
        """Typing was saved in these notes: their marks' words change, nothing else. Each
        note is read alone (reading every note of the set at each save stalled typing 2 s
        with 85,000 notes on a set)."""
        if self._marks is None:
            return  # read afresh, with the new words, when next wanted
        _record, by_answer, places = self._marks
        tabs = {tab.answer.id: tab for tab in self.window.answer_tabs() if not tab.data_pending}
        for note_id in note_ids:
            place = places.get(note_id)
            note = self.service.note(note_id) if place is not None else None
            if place is None or note is None:
                continue  # not on a paragraph of this set: no mark
            answer_id, number = place
            marks = by_answer[answer_id]
            marks[number] = replace(marks[number], words=own_words(note.body).strip())
            tab = tabs.get(answer_id)
            if tab is not None:
                tab.retitle_note_mark(marks[number])

    def _marks_by_answer(self) -> dict[int, list[NoteMark]]:
        """The shown set's note marks by answer id: one read for the whole set, kept until
        the notes change (each answer tab built after a switch takes its own from it)."""
        record = self.window.study_set
        if record is None:
            return {}
        if self._marks is not None and self._marks[0] is record:
            return self._marks[1]
        from desktop.ui.reading.answer_tab import NoteMark  # as the window: when first shown

        marks: dict[int, list[NoteMark]] = {}  # answer id -> its marks
        places: dict[int, tuple[int, int]] = {}  # note id -> (answer id, index in its marks)
        for note in self.service.paragraph_notes(record.id):
            words = own_words(note.body).strip()
            answer_marks = marks.setdefault(note.answer_id, [])
            places[note.note_id] = (note.answer_id, len(answer_marks))
            answer_marks.append(NoteMark(note.note_id, note.passage_id, words, note.quote))
        self._marks = (record, marks, places)
        return marks

    def _show(self, editor: NoteEditor, note_id: int | None, *, edit: bool = False) -> None:
        """Show ``note_id`` in ``editor`` with the note's one shared text document; let go of
        the document of the note it showed before."""
        shown = editor.note_id
        record = self.service.note(note_id) if note_id is not None else None
        if record is None or record.deleted_at is not None:
            editor.show_note(None)
        elif record.id == shown:
            editor.show_details(record)
        else:
            editor.show_note(record, self.service.open_note_text(record.id))
        if edit and editor.note_id is not None:
            editor.edit_at_end()
        if shown is not None and shown != editor.note_id:
            self.service.close_text(note_key(shown))

    def refresh_panel(self) -> None:
        study_set_id = self.study_set_id
        if study_set_id is None:
            return
        panel = self.window.notes_panel
        tab = self.window.current_answer_tab()
        if tab is not None:
            wanted = NoteFilter(study_set_id, answer_id=tab.answer.id)
            heading = f"Notes on {tab.answer.handle}'s answer"
            listing: tuple[object, ...] = ("answer", tab.answer.id)
        elif self.window.question_is_current():
            wanted = NoteFilter(study_set_id, educator=QUESTION_ONLY)
            heading = "Notes on the question"
            listing = ("question", study_set_id)
        else:  # the Notes tab lists them all already
            self._panel_listing_changed(("all",))
            self.window.panel_model.set_ids([])
            panel.set_heading("All notes are listed in the Notes tab")
            return
        ids = self.service.note_ids(wanted)
        self.window.panel_model.set_ids(ids)
        panel.set_heading(f"{heading} ({len(ids)})")
        if self._panel_listing_changed(listing) and panel.editor.note_id not in ids:
            # Another tab's note is not left in the panel: the note last open here comes
            # back, else none is shown.
            remembered = self._panel_notes.get(listing)
            self._show(panel.editor, remembered if remembered in ids else None)
        if panel.editor.note_id is not None:
            panel.select_note(panel.editor.note_id)

    def _panel_listing_changed(self, listing: tuple[object, ...]) -> bool:
        """Whether the panel now lists the notes of something else (the tab changed); the
        note open for the listing it leaves is remembered."""
        if listing == self._panel_listing:
            return False
        if self._panel_listing is not None:
            self._panel_notes[self._panel_listing] = self.window.notes_panel.editor.note_id
        self._panel_listing = listing
        return True

    def _refresh_notes_tab_if_shown(self) -> None:
        if self._notes_tab_stale:
            self.refresh_notes_tab()

    def refresh_notes_tab(self) -> None:
        """The Notes tab's list, choices and count: now if it is the current tab, else when
        it next is (a switch of study set does not read every note of the set for it)."""
        study_set = self.window.study_set
        if study_set is None:
            return
        tab = self.window.notes_tab
        self._notes_tab_stale = self.window.tabs.currentWidget() is not tab
        if self._notes_tab_stale:
            return
        tab.set_choices(
            self.service.tag_counts(study_set.id),
            self.service.colour_counts(study_set.id),
            [answer.handle for answer in study_set.answers],
        )
        ids = self.service.note_ids(NoteFilter(study_set.id, **tab.filters()))  # type: ignore[arg-type]
        self.window.notes_model.set_ids(ids)
        tab.select_shown_note()
        tab.set_count(len(ids), self.service.note_count(study_set.id))

    # --- highlighting ------------------------------------------------------------------------

    def highlight_selection(self) -> None:
        tab = self.window.current_answer_tab()
        ranges = tab.selected_ranges() if tab is not None else []
        if not ranges:
            self.window.statusBar().showMessage("Select text in an answer to highlight it.", 4000)
            return
        self.service.add_highlights(
            [(r.passage.id, r.start, r.end, r.quote) for r in ranges], self.colour
        )

    def remove_highlight(self) -> None:
        tab = self.window.current_answer_tab()
        highlight = tab.highlight_at(tab.operation_position()) if tab is not None else None
        if highlight is None:
            self.window.statusBar().showMessage("There is no highlight at the cursor.", 4000)
            return
        self.service.remove_highlight(highlight.id)

    def choose_colour(self, colour: str) -> None:
        self.colour = colour
        self._settings.setValue(COLOUR_KEY, colour)
        self.window.menu.colour_actions[colour].setChecked(True)
        tab = self.window.current_answer_tab()
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
        tab = self.window.current_answer_tab()
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
                body = place_body(f"{handle} ¶{passage.number}")
            self._create_note(study_set_id, anchor, body)
        elif self.window.question_is_current():
            self._create_note(study_set_id, NoteAnchor("question"), "")
        else:
            self.window.statusBar().showMessage(
                "Open the question or an answer to attach a note to it.", 4000
            )

    def add_note_on_answer(self) -> None:
        tab = self.window.current_answer_tab()
        study_set_id = self.study_set_id
        if tab is None or study_set_id is None:
            self.window.statusBar().showMessage("Open an answer to write a note on it.", 4000)
            return
        body = place_body(f"{tab.answer.handle}'s answer")
        self._create_note(study_set_id, NoteAnchor("answer", tab.answer.id), body)

    def _create_note(self, study_set_id: int, anchor: NoteAnchor, body: str) -> None:
        note_id = self.service.add_note(study_set_id, anchor, body)
        if note_id is None:
            return
        self.window.notes_panel.show()
        self._show_in_panel(note_id, edit=True)

    def _show_in_panel(self, note_id: int, *, edit: bool = False) -> None:
        panel = self.window.notes_panel
        self._show(panel.editor, note_id, edit=edit)
        panel.select_note(note_id)

    def _notes_tab_note_selected(self, note_id: int) -> None:
        self._show(self.window.notes_tab.editor, note_id)

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
            self.window.show_question()
            return
        self.window.show_tab(tab)
        if record.passage_number is not None:
            end = anchor.end if anchor.kind == "range" else None
            tab.show_passage(record.passage_number, anchor.start or 0, end)

    # --- search and trash ----------------------------------------------------------------------

    def go_to_hit(self, hit: SearchHit) -> None:
        if hit.kind == "note":
            self.go_to_note(hit.ref_id)
        elif hit.kind == "passage" and hit.answer_handle is not None:
            tab = self.window.show_educator(hit.answer_handle)
            if tab is not None and hit.passage_number is not None:
                tab.show_passage(hit.passage_number)
        else:
            self.window.show_question()

    def open_trash(self) -> None:
        if self.study_set_id is None:
            return
        if self.trash_dialog is None:
            from desktop.models.notes_model import TrashedNotesModel

            self.trash_dialog = TrashDialog(
                TrashedNotesModel(self.service.notes_by_id), self.window
            )
            self.trash_dialog.restore_requested.connect(self.service.restore_note)
            self.trash_dialog.empty_requested.connect(self.empty_trash)
        self._refresh_trash()
        self.trash_dialog.show()
        self.trash_dialog.raise_()

    def empty_trash(self) -> None:
        study_set_id = self.study_set_id
        if study_set_id is None:
            return
        removed = self.service.empty_trash(study_set_id)
        if removed:
            self.window.statusBar().showMessage(
                f"Deleted {removed} note{'s' if removed != 1 else ''} for good.", 4000
            )

    def _refresh_trash(self) -> None:
        if self.trash_dialog is not None and self.study_set_id is not None:
            self.trash_dialog.model.set_ids(self.service.trashed_note_ids(self.study_set_id))
