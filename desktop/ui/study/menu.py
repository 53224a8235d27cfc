"""The Study menu: its actions emit intent; the study controller (built on first use)
decides what happens. Kept light: the menu bar is built before the window first paints."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar


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
                action.setShortcut(QKeySequence(keys))
            action.setStatusTip(tip)
            action.triggered.connect(signal)
            self.menu.addAction(action)
            self.actions[text.replace("&", "").rstrip("…")] = action
        self.menu.insertSeparator(self.actions["New Card"])
        self.menu.insertSeparator(self.actions["Export Anki Deck (.apkg)"])
