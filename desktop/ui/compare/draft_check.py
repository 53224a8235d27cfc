"""My answer against the educators, under the draft on the Question tab: a button, and what
the draft already makes of each educator's key points and of the disagreements, each point a
link to its passage. Text from the answers and the draft is escaped (plain text)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from desktop.ui.reading.links import passage_url

if TYPE_CHECKING:  # the check itself is loaded when the student asks for it
    from desktop.content.alignment_draft import DraftCheck


def _clip(text: str, width: int = 110) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def check_html(check: DraftCheck, handles: list[str]) -> str:
    parts = []
    for handle in handles:
        points = [p for p in check.points if p.handle == handle]
        made = sum(p.made for p in points)
        parts.append(
            f"<p><b>{escape(handle)}</b>: your answer makes {made} of {len(points)} "
            "key points</p><ul>"
        )
        for point in points:
            url = passage_url(
                handle, point.point.paragraph_number, point.point.start, point.point.end
            )
            mark = "✓" if point.made else "✗ not yet"
            parts.append(
                f"<li>{mark} <a href='{escape(url)}'>¶{point.point.paragraph_number}</a> "
                f"“{escape(_clip(point.point.text))}”</li>"
            )
        parts.append("</ul>")
    if check.disputes:
        parts.append("<p><b>Where they disagree</b></p><ul>")
        for dispute in check.disputes:
            entry = dispute.entry
            left = passage_url(
                entry.left_handle, entry.left.paragraph_number, entry.left.start, entry.left.end
            )
            mark = "✓ taken up" if dispute.taken_up else "✗ not yet taken up"
            parts.append(
                f"<li>{mark}: <a href='{escape(left)}'>{escape(entry.left_handle)} "
                f"¶{entry.left.paragraph_number}</a> “{escape(_clip(entry.left.text, 80))}” "
                f"against {escape(entry.right_handle)} ¶{entry.right.paragraph_number}</li>"
            )
        parts.append("</ul>")
    return "".join(parts)


class DraftCheckPanel(QWidget):
    check_requested = Signal()
    link_activated = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draft-check")
        self.button = QPushButton("Check &against the educators", self)
        self.button.setToolTip(
            "Which of each educator's key points your answer already makes (on this machine)"
        )
        note = QLabel("Nothing is sent anywhere.", self)
        self.result = QTextBrowser(self)
        self.result.setObjectName("draft-check-result")
        self.result.setOpenLinks(False)
        self.result.setOpenExternalLinks(False)
        self.result.anchorClicked.connect(self.link_activated)
        self.result.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.button.clicked.connect(self.check_requested)

    def show_check(self, check: DraftCheck, handles: list[str]) -> None:
        self.result.setHtml(check_html(check, handles))
        self.result.show()
