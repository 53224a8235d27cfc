"""The menu bar's actions. They emit intent; the window decides what happens."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

MAX_TAB_SHORTCUTS = 9


class MainMenu(QObject):
    import_requested = Signal()
    quit_requested = Signal()
    zoom_in_requested = Signal()
    zoom_out_requested = Signal()
    zoom_reset_requested = Signal()
    tab_requested = Signal(int)
    about_requested = Signal()

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        bar = window.menuBar()

        file_menu = bar.addMenu("&File")
        self.import_action = self._action(
            file_menu,
            "&Import Study Set…",
            self.import_requested,
            [QKeySequence(QKeySequence.StandardKey.Open)],
            "Add a study-set text file to your library and open it",
        )
        file_menu.addSeparator()
        self.quit_action = self._action(
            file_menu, "&Quit", self.quit_requested, [QKeySequence("Ctrl+Q")], "Quit Study Desk"
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        view_menu = bar.addMenu("&View")
        self.zoom_in_action = self._action(
            view_menu,
            "Zoom &In",
            self.zoom_in_requested,
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")],
            "Make the reading text larger",
        )
        self.zoom_out_action = self._action(
            view_menu,
            "Zoom &Out",
            self.zoom_out_requested,
            [QKeySequence(QKeySequence.StandardKey.ZoomOut)],
            "Make the reading text smaller",
        )
        self.zoom_reset_action = self._action(
            view_menu,
            "&Reset Zoom",
            self.zoom_reset_requested,
            [QKeySequence("Ctrl+0")],
            "Show the reading text at its normal size",
        )

        self.go_menu = bar.addMenu("&Go")
        self.tab_actions: list[QAction] = []

        help_menu = bar.addMenu("&Help")
        self.about_action = self._action(
            help_menu, "&About Study Desk", self.about_requested, [], "Version and data location"
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _action(
        self,
        menu: QMenu,
        text: str,
        signal: Signal,
        shortcuts: list[QKeySequence],
        tip: str,
    ) -> QAction:
        action = QAction(text, self._window)
        action.setShortcuts(shortcuts)
        action.setStatusTip(tip)
        action.triggered.connect(signal)
        menu.addAction(action)
        return action

    def set_tab_titles(self, titles: list[str]) -> None:
        """One Go-menu entry per tab; Ctrl+1… for the first nine."""
        for action in self.tab_actions:
            self.go_menu.removeAction(action)
            action.deleteLater()
        self.tab_actions = []
        for index, title in enumerate(titles):
            action = QAction(title, self._window)
            if index < MAX_TAB_SHORTCUTS:
                action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.setStatusTip(f"Show the {title} tab")
            action.triggered.connect(lambda _checked=False, i=index: self.tab_requested.emit(i))
            self.go_menu.addAction(action)
            self.tab_actions.append(action)
