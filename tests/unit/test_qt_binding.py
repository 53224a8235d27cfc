"""Guards against a broken Qt binding release (see the pin in pyproject.toml)."""

import sys

from PySide6.QtGui import QTextCharFormat


def test_void_qt_methods_keep_the_reference_count_of_none() -> None:
    text_format = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(1000):
        text_format.setFontWeight(700)
    # A few references may come and go elsewhere; a leak per call would be ~1000.
    assert abs(sys.getrefcount(None) - before) < 50
