"""The Study menu: its actions emit intent; the study controller (built on first use)
decides what happens. Kept light: the menu bar is built before the window first paints."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar


class StudyMenu(QObject):
    review_requested = Signal()
    cram_requested = Signal()
    new_card_requested = Signal()
    statistics_requested = Signal()
    export_anki_requested = Signal()
    preferences_requested = Signal()

    def __init__(self, bar: QMenuBar, window: QMainWindow) -> None:
        super().__init__(window)
        self.menu = bar.addMenu("&Study")
        entries = [
            ("&Review", self.review_requested, "Ctrl+R", "Test yourself on the cards due now"),
            (
                "&Cram…",
                self.cram_requested,
                "",
                "Review a course's cards, weakest first, without changing their schedule",
            ),
            (
                "&New Card…",
                self.new_card_requested,
                "Ctrl+Shift+R",
                "Write your own card, anchored to the passage in view",
            ),
            ("&Statistics", self.statistics_requested, "", "Reviews, retention and what is due"),
            (
                "&Preferences…",
                self.preferences_requested,
                "",
                "How likely you want to be to remember a card when it comes due",
            ),
            (
                "&Export Anki Deck (.apkg)…",
                self.export_anki_requested,
                "",
                "Write this study set's cards as an Anki deck",
            ),
        ]
        self.actions: dict[str, QAction] = {}
        for text, signal, keys, tip in entries:
            action = QAction(text, window)
            if keys:
                # setShortcuts([…]), not setShortcut(…): choosing among setShortcut's
                # overloads makes the whole Qt namespace before the window's first paint.
                action.setShortcuts([QKeySequence(keys)])
            action.setStatusTip(tip)
            action.triggered.connect(signal)
            self.menu.addAction(action)
            self.actions[text.replace("&", "").rstrip("…")] = action
        self.menu.insertSeparator(self.actions["New Card"])
        self.menu.insertSeparator(self.actions["Export Anki Deck (.apkg)"])

    def add_file_export(self, file_menu: QMenu, after: QAction) -> None:
        """File › Export › Anki Deck (.apkg)… just below ``after``: the same request as
        Study › Export Anki Deck, under the name the issue gives it."""
        entries = file_menu.actions()
        below = entries.index(after) + 1
        before = entries[below] if below < len(entries) else None
        export = QMenu("E&xport", file_menu)
        action = export.addAction("&Anki Deck (.apkg)…")
        action.setStatusTip(self.actions["Export Anki Deck (.apkg)"].statusTip())
        action.triggered.connect(self.export_anki_requested)
        self.file_export_action = action
        if before is None:
            file_menu.addMenu(export)
        else:
            file_menu.insertMenu(before, export)
