"""What text views return for any resource a document asks for: a blank 1×1 image.

Returning nothing is not enough: Qt's image handler then loads local files by itself
(found by a test: an <img src="file:…"> in a note was read and drawn). An image that is
already "loaded" stops that, so no file and no URL is ever read when text is shown or
printed."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage


@cache
def blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image
