"""One owner per open text: every editor that shows a note (or the answer draft) edits the
same QTextDocument, so two views of one note can never hold different text.

Like novelWriter's single document per item: the Notes panel and the Notes tab may both show
a note; each has its own cursor, but the text, its typing undo and its pending save are the
document's. Saves read the document when they run, and store it only if the database still
holds the text this document started from (compare-and-set); if something else changed it
meanwhile, the typed text is kept as a copy beside it and the student is told.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextDocument

from desktop.services.changes import ChangeRunner

# A text is named by its kind and id: ("note", 12), ("draft", 3); also its autosave key.
TextKey = tuple[str, int]
# load(key) -> the stored text; store(key, text, expected) -> a message for the student if
# the text had to be kept elsewhere (a conflict), else None.
Loader = Callable[[TextKey], str]
Storer = Callable[[TextKey, str, str], str | None]
# Makes an empty document; the window passes one with the plain-text layout its editors use,
# so a long text is laid out once, not once by a default layout and again by the editor.
DocumentFactory = Callable[[QObject], QTextDocument]


@dataclass
class _OpenText:
    document: QTextDocument
    stored: str  # what the database holds, as far as this document knows
    users: int = 0


class OpenTexts(QObject):
    def __init__(
        self,
        runner: ChangeRunner,
        load: Loader,
        store: Storer,
        new_document: DocumentFactory = QTextDocument,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._new_document = new_document
        self._runner = runner
        self._load = load
        self._store = store
        self._open: dict[TextKey, _OpenText] = {}

    def acquire(self, key: TextKey) -> QTextDocument:
        """The one document for ``key``; release it when the editor shows something else."""
        entry = self._open.get(key)
        if entry is None:
            stored = self._load(key)
            document = self._new_document(self)
            document.setPlainText(stored)
            document.setModified(False)
            document.contentsChanged.connect(lambda: self._edited(key))
            entry = self._open[key] = _OpenText(document, stored)
        entry.users += 1
        return entry.document

    def release(self, key: TextKey) -> None:
        entry = self._open.get(key)
        if entry is None:
            return
        entry.users -= 1
        if entry.users <= 0:
            self._runner.autosave.flush(key)
            if not self._runner.autosave.is_pending(key):  # else keep it until it is saved
                self._close(key)

    def _close(self, key: TextKey) -> None:
        entry = self._open.pop(key, None)
        if entry is not None:
            entry.document.deleteLater()

    def reload(self, key: TextKey) -> None:
        """The stored text changed by another route: show it, unless the student has typed
        something not yet saved (then the save's compare-and-set decides)."""
        entry = self._open.get(key)
        if entry is None or self._runner.autosave.is_pending(key):
            return
        entry.stored = self._load(key)
        if entry.stored != entry.document.toPlainText():
            entry.document.setPlainText(entry.stored)
            self._runner.autosave.cancel(key)  # that was a load, not an edit

    def reload_all(self) -> None:
        """The whole library was replaced (a backup restored): every open text reloads."""
        for key in list(self._open):
            self.reload(key)

    def _edited(self, key: TextKey) -> None:
        self._runner.autosave.schedule(key, lambda: self._save(key))

    def _save(self, key: TextKey) -> None:
        entry = self._open.get(key)
        if entry is None:
            return
        text = entry.document.toPlainText()
        if text == entry.stored:
            return
        conflict = self._store(key, text, entry.stored)
        if conflict is None:
            entry.stored = text
            if entry.users <= 0:  # its editors let go while the save was failing
                self._close(key)
            return
        # The database holds someone else's newer text: show that here; ours was kept as a copy.
        entry.stored = self._load(key)
        entry.document.setPlainText(entry.stored)
        self._runner.autosave.cancel(key)
        self._runner.failed.emit(conflict)
