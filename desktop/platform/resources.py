"""Where the data Study Desk ships lives: the one module that knows.

Three layouts are supported: a source checkout (resources/ beside desktop/), an installed
wheel (under sys.prefix/share/studydesk), and a PyInstaller bundle (under sys._MEIPASS).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

EMBEDDED_STUDY_SET = "000_70d4868b37754f02.txt"


class ResourcesMissingError(RuntimeError):
    pass


def _candidates() -> list[Path]:
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parents[2] / "resources")
    candidates.append(Path(sys.prefix) / "share" / "studydesk" / "resources")
    return candidates


@cache
def resources_root() -> Path:
    for candidate in _candidates():
        if (candidate / "content" / EMBEDDED_STUDY_SET).is_file():
            return candidate
    searched = ", ".join(str(path) for path in _candidates())
    raise ResourcesMissingError(f"Study Desk's resources are missing; looked in {searched}")


def embedded_study_set_path() -> Path:
    return resources_root() / "content" / EMBEDDED_STUDY_SET


def icon_path(name: str) -> Path:
    return resources_root() / "icons" / name
