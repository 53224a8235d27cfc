"""The in-process app fixture lives in tests/conftest.py; these names stay importable here."""

from tests.conftest import Launch, quit_app

__all__ = ["Launch", "quit_app"]
