"""Compare: the student's decisions about two answers' aligned sentences, undoably.

Confirming, breaking, linking by hand, and marking a stance with a note each push one command
on the runner's undo stack (desktop.services.compare_commands); views refresh on
``Changes.compare``. What is shown: desktop.services.compare_data.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from db.compare_reads import link_between
from db.compare_records import LinkFields
from desktop.content.alignment_sentences import SentenceRef
from desktop.services.changes import ChangeRunner
from desktop.services.compare_data import ComparePair, CompareView


class CompareService(QObject):
    def __init__(self, runner: ChangeRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner

    def _store(self, view: CompareView, pair: ComparePair, fields: LinkFields, text: str) -> None:
        from desktop.services.compare_commands import ChangeLink, CreateLink

        # What is stored now, not what the view saw: a second change may come before the
        # view is refreshed from the first.
        stored = link_between(self.runner.reader, *view.anchors(pair))
        if stored is None:
            command = CreateLink(self.runner, view.study_set_id, view.anchors(pair), fields, text)
            self.runner.push(command)
        elif stored.fields != fields:
            self.runner.push(ChangeLink(self.runner, stored.id, stored.fields, fields, text))

    def confirm(self, view: CompareView, pair: ComparePair) -> None:
        status = "manual" if pair.status == "manual" else "confirmed"
        self._store(view, pair, LinkFields(status, pair.stance, pair.note), "Confirm Link")

    def break_link(self, view: CompareView, pair: ComparePair) -> None:
        """A suggestion or confirmed link becomes "broken" (never suggested again); a link
        made by hand is removed."""
        from desktop.services.compare_commands import DeleteLink

        if pair.status == "manual" and pair.link_id is not None:
            fields = LinkFields(pair.status, pair.stance, pair.note)
            self.runner.push(
                DeleteLink(
                    self.runner,
                    view.study_set_id,
                    pair.link_id,
                    view.anchors(pair),
                    fields,
                    "Break Link",
                )
            )
            return
        self._store(view, pair, LinkFields("broken", pair.stance, pair.note), "Break Link")

    def link(self, view: CompareView, left: SentenceRef, right: SentenceRef) -> None:
        """Link two sentences by hand; a link either of them was in is broken first (one
        macro, one Undo)."""
        if any(p.left == left and p.right == right for p in view.pairs):
            return
        from desktop.services.compare_commands import CreateLink

        stack = self.runner.undo_stack
        stack.beginMacro("Link Sentences")
        try:
            for pair in view.pairs:
                if pair.left == left or pair.right == right:
                    self.break_link(view, pair)
            anchors = view.anchors(ComparePair(left, right, "manual", None, "", None, None))
            self.runner.push(
                CreateLink(
                    self.runner,
                    view.study_set_id,
                    anchors,
                    LinkFields("manual"),
                    "Link Sentences",
                )
            )
        finally:
            stack.endMacro()

    def mark(self, view: CompareView, pair: ComparePair, stance: str | None, note: str) -> None:
        """Set the pair's stance ("agree", "disagree", "different focus" or None) and note;
        a suggestion so marked is confirmed."""
        status = "confirmed" if pair.status == "suggested" else pair.status
        text = "Edit Compare Note" if stance == pair.stance and note != pair.note else "Mark Stance"
        self._store(view, pair, LinkFields(status, stance, note), text)
