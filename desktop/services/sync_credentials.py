"""Where a sync password comes from: the system keyring (``keyring``) when this machine has a
usable one, else nothing here — libpq then reads PGPASSWORD or ~/.pgpass itself, and the
window asks once per session. Never written to settings.ini or the library."""

from __future__ import annotations

from typing import Any

SERVICE = "Study Desk sync"


def _keyring() -> Any | None:
    """The keyring module when a real backend is there (not the 'fail' or 'null' one)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
            return None
        return keyring
    except Exception:  # noqa: BLE001 (no keyring is an ordinary situation, not an error)
        return None


def keyring_available() -> bool:
    return _keyring() is not None


def account(server_url: str) -> str:
    return server_url


def stored_password(server_url: str) -> str | None:
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        value = keyring.get_password(SERVICE, account(server_url))
    except Exception:  # noqa: BLE001 (a locked or broken keyring: ask instead)
        return None
    return str(value) if value is not None else None


def store_password(server_url: str, password: str) -> bool:
    """True when kept in the keyring; False when there is none (ask again next session)."""
    keyring = _keyring()
    if keyring is None:
        return False
    try:
        keyring.set_password(SERVICE, account(server_url), password)
    except Exception:  # noqa: BLE001
        return False
    return True
