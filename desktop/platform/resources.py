"""Where the data Study Desk ships lives: the one module that knows.

The data is the repository's top-level resources/ folder (content/ and icons/). It is found,
in this order:

1. in a PyInstaller bundle, under sys._MEIPASS/resources (packaging/studydesk.spec);
2. in a source checkout, beside desktop/ — whether or not it is installed, so a checkout
   never reads the data of some other, older install;
3. installed (a wheel, with or without ``--user``, in a venv, editable), as the package
   ``studydesk_resources`` through importlib.resources, wherever pip put it.

Callers get real filesystem paths: an installed package is a folder on disk; should it be
importable only from a zip, its files are copied to a temporary folder once.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importlib.resources is imported only when the checkout has no resources
    from importlib.resources.abc import Traversable

EMBEDDED_STUDY_SET = "000_70d4868b37754f02.txt"
RESOURCES_PACKAGE = "studydesk_resources"


class ResourcesMissingError(RuntimeError):
    pass


def _installed_package() -> Traversable | None:
    from importlib import resources as importlib_resources

    try:
        return importlib_resources.files(RESOURCES_PACKAGE)
    except ModuleNotFoundError:
        return None


def _on_disk(root: Traversable) -> Path:
    """``root`` as a folder on disk: itself, or a copy of it when it lies in a zip."""
    if isinstance(root, Path):
        return root
    import atexit
    import shutil
    import tempfile

    copy = Path(tempfile.mkdtemp(prefix="studydesk-resources-"))
    atexit.register(shutil.rmtree, copy, ignore_errors=True)
    _copy_tree(root, copy)
    return copy


def _copy_tree(source: Traversable, target: Path) -> None:
    for item in source.iterdir():
        if item.is_dir():
            if item.name != "__pycache__":
                (target / item.name).mkdir()
                _copy_tree(item, target / item.name)
        else:
            (target / item.name).write_bytes(item.read_bytes())


def _has_data(root: Traversable) -> bool:
    return root.joinpath("content", EMBEDDED_STUDY_SET).is_file()


def _candidates() -> Iterator[Traversable]:
    """In order; the installed package is looked up only if the folders before it lack the
    data (the icon is read at start-up, and importlib.resources is slow to import)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        yield Path(bundle) / "resources"
    yield Path(__file__).resolve().parents[2] / "resources"
    package = _installed_package()
    if package is not None:
        yield package


@cache
def resources_root() -> Path:
    """The folder that holds content/ and icons/."""
    candidates: list[Traversable] = []
    for candidate in _candidates():
        candidates.append(candidate)
        if _has_data(candidate):
            return _on_disk(candidate)
    searched = ", ".join(str(candidate) for candidate in candidates)
    if _installed_package() is None:
        searched += f" (the package {RESOURCES_PACKAGE} is not installed)"
    raise ResourcesMissingError(f"Study Desk's resources are missing; looked in {searched}")


def embedded_study_set_path() -> Path:
    return resources_root() / "content" / EMBEDDED_STUDY_SET


def icon_path(name: str) -> Path:
    return resources_root() / "icons" / name
