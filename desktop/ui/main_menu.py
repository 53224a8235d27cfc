"""The menu bar's actions. They emit intent; the window and controllers decide what happens."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from desktop.models.colours import HIGHLIGHT_COLOURS
from desktop.ui.study.menu import StudyMenu

MAX_TAB_SHORTCUTS = 9
Keys = QKeySequence.StandardKey


class MainMenu(QObject):
    import_requested = Signal()
    library_requested = Signal()
    new_study_set_requested = Signal()
    import_many_requested = Signal()
    import_folder_requested = Signal()
    export_study_set_requested = Signal()
    back_requested = Signal()
    recent_chosen = Signal(int)  # a study set id
    print_preview_requested = Signal()
    print_requested = Signal()
    export_pdf_requested = Signal()
    export_markdown_requested = Signal()
    summary_options_requested = Signal()
    quit_requested = Signal()
    zoom_in_requested = Signal()
    zoom_out_requested = Signal()
    zoom_reset_requested = Signal()
    tab_requested = Signal(int)
    about_requested = Signal()
    backups_requested = Signal()
    find_requested = Signal()
    search_requested = Signal()
    trash_requested = Signal()
    highlight_requested = Signal()
    note_requested = Signal()
    answer_note_requested = Signal()
    remove_highlight_requested = Signal()
    highlight_colour_chosen = Signal(str)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        bar = window.menuBar()

        file_menu = bar.addMenu("&File")
        self.import_action = self._action(
            file_menu,
            "&Import Study Set…",
            self.import_requested,
            [QKeySequence(Keys.Open)],
            "Add a study-set text file to your library and open it",
        )
        self.library_action = self._action(
            file_menu,
            "&Library…",
            self.library_requested,
            [QKeySequence("Ctrl+L")],
            "Every study set by course, tag and recency; open, organise or remove one",
        )
        self.new_study_set_action = self._action(
            file_menu,
            "&New Study Set…",
            self.new_study_set_requested,
            [QKeySequence(Keys.New)],
            "Type or paste a question and its answers",
        )
        self.import_many_action = self._action(
            file_menu,
            "Import Study &Sets…",
            self.import_many_requested,
            [],
            "Add several study-set files (text or .studydesk) to your library",
        )
        self.import_folder_action = self._action(
            file_menu,
            "Import &Folder…",
            self.import_folder_requested,
            [],
            "Add every study set in a folder and its subfolders",
        )
        self.export_study_set_action = self._action(
            file_menu,
            "Export Study Set with My &Work…",
            self.export_study_set_requested,
            [],
            "Save this study set with your notes, highlights, events and draft as one file",
        )
        file_menu.addSeparator()
        self.summary_options_action = self._action(
            file_menu,
            "Summary &Options…",
            self.summary_options_requested,
            [],
            "Choose what the summary includes, and its paper, margins and font size",
        )
        self.print_preview_action = self._action(
            file_menu,
            "Print Pre&view…",
            self.print_preview_requested,
            [QKeySequence("Ctrl+Shift+P")],
            "See the summary's pages before printing",
        )
        self.print_action = self._action(
            file_menu,
            "&Print…",
            self.print_requested,
            [QKeySequence(Keys.Print)],
            "Print the summary",
        )
        self.export_pdf_action = self._action(
            file_menu,
            "&Export Summary as PDF…",
            self.export_pdf_requested,
            [QKeySequence("Ctrl+E")],
            "Save the summary as a PDF file",
        )
        self.export_markdown_action = self._action(
            file_menu,
            "Export Summary as &Markdown…",
            self.export_markdown_requested,
            [],
            "Save the summary as a Markdown text file",
        )
        file_menu.addSeparator()
        self.quit_action = self._action(
            file_menu, "&Quit", self.quit_requested, [QKeySequence("Ctrl+Q")], "Quit Study Desk"
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addSeparator()
        self.find_action = self._action(
            self.edit_menu,
            "&Find in Text…",
            self.find_requested,
            [QKeySequence(Keys.Find)],
            "Find words in the text in view",
        )
        self.search_action = self._action(
            self.edit_menu,
            "&Search Everywhere…",
            self.search_requested,
            [QKeySequence("Ctrl+K")],
            "Search the question, the answers, your notes and tags",
        )
        self.edit_menu.addSeparator()
        self.trash_action = self._action(
            self.edit_menu, "&Trash…", self.trash_requested, [], "Deleted notes, to restore"
        )

        notes_menu = bar.addMenu("&Notes")
        self.highlight_action = self._action(
            notes_menu,
            "&Highlight Selection",
            self.highlight_requested,
            [QKeySequence("Ctrl+Shift+H")],
            "Mark the selected text in the current colour",
        )
        self.note_action = self._action(
            notes_menu,
            "Add &Note…",
            self.note_requested,
            [QKeySequence("Ctrl+Shift+N")],
            "Write a note on the selected text, the paragraph, or the question",
        )
        self.answer_note_action = self._action(
            notes_menu,
            "Add Note on This &Answer…",
            self.answer_note_requested,
            [],
            "Write a note on the whole answer in view",
        )
        self.remove_highlight_action = self._action(
            notes_menu,
            "&Remove Highlight",
            self.remove_highlight_requested,
            [],
            "Remove the highlight under the cursor",
        )
        colour_menu = notes_menu.addMenu("Highlight &Colour")
        self.colour_group = QActionGroup(window)
        self.colour_actions: dict[str, QAction] = {}
        for name, (label, _hex) in HIGHLIGHT_COLOURS.items():
            action = QAction(label, window)
            action.setCheckable(True)
            action.setData(name)  # which colour: the reading view ticks a highlight's own
            action.setStatusTip(
                f"Highlight in {label.lower()}; recolours the highlight under the cursor"
            )
            action.triggered.connect(lambda _c=False, n=name: self.highlight_colour_chosen.emit(n))
            self.colour_group.addAction(action)
            colour_menu.addAction(action)
            self.colour_actions[name] = action

        self.view_menu = bar.addMenu("&View")
        self.zoom_in_action = self._action(
            self.view_menu,
            "Zoom &In",
            self.zoom_in_requested,
            [QKeySequence(Keys.ZoomIn), QKeySequence("Ctrl+=")],
            "Make the reading text larger",
        )
        self.zoom_out_action = self._action(
            self.view_menu,
            "Zoom &Out",
            self.zoom_out_requested,
            [QKeySequence(Keys.ZoomOut)],
            "Make the reading text smaller",
        )
        self.zoom_reset_action = self._action(
            self.view_menu,
            "&Reset Zoom",
            self.zoom_reset_requested,
            [QKeySequence("Ctrl+0")],
            "Show the reading text at its normal size",
        )
        self.view_menu.addSeparator()

        self.go_menu = bar.addMenu("&Go")
        self.back_action = self._action(
            self.go_menu,
            "&Back",
            self.back_requested,
            [QKeySequence(Keys.Back)],
            "Return to the study set shown before",
        )
        self.back_action.setEnabled(False)
        self.recent_menu = self.go_menu.addMenu("&Recent Study Sets")
        self.recent_menu.setEnabled(False)
        self.go_menu.addSeparator()
        self.tab_actions: list[QAction] = []

        self.study = StudyMenu(bar, window)  # Study › Review (Ctrl+R), Cram, New Card, …
        self.study.add_file_export(file_menu, self.export_study_set_action)

        help_menu = bar.addMenu("&Help")
        self.backups_action = self._action(
            help_menu,
            "&Backups…",
            self.backups_requested,
            [],
            "See the backups of your library and restore one",
        )
        self.about_action = self._action(
            help_menu, "&About Study Desk", self.about_requested, [], "Version and data location"
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _action(
        self,
        menu: QMenu,
        text: str,
        signal: SignalInstance,
        shortcuts: list[QKeySequence],
        tip: str,
    ) -> QAction:
        action = QAction(text, self._window)
        action.setShortcuts(shortcuts)
        action.setStatusTip(tip)
        action.triggered.connect(signal)
        menu.addAction(action)
        return action

    def add_edit_actions_first(self, actions: list[QAction]) -> None:
        """Undo and Redo go at the top of the Edit menu, above Find."""
        existing = self.edit_menu.actions()
        for action in actions:
            if existing:
                self.edit_menu.insertAction(existing[0], action)
            else:  # an empty menu: inserting before nothing appends, as addAction does
                self.edit_menu.addAction(action)

    def set_recent(self, sets: list[tuple[int, str]]) -> None:
        """Go › Recent Study Sets: (id, title) newest first, at most ten. Its entries are
        renamed (each switch of study set reorders them), not all made again."""
        listed = sets[:10]
        actions = self.recent_menu.actions()
        for action in actions[len(listed) :]:
            self.recent_menu.removeAction(action)
            action.deleteLater()
        for index, (study_set_id, title) in enumerate(listed):
            shown = (title if len(title) <= 70 else title[:69] + "…").replace("&", "&&")
            if index < len(actions):
                action = actions[index]
                action.setText(shown)
            else:
                action = self.recent_menu.addAction(shown)
                action.triggered.connect(
                    lambda _checked=False, a=action: self.recent_chosen.emit(a.data())
                )
            action.setData(study_set_id)
        self.recent_menu.setEnabled(bool(sets))

    def set_tab_titles(self, titles: list[str]) -> None:
        """One Go-menu entry per tab; Ctrl+1… for the first nine. The entries there are
        renamed (each switch of study set renames the educators' tabs), surplus ones go."""
        for action in self.tab_actions[len(titles) :]:
            self.go_menu.removeAction(action)
            action.deleteLater()
        del self.tab_actions[len(titles) :]
        for index, title in enumerate(titles):
            if index < len(self.tab_actions):
                action = self.tab_actions[index]
                action.setText(title)
            else:
                action = QAction(title, self._window)
                if index < MAX_TAB_SHORTCUTS:
                    action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
                action.triggered.connect(lambda _checked=False, i=index: self.tab_requested.emit(i))
                self.go_menu.addAction(action)
                self.tab_actions.append(action)
            action.setStatusTip(f"Show the {title} tab")
