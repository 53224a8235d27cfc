"""What the Compare helper process runs before its jobs. Qt-free: the spawned helper imports
this module (and the alignment code), never Qt."""

from __future__ import annotations

import contextlib
import os

from desktop.platform.orphan_guard import exit_with_parent

HELPER_NICENESS = 10  # below the app: on a busy machine the window gets the core first


def begin_helper(parent_pid: int) -> None:
    """In the helper process, before its first job: give way to the app (its GUI thread must
    answer within a frame while the helper aligns), and end with the app."""
    if hasattr(os, "nice"):  # not on Windows
        with contextlib.suppress(OSError):
            os.nice(HELPER_NICENESS)
    exit_with_parent(parent_pid)


def load_alignment_code() -> None:
    """In the helper: import what aligning needs (a second or two), before it is asked to."""
    import desktop.services.compare_data  # noqa: F401, PLC0415
