"""The in-process app fixture lives in tests/conftest.py; these names stay importable here."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.conftest import Launch, quit_app
from tests.study_files import ACCEPTED_VARIANTS, write_variant

__all__ = ["Launch", "quit_app"]


@pytest.fixture
def three_educators_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A study set of the seed's answers and a third educator's, the file File › Open… is
    answered with (the file dialog is the platform's own)."""
    data, _encoding = ACCEPTED_VARIANTS["three-educators"]
    chosen = write_variant(tmp_path, "three", data)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen), ""))
    return chosen
