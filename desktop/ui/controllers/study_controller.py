"""Study mode in the window: Review (Ctrl+R), Cram, New Card, Statistics. Built on first use.

Ratings go through the ChangeRunner as undoable commands (Ctrl+Z in the review takes the
last one back); the next card comes from the sitting's queue in memory, so a rating key
costs one short transaction and one label update.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from db import cards as card_db
from db.cards import CardContent, CardRecord
from db.library_reads import course_names
from desktop.content.cards import KINDS
from desktop.services import study
from desktop.services.changes import ChangeRunner
from desktop.services.study import Scope
from desktop.services.study_commands import DeleteCard, EditCard, NewCard, RateCard, SuspendCard
from desktop.services.study_session import ReviewSession
from desktop.ui.study.review_view import ReviewWindow

if TYPE_CHECKING:
    from desktop.services.session import StudySession
    from desktop.ui.main_window import MainWindow

RETURN_TO_REVIEW_MS = 1800  # the passage flashes, then the review comes back
TOP_UP_BELOW = 20  # cards left in the queue when the next batch of due cards is read


class StudyController(QObject):
    def __init__(
        self,
        window: MainWindow,
        changes: ChangeRunner,
        session: StudySession,
        settings: QSettings,
    ) -> None:
        super().__init__(window)
        self.window, self.changes, self.session, self.settings = window, changes, session, settings
        self.review_window: ReviewWindow | None = None
        self.sitting: ReviewSession | None = None
        self._scopes: list[Scope] = []
        self._commands: list[RateCard] = []
        self._pending: list[study.Rated] = []  # shown as rated, written a moment later
        self.retention = study.desired_retention(settings)
        self._titles: dict[int, str] = {}  # set id → title, read once a sitting

    @property
    def reader(self):  # type: ignore[no-untyped-def]
        return self.changes.reader

    # --- opening -------------------------------------------------------------------------

    def _window(self) -> ReviewWindow:
        if self.review_window is None:
            self.review_window = review = ReviewWindow(self.window)
            view = review.view
            view.show_answer_requested.connect(self.show_answer)
            view.rated.connect(self.rate)
            view.undo_requested.connect(self.undo_last_rating)
            view.show_in_text_requested.connect(self.show_in_text)
            view.edit_requested.connect(self.edit_current)
            view.suspend_requested.connect(self.suspend_current)
            view.delete_requested.connect(self.delete_current)
            view.scope_chosen.connect(self._scope_chosen)
            view.self_test_requested.connect(self.print_self_test)
        return self.review_window

    def _scope_chosen(self, index: int) -> None:
        """Another scope from the window's list: a cram stays a cram."""
        cram = self.sitting is not None and self.sitting.cram
        self.review(self._scopes[index], cram=cram)

    def _offered_scopes(self) -> list[Scope]:
        scopes = []
        record = self.window.study_set
        if record is not None:
            scopes.append(Scope.of_set(record.id, f"This study set: {record.title}"))
        scopes += [Scope.of_course(name) for name in course_names(self.reader)]
        scopes.append(Scope("all"))
        return scopes

    def _scope_title(self, scope: Scope) -> str:
        return f"Course: {scope.title}" if scope.kind == "course" else scope.title

    def review(self, scope: Scope | None = None, *, cram: bool = False) -> None:
        self._write_ratings()  # the last sitting's (a new one reads its own cards)
        self.changes.flush()  # what was just typed makes its cards first
        self._scopes = self._offered_scopes()
        if scope is None:
            scope = self._scopes[0]
        if scope.kind == "set" and scope.study_set_id is not None:
            self.refresh_cards(scope.study_set_id)
        window = self._window()
        titles = [self._scope_title(s) for s in self._scopes]
        current = next((i for i, s in enumerate(self._scopes) if s == scope), len(titles))
        if current == len(titles):
            self._scopes.append(scope)
            titles.append(self._scope_title(scope))
        window.view.set_scopes(titles, current)
        mode = "Cram" if cram else "Review"
        window.setWindowTitle(f"{mode} — {self._scope_title(scope)}")
        window.view.scope_label.setText(f"{mode}:")
        self.sitting = ReviewSession(scope, cram=cram)
        self._titles = card_db.set_titles(self.reader) if scope.kind != "set" else {}
        if cram:
            self.sitting.add(study.cram_order(self.reader, scope))
        else:
            self.sitting.add(study.due_cards(self.reader, scope))
        self._commands = []
        self._next()
        window.show()
        window.raise_()
        window.activateWindow()

    def cram(self) -> None:
        names = course_names(self.reader)
        choices = ([self.window.study_set.title] if self.window.study_set else []) + names
        if not choices:
            self.window.show_status("There is nothing to cram yet.")
            return
        chosen, ok = QInputDialog.getItem(
            self.window,
            "Cram",
            "Review every card of (weakest first; the schedule is not changed):",
            choices,
            0,
            False,
        )
        if not ok:
            return
        record = self.window.study_set
        if record is not None and chosen == record.title and chosen not in names:
            scope = Scope.of_set(record.id, f"This study set: {record.title}")
        else:
            scope = Scope.of_course(chosen)
        self.review(scope, cram=True)

    def refresh_cards(self, study_set_id: int) -> None:
        from desktop.services.autosave import SaveError
        from desktop.services.changes import Changes

        # The first time, a long set's educator cards take a moment (its key sentences).
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            counts = study.regenerate(self.changes.write, self.reader, study_set_id)
        except SaveError as exc:
            self.changes.failed.emit(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        if counts.any:
            self.changes.announce(Changes(cards=True))

    # --- the card shown ------------------------------------------------------------------

    def _meta(self, card: CardRecord) -> str:
        """The line above a card's front: its kind and where it comes from. An Educator
        card asks whose words these are, so its place leaves the educator out."""
        parts = [KINDS.get(card.kind, card.kind)]
        if card.passage_id is not None:
            place = card_db.passage_place(self.reader, card.passage_id)
            if place is not None:
                educator = "" if card.kind == "educator" else f"{place[1]} "
                parts.append(f"{educator}¶{place[2]}")
        if self.sitting is not None and self.sitting.scope.kind != "set":
            parts.append(self._titles.get(card.study_set_id, ""))
        return " · ".join(p for p in parts if p)

    def _progress(self) -> str:
        sitting = self.sitting
        if sitting is None:
            return ""
        left = len(sitting.queue) + (1 if sitting.current else 0)
        return f"{left} left · {sitting.reviewed} done"

    def _next(self, notice: str = "") -> None:
        sitting, window = self.sitting, self._window()
        if sitting is None:
            return
        card = sitting.advance()
        if card is None and not sitting.cram:
            self.write_pending()  # the database must know what was just rated (and tops up)
            card = sitting.advance()
        view = window.view
        view.set_progress(self._progress())
        if card is None:
            self._finish()
            return
        view.show_front(self._meta(card), card.front, notice)

    def _finish(self) -> None:
        sitting = self.sitting
        assert sitting is not None
        view = self._window().view
        if sitting.reviewed == 0:
            upcoming = card_db.due_count(
                self.reader,
                sitting.scope.set_ids(self.reader),
                card_db.stamp(study.utc_now() + timedelta(days=1)),
            )
            view.show_summary(
                "Nothing is due now",
                f"{upcoming} cards come due in the next 24 hours. Highlights, “Question :: "
                "Answer” lines in notes and the timeline make cards; Study › New Card… "
                "writes your own.",
                can_print=False,
            )
            return
        title = "Cramming done" if sitting.cram else "Review done"
        view.show_summary(title, sitting.summary(), can_print=True)

    def show_answer(self) -> None:
        sitting = self.sitting
        if sitting is None or sitting.current is None:
            return
        card = sitting.current
        intervals = (
            {} if sitting.cram else study.next_intervals(card, study.utc_now(), self.retention)
        )
        self._window().view.show_back(card.back, intervals)

    def rate(self, rating: int) -> None:
        sitting = self.sitting
        if sitting is None or sitting.current is None:
            return
        clock = study.utc_now()
        if sitting.cram:
            sitting.rated(rating, None, clock)
            self._next()
            return
        rated = study.rating_of(
            sitting.current, rating, sitting.elapsed_ms(), clock, self.retention
        )
        sitting.rated(rating, rated, clock)
        # The next card is painted first and the rating written right after, in the same
        # pass of the event loop: the student waits for the card, not for the disk.
        self._pending.append(rated)
        self._next(rated.message or "")
        self._window().view.card_view.repaint()
        QTimer.singleShot(0, self.write_pending)

    def write_pending(self) -> None:
        """Write the ratings shown as done; one not saved (the runner said why) is taken
        back, and its card shown again. Then, with every rating in the database, the
        sitting's queue is topped up when it runs low: the next batch is read here, after
        the paint, and not between a rating key and the next card."""
        sitting = self.sitting
        if (
            self._write_ratings()
            and sitting is not None
            and not sitting.cram
            and len(sitting.queue) < TOP_UP_BELOW
        ):
            sitting.add(study.due_cards(self.reader, sitting.scope))

    def _write_ratings(self) -> bool:
        """True when every rating was written."""
        while self._pending:
            rated = self._pending.pop(0)
            command = RateCard(self.changes, rated)
            self.changes.push(command)
            if command.written:
                self._commands.append(command)
                continue
            self._pending.clear()
            sitting = self.sitting
            if (
                sitting is not None
                and sitting.done
                and sitting.done[-1].card.id == rated.log.card_id
            ):
                card = sitting.take_back()
                if card is not None:
                    view = self._window().view
                    view.set_progress(self._progress())
                    view.show_front(self._meta(card), card.front, "The rating was not saved.")
            return False
        return True

    def undo_last_rating(self) -> None:
        sitting = self.sitting
        if sitting is None or not sitting.done:
            return
        self.write_pending()  # a rating shown as done is written before it is taken back
        if not sitting.done:
            return
        stack = self.changes.undo_stack
        if sitting.cram:
            sitting.take_back()
        else:
            command = self._commands[-1] if self._commands else None
            top = stack.command(stack.index() - 1) if stack.index() > 0 else None
            if command is None or top is not command:
                self._window().view.show_notice(
                    "The last rating can no longer be undone here: something else was changed "
                    "since (Edit › Undo undoes that first)."
                )
                return
            stack.undo()
            self._commands.pop()
            sitting.take_back()
        card = sitting.current
        assert card is not None
        view = self._window().view
        view.set_progress(self._progress())
        view.show_front(self._meta(card), card.front, "The last rating was taken back.")

    # --- the card's tools ----------------------------------------------------------------

    def show_in_text(self) -> None:
        sitting = self.sitting
        card = sitting.current if sitting else None
        if card is None:
            return
        if card.study_set_id != self.session.current_id:
            self.session.open_study_set(card.study_set_id)
        if card.source_kind == "event" and card.passage_id is None and card.source_id:
            self.window.show_event(card.source_id)
        elif card.passage_id is not None:
            place = card_db.passage_place(self.reader, card.passage_id)
            tab = self.window.show_educator(place[1]) if place else None
            if tab is not None and place is not None:
                tab.show_passage(place[2], card.start_offset or 0, card.end_offset)
        else:
            self.window.show_question()
        self.window.raise_()
        self.window.activateWindow()
        QTimer.singleShot(RETURN_TO_REVIEW_MS, self._return_to_review)

    def _return_to_review(self) -> None:
        if self.review_window is not None and self.review_window.isVisible():
            self.review_window.raise_()
            self.review_window.activateWindow()

    def _current(self) -> CardRecord | None:
        return self.sitting.current if self.sitting else None

    def edit_current(self) -> None:
        card = self._current()
        if card is None:
            return
        from desktop.ui.study.card_dialog import CardDialog

        dialog = CardDialog(self._window(), "Edit Card", card.front, card.back)
        if not dialog.exec():
            return
        front, back = dialog.texts()
        if (front, back) == (card.front, card.back):
            return
        self.changes.push(EditCard(self.changes, card.id, (card.front, card.back), (front, back)))
        updated = card_db.card(self.reader, card.id)
        if updated is not None and self.sitting is not None:
            self.sitting.current = updated
            self._window().view.show_front(self._meta(updated), updated.front)

    def suspend_current(self) -> None:
        card = self._current()
        if card is not None:
            self.changes.push(SuspendCard(self.changes, card.id, True))
            self._next("Suspended; Edit › Undo brings it back.")

    def delete_current(self) -> None:
        card = self._current()
        if card is not None:
            self.changes.push(DeleteCard(self.changes, card.id))
            self._next("Deleted; Edit › Undo brings it back.")

    def new_card(self) -> None:
        record = self.window.study_set
        if record is None:
            self.window.show_status("Open a study set first: a card belongs to one.")
            return
        from desktop.ui.study.card_dialog import CardDialog

        tab = self.window.current_answer_tab()
        passage = tab.cursor_passage() if tab is not None else None
        where = f"{tab.answer.handle} ¶{passage.number}" if tab and passage else record.title
        dialog = CardDialog(self.window, "New Card", "", "", anchored_to=where)
        if not dialog.exec():
            return
        front, back = dialog.texts()
        content = CardContent(
            kind="own",
            source_kind="user",
            source_id=None,
            passage_id=passage.id if passage else None,
            start_offset=None,
            end_offset=None,
            front=front,
            back=back,
            cloze=None,
            tags=(),
        )
        self.changes.push(NewCard(self.changes, record.id, content))
        self.window.show_status("Card added: it is due now (Study › Review).")

    def print_self_test(self) -> None:
        if self.sitting is None:
            return
        from desktop.ui.study.self_test import print_self_test

        print_self_test(self._window(), self.sitting.scope.title, self.sitting.session_cards())

    def export_anki(self) -> None:
        """The shown set's cards as an Anki deck, to a file the student chooses."""
        record = self.window.study_set
        if record is None:
            return
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from desktop.services.anki_export import ExportRefused, export_anki

        name, _filter = QFileDialog.getSaveFileName(
            self.window,
            "Export Anki Deck",
            str(Path.home() / "studydesk.apkg"),
            "Anki deck (*.apkg)",
        )
        if not name:
            return
        out = Path(name) if name.lower().endswith(".apkg") else Path(name + ".apkg")
        self.refresh_cards(record.id)
        try:
            result = export_anki(self.reader, [record.id], record.title, out)
        except (ExportRefused, OSError) as exc:
            self.window.show_status(f"The deck was not written: {exc}")
            return
        self.window.show_status(
            f"Wrote {result.path.name}: {result.notes} notes, {result.cards} cards"
        )

    def preferences(self) -> None:
        """Study › Preferences…: the desired retention. Changing it reschedules every card
        from its review log (the log itself is not touched)."""
        low, high = study.RETENTION_RANGE
        percent, ok = QInputDialog.getInt(
            self.window,
            "Study Preferences",
            "Desired retention: how likely you want to be to remember a card when it comes "
            "due (higher means more reviews)",
            round(self.retention * 100),
            round(low * 100),
            round(high * 100),
        )
        if not ok or percent / 100 == self.retention:
            return
        from desktop.services.autosave import SaveError
        from desktop.services.changes import Changes

        retention = percent / 100
        states = study.rescheduled_states(self.reader, retention)
        try:
            self.changes.write(study.write_states, states)
        except SaveError as exc:
            self.changes.failed.emit(str(exc))
            return
        self.settings.setValue(study.RETENTION_KEY, retention)
        self.retention = retention
        self.changes.announce(Changes(cards=True))
        self.window.show_status(
            f"Desired retention {percent}%: {len(states)} cards rescheduled from their reviews."
        )

    def statistics(self) -> None:
        from desktop.ui.study.statistics import StatisticsDialog

        dialog = StatisticsDialog(self.window, self.reader)
        dialog.show()
        self._statistics = dialog
