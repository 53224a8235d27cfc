"""The Review view: a card's front; Space or Enter shows the back; 1–4 rate it (each button
shows the interval it gives); Ctrl+Z takes the last rating back. Widgets only: the study
controller decides what is shown and what a key does to the schedule.

Text from a card is the student's or a study set's: shown as plain text, never as HTML.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def _rating_text(rating: int, interval: str) -> str:
    """A rating button: its name and key, as Show Answer shows its key; the interval below."""
    return f"{RATING_NAMES[rating]} ({rating})\n{interval}"


def _plain_label(text: str = "", *, size: float | None = None, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if size is not None or bold:
        font = QFont(label.font())
        if size is not None:
            font.setPointSizeF(size)
        font.setBold(bold)
        label.setFont(font)
    return label


def _html(text: str) -> str:
    """Plain text for the card document: escaped, its line breaks kept."""
    return "<br>".join(escape(line) for line in text.splitlines())


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    # Keys belong to the review (Space shows the answer): no button takes the focus.
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class ReviewView(QWidget):
    show_answer_requested = Signal()
    rated = Signal(int)  # 1 Again … 4 Easy
    undo_requested = Signal()
    show_in_text_requested = Signal()
    edit_requested = Signal()
    suspend_requested = Signal()
    delete_requested = Signal()
    scope_chosen = Signal(int)  # index into the scopes offered
    self_test_requested = Signal()
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_shown = False
        self.rating_enabled = False
        # The view itself holds the focus, so its keys (Space, 1–4, Ctrl+Z) reach it.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.scope_label = QLabel("Review:")  # "Cram:" in a cram (the controller says)
        top.addWidget(self.scope_label)
        self.scope_box = QComboBox()
        self.scope_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.scope_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.scope_box.activated.connect(self.scope_chosen)
        top.addWidget(self.scope_box, 1)
        self.progress = QLabel()
        top.addWidget(self.progress)
        layout.addLayout(top)

        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.card_page = QWidget()
        self.pages.addWidget(self.card_page)
        card = QVBoxLayout(self.card_page)
        # One read-only document shows the card (front, then the back below a rule): its
        # text changes from card to card without the window laying itself out again, which
        # labels shown, hidden and re-wrapped made it do on every rating key.
        self.card_view = QTextBrowser()
        self.card_view.setFrameShape(QFrame.Shape.NoFrame)
        self.card_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.card_view.setOpenLinks(False)
        card.addWidget(self.card_view, 1)
        self._meta = self._front = self._notice = self._back_html = ""

        tools = QHBoxLayout()
        self.show_in_text_button = _button("Show in Text", "Open the passage this card is from")
        self.edit_button = _button("Edit…", "Change the card's front and back")
        self.suspend_button = _button("Suspend", "Leave this card out of reviews until resumed")
        self.delete_button = _button("Delete", "Delete this card (Edit › Undo brings it back)")
        for button, signal in (
            (self.show_in_text_button, self.show_in_text_requested),
            (self.edit_button, self.edit_requested),
            (self.suspend_button, self.suspend_requested),
            (self.delete_button, self.delete_requested),
        ):
            button.clicked.connect(signal)
            tools.addWidget(button)
        tools.addStretch(1)
        card.addLayout(tools)

        answers = QHBoxLayout()
        self.show_answer_button = _button("Show Answer\n(Space)", "Show the back of the card")
        self.show_answer_button.clicked.connect(self.show_answer_requested)
        answers.addWidget(self.show_answer_button)
        self.rating_buttons: dict[int, QPushButton] = {}
        for rating, name in RATING_NAMES.items():
            button = _button(_rating_text(rating, ""), f"{name} (key {rating})")
            # The interval under the name changes with each card: the button's size must not.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, r=rating: self.rated.emit(r))
            self.rating_buttons[rating] = button
            answers.addWidget(button, 1)
        card.addLayout(answers)

        self.summary_page = QWidget()
        self.pages.addWidget(self.summary_page)
        summary = QVBoxLayout(self.summary_page)
        self.summary_title = _plain_label(size=self.font().pointSizeF() * 1.4, bold=True)
        summary.addWidget(self.summary_title)
        self.summary_text = _plain_label()
        summary.addWidget(self.summary_text)
        summary.addStretch(1)
        ends = QHBoxLayout()
        self.self_test_button = _button(
            "Self-Test Sheet…", "Print these cards as numbered questions with an answer key"
        )
        self.self_test_button.clicked.connect(self.self_test_requested)
        ends.addWidget(self.self_test_button)
        ends.addStretch(1)
        self.close_button = _button("Close", "Close the review")
        self.close_button.clicked.connect(self.close_requested)
        ends.addWidget(self.close_button)
        summary.addLayout(ends)

        self._keys = [
            self._key("Space", self._space_or_enter),
            self._key("Return", self._space_or_enter),
            self._key("Enter", self._space_or_enter),
            self._key(QKeySequence.StandardKey.Undo, self.undo_requested.emit),
        ]
        for rating in RATING_NAMES:
            self._keys.append(self._key(str(rating), lambda r=rating: self._rate_key(r)))
        self.show_front("", "", "")

    def _key(self, keys: str | QKeySequence.StandardKey, slot: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    def _space_or_enter(self) -> None:
        if self.pages.currentWidget() is self.summary_page:
            self.close_requested.emit()
        elif not self.back_shown and self.show_answer_button.isEnabled():
            self.show_answer_requested.emit()

    def _rate_key(self, rating: int) -> None:
        if self.back_shown and self.rating_enabled:
            self.rated.emit(rating)

    # --- what the controller shows ------------------------------------------------------

    def set_scopes(self, titles: list[str], current: int) -> None:
        self.scope_box.clear()
        self.scope_box.addItems(titles)
        self.scope_box.setCurrentIndex(current)

    def set_progress(self, text: str) -> None:
        self.progress.setText(text)

    def _show(self, back_html: str = "") -> None:
        self._back_html = back_html
        base = self.font().pointSizeF()
        meta = f"<p style='color:gray'>{_html(self._meta)}</p>" if self._meta else ""
        front = f"<p style='font-size:{base * 1.5:.1f}pt'>{_html(self._front)}</p>"
        notice = f"<p><i>{_html(self._notice)}</i></p>" if self._notice else ""
        self.card_view.setHtml(meta + front + back_html + notice)

    def show_front(self, meta: str, front: str, notice: str = "") -> None:
        self.pages.setCurrentWidget(self.card_page)
        self.back_shown = False
        self.rating_enabled = False
        self._meta, self._front, self._notice = meta, front, notice
        self._show()
        if not self.hasFocus():
            self.setFocus()
        has_card = bool(front)
        self.show_answer_button.setEnabled(has_card)
        for rating, button in self.rating_buttons.items():
            button.setEnabled(False)
            button.setText(_rating_text(rating, ""))  # no interval before the back shows
        for button in (
            self.show_in_text_button,
            self.edit_button,
            self.suspend_button,
            self.delete_button,
        ):
            button.setEnabled(has_card)

    def show_back(self, back: str, intervals: dict[int, str], *, can_rate: bool = True) -> None:
        self.back_shown = True
        self.rating_enabled = can_rate
        answer, _gap, context = back.partition("\n\n")
        base = self.font().pointSizeF()
        html = f"<hr><p style='font-size:{base * 1.3:.1f}pt'><b>{_html(answer)}</b></p>"
        if context:  # a cloze's whole sentence, below its answer
            html += f"<p style='font-size:{base * 1.1:.1f}pt'>{_html(context)}</p>"
        self._show(html)
        self.show_answer_button.setEnabled(False)
        for rating, button in self.rating_buttons.items():
            button.setText(_rating_text(rating, intervals.get(rating, "")))
            button.setEnabled(can_rate)

    def shown_text(self) -> str:
        """The card as the student reads it now (front, and the back once shown)."""
        return self.card_view.toPlainText()

    def show_notice(self, text: str) -> None:
        self._notice = text
        self._show(self._back_html)

    def show_summary(self, title: str, text: str, *, can_print: bool) -> None:
        self.summary_title.setText(title)
        self.summary_text.setText(text)
        self.self_test_button.setEnabled(can_print)
        self.pages.setCurrentWidget(self.summary_page)
        self.back_shown = False
        self.setFocus()

    def interval_on(self, rating: int) -> str:
        """The interval the rating button shows (the line under its name)."""
        return self.rating_buttons[rating].text().partition("\n")[2]


class ReviewWindow(QDialog):
    """The Review view in its own window beside the main one (not modal: "Show in Text"
    goes to the reading and comes back)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Review")
        self.setModal(False)
        self.view = ReviewView(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.resize(640, 460)
        self.view.close_requested.connect(self.close)
