"""Text from study sets and notes never loads anything when shown, previewed or printed, and
links in notes open only after the user says yes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from desktop.summary.paper import PageSetup, make_document
from desktop.ui.dialogs import messages
from desktop.ui.notes.markdown_edit import MarkdownEdit

HOSTILE = (
    '<img src="http://example.invalid/tracker.png"> <script>alert(1)</script>\n\n'
    "![local]({secret})\n\n"
    '<div style="background: url(http://example.invalid/bg.png)">css</div>\n\n'
    "[a file link](file:///etc/passwd) and [a web link](http://example.invalid/page)"
)


def red_secret(tmp_path: Path) -> Path:
    """A real image file: if anything read it, red would show up on screen or paper."""
    secret = tmp_path / "secret.png"
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    image.save(str(secret))
    return secret


def red_pixels(image: QImage) -> int:
    return sum(
        1
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
        if QColor(image.pixel(x, y)).red() > 200 and QColor(image.pixel(x, y)).green() < 60
    )


def test_a_note_preview_shows_no_file_and_loads_no_url(qtbot: QtBot, tmp_path: Path) -> None:
    secret = red_secret(tmp_path)
    edit = MarkdownEdit("placeholder")
    qtbot.addWidget(edit)
    edit.resize(500, 400)
    edit.set_text(HOSTILE.format(secret=secret.as_uri()) + f"\n\n<img src='{secret}'>")
    edit.show()
    shown = edit.preview.grab().toImage()  # laid out and painted, as a person would see it
    assert red_pixels(shown) == 0
    resource = edit.preview.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl(secret.as_uri())
    )
    assert resource is None or resource.size().width() <= 1  # the blank stand-in at most
    assert "alert(1)" not in edit.preview.toPlainText() or "<script" not in edit.preview.toHtml()
    web = edit.preview.loadResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl("http://example.invalid/x.png")
    )
    assert web.size().width() <= 1  # a URL is answered with the blank stand-in, never fetched


def test_the_printed_summary_document_shows_no_file(qtbot: QtBot, tmp_path: Path) -> None:
    secret = red_secret(tmp_path)
    html = f'<p>x<img src="{secret.as_uri()}"><img src="{secret}"><img src="http://example.invalid/x.png"></p>'
    document = make_document(html, PageSetup())
    page = QImage(600, 300, QImage.Format.Format_RGB32)
    page.fill(QColor("white"))
    painter = QPainter(page)
    document.drawContents(painter)
    painter.end()
    assert red_pixels(page) == 0


def test_links_in_notes_open_only_after_confirmation(qtbot: QtBot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    answers = iter([False, True])
    asked: list[str] = []

    def ask(_parent, _title, text):  # type: ignore[no-untyped-def]
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(messages, "ask_yes_no", ask)
    edit = MarkdownEdit("placeholder")
    qtbot.addWidget(edit)
    edit.set_text("[a web link](http://example.invalid/page)")
    edit.show()
    qtbot.waitExposed(edit)
    inside = QTextCursor(edit.preview.document())
    inside.setPosition(edit.preview.document().find("web link").selectionStart() + 2)
    on_link = edit.preview.cursorRect(inside).center()
    assert edit.preview.anchorAt(on_link) == "http://example.invalid/page"

    qtbot.mouseClick(edit.preview.viewport(), Qt.MouseButton.LeftButton, pos=on_link)
    assert opened == [] and "http://example.invalid/page" in asked[0]  # asked, said no
    qtbot.mouseClick(edit.preview.viewport(), Qt.MouseButton.LeftButton, pos=on_link)
    assert opened == ["http://example.invalid/page"]  # asked again, said yes
